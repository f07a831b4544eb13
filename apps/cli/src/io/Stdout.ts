import * as Effect from "effect/Effect"
import { BrokenPipe } from "../Errors.js"

// stdout carries data only, so scripts can pipe it; everything for people goes to stderr.

let broken = false
let guarded = false

const isBrokenPipe = (error: unknown): boolean =>
  typeof error === "object" && error !== null && "code" in error &&
  (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED")

/**
 * Without a listener, a reader that goes away (`cfbulk list | head`) kills the process with an
 * unhandled EPIPE; with it, the next write fails with `BrokenPipe` and the command stops quietly.
 */
export const guardStdout = (): void => {
  if (guarded) return
  guarded = true
  process.stdout.on("error", (error) => {
    if (isBrokenPipe(error)) broken = true
    else throw error
  })
}

/**
 * Writes to stdout and waits for the pipe to drain when it is full, so a listing of any length
 * holds at most one chunk in memory.
 */
export const write = (text: string): Effect.Effect<void, BrokenPipe> =>
  Effect.async<void, BrokenPipe>((resume) => {
    if (broken || process.stdout.destroyed) return resume(Effect.fail(new BrokenPipe()))
    if (text === "") return resume(Effect.void)
    const onDrain = () => {
      cleanup()
      resume(Effect.void)
    }
    const onError = () => {
      cleanup()
      resume(Effect.fail(new BrokenPipe()))
    }
    const cleanup = () => {
      process.stdout.off("drain", onDrain)
      process.stdout.off("error", onError)
    }
    let flushed = false
    try {
      flushed = process.stdout.write(text)
    } catch (error) {
      return resume(isBrokenPipe(error) ? Effect.fail(new BrokenPipe()) : Effect.die(error))
    }
    if (flushed) return resume(Effect.void)
    process.stdout.once("drain", onDrain)
    process.stdout.once("error", onError)
    return Effect.sync(cleanup)
  })

/** One line of data. */
export const line = (text: string): Effect.Effect<void, BrokenPipe> => write(text + "\n")

/** Text for people: progress, prompts, notices. Never fails a command. */
export const stderr = (text: string): Effect.Effect<void> =>
  Effect.sync(() => {
    try {
      process.stderr.write(text)
    } catch {
      // A closed stderr has nobody left to tell.
    }
  })
