import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as LiveLine from "./LiveLine.js"

// stderr carries what is for people: progress, prompts, notices, errors. Data goes to stdout (Stdout.ts).

/** Writes whole lines for people on stderr, above the live line if one is shown. Never fails a command. */
export const write = (text: string): Effect.Effect<void> => Effect.sync(() => LiveLine.above(text))

/**
 * `--quiet` (set by Main for the whole run): stderr then carries errors and prompts only, not the
 * notes, the waits announced or the progress lines.
 */
export const Quiet: FiberRef.FiberRef<boolean> = FiberRef.unsafeMake(false)

/** Whether `--quiet` was given. */
export const isQuiet: Effect.Effect<boolean> = FiberRef.get(Quiet)

/** A note for people (what was left out, that nothing was found): written unless `--quiet`. */
export const note = (text: string): Effect.Effect<void> =>
  Effect.flatMap(isQuiet, (quiet) => (quiet ? Effect.void : write(text)))
