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
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { makeRateLimitGate } from "../internal/RateLimitGate.js"
import { parseRateLimit, parseRetryAfter } from "../internal/RateLimitHeaders.js"
import { describeParseError, lenient, parseJson, snippet } from "../internal/ResponseBody.js"
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
 * One call of the API, relative to the account's bulk-jobs path.
 *
 * @since 0.1.0
 * @category models
 */
export interface ApiRequest<A> {
  readonly method: "GET" | "POST" | "DELETE"
  /** Appended to `accounts/{account_id}/email-security/investigate/bulk`, e.g. `/{job_id}/cancel`. */
  readonly path: string
  readonly query?: Readonly<Record<string, string | number | undefined>> | undefined
  readonly body?: unknown
  /** Decodes the parsed JSON of a 2xx answer (envelope included). */
  readonly decode: (json: unknown) => Either.Either<A, ParseResult.ParseError>
  /**
   * Whether sending the request twice is harmless. A create is not: it is retried only when it
   * certainly did not reach the server (a 429, or a connection that never opened).
   */
  readonly idempotent: boolean
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
   * `execute` in two steps, for read-ahead: the outer effect sends the request (with every retry)
   * and reads the answer's text; the inner one parses and decodes it, and sends the request again
   * if the body turns out cut off. A paginator runs the outer effect ahead of time and the inner one
   * only when the stream reaches the page, so pages waiting their turn are held as one string each
   * instead of thousands of objects that outlive the young generation (the listings of `BulkJobs`
   * read ahead this way).
   */
  readonly executeDeferred: <A>(
    request: ApiRequest<A>
  ) => Effect.Effect<Effect.Effect<A, CloudflareError>, CloudflareError>
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

/** The text of a 2xx answer, kept for decoding later (`executeDeferred`). */
interface RawAnswer {
  readonly text: string
  readonly status: number
  /** Which attempt got it: a cut-off body found later resumes the retries from there. */
  readonly attempt: number
}

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
    outcomeUnknown: !request.idempotent
  })

type Attempt<A> =
  | { readonly _tag: "Done"; readonly value: A; readonly status: number }
  | {
    readonly _tag: "Failed"
    readonly error: CloudflareError
    /** Sending again may succeed, and is harmless for this request. */
    readonly retry: boolean
    /** A wait the server asked for (429), instead of the backoff. */
    readonly wait?: Duration.Duration | undefined
  }

