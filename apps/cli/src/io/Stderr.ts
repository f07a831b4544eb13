import * as Effect from "effect/Effect"

// stderr carries what is for people: progress, prompts, notices, errors. Data goes to stdout (Stdout.ts).

/** Writes text for people on stderr. Never fails a command. */
export const write = (text: string): Effect.Effect<void> =>
  Effect.sync(() => {
    try {
      process.stderr.write(text)
    } catch {
      // A closed stderr has nobody left to tell.
    }
  })
