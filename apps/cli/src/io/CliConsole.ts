import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { redact } from "../Redact.js"
import { stripAnsi } from "./Paint.js"
import * as Tty from "./Tty.js"

const text = (args: ReadonlyArray<unknown>): string =>
  args.map((arg) => (typeof arg === "string" ? arg : String(arg))).join(" ")

const writeTo = (stream: NodeJS.WriteStream, color: boolean, args: ReadonlyArray<unknown>) =>
  Effect.sync(() => {
    // @effect/cli ends some texts (the version) with a newline of their own.
    const line = text(args).replace(/\n$/, "")
    try {
      stream.write(redact(color ? line : stripAnsi(line)) + "\n")
    } catch {
      // A closed stream (EPIPE) has no reader left to tell.
    }
  })

/**
 * @effect/cli prints its help and its usage errors through `Console`, always with ANSI colours.
 * This console drops them when the stream is not a terminal or NO_COLOR is set, scrubs credentials,
 * and leaves the usage errors to ErrorRendering.
 */
export const withCliConsole = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Console.consoleWith((current) =>
    Console.withConsole(effect, {
      ...current,
      log: (...args) => writeTo(process.stdout, Tty.colorStdout(), args),
      info: (...args) => writeTo(process.stdout, Tty.colorStdout(), args),
      // @effect/cli prints its usage errors here, on lines of their own; ErrorRendering prints the
      // same message as cfbulk's one line instead.
      error: () => Effect.void,
      warn: (...args) => writeTo(process.stderr, Tty.colorStderr(), args)
    })
  )
