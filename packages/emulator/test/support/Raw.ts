import type * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { Defaults, InProcessUrl } from "../../src/index.js"

/** The bulk-jobs path of the default account, relative to the API base. */
export const JobsPath = `/accounts/${Defaults.accountId}/email-security/investigate/bulk`

/** Investigate move and release of the default account, relative to the API base. */
export const MovePath = `/accounts/${Defaults.accountId}/email-security/investigate/move`
export const ReleasePath = `/accounts/${Defaults.accountId}/email-security/investigate/release`

export const TokenHeader = { authorization: `Bearer ${Defaults.token}` }

export interface RawResponse {
  readonly status: number
  readonly headers: Headers.Headers
  readonly text: string
  /** The body parsed as JSON (throws on a body that is not: tests expect JSON where they call it). */
  readonly json: () => unknown
}

export interface RawOptions {
  /** Headers to send; default: the emulator's API token. */
  readonly headers?: Readonly<Record<string, string>> | undefined
  readonly body?: string | undefined
  /** Base URL (default: in-process). */
  readonly baseUrl?: string | undefined
}

/** One plain HTTP exchange with the emulator, through whatever `HttpClient` the test provides. */
export const send = (
  method: "GET" | "POST" | "DELETE" | "PUT" | "PATCH",
  path: string,
  options: RawOptions = {}
) =>
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    const base = HttpClientRequest.make(method)(`${options.baseUrl ?? InProcessUrl}${path}`).pipe(
      HttpClientRequest.setHeaders(options.headers ?? TokenHeader)
    )
    const request = options.body === undefined
      ? base
      : HttpClientRequest.bodyText(base, options.body, "application/json")
    const response = yield* client.execute(request)
    const text = yield* response.text
    const result: RawResponse = {
      status: response.status,
      headers: response.headers,
      text,
      json: (): unknown => JSON.parse(text)
    }
    return result
  })

const JsonObject = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/** A listing page as plain JSON objects, to look at fields exactly as sent. */
export const RawPage = Schema.Struct({ result: Schema.Array(JsonObject), result_info: JsonObject })
export type RawPage = typeof RawPage.Type

export const decodeRawPage = Schema.decodeUnknownSync(RawPage)

/** A single-result envelope as a plain JSON object. */
export const RawSingle = Schema.Struct({ result: JsonObject })
export const decodeRawSingle = Schema.decodeUnknownSync(RawSingle)

/** A single envelope whose result is an array (move, release), as plain JSON objects. */
export const RawList = Schema.Struct({ result: Schema.Array(JsonObject) })
export const decodeRawList = Schema.decodeUnknownSync(RawList)
