/**
 * How to run the emulator: its options, their defaults, and how they are checked.
 *
 * @since 0.1.0
 */
import { AccountId, isLoopbackHost } from "@cfbulk/core"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { InvalidOptions } from "./Errors.js"
import type { ApiShape } from "./model/JobPlan.js"

/**
 * A request budget: at most `requests` per fixed window of `windowSeconds`.
 *
 * @since 0.1.0
 * @category models
 */
export interface RateLimit {
  readonly requests: number
  readonly windowSeconds: number
}

/**
 * How to run the emulator. Every field is optional.
 *
 * @since 0.1.0
 * @category models
 */
export interface EmulatorOptions {
  /** Seeded jobs (default 50). Up to 10,000,000; they are generated on demand, not at start. */
  readonly jobs?: number | undefined
  /** Seed of every generated job, message and random fault (default 1). */
  readonly seed?: number | undefined
  /** The one account the credentials may access (default `023e105f4ecef8ad9ca31a8372d0c353`). */
  readonly accountId?: string | undefined
  /** The API token accepted as `Authorization: Bearer …` (default `cfbulk-emulator-token`). */
  readonly token?: string | undefined
  /** The legacy `X-Auth-Email` accepted with `apiKey` (default `emulator@example.com`). */
  readonly email?: string | undefined
  /** The legacy global API key accepted as `X-Auth-Key` (default `cfbulk-emulator-api-key`). */
  readonly apiKey?: string | undefined
  /** Added to every response, in milliseconds (default 0). */
  readonly latency?: number | undefined
  /** Fraction of requests answered with a random fault: 5xx, HTML 502, cut body, reset (default 0). */
  readonly failRate?: number | undefined
  /** The request budget: `{ requests, windowSeconds }`, `"1200/300"`, or `false` for none (default 1200/300). */
  readonly rateLimit?: RateLimit | string | false | undefined
  /** How long a created job takes from PENDING to COMPLETED (default 20 seconds). */
  readonly jobDuration?: Duration.DurationInput | undefined
  /** Fraction of created jobs that end FAILED, chosen deterministically from the seed (default 0.1). */
  readonly jobFailureRate?: number | undefined
  /** `"legacy"` serves the older API: no `messages_skipped`/`messages_cancelled`, real `total_count` (default `"current"`). */
  readonly apiShape?: ApiShape | undefined
  /** When the seeded history ends (default 2026-11-01T00:00:00Z, so the same seed gives the same jobs). */
  readonly seedTime?: Date | string | number | undefined
  /** Port of the loopback server (default 0: any free port). */
  readonly port?: number | undefined
  /** Host of the loopback server: 127.x.x.x, `localhost` or `::1` (default `127.0.0.1`). */
  readonly host?: string | undefined
  /** Requests kept in the request log, newest last (default 10,000). */
  readonly requestLogLimit?: number | undefined
}

/**
 * Options checked and completed with their defaults.
 *
 * @since 0.1.0
 * @category models
 */
export interface ResolvedOptions {
  readonly jobs: number
  readonly seed: number
  readonly accountId: string
  readonly token: string
  readonly email: string
  readonly apiKey: string
  readonly latency: number
  readonly failRate: number
  readonly rateLimit: RateLimit | null
  readonly jobDuration: number
  readonly jobFailureRate: number
  readonly apiShape: ApiShape
  readonly seedTime: number
  readonly port: number
  readonly host: string
  readonly requestLogLimit: number
}

/**
 * The default of every option: the credentials and account a client needs to reach an emulator
 * started without options, the seeded history, the rate limit, and so on.
 *
 * @since 0.1.0
 * @category constants
 */
export const Defaults = {
  jobs: 50,
  seed: 1,
  accountId: "023e105f4ecef8ad9ca31a8372d0c353",
  token: "cfbulk-emulator-token",
  email: "emulator@example.com",
  apiKey: "cfbulk-emulator-api-key",
  rateLimit: { requests: 1200, windowSeconds: 300 },
  jobDuration: "20 seconds",
  jobFailureRate: 0.1,
  seedTime: "2026-11-01T00:00:00Z",
  port: 0,
  host: "127.0.0.1",
  requestLogLimit: 10_000
} as const

const MaxJobs = 10_000_000

const invalid = (issue: string) => Either.left(new InvalidOptions({ issue }))

const wholeNumber = (
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number
): Either.Either<number, InvalidOptions> => {
  const actual = value ?? fallback
  return Number.isInteger(actual) && actual >= min && actual <= max
    ? Either.right(actual)
    : invalid(`${name} must be a whole number from ${min} to ${max} (got ${actual})`)
}

const fraction = (name: string, value: number | undefined, fallback: number) => {
  const actual = value ?? fallback
  return Number.isFinite(actual) && actual >= 0 && actual <= 1
    ? Either.right(actual)
    : invalid(`${name} must be a number from 0 to 1 (got ${actual})`)
}

const nonEmpty = (name: string, value: string | undefined, fallback: string) => {
  const actual = value ?? fallback
  return actual.trim() === "" ? invalid(`${name} must not be empty`) : Either.right(actual)
}

