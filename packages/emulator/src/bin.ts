import { version } from "@cfbulk/core"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as ValidationError from "@effect/cli/ValidationError"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { stripVTControlCharacters } from "node:util"
import { command } from "./EmulatorCommand.js"

// Runs the `emulator` command (EmulatorCommand.ts), whose handler prints exactly one line on stdout
// once it serves (`listening on <url>`), so scripts can wait for it; everything else goes to stderr.
// SIGINT/SIGTERM close the server and exit with 0; a bad command line exits with 2 before
// listening, a server that cannot listen with 1.

const name = "cfbulk-emulator"

/**
 * The help (and `--version`), on stdout: with @effect/cli's ANSI styles on a terminal, without them in
 * a pipe or with NO_COLOR. The command is named for `cfbulk emulator`; here its usage names the bin.
 */
const log = (...args: ReadonlyArray<unknown>) =>
  Effect.sync(() => {
    const text = args.map(String).join(" ").replace(/\n$/, "").replace(/^\$ emulator\b/m, `$ ${name}`)
    const styled = process.stdout.isTTY === true && process.env.NO_COLOR === undefined
    process.stdout.write((styled ? text : stripVTControlCharacters(text)) + "\n")
  })

const fail = (text: string) => Effect.sync(() => process.stderr.write(`${name}: ${text}\n`))

/** A usage error on one line, naming the bin, instead of @effect/cli's own rendering. */
const usageLine = (error: ValidationError.ValidationError): string =>
  `${
    stripVTControlCharacters(HelpDoc.toAnsiText(error.error)).replace(/\s+/g, " ").trim()
  } (see '${name} --help')`

/** @effect/cli prints its help with `Console.log`, and its usage errors with `Console.error`: `usageLine` says those instead. */
const withBinConsole = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Console.consoleWith((current) => Console.withConsole(effect, { ...current, log, error: () => Effect.void }))

const program = Command.run(command, { name, version })(process.argv).pipe(
  Effect.tapError((error) =>
    fail(ValidationError.isValidationError(error) ? usageLine(error) : error.message)
  ),
  withBinConsole,
  Effect.provide(Layer.mergeAll(NodeFileSystem.layer, NodePath.layer, NodeTerminal.layer))
)

const exitCode = (exit: Exit.Exit<unknown, unknown>): number => {
  if (Exit.isSuccess(exit) || Cause.isInterruptedOnly(exit.cause)) return 0
  const error = Option.getOrUndefined(Cause.failureOption(exit.cause))
  return ValidationError.isValidationError(error) ? 2 : 1
}

NodeRuntime.runMain(program, {
  disableErrorReporting: true,
  teardown: (exit, onExit) => onExit(exitCode(exit))
})
