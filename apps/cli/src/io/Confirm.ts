import * as Effect from "effect/Effect"
import * as readline from "node:readline"
import { Declined, UsageError } from "../Errors.js"
import * as Tty from "./Tty.js"

const ask = (question: string): Effect.Effect<string> =>
  Effect.async<string>((resume) => {
    // The prompt goes to stderr: stdout is for data, even when a person is at the keyboard.
    const prompt = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true })
    let answered = false
    const finish = (answer: string) => {
      if (answered) return
      answered = true
      prompt.close()
      resume(Effect.succeed(answer))
    }
    // Without this listener readline swallows Ctrl-C at a prompt; treat it as "no".
    prompt.on("SIGINT", () => {
      process.stderr.write("\n")
      finish("")
    })
    prompt.on("close", () => finish(""))
    prompt.question(question, finish)
    return Effect.sync(() => {
      answered = true
      prompt.close()
    })
  })

/**
 * Refuses when nobody could be asked: no `--yes`, and stdin is not a terminal. A script that forgot
 * `--yes` must not act on an account unattended.
 */
export const requireAnswerable = (what: string, yes: boolean): Effect.Effect<void, UsageError> =>
  yes || Tty.stdinIsTty()
    ? Effect.void
    : Effect.fail(
      new UsageError({
        issue: `${what} needs confirmation, and stdin is not a terminal: pass --yes to go ahead`
      })
    )

/** Goes ahead with `--yes`; asks on a terminal; refuses without one (`requireAnswerable`). */
export const confirm = (
  what: string,
  question: string,
  yes: boolean
): Effect.Effect<void, UsageError | Declined> => {
  if (yes) return Effect.void
  if (!Tty.stdinIsTty()) return requireAnswerable(what, yes)
  return Effect.flatMap(
    ask(`${question} [y/N] `),
    (answer) => /^(y|yes)$/i.test(answer.trim()) ? Effect.void : Effect.fail(new Declined({ what }))
  )
}
