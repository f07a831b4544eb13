import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import type { NormalizedArgv } from "./Argv.js"
import { run } from "./Cli.js"
import { ExitCode, exitOutcomeOf } from "./ErrorRendering.js"
import { UsageError } from "./Errors.js"
import { withCliConsole } from "./io/CliConsole.js"
import * as Stderr from "./io/Stderr.js"
import * as Stdout from "./io/Stdout.js"
import { stderrLogger } from "./Logging.js"

// Only what @effect/cli needs: NodeContext would also load the command executor and workers.
const platform = Layer.mergeAll(NodeFileSystem.layer, NodePath.layer, NodeTerminal.layer)

/**
 * Runs a command line (global flags already moved to the front) and sets the exit code. Every
 * failure is rendered here, as one line; `NodeRuntime.runMain` is told not to print anything.
 */
export const main = (normalized: NormalizedArgv): void => {
  Stdout.guardStdout()
  let exitCode: number = ExitCode.Ok

  const contradiction = normalized.quiet && normalized.verbose
  const command = contradiction
    ? Effect.fail(new UsageError({ issue: "--quiet and --verbose contradict each other: give one of them" }))
    : run(normalized.argv)

  const program = command.pipe(
    Effect.provide(platform),
    withCliConsole,
    Effect.as(ExitCode.Ok),
    Effect.catchAllCause((cause) => {
      const outcome = exitOutcomeOf(cause, normalized.verbose && !contradiction, normalized.subcommand)
      return Effect.as(
        outcome.text === undefined ? Effect.void : Stderr.write(outcome.text + "\n"),
        outcome.code
      )
    }),
    Effect.tap((code) => Effect.sync(() => (exitCode = code))),
    Effect.provide(Logger.replace(Logger.defaultLogger, stderrLogger(normalized.verbose))),
    // --quiet leaves warnings and errors only: no notes, no waits announced.
    Logger.withMinimumLogLevel(
      normalized.verbose ? LogLevel.Debug : normalized.quiet ? LogLevel.Warning : LogLevel.Info
    ),
    Effect.locally(Stderr.Quiet, normalized.quiet),
    // A listing's page fetches run in fibers of their own; their failure is reported once, by the command.
    Effect.withUnhandledErrorLogLevel(Option.none())
  )

  // The emulator runs until Ctrl-C: that is how it is meant to stop, not a failure.
  const interruptedCode = normalized.subcommand === "emulator" ? ExitCode.Ok : ExitCode.Interrupted

  NodeRuntime.runMain(program, {
    disableErrorReporting: true,
    disablePrettyLogger: true,
    teardown: (exit, onExit) => {
      const code = Exit.isSuccess(exit) ? exitCode : interruptedCode
      process.exitCode = code
      onExit(code)
    }
  })
}
