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
import { type EmulatorError, ListenError } from "./Errors.js"
import type { EmulatorApp } from "./http/App.js"
import { type EmulatorOptions, resolveOptions } from "./Options.js"
import { type PromiseControl, promiseControl } from "./PromiseControl.js"

/** An emulator serving on loopback. */
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

/** The loopback emulator for plain async code. */
export interface EmulatorServer extends Omit<RunningEmulator, "control"> {
  readonly control: PromiseControl
  /** Stops listening; resolves once the server has closed. */
  readonly close: () => Promise<void>
}

/** `start` as a Promise: rejects with an `EmulatorError` when the options are invalid or the port is taken. */
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
