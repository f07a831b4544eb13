import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

/** Waits shorter than this pass unannounced: a person notices a silence from about two seconds. */
export const AnnouncedWaitMillis = 2_000

/**
 * The log annotation that marks a wait announcement, holding the wait in milliseconds, so that an
 * application (the CLI) can show these lines whatever else it logs. Re-exported from the package.
 */
export const WaitAnnotation = "cfbulk.wait_ms"

/** Seconds, rounded up, as people read a wait: `52s`, `2m 05s`. */
const formatWait = (millis: number): string => {
  const seconds = Math.ceil(millis / 1000)
  return seconds < 60
    ? `${seconds}s`
    : `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, "0")}s`
}

/**
 * Logs, at Info level, that requests will wait `millis` and why, when the wait is long enough for
 * someone to wonder. `why` follows the time as written: ` for the rate-limit window (Ratelimit: 0
 * left)`, or `: Cloudflare answered 429 …`.
 */
export const announceWait = (millis: number, why: string): Effect.Effect<void> =>
  millis < AnnouncedWaitMillis
    ? Effect.void
    : Effect.annotateLogs(Effect.logInfo(`waiting ${formatWait(millis)}${why}`), WaitAnnotation, millis)

/** `announceWait` for a Duration. */
export const announceWaitOf = (wait: Duration.Duration, why: string): Effect.Effect<void> =>
  announceWait(Duration.toMillis(wait), why)
