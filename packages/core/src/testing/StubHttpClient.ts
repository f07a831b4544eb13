/**
 * An `HttpClient` that answers from a function instead of the network, with helpers that build
 * Cloudflare's answers (envelopes, pages, failures, broken connections). Run the real client on it
 * to test behaviour at the HTTP level. Import it as `StubHttpClient` from `@cfbulk/core/testing`.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/**
 * A request as the stub sees it: already built by the client, body parsed as JSON when there is one.
 *
 * @since 0.1.0
 * @category models
 */
export interface StubRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
  readonly request: HttpClientRequest.HttpClientRequest
}

/**
 * Answers one request: a web `Response`, or a transport failure (see {@link connectionRefused}).
 *
 * @since 0.1.0
 * @category models
 */
export type StubHandler = (
  request: StubRequest
) => Response | Effect.Effect<Response, HttpClientError.HttpClientError>

const readBody = (request: HttpClientRequest.HttpClientRequest): unknown => {
  if (request.body._tag !== "Uint8Array") return undefined
  const text = new TextDecoder().decode(request.body.body)
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * An `HttpClient` that never touches the network: every request goes to `handler`. Use it under
 * `BulkJobs.layer(config)` to run the real client (auth, envelope, retries, paging) on canned answers.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (handler: StubHandler): HttpClient.HttpClient =>
  HttpClient.make((request, url) => {
    const answer = handler({
      method: request.method,
      url,
      headers: request.headers,
      body: readBody(request),
      request
    })
    return Effect.map(
      Effect.isEffect(answer) ? answer : Effect.succeed(answer),
      (response) => HttpClientResponse.fromWeb(request, response)
    )
  })

/**
 * The stub as the `HttpClient` layer, to provide under `BulkJobs.layer(config)`.
 *
 * @example
 * ```ts
 * import { BulkJobs, toWire } from "@cfbulk/core"
 * import { makeTestJobs, StubHttpClient } from "@cfbulk/core/testing"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * // Every listing request gets the same page of two jobs.
 * const stub = StubHttpClient.layer((request) =>
 *   request.method === "GET"
 *     ? StubHttpClient.page(toWire(makeTestJobs(2)), 1000)
 *     : StubHttpClient.failure(405, [{ code: 7001, message: "Method not allowed" }])
 * )
 *
 * const TestLive = BulkJobs.layer({
 *   credentials: { _tag: "ApiToken", token: Redacted.make("test-token") },
 *   accountId: "023e105f4ecef8ad9ca31a8372d0c353"
 * }).pipe(Layer.provide(stub))
 *
 * const program = Effect.gen(function*() {
 *   const jobs = yield* BulkJobs
 *   const page = yield* jobs.listPage()
 *   return page.items.map((job) => job.comment)
 * })
 *
 * Effect.runPromise(program.pipe(Effect.provide(TestLive))).then(console.log)
 * // Output: [ 'test job 2', 'test job 1' ]
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (handler: StubHandler): Layer.Layer<HttpClient.HttpClient> =>
  Layer.succeed(HttpClient.HttpClient, make(handler))

/**
 * A JSON answer.
 *
 * @since 0.1.0
 * @category responses
 */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })

/**
 * The success envelope of a single object.
 *
 * @since 0.1.0
 * @category responses
 */
export const single = (result: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  json(status, { success: true, errors: [], messages: [], result }, headers)

/**
 * The success envelope of one page of a listing, with `result_info` as the current API sends it.
 *
 * @since 0.1.0
 * @category responses
 */
export const page = (
  items: ReadonlyArray<unknown>,
  perPage: number,
  headers: Record<string, string> = {}
): Response =>
  json(200, {
    success: true,
    errors: [],
    messages: [],
    result: items,
    result_info: {
      count: items.length,
      per_page: perPage,
      total_count: 0,
      page: 0,
      next: null,
      previous: null
    }
  }, headers)

/**
 * The failure envelope with Cloudflare's `errors[]`.
 *
 * @since 0.1.0
 * @category responses
 */
export const failure = (
  status: number,
  errors: ReadonlyArray<{ readonly code: number; readonly message: string }>,
  headers: Record<string, string> = {}
): Response => json(status, { success: false, errors, messages: [], result: null }, headers)

const transportFailure = (request: StubRequest, message: string, code: string) =>
  Effect.fail(
    new HttpClientError.RequestError({
      request: request.request,
      reason: "Transport",
      cause: new Error(message, { cause: { code } })
    })
  )

/**
 * A connection that never opened (as Node reports `ECONNREFUSED`): the request certainly did not leave.
 *
 * @since 0.1.0
 * @category responses
 */
export const connectionRefused = (
  request: StubRequest
): Effect.Effect<never, HttpClientError.HttpClientError> =>
  transportFailure(request, "connect ECONNREFUSED", "ECONNREFUSED")

/**
 * A connection reset after the request was sent: the server may have acted on it.
 *
 * @since 0.1.0
 * @category responses
 */
export const connectionReset = (
  request: StubRequest
): Effect.Effect<never, HttpClientError.HttpClientError> =>
  transportFailure(request, "socket hang up", "ECONNRESET")
