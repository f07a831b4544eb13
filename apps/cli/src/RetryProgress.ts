import { describeWait } from "@cfbulk/core"
import type * as Effect from "effect/Effect"
import { formatShort } from "./DurationText.js"
import * as LiveLine from "./io/LiveLine.js"
import { paint } from "./io/Paint.js"
import * as Tty from "./io/Tty.js"
import { withLiveProgress } from "./LiveProgress.js"
import { fitLine, formatCount, plural, spinnerFrame } from "./ProgressText.js"
import { countedOf, emptyTally, outcomeCounts, type RetryTally } from "./RetryTally.js"
import { waitAt, type WaitUnderWay, withoutDetail } from "./Waits.js"

// The live line of `cfbulk retry` on a terminal's stderr: messages done so far and by outcome, the
// calls answered, the elapsed time, and the wait under way if one was announced.

/** What the line shows. */
export interface RetryView {
  readonly tally: RetryTally
  /** How many FAILED messages there are, when a plan said so. */
  readonly total: number | undefined
  readonly elapsedMs: number
  readonly tick: number
  /** The wait under way, if one was announced. */
  readonly wait: WaitUnderWay | undefined
}

/** A wait as the line can say it, longest first: as announced, without its parenthesis, the countdown alone. */
const waitForms = (wait: WaitUnderWay): ReadonlyArray<string> => {
  const countdown = describeWait(wait.leftMs, "")
  return [countdown + wait.why, countdown + withoutDetail(wait.why), countdown]
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
  const calls = plural(view.tally.calls, "call")
  const elapsed = formatShort(view.elapsedMs)
  const factSets = [[withOutcomes, calls, elapsed], [withOutcomes, calls], [withOutcomes], [head]]
  const waits = view.wait === undefined ? [""] : waitForms(view.wait)
  const candidates = factSets.flatMap((facts) =>
    waits.map((wait) => [...facts, ...(wait === "" ? [] : [wait])].join("  "))
  )
  const line = fitLine(candidates, columns - 1)
  // The wait in yellow: it is why the numbers stand still.
  const start = view.wait === undefined ? -1 : line.lastIndexOf("  waiting ")
  return start < 0 ? line : line.slice(0, start + 2) + paint(color, "yellow", line.slice(start + 2))
}

/**
 * Runs `run` (the retry, printing its rows) with a live line on stderr when stderr is a terminal and
 * `--quiet` was not given: drawn at once, redrawn on a timer and each time `run` shows it the tally
 * (`show`, with the Clock's time), and erased when the retry ends however it ends, so that the
 * summary that follows is the last word. `total` is the number of FAILED messages, when a plan said
 * so. Nothing of it ever goes to stdout.
 */
export const withRetryProgress = <A, E, R>(
  total: number | undefined,
  run: (show: (tally: RetryTally, now: number) => void) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> =>
  withLiveProgress(() => run(() => undefined), ({ color, started }) => {
    let shown = { tally: emptyTally, now: started }
    let tick = 0
    const view = (): string =>
      retryLine(
        {
          tally: shown.tally,
          total,
          elapsedMs: shown.now - started,
          tick,
          wait: waitAt(shown.now)
        },
        Tty.stderrColumns(),
        color
      )
    return {
      run: run((tally, now) => {
        shown = { tally, now }
        LiveLine.redraw()
      }),
      tick: (now) => {
        shown = { ...shown, now }
        if (LiveLine.isActive()) {
          tick += 1
          LiveLine.redraw()
        } else {
          LiveLine.start(view)
        }
      },
      end: () => LiveLine.erase()
    }
  })
