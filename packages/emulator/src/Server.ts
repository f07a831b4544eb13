/**
 * The emulator on a loopback HTTP server, for tests and tools that need a URL: `start` in a `Scope`
 * for Effect code, `startServer` as a Promise for any other code.
 *
 * @since 0.1.0
 */
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Scope from "effect/Scope"
import * as Http from "node:http"
import type { EmulatorControlService } from "./Control.js"
import { makeFromResolved } from "./Emulator.js"
import { type EmulatorOptions, resolveOptions } from "./EmulatorOptions.js"
import { type EmulatorError, ListenError } from "./Errors.js"
import type { EmulatorApp } from "./http/App.js"
import { type PromiseControl, promiseControl } from "./PromiseControl.js"

/**
 * An emulator serving on loopback: where to reach it, the credentials it accepts, and its controls.
 *
 * @since 0.1.0
 * @category models
 */
export interface RunningEmulator {
  /** The API base URL, e.g. `http://127.0.0.1:8787/client/v4`: give it to a client as its base URL. */
  readonly url: string
  readonly host: string
  readonly port: number
  readonly accountId: string
  readonly token: string
  readonly email: string
  readonly apiKey: string
  readonly control: EmulatorControlService
}

/** A reset fault destroys the socket: the client sees the connection drop mid-request. */
const onSocket = (app: EmulatorApp) =>
  Effect.catchTag(
    app,
    "ConnectionReset",
    () =>
      Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) =>
        Effect.sync(() => {
          NodeHttpServerRequest.toIncomingMessage(request).socket.destroy()
          return HttpServerResponse.empty({ status: 500 })
        }))
  )

/** How a URL names the host: IPv6 literals go in brackets. */
const urlHost = (host: string): string => host.includes(":") ? `[${host}]` : host

/**
 * Serves the emulator on `host:port` (default `127.0.0.1`, any free port) until the scope closes;
 * only a loopback host is accepted.
 * Requests run with the caller's services: under a `TestClock` the server's clock is the test's.
 *
 * @example
 * ```ts
 * import { BulkJobs } from "@cfbulk/core"
 * import { start } from "@cfbulk/emulator"
 * import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * const program = Effect.scoped(
 *   Effect.gen(function*() {
 *     // 127.0.0.1, any free port; the server stops when the scope closes.
 *     const emulator = yield* start({ jobs: 10 })
 *     const client = BulkJobs.layer({
 *       credentials: { _tag: "ApiToken", token: Redacted.make(emulator.token) },
 *       accountId: emulator.accountId,
 *       baseUrl: emulator.url
 *     }).pipe(Layer.provide(FetchHttpClient.layer))
 *     const page = yield* Effect.provide(Effect.flatMap(BulkJobs, (jobs) => jobs.listPage()), client)
 *     return page.items.length
 *   })
 * )
 *
 * Effect.runPromise(program).then(console.log)
 * // Output: 10
 * ```
 *
 * @since 0.1.0
 * @category server
 */
export const start = (
  options: EmulatorOptions = {}
): Effect.Effect<RunningEmulator, EmulatorError, Scope.Scope> =>
  Effect.gen(function*() {
    const resolved = yield* resolveOptions(options)
    const emulator = yield* makeFromResolved(resolved)
    const server = yield* NodeHttpServer.make(() => Http.createServer(), {
      port: resolved.port,
      host: resolved.host
    }).pipe(Effect.mapError((error) =>
      new ListenError({ host: resolved.host, port: resolved.port, cause: error.cause })
    ))
    yield* server.serve(onSocket(emulator.app))
    // The address actually bound: `localhost` may have resolved to 127.0.0.1 or to ::1.
    const { host, port } = server.address._tag === "TcpAddress"
      ? { host: server.address.hostname, port: server.address.port }
      : { host: resolved.host, port: resolved.port }
    return {
      url: `http://${urlHost(host)}:${port}/client/v4`,
      host,
      port,
      accountId: resolved.accountId,
      token: resolved.token,
      email: resolved.email,
      apiKey: resolved.apiKey,
      control: emulator.control
    }
  })

/**
 * The loopback emulator for plain async code: its controls return Promises, and `close` stops it.
 *
 * @since 0.1.0
 * @category models
 */
export interface EmulatorServer extends Omit<RunningEmulator, "control"> {
  readonly control: PromiseControl
  /** Stops listening; resolves once the server has closed. */
  readonly close: () => Promise<void>
}

/**
 * `start` as a Promise: rejects with an `EmulatorError` when the options are invalid or the port is taken.
 *
 * @example
 * ```ts
 * import { Fault, startServer } from "@cfbulk/emulator"
 *
 * const main = async () => {
 *   const server = await startServer({ jobs: 50 })
 *   try {
 *     // The next request is rate limited; give any HTTP client `server.url` as its base URL.
 *     await server.control.enqueue(Fault.RateLimited({ retryAfter: 30 }))
 *     const response = await fetch(`${server.url}/accounts/${server.accountId}/email-security/investigate/bulk`, {
 *       headers: { authorization: `Bearer ${server.token}` }
 *     })
 *     console.log(response.status, response.headers.get("retry-after"))
 *   } finally {
 *     await server.close()
 *   }
 * }
 *
 * main()
 * // Output: 429 30
 * ```
 *
 * @since 0.1.0
 * @category server
 */
export const startServer = async (options: EmulatorOptions = {}): Promise<EmulatorServer> => {
  const scope = Effect.runSync(Scope.make())
  const close = () => Effect.runPromise(Scope.close(scope, Exit.void))
  const exit = await Effect.runPromiseExit(Scope.extend(start(options), scope))
  if (Exit.isFailure(exit)) {
    await close()
    throw Cause.squash(exit.cause)
  }
  const running = exit.value
  return { ...running, control: promiseControl(running.control), close }
}
