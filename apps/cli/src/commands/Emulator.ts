import { FlagTable, type FlagValues, optionsFromFlags } from "@cfbulk/emulator/flags"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { commandDescriptions } from "../Descriptions.js"
import { EmulatorError, UsageError } from "../Errors.js"
import { cfbulk } from "../GlobalOptions.js"
import * as Stdout from "../io/Stdout.js"

// `--account-id` is one of cfbulk's global flags (Argv moves it in front of the subcommand), so the
// command reads it from there; every other flag of the emulator's own table is an option here.
const localFlags = FlagTable.filter((flag) => flag.name !== "account-id")

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/**
 * Exactly the flags of `cfbulk-emulator`, from its table, taken as text and read by the emulator's
 * own `optionsFromFlags`: same names, same checks, same defaults (port 8787).
 */
export const emulatorOptions: Record<string, Options.Options<Option.Option<string>>> = Object.fromEntries(
  localFlags.map((flag) => [
    flag.name,
    Options.text(flag.name).pipe(
      Options.withPseudoName(flag.value.replace(/[<>]/g, "")),
      Options.withDescription(capitalized(flag.description)),
      Options.optional
    )
  ])
)

/** Bad emulator flags are a usage error (exit 2); a port in use is a failure to start (exit 1). */
export const emulatorFailure = (error: { readonly _tag: string; readonly message: string }) =>
  error._tag === "InvalidOptions"
    ? new UsageError({ issue: error.message })
    : new EmulatorError({ issue: error.message })

/** The emulator's module, loaded only by the commands that run it, so the others start faster. */
export const loadEmulator = Effect.promise(() => import("@cfbulk/emulator"))

export const emulator = Command.make(
  "emulator",
  { flags: emulatorOptions },
  ({ flags }) =>
    Effect.gen(function*() {
      const globals = yield* cfbulk
      const given: { [name: string]: string | undefined } = {
        ...Object.fromEntries(
          Object.entries(flags).map(([name, value]) => [name, Option.getOrUndefined(value)])
        ),
        "account-id": Option.getOrUndefined(globals.accountId)
      }
      const texts: FlagValues = given
      const options = yield* Either.mapLeft(optionsFromFlags(texts), (issue) => new UsageError({ issue }))
      const { start } = yield* loadEmulator
      const running = yield* start(options).pipe(Effect.mapError(emulatorFailure))
      yield* Stdout.write(
        `listening on ${running.url}\n\n` +
          "# In another shell, point cfbulk at it:\n" +
          `export CLOUDFLARE_BASE_URL=${running.url}\n` +
          `export CLOUDFLARE_ACCOUNT_ID=${running.accountId}\n` +
          // The emulator's own made-up token, not a credential of any account.
          `export CLOUDFLARE_API_TOKEN=${running.token}\n` +
          "cfbulk list\n\n"
      )
      yield* Stdout.stderr("Press Ctrl-C to stop.\n")
      return yield* Effect.never.pipe(Effect.onInterrupt(() => Stdout.stderr("\nemulator stopped\n")))
    }).pipe(Effect.scoped)
).pipe(
  Command.withDescription(commandDescriptions.emulator)
)
