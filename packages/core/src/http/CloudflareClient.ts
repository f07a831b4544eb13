/**
 * The low-level API client under `BulkJobs`: authentication, the response envelope, typed errors,
 * retries with backoff, and a rate-limit gate shared by every request of the client. Most
 * applications use `BulkJobs` instead; this module is for building other operations on the same
 * transport, or for providing one client to several services.
 *
 * @since 0.1.0
 */
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { makeRateLimitGate } from "../internal/RateLimitGate.js"
import { parseRateLimit, parseRetryAfter } from "../internal/RateLimitHeaders.js"
import { describeParseError, lenient, parseJson, snippet } from "../internal/ResponseBody.js"
import { announceWaitOf } from "../internal/Waits.js"
import { FailureEnvelope } from "../schema/Envelope.js"
import type { AccountId } from "../schema/Ids.js"
import { version } from "../version.js"
import { type CloudflareConfig, type Credentials, resolveConfig, type ResolvedConfig } from "./Config.js"
import {
  AuthenticationError,
  CloudflareApiError,
  type CloudflareError,
  type ConfigurationError,
  NotFoundError,
  RateLimitedError,
  type RepeatRisk,
  type RequestInfo,
  ResponseDecodeError,
  TransportError
} from "./Errors.js"

/**
 * Header names whose values never appear in a log, span or error (the platform only knows `authorization`).
 *
 * @since 0.1.0
 * @category constants
 */
export const RedactedHeaderNames: ReadonlyArray<string> = [
  "authorization",
  "x-auth-key",
  "x-auth-email",
  "cookie"
]

/**
 * One call of the API, relative to the account's Investigate path.
 *
 * @since 0.1.0
 * @category models
 */
export interface ApiRequest<A> {
  readonly method: "GET" | "POST" | "DELETE"
  /**
   * Appended to `accounts/{account_id}/email-security/investigate`, e.g. `/bulk/{job_id}/cancel` or
   * `/move`. It starts with a slash, so that it can never run into the last segment of the prefix.
   */
  readonly path: `/${string}`
  readonly query?: Readonly<Record<string, string | number | undefined>> | undefined
  readonly body?: unknown
  /** Decodes the parsed JSON of a 2xx answer (envelope included). */
  readonly decode: (json: unknown) => Either.Either<A, ParseResult.ParseError>
  /**
   * What sending the request twice would repeat (see `RepeatRisk`): `"None"` for a read, a cancel
   * or a delete; `"CreatesJob"` for a create; `"ActsOnMessages"` for a move or a release. Unless
   * `"None"`, it is sent again only when it certainly did not reach the server (a 429, or a
   * connection that never opened), and an error that leaves its outcome unknown says what to check.
   */
  readonly repeatRisk: RepeatRisk
  /** The page being fetched, named in decode errors. */
  readonly page?: number | undefined
}

/**
 * The API client: authentication, the envelope, typed errors, retries and the shared rate-limit gate.
 *
 * @since 0.1.0
 * @category models
 */
export interface CloudflareClientService {
  readonly accountId: AccountId
  readonly execute: <A>(request: ApiRequest<A>) => Effect.Effect<A, CloudflareError>
  /**
   * `execute` in two steps, for reading ahead: `fetchAnswer` sends the request (with every retry) and
   * reads the 2xx answer's text; `decodeAnswer` parses and decodes it later, and sends the request
   * again if the body turns out cut off. A paginator fetches pages ahead of time and decodes each
   * only when the stream reaches it, so pages waiting their turn are held as one string each instead
   * of thousands of objects that outlive the young generation (the listings of `BulkJobs` do this).
   */
  readonly fetchAnswer: <A>(request: ApiRequest<A>) => Effect.Effect<Answer, CloudflareError>
  /** Decodes what `fetchAnswer` read; a cut-off body is fetched again, within the retries left. */
  readonly decodeAnswer: <A>(request: ApiRequest<A>, answer: Answer) => Effect.Effect<A, CloudflareError>
}

/**
 * The text of a 2xx answer, read but not decoded yet (see `fetchAnswer` and `decodeAnswer`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Answer {
  readonly text: string
  readonly status: number
  /** Which attempt got it (0 for the first): a cut-off body found later resumes the retries from there. */
  readonly attempt: number
}

/**
 * The API client as a service: provide it with `layer`, or build one with `make`.
 *
 * @since 0.1.0
 * @category services
 */
