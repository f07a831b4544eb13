import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Stream from "effect/Stream"
import { formatShort } from "./DurationText.js"
import * as LiveLine from "./io/LiveLine.js"
import { paint } from "./io/Paint.js"
import * as Tty from "./io/Tty.js"
import { withLiveProgress } from "./LiveProgress.js"
import { fitLine, formatRate, plural, rateOf, type Sample, spinnerFrame } from "./ProgressText.js"
import { waitingAt, withoutDetail } from "./Waits.js"

// The live line of a long listing (`list`, `messages`) on a terminal's stderr: items so far, pages,
// rate, elapsed time, and the wait under way if one was announced. The API says nothing of totals,
// so there is no percentage and no ETA.

/** What the line shows. */
export interface ListingView {
  /** `job`, `message`. */
  readonly noun: string
  readonly items: number
  readonly pages: number
  readonly rate: number | undefined
  readonly elapsedMs: number
  readonly tick: number
  /** `waiting 47s for the rate-limit window (Ratelimit: 0 left)`, while a wait lasts. */
  readonly waiting: string | undefined
  /** The listing ended: no spinner, no wait. */
  readonly done: boolean
}

/**
 * The line, kept one column short of `columns` so the terminal never wraps it. When it does not fit,
 * a wait's parenthesis goes first, then the rate, the elapsed time and the pages; the count stays,
 * and what is still too long is cut with `…`.
 */
export const listingLine = (view: ListingView, columns: number, color: boolean): string => {
  const mark = view.done ? " " : spinnerFrame(view.tick)
  const items = `${mark} ${plural(view.items, view.noun)}`
  const pages = plural(view.pages, "page")
  const rate = formatRate(view.rate)
  const elapsed = formatShort(view.elapsedMs)
  const factSets = [[items, pages, rate, elapsed], [items, pages, elapsed], [items, pages], [items]]
  const waiting = view.done ? undefined : view.waiting
  const waits = waiting === undefined ? [""] : [waiting, withoutDetail(waiting)]
  const candidates = factSets.flatMap((facts) =>
    waits.map((wait) => [...facts, ...(wait === "" ? [] : [wait])])
  )
  const line = fitLine(candidates.map((parts) => parts.join("  ")), columns - 1)
  // The wait in yellow: it is why the numbers stand still.
  const start = waiting === undefined ? -1 : line.indexOf("  waiting ")
  return start < 0 ? line : line.slice(0, start + 2) + paint(color, "yellow", line.slice(start + 2))
}

/** Pages arriving faster than this redraw the line only once in this time. */
const pageRedrawGap = 100

/** A one-page listing ends long before this: the line appears only for listings still going after it. */
const firstPageGrace = 1_000

/** Rate over the last 5 seconds of samples, taken at each redraw (every 250 ms). */
const rateWindow = 20

/**
 * Runs `run` (which prints a listing) with a live progress line on stderr when stderr is a terminal
 * and `--quiet` was not given. `run` gets the function that counts the pages of its stream as they
 * pass: one chunk of core's listing stream is one page. The line appears once the listing is past its
 * first page (the second page arrived, or the first came a second ago and the listing goes on), is
 * left in its final form when the listing ends or is interrupted, and is erased when it fails (the
 * error is the line that follows). Nothing of it ever goes to stdout.
 */
export const withListingProgress = <A, E, R>(
  noun: string,
  run: (
    counted: <B, E2, R2>(stream: Stream.Stream<B, E2, R2>) => Stream.Stream<B, E2, R2>
  ) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> =>
  withLiveProgress(() => run((stream) => stream), ({ color, started }) => {
    let items = 0
    let pages = 0
    let firstPageAt: number | undefined = undefined
    let tick = 0
    /** The Clock's time at the latest page or tick: what a redraw between them shows. */
    let latest = started
    const samples: Array<Sample> = [{ at: started, processed: 0 }]

    const view = (now: number, done: boolean): string =>
      listingLine(
        {
          noun,
          items,
          pages,
          rate: done
            ? (now > started ? items / ((now - started) / 1000) : undefined)
            : rateOf(samples, rateWindow),
          elapsedMs: now - started,
          tick,
          waiting: waitingAt(now),
          done
        },
        Tty.stderrColumns(),
        color
      )
    const visible = (now: number) =>
      pages >= 2 || (firstPageAt !== undefined && now - firstPageAt >= firstPageGrace)
    let drawnAt = 0
    /** Draws the line if it is due: a page redraws it at most every `pageRedrawGap`, the timer always. */
    const refresh = (now: number, always: boolean) => {
      latest = now
      if (LiveLine.isActive()) {
        if (!always && now - drawnAt < pageRedrawGap) return
        LiveLine.redraw()
      } else if (visible(now)) {
        LiveLine.start(() => view(latest, false))
      } else {
        return
      }
      drawnAt = now
    }

    const onPage = (count: number) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        // The empty page that can end a listing whose last page was full is no page to people.
        if (count === 0) return
        items += count
        pages += 1
        firstPageAt ??= now
        refresh(now, false)
      })
    const counted = <B, E2, R2>(stream: Stream.Stream<B, E2, R2>): Stream.Stream<B, E2, R2> =>
      Stream.mapChunksEffect(stream, (chunk) => Effect.as(onPage(chunk.length), chunk))

    return {
      run: run(counted),
      tick: (now) => {
        tick += 1
        samples.push({ at: now, processed: items })
        if (samples.length > rateWindow) samples.shift()
        refresh(now, true)
      },
      end: (exit, now) =>
        Exit.isFailure(exit) && !Cause.isInterruptedOnly(exit.cause)
          ? LiveLine.erase()
          : LiveLine.finish(view(now, true))
    }
  })
