/**
 * The emulator in-process: an `HttpClient` that serves every request with the emulator's app, in the
 * caller's fiber, with no socket. The fastest way to test a client, and the only one where a
 * `TestClock` drives job lifecycles, rate-limit windows and delays.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { EmulatorControl } from "./Control.js"
import { make } from "./Emulator.js"
import type { EmulatorOptions } from "./EmulatorOptions.js"
import type { InvalidOptions } from "./Errors.js"
import type { EmulatorApp } from "./http/App.js"

/**
 * The base URL to configure a client with in-process. Any URL works (the host is never resolved);
 * this one is loopback, so core's client accepts it over plain http.
 *
 * @since 0.1.0
 * @category constants
 */
export const InProcessUrl = "http://localhost/client/v4"

/** A copy backed by a plain `ArrayBuffer`, which is what `BodyInit` accepts. */
const bytes = (data: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(data)

const concat = (chunks: Chunk.Chunk<Uint8Array>): Uint8Array<ArrayBuffer> => {
  const parts = Chunk.toReadonlyArray(chunks)
  const out = new Uint8Array(parts.reduce((size, part) => size + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/** The request body as the web `Request` wants it. */
const bodyOf = (
  request: HttpClientRequest.HttpClientRequest
): Effect.Effect<BodyInit | undefined, HttpClientError.RequestError> => {
  const body = request.body
  switch (body._tag) {
    case "Empty":
      return Effect.succeed(undefined)
    case "Uint8Array":
      return Effect.succeed(bytes(body.body))
    case "FormData":
      return Effect.succeed(body.formData)
    case "Raw":
      return typeof body.body === "string"
        ? Effect.succeed(body.body)
        : body.body instanceof Uint8Array
        ? Effect.succeed(bytes(body.body))
        : Effect.fail(
          new HttpClientError.RequestError({ request, reason: "Encode", description: "unsupported raw body" })
        )
    case "Stream":
      return Stream.runCollect(body.stream).pipe(
        Effect.map(concat),
        Effect.mapError((cause) => new HttpClientError.RequestError({ request, reason: "Encode", cause }))
      )
  }
}

/** What a reset socket looks like to a client: the request failed in transport. */
const resetError = (request: HttpClientRequest.HttpClientRequest) =>
  new HttpClientError.RequestError({
    request,
    reason: "Transport",
    cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
    description: "the emulator reset the connection"
  })

/**
 * An `HttpClient` that serves every request with the emulator's app, in the caller's fiber: no
 * socket, and the caller's `Clock` (so `TestClock` drives job lifecycles, rate-limit windows and
 * delays). Requests go through the web `Request`/`Response` conversions a real server would apply.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeHttpClient = (app: EmulatorApp): HttpClient.HttpClient =>
  HttpClient.make((request, url, signal) =>
    Effect.gen(function*() {
      const body = yield* bodyOf(request)
      const webRequest = new Request(url, {
        method: request.method,
        headers: request.headers,
        signal,
        ...(body === undefined || request.method === "GET" || request.method === "HEAD" ? {} : { body })
      })
      const response = yield* app.pipe(
        Effect.provideService(HttpServerRequest.HttpServerRequest, HttpServerRequest.fromWeb(webRequest)),
        Effect.catchTag("ConnectionReset", () => Effect.fail(resetError(request)))
      )
      // A scripted status the web `Response` cannot carry (outside 200-599) fails like a broken exchange.
      const webResponse = yield* Effect.try({
        try: () => HttpServerResponse.toWeb(response, { withoutBody: request.method === "HEAD" }),
        catch: (cause) =>
          new HttpClientError.RequestError({
            request,
            reason: "Transport",
            cause,
            description: `the in-process transport cannot carry a ${response.status} response`
          })
      })
      return HttpClientResponse.fromWeb(request, webResponse)
    })
  )

/**
 * The emulator in-process: an `HttpClient` that reaches it (point a client at `InProcessUrl`) and
 * its `EmulatorControl`. Each build of the layer is a fresh emulator.
 *
 * @example
 * ```ts
 * import { BulkJobs } from "@cfbulk/core"
 * import { Defaults, EmulatorControl, Fault, InProcessUrl, layer } from "@cfbulk/emulator"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * // The real client on an in-process emulator with 200 seeded jobs: no socket, no network.
 * const TestLive = BulkJobs.layer({
 *   credentials: { _tag: "ApiToken", token: Redacted.make(Defaults.token) },
 *   accountId: Defaults.accountId,
 *   baseUrl: InProcessUrl
 * }).pipe(Layer.provideMerge(layer({ jobs: 200, seed: 7 })))
 *
 * const program = Effect.gen(function*() {
 *   const jobs = yield* BulkJobs
 *   const control = yield* EmulatorControl
 *   // The next request gets Cloudflare's HTML 502 page: the client retries it.
 *   yield* control.enqueue(Fault.BadGateway())
 *   const page = yield* jobs.listPage({ per_page: 50 })
 *   return { jobs: page.items.length, requests: yield* control.requestCount }
 * })
 *
 * Effect.runPromise(program.pipe(Effect.provide(TestLive))).then(console.log)
 * // Output: { jobs: 50, requests: 2 }
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: EmulatorOptions = {}
): Layer.Layer<HttpClient.HttpClient | EmulatorControl, InvalidOptions> =>
  Layer.effectContext(
    Effect.map(make(options), (emulator) =>
      Context.make(EmulatorControl, emulator.control).pipe(
        Context.add(HttpClient.HttpClient, makeHttpClient(emulator.app))
      ))
  )