export class CloudflareClient extends Context.Tag("@cfbulk/core/CloudflareClient")<
  CloudflareClient,
  CloudflareClientService
>() {}

/**
 * The configuration of the client (see `CloudflareConfig`), plus an optional wrapper of the
 * underlying `HttpClient`.
 *
 * @since 0.1.0
 * @category models
 */
export interface MakeOptions extends CloudflareConfig {
  /** Wraps the underlying HttpClient, e.g. to add tracing or a proxy. */
  readonly transformClient?: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
}

/** Sending it again would repeat nothing that matters. */
const resendable = (request: ApiRequest<unknown>): boolean => request.repeatRisk === "None"

const authHeaders = (credentials: Credentials): Record<string, string> =>
  credentials._tag === "ApiToken"
    ? { authorization: `Bearer ${Redacted.value(credentials.token)}` }
    : { "x-auth-email": Redacted.value(credentials.email), "x-auth-key": Redacted.value(credentials.key) }

/** Connection failures that prove the request never left: safe to retry even a create. */
const neverSentCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT"
])

const errorCodes = (error: unknown): ReadonlyArray<string> => {
  const codes: Array<string> = []
  let current: unknown = error
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    if ("code" in current && typeof current.code === "string") codes.push(current.code)
    current = "cause" in current ? current.cause : undefined
  }
  return codes
}

/** The deepest cause's message, e.g. fetch's "bad port" behind its generic "fetch failed". */
const innermostMessage = (error: unknown): string | undefined => {
  let message: string | undefined
  let current: unknown = error
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    if (depth > 0 && current instanceof Error) message = current.message
    current = "cause" in current ? current.cause : undefined
  }
  return message
}

const describeTransport = (error: HttpClientError.HttpClientError): string => {
  const codes = errorCodes(error)
  const base = error.reason === "Decode"
    ? "the connection broke while reading the answer"
    : "the request failed"
  if (codes.length > 0) return `${base} (${codes.join(", ")})`
  const innermost = innermostMessage(error)
  return innermost === undefined ? base : `${base} (${innermost})`
}

/** Why a 2xx body could not be read; `transient` when it is cut off JSON (a network accident). */
interface BodyIssue {
  readonly issue: string
  readonly transient: boolean
}

/** Turns the text of a 2xx answer, got on attempt number `attempt` (0 first), into the caller's value. */
type BodyReader<B> = (text: string, status: number, attempt: number) => Either.Either<B, BodyIssue>

const parseAndDecode = <A>(request: ApiRequest<A>): BodyReader<A> => (text) =>
  Either.flatMap(
    Either.mapLeft(parseJson(text), (issue) => ({ issue, transient: true })),
    (json) =>
      Either.mapLeft(
        request.decode(json),
        (error) => ({ issue: describeParseError(error), transient: false })
      )
  )

/** A 2xx answer that is not what the request expects. */
const unreadable = <A>(
  request: ApiRequest<A>,
  info: RequestInfo,
  status: number,
  text: string,
  issue: string
): ResponseDecodeError =>
  new ResponseDecodeError({
    request: info,
    status,
    body: snippet(text),
    issue,
    page: request.page,
    // The server answered 2xx: a create went through even if its answer is unreadable.
    outcomeUnknown: !resendable(request)
  })

/**
 * A failed attempt, and whether it may be sent again: the domain rule of which failures are safe to
 * resend lives in the code that builds these; the retry policy only reads `retry`.
 */
interface AttemptFailure {
  readonly error: CloudflareError
  /** Sending again may succeed, and is harmless for this request. */
  readonly retry: boolean
  /** A wait the server asked for (429): the rate-limit gate holds every request until it has passed. */
  readonly wait?: Duration.Duration | undefined
}

const failed = (error: CloudflareError, retry: boolean, wait?: Duration.Duration): AttemptFailure => ({
  error,
  retry,
  wait
})

/** What came back from the server, read whole; any status. */
interface Exchanged {
  readonly status: number
  readonly text: string
  readonly retryAfter: string | undefined
  readonly rateLimit: string | undefined
}

/** Why a retry waits, as the wait's announcement says it. */
const beforeRetry = (failure: AttemptFailure, retry: number): string =>
  ` before retry ${retry} of ${failure.error.request.method} ${failure.error.request.path}: ${
    outcomeOf(failure.error)
  }`

/** The longest backoff between two attempts, before jitter. */
const MaxBackoff = Duration.seconds(30)

