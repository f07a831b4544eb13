import { describeWait, WaitAnnotation, WaitReasonAnnotation } from "@cfbulk/core"

// Waits of two seconds or more (a spent rate-limit budget, a 429's Retry-After, a long backoff) are
// announced by core as one Info log, `waiting 52s for the rate-limit window (Ratelimit: 0 left)`,
// annotated with the wait in milliseconds. The logger (Logging.ts) prints that line and records the
// wait here, so that a live progress line can say what it is waiting for, and for how much longer.

/** The annotations core puts on a wait's announcement: its length, and why it is made. */
export { WaitAnnotation, WaitReasonAnnotation }

/** The wait in milliseconds that a log's `cfbulk.wait_ms` annotation holds, if it is one. */
export const waitMillisOf = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined

interface Wait {
  /** When the wait ends (epoch ms). */
  readonly until: number
  /** What follows the time in the announcement: ` for the rate-limit window (…)`, `: Cloudflare answered 429 …`. */
  readonly why: string
}

let current: Wait | undefined = undefined

/** Records an announced wait of `millis` from `at`. Of waits that overlap, the one that ends last is shown. */
export const recordWait = (millis: number, why: string, at: number): void => {
  const until = at + millis
  if (current !== undefined && current.until > until && current.until > at) return
  current = { until, why }
}

/** A wait under way: how long it has still to go, and why it is made (as announced after the time). */
export interface WaitUnderWay {
  readonly leftMs: number
  readonly why: string
}

/** The wait under way at `now`; none once it is over. */
export const waitAt = (now: number): WaitUnderWay | undefined =>
  current === undefined || now >= current.until
    ? undefined
    : { leftMs: current.until - now, why: current.why }

/**
 * The wait under way at `now`, as a progress line says it, counting down: `waiting 47s for the
 * rate-limit window (Ratelimit: 0 left)`; none once it is over.
 */
export const waitingAt = (now: number): string | undefined => {
  const wait = waitAt(now)
  return wait === undefined ? undefined : describeWait(wait.leftMs, wait.why)
}

/**
 * A wait's words without their closing parenthesis, the detail a narrow line drops first: `waiting
 * 47s for the rate-limit window`.
 */
export const withoutDetail = (text: string): string => text.replace(/ \([^()]*\)$/, "")