const failed = <A>(error: CloudflareError, retry: boolean, wait?: Duration.Duration): Attempt<A> => ({
  _tag: "Failed",
  error,
  retry,
  wait
})

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
  idempotent: boolean
): CloudflareError => {
  // A 5xx may come after the server acted: for a create, the job may exist.
  const outcomeUnknown = !idempotent && status >= 500
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
    const prefix = `accounts/${config.accountId}/email-security/investigate/bulk`
    const headers = {
      ...authHeaders(config.credentials),
      accept: "application/json",
      "user-agent": `cfbulk/${version} (+https://github.com/cfbulk/cfbulk)`
    }

    const send = <A, B>(
      request: ApiRequest<A>,
      info: RequestInfo,
      url: URL,
      read: (text: string, status: number) => Either.Either<B, BodyIssue>
    ): Effect.Effect<Attempt<B>> => {
      const base = HttpClientRequest.make(request.method)(url, { headers })
      const httpRequest = request.body === undefined
        ? base
        : HttpClientRequest.bodyUnsafeJson(base, request.body)
      const exchange = Effect.flatMap(
        httpClient.execute(httpRequest),
        (response) => Effect.map(response.text, (text) => ({ response, text }))
      )
      return exchange.pipe(
        Effect.timeoutFail({
          duration: config.timeout,
          onTimeout: () =>
            new TransportError({
              request: info,
              reason: "Timeout",
              detail: Duration.format(config.timeout),
              outcomeUnknown: !request.idempotent
            })
        }),
        Effect.flatMap(({ response, text }) =>
          Effect.map(Clock.currentTimeMillis, (now) => {
            const status = response.status
            if (status >= 200 && status < 300) {
              return Either.match(read(text, status), {
                onRight: (value): Attempt<B> => ({ _tag: "Done", value, status }),
                onLeft: ({ issue, transient }) =>
                  failed<B>(
                    unreadable(request, info, status, text, issue),
                    // A cut-off body is a network accident; valid JSON of the wrong shape will not change.
                    transient && request.idempotent
                  )
              })
            }
            if (status === 429) {
              const wait = Option.getOrElse(
                parseRetryAfter(response.headers["retry-after"], now),
                () => Duration.minutes(5)
              )
              const error = new RateLimitedError({
                request: info,
                retryAfter: wait,
                errors: apiMessages(text)
              })
              return failed<B>(error, true, wait)
            }
            const error = errorFromStatus(info, status, text, request.idempotent)
            return failed<B>(error, status >= 500 && request.idempotent)
          }).pipe(
            Effect.tap(() =>
              gate.release(Option.getOrUndefined(parseRateLimit(response.headers["ratelimit"])))
            )
          )
        ),
        Effect.catchAll((error) => {
          if (error._tag === "TransportError") {
            return Effect.as(gate.release(undefined), failed<B>(error, request.idempotent))
          }
          const neverSent = error._tag === "RequestError" &&
            errorCodes(error).some((code) => neverSentCodes.has(code))
          const transport = new TransportError({
            request: info,
            reason: "Connection",
            detail: describeTransport(error),
            outcomeUnknown: !request.idempotent && !neverSent
          })
          return Effect.as(gate.release(undefined), failed<B>(transport, request.idempotent || neverSent))
        }),
        // An interrupted request (a stream stopped early, a timeout above us) no longer counts as in flight.
        Effect.onInterrupt(() => gate.release(undefined)),
        Effect.locallyWith(Headers.currentRedactedNames, (names) => [...names, ...RedactedHeaderNames])
      )
    }

    const backoff = (retry: number) =>
      Effect.map(Random.next, (jitter) => {
        const exponential = Duration.toMillis(config.retryBaseDelay) * 2 ** retry
        // "Equal jitter": at least half the exponential delay, so retries still spread out.
        return Duration.millis(Math.min(exponential, 30_000) * (0.5 + jitter / 2))
      })

    const target = (request: ApiRequest<unknown>): { readonly url: URL; readonly info: RequestInfo } => {
      const url = new URL(prefix + request.path, config.baseUrl)
      for (const [key, value] of Object.entries(request.query ?? {})) {
        if (value !== undefined) url.searchParams.set(key, String(value))
      }
      return { url, info: { method: request.method, path: url.pathname + url.search } }
    }

    /** Sends `request` until an attempt succeeds or may not be retried, from attempt number `first`. */
    const run = <A, B>(
      request: ApiRequest<A>,
      read: BodyReader<B>,
      first: number
    ): Effect.Effect<B, CloudflareError> => {
      const { info, url } = target(request)
      const loop = (retry: number): Effect.Effect<B, CloudflareError> =>
        Effect.gen(function*() {
          yield* Effect.mapError(
            gate.acquire(config.maxRetryAfter),
            (blocked) => new RateLimitedError({ request: info, retryAfter: blocked, errors: [] })
          )
          const started = yield* Clock.currentTimeMillis
          const attempt = yield* send(request, info, url, (text, status) => read(text, status, retry))
          const elapsed = (yield* Clock.currentTimeMillis) - started
          const status = attempt._tag === "Done" ? String(attempt.status) : outcomeOf(attempt.error)
          yield* Effect.logDebug(
            `${info.method} ${info.path} -> ${status} in ${elapsed}ms${retry > 0 ? ` (retry ${retry})` : ""}`
          )
          if (attempt._tag === "Done") return attempt.value
          // Cloudflare blocks every call of the account after a 429, whether or not this one retries.
          if (attempt.wait !== undefined) yield* gate.block(attempt.wait)
          const waitTooLong = attempt.wait !== undefined &&
            Duration.greaterThan(attempt.wait, config.maxRetryAfter)
          if (!attempt.retry || retry >= config.maxRetries || waitTooLong) {
            return yield* Effect.fail(attempt.error)
          }
          if (attempt.wait === undefined) yield* Effect.sleep(yield* backoff(retry))
          return yield* loop(retry + 1)
        })
      return loop(first).pipe(
        Effect.withSpan("cfbulk.request", {
          kind: "client",
          // A stack trace per request costs tens of microseconds and would only point into this file.
          captureStackTrace: false,
          attributes: {
            "http.request.method": request.method,
            "url.path": info.path,
            "cloudflare.account_id": config.accountId,
            ...(request.page === undefined ? {} : { "cfbulk.page": request.page })
          }
        })
      )
    }

    const execute = <A>(request: ApiRequest<A>): Effect.Effect<A, CloudflareError> =>
      run(request, parseAndDecode(request), 0)

    const executeDeferred = <A>(
      request: ApiRequest<A>
    ): Effect.Effect<Effect.Effect<A, CloudflareError>, CloudflareError> =>
      Effect.map(
        run(
          request,
          (text, status, attempt): Either.Either<RawAnswer, BodyIssue> =>
            Either.right({ text, status, attempt }),
          0
        ),
        ({ attempt, status, text }) =>
          Effect.suspend(() =>
            Either.match(parseAndDecode(request)(text, status, attempt), {
              onRight: Effect.succeed,
              onLeft: ({ issue, transient }): Effect.Effect<A, CloudflareError> => {
                const { info } = target(request)
                const error = unreadable(request, info, status, text, issue)
                // What `execute` would have done on that attempt: back off, then the next one, within
                // the same budget.
                if (!transient || !request.idempotent || attempt >= config.maxRetries) {
                  return Effect.fail(error)
                }
                return Effect.logDebug(
                  `${info.method} ${info.path} -> ${outcomeOf(error)}, found when decoding`
                ).pipe(
                  Effect.zipRight(Effect.flatMap(backoff(attempt), Effect.sleep)),
                  Effect.zipRight(run(request, parseAndDecode(request), attempt + 1))
                )
              }
            })
          )
      )

    return { accountId: config.accountId, execute, executeDeferred }
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