/**
 * Reads a rate limit as the `--rate-limit` flag (and the `rateLimit` option) spell it: `1200/300`
 * (requests per window seconds), or `off` for no limit. Not the API's `Ratelimit` response header.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseRateLimitFlag = (text: string): Either.Either<RateLimit | null, InvalidOptions> => {
  if (text.trim().toLowerCase() === "off") return Either.right(null)
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*s?\s*$/.exec(text)
  if (match === null) {
    return invalid(
      `the rate limit must look like 1200/300 (requests per window seconds) or off, got "${text}"`
    )
  }
  return checkRateLimit({ requests: Number(match[1]), windowSeconds: Number(match[2]) })
}

const checkRateLimit = (limit: RateLimit): Either.Either<RateLimit, InvalidOptions> =>
  Number.isInteger(limit.requests) && limit.requests >= 1 && Number.isInteger(limit.windowSeconds) &&
    limit.windowSeconds >= 1
    ? Either.right(limit)
    : invalid(
      `the rate limit needs at least 1 request per window of at least 1 second (got ${limit.requests}/${limit.windowSeconds})`
    )

const rateLimitOf = (
  input: EmulatorOptions["rateLimit"]
): Either.Either<RateLimit | null, InvalidOptions> => {
  if (input === undefined) return Either.right(Defaults.rateLimit)
  if (input === false) return Either.right(null)
  return typeof input === "string" ? parseRateLimitFlag(input) : checkRateLimit(input)
}

const durationOf = (input: Duration.DurationInput): Either.Either<number, InvalidOptions> =>
  Option.match(Duration.decodeUnknown(input), {
    onNone: () => invalid(`the job duration ${JSON.stringify(input)} is not a duration`),
    onSome: (duration) => {
      const millis = Duration.toMillis(duration)
      return Number.isFinite(millis) && millis >= 1
        ? Either.right(millis)
        : invalid("the job duration must be at least 1 millisecond")
    }
  })

const timeOf = (input: Date | string | number): Either.Either<number, InvalidOptions> => {
  const millis = input instanceof Date
    ? input.getTime()
    : typeof input === "number"
    ? input
    : Date.parse(input)
  return Number.isFinite(millis)
    ? Either.right(millis)
    : invalid(`the seed time ${String(input)} is not a date`)
}

const accountIdOf = (input: string | undefined) => {
  const accountId = input ?? Defaults.accountId
  return Schema.is(AccountId)(accountId)
    ? Either.right(accountId)
    : invalid(`the account id "${accountId}" must be 1 to 32 letters, digits, '-' or '_'`)
}

// The emulator accepts well-known default credentials, so it must never be reachable from another
// machine: any host but loopback is refused, however it is spelled. `[::1]`, as a URL writes it, is
// listened on as `::1`.
const hostOf = (input: string | undefined) => {
  const host = (input ?? Defaults.host).trim()
  return isLoopbackHost(host)
    ? Either.right(host === "[::1]" ? "::1" : host)
    : invalid(
      `the host ${
        JSON.stringify(input)
      } is not loopback: the emulator only listens on 127.x.x.x, localhost or ::1`
    )
}

const shapeOf = (input: ApiShape | undefined) =>
  input === undefined || input === "current" || input === "legacy"
    ? Either.right(input ?? "current")
    : invalid(`the API shape must be "current" or "legacy" (got "${String(input)}")`)

/**
 * Checks options and fills in the defaults.
 *
 * @since 0.1.0
 * @category parsing
 */
export const resolveOptions = (
  options: EmulatorOptions = {}
): Either.Either<ResolvedOptions, InvalidOptions> =>
  Either.all({
    jobs: wholeNumber("jobs", options.jobs, Defaults.jobs, 0, MaxJobs),
    seed: wholeNumber("the seed", options.seed, Defaults.seed, 0, 2 ** 32 - 1),
    accountId: accountIdOf(options.accountId),
    token: nonEmpty("the token", options.token, Defaults.token),
    email: nonEmpty("the email", options.email, Defaults.email),
    apiKey: nonEmpty("the API key", options.apiKey, Defaults.apiKey),
    latency: wholeNumber("the latency (ms)", options.latency, 0, 0, 600_000),
    failRate: fraction("the fail rate", options.failRate, 0),
    rateLimit: rateLimitOf(options.rateLimit),
    jobDuration: durationOf(options.jobDuration ?? Defaults.jobDuration),
    jobFailureRate: fraction("the job failure rate", options.jobFailureRate, Defaults.jobFailureRate),
    apiShape: shapeOf(options.apiShape),
    seedTime: timeOf(options.seedTime ?? Defaults.seedTime),
    port: wholeNumber("the port", options.port, Defaults.port, 0, 65535),
    host: hostOf(options.host),
    requestLogLimit: wholeNumber(
      "the request log limit",
      options.requestLogLimit,
      Defaults.requestLogLimit,
      0,
      10_000_000
    )
  })
