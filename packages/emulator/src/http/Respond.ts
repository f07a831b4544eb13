import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { failureEnvelope } from "../wire/Envelope.js"
import type { ApiFailure } from "./ApiFailure.js"

/** A JSON response from an already serialised body. */
export const jsonResponse = (
  status: number,
  body: string | Uint8Array,
  headers?: Readonly<Record<string, string>>
) =>
  typeof body === "string"
    ? HttpServerResponse.text(body, { status, contentType: "application/json", headers })
    : HttpServerResponse.uint8Array(body, { status, contentType: "application/json", headers })

/** The failure envelope of an `ApiFailure`, with its status and headers. */
export const failureResponse = (failure: ApiFailure) =>
  jsonResponse(failure.status, failureEnvelope(failure.errors), failure.headers)
