import * as Duration from "effect/Duration"
import * as Option from "effect/Option"

/** The most constraining item of a `Ratelimit` header: requests left, and seconds until the window resets. */
export interface RateLimitState {
  readonly remaining: number
  readonly resetSeconds: number
}

const parameter = (item: string, name: string): number | undefined => {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(\\d+)`).exec(item)
  return match?.[1] === undefined ? undefined : Number(match[1])
}

/**
 * Parses `Ratelimit: "default";r=50;t=30` (docs/wire-contract.md §10) leniently as a structured-field list:
 * several items may come, unknown parameters are ignored, and the item with the fewest requests
 * left wins. An unreadable header gives `None`, never an error.
 */
export const parseRateLimit = (header: string | undefined): Option.Option<RateLimitState> => {
  if (header === undefined) return Option.none()
  let best: RateLimitState | undefined
  for (const item of header.split(",")) {
    const remaining = parameter(item, "r")
    const resetSeconds = parameter(item, "t")
    if (remaining === undefined || resetSeconds === undefined) continue
    if (best === undefined || remaining < best.remaining) best = { remaining, resetSeconds }
  }
  return Option.fromNullable(best)
}

/** The quota policies of `Ratelimit-Policy: "burst";q=100;w=60`, for display and logs. */
export interface RateLimitPolicy {
  readonly name: string
  readonly quota: number
  readonly windowSeconds: number
}

export const parseRateLimitPolicy = (header: string | undefined): ReadonlyArray<RateLimitPolicy> =>
  (header ?? "").split(",").flatMap((item) => {
    const quota = parameter(item, "q")
    const windowSeconds = parameter(item, "w")
    const name = /^\s*"?([^";]*)"?/.exec(item)?.[1] ?? ""
    return quota === undefined || windowSeconds === undefined ? [] : [{ name, quota, windowSeconds }]
  })

/**
 * `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3), relative to `nowMillis`.
 * A date in the past means no wait; an unreadable value gives `None`.
 */
export const parseRetryAfter = (
  header: string | undefined,
  nowMillis: number
): Option.Option<Duration.Duration> => {
  if (header === undefined) return Option.none()
  const trimmed = header.trim()
  if (/^\d+$/.test(trimmed)) return Option.some(Duration.seconds(Number(trimmed)))
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? Option.none() : Option.some(Duration.millis(Math.max(0, date - nowMillis)))
}
