import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import { formatShort } from "./DurationText.js"
import * as LiveLine from "./io/LiveLine.js"
import { paint } from "./io/Paint.js"
import * as Stderr from "./io/Stderr.js"
import * as Tty from "./io/Tty.js"
import { fitLine, formatCount, plural, spinnerFrame } from "./ProgressText.js"
import { countedOf, outcomeCounts, type RetryTally } from "./RetryTally.js"
import { waitingAt, waitingBrieflyAt } from "./Waits.js"

// The live line of `cfbulk retry` on a terminal's stderr: messages done so far and by outcome, the
// calls answered, the elapsed time, and the wait under way if one was announced.

/** What the line shows. */
export interface RetryView {
  readonly tally: RetryTally
  /** How many FAILED messages there are, when a plan said so. */
  readonly total: number | undefined
  readonly calls: number
  readonly elapsedMs: number
  readonly tick: number
  /** `waiting 47s for the rate-limit window (Ratelimit: 0 left)`, while a wait lasts. */
  readonly waiting: string | undefined
  /** The same without its reason, `waiting 47s`, for a narrow line. */
  readonly waitingBriefly: string | undefined
}

/**
 * The line, kept one column short of `columns` so the terminal never wraps it. When it does not fit,
 * a wait's parenthesis goes first, then its reason (said on the line above it), then the elapsed
 * time, the calls and the outcomes; the count of messages and the countdown stay, and what is still
 * too long is cut with `…`.
 */
export const retryLine = (view: RetryView, columns: number, color: boolean): string => {
  const counted = countedOf(view.tally)
  const done = view.total === undefined
    ? `${plural(counted, "message")} retried`
    : `${formatCount(counted)}/${plural(view.total, "message")} retried`
  const head = `${spinnerFrame(view.tick)} ${done}`
  const outcomes = outcomeCounts(view.tally).join(", ")
  const withOutcomes = outcomes === "" ? head : `${head}: ${outcomes}`
  const calls = plural(view.calls, "call")
  const elapsed = formatShort(view.elapsedMs)
  const factSets = [[withOutcomes, calls, elapsed], [withOutcomes, calls], [withOutcomes], [head]]
  const waits = view.waiting === undefined
    ? [""]
    : [view.waiting, view.waiting.replace(/ \([^()]*\)$/, ""), view.waitingBriefly ?? view.waiting]
  const candidates = factSets.flatMap((facts) =>
    waits.map((wait) => [...facts, ...(wait === "" ? [] : [wait])].join("  "))
  )
  const line = fitLine(candidates, columns - 1)
  // The wait in yellow: it is why the numbers stand still.
  const start = view.waiting === undefined ? -1 : line.lastIndexOf("  waiting ")
  return start < 0 ? line : line.slice(0, start + 2) + paint(color, "yellow", line.slice(start + 2))
}

/** Redraws this often, so the spinner, the elapsed time and a wait's countdown move. */
const redrawEvery = Duration.millis(250)

/** What a retry under way tells its progress line. */
export interface RetryProgress {
  /** The tally and calls now. */
  readonly current: () => { readonly tally: RetryTally; readonly calls: number }
  readonly total: number | undefined
}

/**
 * Runs `run` (the retry, printing its rows) with a live line on stderr when stderr is a terminal and
 * `--quiet` was not given: drawn at once, redrawn on a timer and by `LiveLine.redraw` as results
 * come, and erased when the retry ends however it ends, so that the summary that follows is the
 * last word. Nothing of it ever goes to stdout.
 */
export const withRetryProgress = <A, E, R>(
  progress: RetryProgress,
  run: Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> =>
  Effect.flatMap(Stderr.isQuiet, (quiet) => {
    if (quiet || !Tty.stderrIsTty()) return run
    return Effect.gen(function*() {
      const color = Tty.colorStderr()
      const started = yield* Clock.currentTimeMillis
      let tick = 0
      const view = (): string => {
        const now = Date.now()
        const { calls, tally } = progress.current()
        return retryLine(
          {
            tally,
            total: progress.total,
            calls,
            elapsedMs: now - started,
            tick,
            waiting: waitingAt(now),
            waitingBriefly: waitingBrieflyAt(now)
          },
          Tty.stderrColumns(),
          color
        )
      }
      const redraw = Effect.sync(() => {
        tick += 1
        LiveLine.redraw()
      })
      return yield* Effect.scoped(
        Effect.zipRight(
          Effect.zipRight(
            Effect.sync(() => LiveLine.start(view)),
            Effect.forkScoped(Effect.repeat(redraw, Schedule.spaced(redrawEvery)))
          ),
          run
        )
      ).pipe(Effect.ensuring(Effect.sync(() => LiveLine.erase())))
    })
  })
