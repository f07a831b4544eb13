/**
 * How the client reaches the API: credentials, account, base URL, timeouts and retries, given
 * explicitly or read from the environment, and checked before any request is sent.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { AccountId } from "../schema/Ids.js"
import { ConfigurationError } from "./Errors.js"

/**
 * How requests authenticate: an API token (preferred), or the legacy email + global API key.
 *
 * @since 0.1.0
 * @category models
 */
export type Credentials =
  | { readonly _tag: "ApiToken"; readonly token: Redacted.Redacted<string> }
  | {
    readonly _tag: "ApiKey"
    readonly email: Redacted.Redacted<string>
    readonly key: Redacted.Redacted<string>
  }

/**
 * Cloudflare's API, which the client talks to unless a `baseUrl` is given (the emulator, a proxy).
 *
 * @since 0.1.0
 * @category constants
 */
export const DefaultBaseUrl = "https://api.cloudflare.com/client/v4"

/**
 * What a caller gives to reach the API; everything but the credentials and account has a default.
 *
 * @since 0.1.0
 * @category models
 */
export interface CloudflareConfig {
  readonly credentials: Credentials
  readonly accountId: string
  /** Default `https://api.cloudflare.com/client/v4`. `http://` is refused unless the host is loopback. */
  readonly baseUrl?: string | undefined
  /** Per-request timeout (default 30 seconds). */
  readonly timeout?: Duration.DurationInput | undefined
  /** Retries of a transient failure (default 4). */
  readonly maxRetries?: number | undefined
  /** The longest `Retry-After` cfbulk waits out; a longer one fails at once (default 5 minutes). */
  readonly maxRetryAfter?: Duration.DurationInput | undefined
  /** The first backoff delay, doubled on each retry, with jitter (default 500 ms). */
  readonly retryBaseDelay?: Duration.DurationInput | undefined
  /** Requests left unspent in each rate-limit window for the account's other clients (default 2). */
  readonly rateLimitReserve?: number | undefined
}

/**
 * A configuration checked and completed with its defaults.
 *
 * @since 0.1.0
 * @category models
 */
export interface ResolvedConfig {
  readonly credentials: Credentials
  readonly accountId: AccountId
  readonly baseUrl: URL
  readonly timeout: Duration.Duration
  readonly maxRetries: number
  readonly maxRetryAfter: Duration.Duration
  readonly retryBaseDelay: Duration.Duration
  readonly rateLimitReserve: number
}

/**
 * Whether a host name is this machine's loopback: `localhost`, `::1` (also as a URL writes it,
 * `[::1]`) or an address 127.x.x.x. The client sends credentials over plain `http://` only to such
 * a host; the emulator listens on nothing else.
 *
 * @since 0.1.0
 * @category utils
 */
export const isLoopbackHost = (host: string): boolean => {
  if (host === "localhost" || host === "::1" || host === "[::1]") return true
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255)
}

const parseBaseUrl = (input: string): Either.Either<URL, ConfigurationError> => {
  let url: URL
  try {
    url = new URL(input)
  } catch {
    return Either.left(
      new ConfigurationError({ issue: `the base URL ${JSON.stringify(input)} is not a URL` })
    )
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    return Either.left(
      new ConfigurationError({
        issue:
          `the base URL ${url.origin} is plain http: credentials are only sent in cleartext to a loopback ` +
          `host (localhost, 127.0.0.1, ::1); use https://`
      })
    )
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return Either.left(
      new ConfigurationError({ issue: `the base URL must start with https:// (got ${url.protocol}//)` })
    )
  }
  // Paths are joined onto this URL, so it always ends with exactly one slash.
  url.pathname = url.pathname.replace(/\/*$/, "/")
  url.search = ""
  url.hash = ""
  return Either.right(url)
}

const checkCount = (
  name: string,
  value: number,
  min: number,
  max: number
): Either.Either<number, ConfigurationError> =>
  Number.isInteger(value) && value >= min && value <= max
    ? Either.right(value)
    : Either.left(
      new ConfigurationError({ issue: `${name} must be a whole number from ${min} to ${max} (got ${value})` })
    )

const checkDuration = (
  name: string,
  input: Duration.DurationInput
): Either.Either<Duration.Duration, ConfigurationError> =>
  Option.match(Duration.decodeUnknown(input), {
    onNone: () => Either.left(new ConfigurationError({ issue: `${name} is not a duration` })),
    onSome: (duration) =>
      Duration.greaterThan(duration, Duration.zero)
        ? Either.right(duration)
        : Either.left(new ConfigurationError({ issue: `${name} must be longer than zero` }))
  })

/**
 * Checks a configuration and fills in the defaults; fails before any request is sent.
 *
 * @since 0.1.0
 * @category config
 */
export const resolveConfig = (config: CloudflareConfig): Effect.Effect<ResolvedConfig, ConfigurationError> =>
  Effect.gen(function*() {
    const accountId = yield* Schema.decodeUnknown(AccountId)(config.accountId).pipe(
      Effect.mapError(() =>
        new ConfigurationError({
          issue: config.accountId === ""
            ? "the account id is missing: set CLOUDFLARE_ACCOUNT_ID or pass --account-id"
            : `the account id ${
              JSON.stringify(config.accountId)
            } is not valid: at most 32 letters, digits, '-' or '_'`
        })
      )
    )
    return {
      credentials: config.credentials,
      accountId,
      baseUrl: yield* parseBaseUrl(config.baseUrl ?? DefaultBaseUrl),
      timeout: yield* checkDuration("the timeout", config.timeout ?? Duration.seconds(30)),
      maxRetries: yield* checkCount("max retries", config.maxRetries ?? 4, 0, 20),
      maxRetryAfter: yield* checkDuration(
        "the longest Retry-After",
        config.maxRetryAfter ?? Duration.minutes(5)
      ),
      retryBaseDelay: yield* checkDuration("the retry delay", config.retryBaseDelay ?? Duration.millis(500)),
      rateLimitReserve: yield* checkCount("the rate-limit reserve", config.rateLimitReserve ?? 2, 0, 1000)
    }
  })

const nonEmptyRedacted = (name: string) =>
  Config.redacted(name).pipe(
    Config.validate({
      message: `${name} is empty`,
      validation: (value) => Redacted.value(value).trim() !== ""
    })
  )

/**
 * Credentials from `CLOUDFLARE_API_TOKEN`, or the legacy `CLOUDFLARE_EMAIL` + `CLOUDFLARE_API_KEY`.
 *
 * @since 0.1.0
 * @category config
 */
export const credentialsConfig: Config.Config<Credentials> = Config.orElse(
  Config.map(nonEmptyRedacted("CLOUDFLARE_API_TOKEN"), (token): Credentials => ({ _tag: "ApiToken", token })),
  () =>
    Config.map(
      Config.all({
        email: nonEmptyRedacted("CLOUDFLARE_EMAIL"),
        key: nonEmptyRedacted("CLOUDFLARE_API_KEY")
      }),
      ({ email, key }): Credentials => ({ _tag: "ApiKey", email, key })
    )
)

/**
 * The whole configuration from the environment (`CLOUDFLARE_*` variables).
 *
 * @since 0.1.0
 * @category config
 */
export const cloudflareConfig: Config.Config<CloudflareConfig> = Config.all({
  credentials: credentialsConfig,
  accountId: Config.string("CLOUDFLARE_ACCOUNT_ID"),
  baseUrl: Config.string("CLOUDFLARE_BASE_URL").pipe(Config.withDefault(DefaultBaseUrl))
})
