import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

/** Waits shorter than this pass unannounced: a person notices a silence from about two seconds. */
export const AnnouncedWaitMillis = 2_000

/**
 * The log annotation that marks a wait announcement, holding the wait in milliseconds, so that an
 * application (the CLI) can show these lines whatever else it logs. Re-exported from the package.
 */
export const WaitAnnotation = "cfbulk.wait_ms"

/**
 * The log annotation holding why a wait is made, as its announcement says it after the time (` for
 * the rate-limit window (Ratelimit: 0 left)`), so that an application can say it again as the wait
 * counts down. Re-exported from the package.
 */
export const WaitReasonAnnotation = "cfbulk.wait_reason"

/**
 * A wait as people read it, seconds rounded up: `waiting 52s for the rate-limit window`, `waiting
 * 2m 05s: Cloudflare answered 429 …`. Re-exported from the package.
 */
export const describeWait = (millis: number, why: string): string => {
  const seconds = Math.max(0, Math.ceil(millis / 1000))
  const time = seconds < 60
    ? `${seconds}s`
    : `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, "0")}s`
  return `waiting ${time}${why}`
}

/**
 * Logs, at Info level, that requests will wait `millis` and why, when the wait is long enough for
 * someone to wonder. `why` follows the time as written: ` for the rate-limit window (Ratelimit: 0
 * left)`, or `: Cloudflare answered 429 …`.
 */
export const announceWait = (millis: number, why: string): Effect.Effect<void> =>
  millis < AnnouncedWaitMillis
    ? Effect.void
    : Effect.logInfo(describeWait(millis, why)).pipe(
      Effect.annotateLogs({ [WaitAnnotation]: millis, [WaitReasonAnnotation]: why })
    )

/** `announceWait` for a Duration. */
export const announceWaitOf = (wait: Duration.Duration, why: string): Effect.Effect<void> =>
  announceWait(Duration.toMillis(wait), why)
