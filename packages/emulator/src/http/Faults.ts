/**
 * The ways one response can go wrong, for a test to script (`EmulatorControl.enqueue`) or for the
 * emulator to inject at random (the `failRate` option).
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as FiberRef from "effect/FiberRef"
import { hash3, unit, weighted } from "../random/SeededRandom.js"

/**
 * A way for one response to go wrong, served instead of (or around) the real answer.
 *
 * @since 0.1.0
 * @category models
 */
export type Fault = Data.TaggedEnum<{
  /** Exactly this response: status, headers and body (default content type `application/json`). */
  Status: {
    readonly status: number
    readonly headers?: Readonly<Record<string, string>> | undefined
    readonly body?: string | undefined
  }
  /** A `success: false` JSON envelope with a 500 or 503. */
  ServerError: { readonly status: 500 | 503 }
  /** Cloudflare's HTML "502 Bad Gateway" page, `text/html`. */
  BadGateway: {}
  /** The real answer with its body cut after `bytes` (default: half of it). */
  Truncate: { readonly bytes?: number | undefined }
  /** The connection is dropped without an answer. */
  Reset: {}
  /** The real answer, `millis` later. */
  Delay: { readonly millis: number }
  /** A 429 with this `Retry-After` (seconds). */
  RateLimited: { readonly retryAfter: number }
  /**
   * The request is carried out, but its answer is lost: a 503 envelope (`as: "ServerError"`) or a
   * dropped connection (`as: "Reset"`). A create makes its job, a move or release acts on its
   * messages (and is in `EmulatorControl.investigations`). A job it creates is shown only
   * `visibleAfterMillis` later (default: at once), like a job that appears late. For the cases a
   * client must not resend blindly.
   */
  LoseAnswer: { readonly as: "ServerError" | "Reset"; readonly visibleAfterMillis?: number | undefined }
}>

/**
 * Constructors and matchers: `Fault.BadGateway()`, `Fault.RateLimited({ retryAfter: 30 })`, ...
 *
 * @since 0.1.0
 * @category constructors
 */
export const Fault = Data.taggedEnum<Fault>()

/**
 * Which requests a queued fault applies to: all, or those with this method and/or path.
 *
 * @since 0.1.0
 * @category models
 */
export interface FaultMatch {
  readonly method?: string | undefined
  /** A substring of the path and query, or a pattern tested against them. */
  readonly path?: string | RegExp | undefined
  /**
   * Served to the `nth` matching request counted from when the fault was queued (default 1: the
   * next one); the ones before it go through. Every request counts, a client's retry too.
   */
  readonly nth?: number | undefined
}

/**
 * Whether a request (method, and path with query) is one a queued fault applies to. Internal to the
 * emulator (not exported from `@cfbulk/emulator`).
 *
 * @since 0.1.0
 * @category internal
 */
export const matchesRequest = (match: FaultMatch, method: string, url: string): boolean =>
  (match.method === undefined || match.method.toUpperCase() === method.toUpperCase()) &&
  (match.path === undefined ||
    (typeof match.path === "string" ? url.includes(match.path) : match.path.test(url)))

const SALT_FAULT = 41
const SALT_FAULT_KIND = 42

/**
 * The random fault, if any, of the `sequence`-th request: a pure function of the seed, so a run
 * with the same seed and the same requests meets the same faults. Internal to the emulator (not
 * exported from `@cfbulk/emulator`): set the `failRate` option instead.
 *
 * @since 0.1.0
 * @category internal
 */
export const randomFault = (seed: number, sequence: number, failRate: number): Fault | undefined => {
  if (failRate <= 0 || unit(hash3(seed, sequence, SALT_FAULT)) >= failRate) return undefined
  return weighted<Fault>(unit(hash3(seed, sequence, SALT_FAULT_KIND)), [
    [Fault.ServerError({ status: 500 }), 25],
    [Fault.ServerError({ status: 503 }), 15],
    [Fault.BadGateway(), 25],
    [Fault.Truncate({}), 20],
    [Fault.Reset(), 15]
  ])
}

/**
 * Cloudflare's edge error page, as served when the origin cannot be reached. Internal to the
 * emulator (not exported from `@cfbulk/emulator`): `Fault.BadGateway()` serves it.
 *
 * @since 0.1.0
 * @category internal
 */
export const BadGatewayHtml = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>cloudflare</center>
</body>
</html>
`

/**
 * How long after its creation a job created by the current request is hidden from the API: set by
 * `Fault.LoseAnswer` around the real answer, read by the create route. Internal to the emulator (not
 * exported from `@cfbulk/emulator`).
 *
 * @since 0.1.0
 * @category internal
 */
export const createdJobHiddenFor: FiberRef.FiberRef<number> = FiberRef.unsafeMake(0)
