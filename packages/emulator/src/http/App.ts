/**
 * The whole emulator as one HTTP app: routing, authentication, the rate limit, scripted and random
 * faults, latency and the request log. Every transport (in-process, loopback server) serves this app.
 *
 * @since 0.1.0
 */
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type { EmulatorTime } from "../EmulatorTime.js"
import { ConnectionReset } from "../Errors.js"
import { failureEnvelope } from "../wire/Envelope.js"
import { apiFailure, noRoute } from "./ApiFailure.js"
import { ErrorCodes } from "./ErrorCodes.js"
import type { FaultQueue } from "./FaultQueue.js"
import { BadGatewayHtml, createdJobHiddenFor, Fault, randomFault } from "./Faults.js"
import type { Budget, RequestBudget } from "./RequestBudget.js"
import { rateLimitHeaders } from "./RequestBudget.js"
import { currentSequence, type RequestLog } from "./RequestLog.js"
import { failureResponse, jsonResponse } from "./Respond.js"
import { allowedMethods, makeRoutes, type RouteDependencies } from "./Routes.js"

/**
 * The whole emulator as one HTTP app: every transport serves exactly this.
 *
 * @since 0.1.0
 * @category models
 */
export type EmulatorApp = Effect.Effect<
  HttpServerResponse.HttpServerResponse,
  ConnectionReset,
  HttpServerRequest.HttpServerRequest
>

/**
 * What the app is built on: the job store, the clock, the rate limiter, the fault queue, the request
 * log and the settings they use. Its parts come from modules that `@cfbulk/emulator` does not export:
 * `make` builds them all, so most code never builds an app by hand.
 *
 * @since 0.1.0
 * @category internal
 */
export interface AppDependencies extends RouteDependencies {
  readonly time: EmulatorTime
  readonly limiter: RequestBudget
  readonly faults: FaultQueue
  readonly log: RequestLog
  readonly seed: number
  readonly failRate: number
  readonly latency: number
}

/** Statuses HTTP forbids a body on (the web `Response` refuses to build one). */
const NullBodyStatuses = new Set([101, 204, 205, 304])

const rateLimited = (retryAfter: number) =>
  failureResponse(
    apiFailure(
      429,
      ErrorCodes.RateLimited,
      "Rate limited: the account has exhausted its API request budget; please wait and consider throttling your request speed"
    )
  ).pipe(HttpServerResponse.setHeader("retry-after", String(retryAfter)))

const serverError = (status: 500 | 503) =>
  jsonResponse(
    status,
    failureEnvelope([
      status === 500
        ? { code: ErrorCodes.InternalError, message: "Internal server error" }
        : { code: ErrorCodes.Unavailable, message: "Service temporarily unavailable, please try again later" }
    ])
  )

/** Cuts a response's body after `bytes` (default half), keeping its status and headers. */
const truncate = (response: HttpServerResponse.HttpServerResponse, bytes: number | undefined) => {
  const body = response.body
  if (body._tag !== "Uint8Array") return response
  const cut = Math.max(0, Math.min(bytes ?? Math.floor(body.body.length / 2), body.body.length - 1))
  return HttpServerResponse.uint8Array(body.body.slice(0, cut), {
    status: response.status,
    headers: response.headers,
    contentType: body.contentType
  })
}

/** Adds the rate-limit headers, unless the response (a scripted fault) already has its own. */
const withRateLimitHeaders = (
  response: HttpServerResponse.HttpServerResponse,
  budget: Budget | undefined
) => {
  if (budget === undefined) return response
  const missing = Object.entries(rateLimitHeaders(budget)).filter(([name]) =>
    response.headers[name] === undefined
  )
  return missing.length === 0
    ? response
    : HttpServerResponse.setHeaders(response, Object.fromEntries(missing))
}

/**
 * Builds the HTTP app on its dependencies. Scripted faults are served first, then the rate limit,
 * then random faults; every request is logged.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeApp = (deps: AppDependencies): EmulatorApp => {
  const routes = makeRoutes(deps)

  /** The API's own answer: the routes, 404 for unknown paths, 405 for known paths and other methods. */
  const answer = routes.pipe(
    Effect.catchTag("RouteNotFound", (error) => {
      const allowed = allowedMethods(error.request.url)
      // A path that looks like a resource but could not be routed (bad percent-encoding) is no route either.
      return Effect.succeed(
        allowed === undefined || allowed.split(", ").includes(error.request.method)
          ? failureResponse(noRoute())
          : failureResponse(
            apiFailure(
              405,
              ErrorCodes.MethodNotAllowed,
              `Method ${error.request.method} not allowed for this endpoint`
            )
          ).pipe(HttpServerResponse.setHeader("allow", allowed))
      )
    }),
    // Nothing the client sends may bring the emulator down: a defect becomes a 500 envelope.
    Effect.catchAllDefect((defect) =>
      Effect.as(Effect.logError("the emulator failed on a request", defect), serverError(500))
    )
  )

  /** The answer, unless the budget is exhausted. */
  const limited = (budget: Budget | undefined) =>
    budget !== undefined && !budget.allowed ? Effect.succeed(rateLimited(budget.resetSeconds)) : answer

  const serveFault = (
    fault: Fault,
    budget: Budget | undefined
  ): Effect.Effect<
    HttpServerResponse.HttpServerResponse,
    ConnectionReset,
    HttpServerRequest.HttpServerRequest
  > =>
    Fault.$match(fault, {
      Status: ({ body, headers, status }) =>
        Effect.succeed(
          NullBodyStatuses.has(status)
            ? HttpServerResponse.empty({ status, headers })
            : HttpServerResponse.text(body ?? "", {
              status,
              headers,
              contentType: headers?.["content-type"] ?? "application/json"
            })
        ),
      ServerError: ({ status }) => Effect.succeed(serverError(status)),
      BadGateway: () =>
        Effect.succeed(HttpServerResponse.text(BadGatewayHtml, { status: 502, contentType: "text/html" })),
      Truncate: ({ bytes }) => Effect.map(limited(budget), (response) => truncate(response, bytes)),
      Reset: () => Effect.fail(new ConnectionReset()),
      Delay: ({ millis }) => Effect.zipRight(Effect.sleep(Duration.millis(millis)), limited(budget)),
      RateLimited: ({ retryAfter }) => Effect.succeed(rateLimited(retryAfter)),
      LoseAnswer: ({ as, visibleAfterMillis }) =>
        Effect.zipRight(
          Effect.locally(limited(budget), createdJobHiddenFor, visibleAfterMillis ?? 0),
          as === "Reset" ? Effect.fail(new ConnectionReset()) : Effect.succeed(serverError(503))
        )
    })

  return Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const sequence = yield* deps.log.next
    const timestamp = yield* deps.time.now
    const budget = yield* deps.limiter.hit(timestamp)
    // Scripted faults come first, then the rate limit, then random faults.
    const scripted = yield* deps.faults.take(request.method, request.url)
    const fault = scripted ??
      (budget?.allowed === false ? undefined : randomFault(deps.seed, sequence, deps.failRate))
    const entry = { sequence, method: request.method, path: request.url, timestamp, fault: fault?._tag }
    if (deps.latency > 0) yield* Effect.sleep(Duration.millis(deps.latency))
    const response = yield* (fault === undefined ? limited(budget) : serveFault(fault, budget)).pipe(
      Effect.locally(currentSequence, sequence),
      Effect.tapError(() => deps.log.record({ ...entry, status: null }))
    )
    yield* deps.log.record({ ...entry, status: response.status })
    return withRateLimitHeaders(response, budget)
  })
}
