import * as Effect from "effect/Effect"
import { BrokenPipe, StdoutError } from "../Errors.js"
import * as LiveLine from "./LiveLine.js"

// stdout carries data only, so scripts can pipe it; everything for people goes to stderr (Stderr.ts).

/** The error stdout failed with, once it has. */
let failure: unknown = undefined
let guarded = false

const isBrokenPipe = (error: unknown): boolean =>
  typeof error === "object" && error !== null && "code" in error &&
  (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED")

/** A reader that went away stops the command quietly; any other failure is reported as one line. */
const failed = (error: unknown): BrokenPipe | StdoutError =>
  isBrokenPipe(error)
    ? new BrokenPipe()
    : new StdoutError({ reason: error instanceof Error ? error.message : String(error) })

/**
 * Without a listener, a failing stdout (`cfbulk list | head`, a full disk) kills the process with an
 * unhandled error event. The listener only records the error: the next write fails with it, in the
 * error channel, and ErrorRendering turns it into the usual line (or nothing, for a broken pipe).
 */
export const guardStdout = (): void => {
  if (guarded) return
  guarded = true
  process.stdout.on("error", (error) => {
    failure ??= error
  })
}

/** What a write must fail with now, if stdout has already failed. */
const earlierFailure = (): BrokenPipe | StdoutError | undefined => {
  const error = failure ?? process.stdout.errored
  if (error !== undefined && error !== null) return failed(error)
  return process.stdout.destroyed ? new BrokenPipe() : undefined
}

/**
 * Waits until stdout has drained what it buffered, or fails with what it failed with. A buffer that
 * drained before the wait began resumes at once: `drain` is not emitted twice.
 */
const drained: Effect.Effect<void, BrokenPipe | StdoutError> = Effect.async<void, BrokenPipe | StdoutError>(
  (resume) => {
    const before = earlierFailure()
    if (before !== undefined) return resume(Effect.fail(before))
    if (!process.stdout.writableNeedDrain) return resume(Effect.void)
    const onDrain = () => {
      cleanup()
      resume(Effect.void)
    }
    const onError = (error: unknown) => {
      cleanup()
      resume(Effect.fail(failed(error)))
    }
    const cleanup = () => {
      process.stdout.off("drain", onDrain)
      process.stdout.off("error", onError)
    }
    process.stdout.once("drain", onDrain)
    process.stdout.once("error", onError)
    return Effect.sync(cleanup)
  }
)

/**
 * Writes to stdout and waits for the pipe to drain when it is full, so a listing of any length
 * holds at most one chunk in memory. A write stdout accepts returns without suspending the fiber:
 * a suspension that resumes at once keeps what it captured (here, the chunk) alive in V8's young
 * generation until it is promoted, and a long listing then fills the old generation with printed
 * text.
 */
const send = (text: string): Effect.Effect<void, BrokenPipe | StdoutError> =>
  Effect.suspend(() => {
    const before = earlierFailure()
    if (before !== undefined) return Effect.fail(before)
    if (text === "") return Effect.void
    let flushed = false
    try {
      flushed = process.stdout.write(text)
    } catch (error) {
      return Effect.fail(failed(error))
    }
    // A file's stream writes synchronously, and records its failure at once.
    const after = earlierFailure()
    if (after !== undefined) return Effect.fail(after)
    return flushed ? Effect.void : drained
  })

/**
 * Writes to stdout (`send`). When stdout is the terminal a live line is drawn on (stderr), the line
 * is taken off the screen first and drawn again below the text.
 */
export const write = (text: string): Effect.Effect<void, BrokenPipe | StdoutError> =>
  Effect.suspend(() => {
    if (text === "" || process.stdout.isTTY !== true || !LiveLine.hide()) return send(text)
    return Effect.ensuring(send(text), Effect.sync(LiveLine.redraw))
  })

/** One line of data. */
export const line = (text: string): Effect.Effect<void, BrokenPipe | StdoutError> => write(text + "\n")