const apiMessages = (body: string) =>
  Either.match(parseJson(body), {
    onLeft: () => [],
    onRight: (json) =>
      Either.match(Schema.decodeUnknownEither(FailureEnvelope)(json, lenient), {
        onLeft: () => [],
        onRight: (envelope) => envelope.errors
      })
  })

/** What a failed attempt looked like, for the request log: the status, or what broke. */
const outcomeOf = (error: CloudflareError): string => {
  switch (error._tag) {
    case "NotFoundError":
      return "404"
    case "RateLimitedError":
      return `429 (retry after ${Duration.format(error.retryAfter)})`
    case "TransportError":
      return error.reason === "Timeout" ? "timeout" : "connection failed"
    case "ResponseDecodeError":
      return `${error.status} unreadable body`
    default:
      return String(error.status)
  }
}

/**
 * Maps a non-2xx answer to its typed error, keeping every code and message of the failure envelope.
 * A body that is not JSON at all (the edge's HTML 502 page) is a `ResponseDecodeError` that quotes it,
 * except where the status alone says what happened (401, 403, 404).
 */
const errorFromStatus = (
  info: RequestInfo,
  status: number,
  body: string,
  resendable: boolean
): CloudflareError => {
  // A 5xx may come after the server acted: for a create, the job may exist.
  const outcomeUnknown = !resendable && status >= 500
  const errors = apiMessages(body)
  if (status === 401 || status === 403) return new AuthenticationError({ request: info, status, errors })
  if (status === 404) return new NotFoundError({ request: info, errors })
  const notJson = Either.isLeft(parseJson(body))
  if (notJson && body.trim() !== "") {
    return new ResponseDecodeError({
      request: info,
      status,
      body: snippet(body),
      issue: `a ${status} answer that is not JSON`,
      outcomeUnknown
    })
  }
  return new CloudflareApiError({ request: info, status, errors, outcomeUnknown })
}

