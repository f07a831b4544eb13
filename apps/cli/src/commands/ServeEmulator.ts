import type { EmulatorOptions } from "@cfbulk/emulator"
import { command, serve } from "@cfbulk/emulator/command"
import * as Command from "@effect/cli/Command"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { commandDescriptions } from "../Descriptions.js"
import { type BrokenPipe, EmulatorStartError, type StdoutError, UsageError } from "../Errors.js"
import { cfbulk } from "../GlobalOptions.js"
import * as Stderr from "../io/Stderr.js"
import * as Stdout from "../io/Stdout.js"

/** Bad emulator options are a usage error (exit 2); a port in use is a failure to start (exit 1). */
export const emulatorFailure = (error: { readonly _tag: string; readonly message: string }) =>
  error._tag === "InvalidOptions"
    ? new UsageError({ issue: error.message })
    : new EmulatorStartError({ issue: error.message })

/**
 * The emulator's own command (the `cfbulk-emulator` bin's): the same flags, checks and defaults
 * (port 8787), with a handler that prints what to export in another shell. `--account-id` is one of
 * cfbulk's global flags (Argv moves it in front of the subcommand, and it falls back to
 * CLOUDFLARE_ACCOUNT_ID), so the account is read from there.
 */
export const emulator: Command.Command<
  "emulator",
  Command.Command.Context<"cfbulk">,
  UsageError | EmulatorStartError | BrokenPipe | StdoutError,
  { readonly options: EmulatorOptions }
> = command.pipe(
  Command.withHandler(({ options }) =>
    Effect.gen(function*() {
      const globals = yield* cfbulk
      const accountId = Option.getOrElse(globals.accountId, () => options.accountId)
      const running = yield* serve({ ...options, accountId }).pipe(Effect.mapError(emulatorFailure))
      yield* Stdout.write(
        `listening on ${running.url}\n\n` +
          "# In another shell, point cfbulk at it:\n" +
          `export CLOUDFLARE_BASE_URL=${running.url}\n` +
          `export CLOUDFLARE_ACCOUNT_ID=${running.accountId}\n` +
          // The emulator's own made-up token, not a credential of any account.
          `export CLOUDFLARE_API_TOKEN=${running.token}\n` +
          "cfbulk list\n\n"
      )
      yield* Stderr.note("Press Ctrl-C to stop.\n")
      return yield* Effect.never.pipe(Effect.onInterrupt(() => Stderr.note("\nemulator stopped\n")))
    }).pipe(Effect.scoped)
  ),
  Command.withDescription(commandDescriptions.emulator)
)
