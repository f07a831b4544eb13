import { durationOption } from "@cfbulk/emulator/command"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Config from "effect/Config"
import type * as Duration from "effect/Duration"
import type * as Option from "effect/Option"
import { globalOptionDescriptions } from "./Descriptions.js"

const accountId = Options.text("account-id").pipe(
  Options.withDescription(globalOptionDescriptions["account-id"]),
  Options.withFallbackConfig(Config.string("CLOUDFLARE_ACCOUNT_ID")),
  Options.optional
)

const baseUrl = Options.text("base-url").pipe(
  Options.withDescription(globalOptionDescriptions["base-url"]),
  Options.withFallbackConfig(Config.string("CLOUDFLARE_BASE_URL")),
  Options.optional
)

const timeout = durationOption("timeout").pipe(
  Options.withDescription(globalOptionDescriptions.timeout),
  Options.optional
)

const maxRetries = Options.integer("max-retries").pipe(
  Options.withDescription(globalOptionDescriptions["max-retries"]),
  Options.optional
)

const concurrency = Options.integer("concurrency").pipe(
  Options.withDescription(globalOptionDescriptions.concurrency),
  Options.optional
)

const verbose = Options.boolean("verbose").pipe(
  Options.withDescription(globalOptionDescriptions.verbose)
)

const quiet = Options.boolean("quiet").pipe(
  Options.withDescription(globalOptionDescriptions.quiet)
)

export const globalOptions = { accountId, baseUrl, timeout, maxRetries, concurrency, verbose, quiet }

export interface Globals {
  readonly accountId: Option.Option<string>
  readonly baseUrl: Option.Option<string>
  readonly timeout: Option.Option<Duration.Duration>
  readonly maxRetries: Option.Option<number>
  readonly concurrency: Option.Option<number>
  readonly verbose: boolean
  readonly quiet: boolean
}

/**
 * The root command, holding the global options. Subcommands read them by yielding it; without a
 * subcommand it shows the help.
 */
export const cfbulk = Command.make("cfbulk", globalOptions)
