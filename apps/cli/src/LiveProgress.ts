import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import * as Schedule from "effect/Schedule"
import * as Stderr from "./io/Stderr.js"
import * as Tty from "./io/Tty.js"

// What the live progress lines of long commands (a listing's, a retry's) share: shown only on a
// terminal's stderr without --quiet, redrawn on a timer so that the spinner, the elapsed time and a
// wait's countdown move, and ended however the work ends. What the line says, when it first appears
// and how it ends are each line's own (ListingProgress.ts, RetryProgress.ts).

/** Redraws this often. */
const redrawEvery = Duration.millis(250)

/** A live line's part in the work it follows. */
export interface LiveSession<A, E, R> {
  /** The work, feeding the line as it goes. */
  readonly run: Effect.Effect<A, E, R>
  /** At each tick of the timer (the first right at the start), with the Clock's time: redraws. */
  readonly tick: (now: number) => void
  /** Once the work has ended, however it ended (interrupted too): finishes or erases the line. */
  readonly end: (exit: Exit.Exit<A, E>, now: number) => void
}

/** What a live line needs to know of where it is drawn. */
export interface LiveContext {
  /** When the work started, by the Clock. */
  readonly started: number
  /** Whether stderr takes colours. */
  readonly color: boolean
}

/**
 * Runs `plain()` when stderr is no terminal or `--quiet` was given: no line at all, nothing of it
 * ever on stdout. Else runs the session `live` makes, with the timer going for as long as the work
 * runs.
 */
export const withLiveProgress = <A, E, R>(
  plain: () => Effect.Effect<A, E, R>,
  live: (context: LiveContext) => LiveSession<A, E, R>
): Effect.Effect<A, E, R> =>
  Effect.flatMap(Stderr.isQuiet, (quiet) => {
    if (quiet || !Tty.stderrIsTty()) return plain()
    return Effect.gen(function*() {
      const started = yield* Clock.currentTimeMillis
      const session = live({ started, color: Tty.colorStderr() })
      const tick = Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => session.tick(now)))
      return yield* Effect.scoped(
        Effect.zipRight(Effect.forkScoped(Effect.repeat(tick, Schedule.spaced(redrawEvery))), session.run)
      ).pipe(
        Effect.onExit((exit) =>
          Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => session.end(exit, now)))
        )
      )
    })
  })