/**
 * Builds the client from a checked configuration and an HttpClient.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeWith = (
  config: ResolvedConfig,
  httpClient: HttpClient.HttpClient
): Effect.Effect<CloudflareClientService> =>
  Effect.gen(function*() {
    const gate = yield* makeRateLimitGate(config.rateLimitReserve)
    const prefix = `accounts/${config.accountId}/email-security/investigate`
    const headers = {
      ...authHeaders(config.credentials),
      accept: "application/json",
      "user-agent": `cfbulk/${version} (+https://github.com/cfbulk/cfbulk)`
    }

    const targetOf = (request: ApiRequest<unknown>): { readonly url: URL; readonly info: RequestInfo } => {
      const url = new URL(prefix + request.path, config.baseUrl)
      for (const [key, value] of Object.entries(request.query ?? {})) {
        if (value !== undefined) url.searchParams.set(key, String(value))
      }
      return {
        url,
        info: { method: request.method, path: url.pathname + url.search, repeatRisk: request.repeatRisk }
      }
    }

    /** Sends the request and reads the whole answer; a transport failure says whether resending is safe. */
    const exchange = (
      request: ApiRequest<unknown>,
      info: RequestInfo,
      url: URL
    ): Effect.Effect<Exchanged, AttemptFailure> => {
      const base = HttpClientRequest.make(request.method)(url, { headers })
      const httpRequest = request.body === undefined
        ? base
        : HttpClientRequest.bodyUnsafeJson(base, request.body)
      return Effect.flatMap(
        httpClient.execute(httpRequest),
        (response) =>
          Effect.map(response.text, (text): Exchanged => ({
            status: response.status,
            text,
            retryAfter: response.headers["retry-after"],
            rateLimit: response.headers["ratelimit"]
          }))
      ).pipe(
        Effect.timeoutFail({
          duration: config.timeout,
          onTimeout: () =>
            new TransportError({
              request: info,
              reason: "Timeout",
              detail: Duration.format(config.timeout),
              outcomeUnknown: !resendable(request)
            })
        }),
        Effect.mapError((error) => {
          if (error._tag === "TransportError") return failed(error, resendable(request))
          const neverSent = error._tag === "RequestError" &&
            errorCodes(error).some((code) => neverSentCodes.has(code))
          const transport = new TransportError({
            request: info,
            reason: "Connection",
            detail: describeTransport(error),
            outcomeUnknown: !resendable(request) && !neverSent
          })
          return failed(transport, resendable(request) || neverSent)
        }),
        Effect.locallyWith(Headers.currentRedactedNames, (names) => [...names, ...RedactedHeaderNames])
      )
    }

    /** What an answer means: the caller's value, or a typed failure that may or may not be resent. */
    const classify = <A, B>(
      request: ApiRequest<A>,
      info: RequestInfo,
      read: (text: string, status: number) => Either.Either<B, BodyIssue>,
      answer: Exchanged,
      now: number
    ): Either.Either<B, AttemptFailure> => {
      const { status, text } = answer
      if (status >= 200 && status < 300) {
        return Either.mapLeft(read(text, status), ({ issue, transient }) =>
          failed(
            unreadable(request, info, status, text, issue),
            // A cut-off body is a network accident; valid JSON of the wrong shape will not change.
            transient && resendable(request)
          ))
      }
      if (status === 429) {
        const wait = Option.getOrElse(parseRetryAfter(answer.retryAfter, now), () => Duration.minutes(5))
        return Either.left(
          failed(
            new RateLimitedError({ request: info, retryAfter: wait, errors: apiMessages(text) }),
            true,
            wait
          )
        )
      }
      return Either.left(
        failed(errorFromStatus(info, status, text, resendable(request)), status >= 500 && resendable(request))
      )
    }

    /**
     * One attempt. The gate's slot is taken and given back as one resource, so no path between the
     * two (an answer, a failure, an interruption) can keep it.
     */
    const attempt = <A, B>(
      request: ApiRequest<A>,
      read: BodyReader<B>,
      number: number
    ): Effect.Effect<B, AttemptFailure> => {
      const { info, url } = targetOf(request)
      const permit = Effect.mapError(
        gate.acquire(config.maxRetryAfter),
        (blocked) => failed(new RateLimitedError({ request: info, retryAfter: blocked, errors: [] }), false)
      )
      return Effect.acquireUseRelease(
        permit,
        () =>
          Effect.timed(Effect.either(exchange(request, info, url))).pipe(
            Effect.zipWith(Clock.currentTimeMillis, ([elapsed, exchanged], now) => ({
              elapsed,
              exchanged,
              outcome: Either.flatMap(
                exchanged,
                (answer) => classify(request, info, (text, status) => read(text, status, number), answer, now)
              )
            }))
          ),
        (_, exit) => {
          if (Exit.isFailure(exit)) return gate.release(undefined)
          const { exchanged, outcome } = exit.value
          const rateLimit = Either.isRight(exchanged)
            ? Option.getOrUndefined(parseRateLimit(exchanged.right.rateLimit))
            : undefined
          // Cloudflare blocks every call of the account after a 429, whether or not this one is resent:
          // the gate is closed before this slot is given back, so no request slips out in between.
          const wait = Either.isLeft(outcome) ? outcome.left.wait : undefined
          return wait === undefined
            ? gate.release(rateLimit)
            : Effect.zipRight(gate.block(wait), gate.release(rateLimit))
        }
      ).pipe(
        Effect.flatMap(({ elapsed, exchanged, outcome }) =>
          Effect.gen(function*() {
            const shown = Either.match(outcome, {
              onLeft: (failure) => outcomeOf(failure.error),
              onRight: () =>
                Either.match(exchanged, { onLeft: () => "", onRight: (answer) => String(answer.status) })
            })
            yield* Effect.logDebug(
              `${info.method} ${info.path} -> ${shown} in ${Math.round(Duration.toMillis(elapsed))}ms` +
                (number > 0 ? ` (retry ${number})` : "")
            )
            return yield* outcome
          })
        )
      )
    }

    /**
     * When to send again: the failure says whether it may be resent; a 429's wait is the gate's to
     * hold (and one longer than `maxRetryAfter` fails at once), anything else backs off
     * exponentially from `retryBaseDelay`, capped, with "equal jitter" (at least half the delay, so
     * retries still spread out), up to `maxRetries` attempts after the first. `from` is the attempt
     * whose failure the policy sees first, when the retries resume from a read-ahead answer.
     */
    const retryPolicy = (from: number) =>
      Schedule.exponential(Duration.times(config.retryBaseDelay, 2 ** from)).pipe(
        Schedule.modifyDelay((delay) => Duration.min(delay, MaxBackoff)),
        Schedule.jitteredWith({ min: 0.5, max: 1 }),
        // Whole milliseconds: the clock counts in whole nanoseconds.
        Schedule.modifyDelay((delay) => Duration.millis(Math.round(Duration.toMillis(delay)))),
        Schedule.intersect(Schedule.recurs(Math.max(0, config.maxRetries - from))),
        Schedule.intersect(Schedule.identity<AttemptFailure>()),
        Schedule.whileInput((failure: AttemptFailure) =>
          failure.retry &&
          (failure.wait === undefined || Duration.lessThanOrEqualTo(failure.wait, config.maxRetryAfter))
        ),
        // The backoff is announced here; a 429's wait is the gate's, announced there.
        Schedule.modifyDelayEffect(([[, retry], failure], delay) =>
          failure.wait === undefined
            ? Effect.as(announceWaitOf(delay, beforeRetry(failure, from + retry + 1)), delay)
            : Effect.succeed(Duration.zero)
        )
      )

    /**
     * Sends `request` until an attempt succeeds or the policy gives up. `resume` carries on after a
     * failure found later (a cut-off body in a read-ahead answer): its wait first, then the attempts
     * that were left.
     */
    const withRetries = <A, B>(
      request: ApiRequest<A>,
      read: BodyReader<B>,
      resume?: { readonly attempt: number; readonly failure: AttemptFailure }
    ): Effect.Effect<B, CloudflareError> =>
      Effect.gen(function*() {
        const from = resume?.attempt ?? 0
        const nextAttempt = yield* Ref.make(resume === undefined ? 0 : from + 1)
        const pending = yield* Ref.make(Option.fromNullable(resume?.failure))
        const once = Effect.flatMap(
          Ref.getAndSet(pending, Option.none()),
          Option.match({
            onSome: (failure) => Effect.fail(failure),
            onNone: () =>
              Effect.flatMap(
                Ref.getAndUpdate(nextAttempt, (n) => n + 1),
                (number) => attempt(request, read, number)
              )
          })
        )
        return yield* Effect.retry(once, retryPolicy(from))
      }).pipe(
        Effect.mapError((failure) => failure.error),
        Effect.withSpan("cfbulk.request", {
          kind: "client",
          // A stack trace per request costs tens of microseconds and would only point into this file.
          captureStackTrace: false,
          attributes: {
            "http.request.method": request.method,
            "url.path": targetOf(request).info.path,
            "cloudflare.account_id": config.accountId,
            ...(request.page === undefined ? {} : { "cfbulk.page": request.page })
          }
        })
      )

    const execute = <A>(request: ApiRequest<A>): Effect.Effect<A, CloudflareError> =>
      withRetries(request, parseAndDecode(request))

    const fetchAnswer = <A>(request: ApiRequest<A>): Effect.Effect<Answer, CloudflareError> =>
      withRetries(request, (text, status, attempt): Either.Either<Answer, BodyIssue> =>
        Either.right({ text, status, attempt }))

    const decodeAnswer = <A>(request: ApiRequest<A>, answer: Answer): Effect.Effect<A, CloudflareError> =>
      Effect.suspend(() =>
        Either.match(parseAndDecode(request)(answer.text, answer.status, answer.attempt), {
          onRight: Effect.succeed,
          onLeft: ({ issue, transient }): Effect.Effect<A, CloudflareError> => {
            const { info } = targetOf(request)
            const error = unreadable(request, info, answer.status, answer.text, issue)
            if (!transient || !resendable(request)) {
              return Effect.fail(error)
            }
            // What `execute` would have done on that attempt: back off, then send again, within the
            // same budget of retries.
            return Effect.zipRight(
              Effect.logDebug(`${info.method} ${info.path} -> ${outcomeOf(error)}, found when decoding`),
              withRetries(request, parseAndDecode(request), {
                attempt: answer.attempt,
                failure: failed(error, true)
              })
            )
          }
        })
      )

    return { accountId: config.accountId, execute, fetchAnswer, decodeAnswer }
  })

/**
 * Builds the client from a configuration, failing with a `ConfigurationError` before any request.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  options: MakeOptions
): Effect.Effect<CloudflareClientService, ConfigurationError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const config = yield* resolveConfig(options)
    const httpClient = yield* HttpClient.HttpClient
    return yield* makeWith(config, options.transformClient ? options.transformClient(httpClient) : httpClient)
  })

/**
 * The client as a Layer over any HttpClient.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: MakeOptions
): Layer.Layer<CloudflareClient, ConfigurationError, HttpClient.HttpClient> =>
  Layer.effect(CloudflareClient, make(options))
