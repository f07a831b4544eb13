import type { ApiMessage } from "@cfbulk/core"
import * as Data from "effect/Data"
import { ErrorCodes } from "./ErrorCodes.js"

export type ApiMessageEncoded = typeof ApiMessage.Encoded

/** A 4xx the API answers with its failure envelope. Endpoints fail with it; `Respond` renders it. */
export class ApiFailure extends Data.TaggedError("ApiFailure")<{
  readonly status: number
  readonly errors: ReadonlyArray<ApiMessageEncoded>
  readonly headers?: Readonly<Record<string, string>> | undefined
}> {}

export const apiFailure = (
  status: number,
  code: number,
  message: string,
  pointer?: string
): ApiFailure =>
  new ApiFailure({
    status,
    errors: [pointer === undefined ? { code, message } : { code, message, source: { pointer } }]
  })

export const authenticationError = () =>
  apiFailure(401, ErrorCodes.AuthenticationError, "Authentication error")

export const unauthorizedAccount = () =>
  apiFailure(403, ErrorCodes.Unauthorized, "Unauthorized to access requested resource")

export const noRoute = () => apiFailure(404, ErrorCodes.NoRoute, "No route for the URI")

export const jobNotFound = (jobId: string) =>
  apiFailure(404, ErrorCodes.JobNotFound, `Bulk action job ${jobId} not found`)
