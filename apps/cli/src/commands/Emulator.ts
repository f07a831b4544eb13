import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { commandDescriptions } from "../Descriptions.js"
import { EmulatorError, UsageError } from "../Errors.js"
import { cfbulk, durationOption } from "../GlobalOptions.js"
import * as Stdout from "../io/Stdout.js"

const optional = <A>(options: Options.Options<A>, description: string) =>
  options.pipe(Options.withDescription(description), Options.optional)

export const emulatorOptions = {
  port: optional(Options.integer("port"), "Port to listen on (default: any free port)"),
  host: optional(Options.text("host"), "Loopback host to listen on (default 127.0.0.1)"),
  jobs: optional(Options.integer("jobs"), "Seeded jobs (default 50)"),
  seed: optional(Options.integer("seed"), "Seed of every generated job and fault (default 1)"),
  token: optional(
    Options.text("token"),
    "The API token the emulator accepts (default cfbulk-emulator-token)"
  ),
  latency: optional(Options.integer("latency"), "Milliseconds added to every response (default 0)"),
  failRate: optional(Options.float("fail-rate"), "Fraction of requests answered with a random fault, 0-1"),
  rateLimit: optional(Options.text("rate-limit"), "Request budget, e.g. 1200/300 (requests/seconds), or off"),
  jobDuration: optional(durationOption("job-duration"), "How long a created job runs, e.g. 20s")
}

export interface EmulatorFlags {
  readonly port: Option.Option<number>
  readonly host: Option.Option<string>
  readonly jobs: Option.Option<number>
  readonly seed: Option.Option<number>
  readonly token: Option.Option<string>
  readonly latency: Option.Option<number>
  readonly failRate: Option.Option<number>
  readonly rateLimit: Option.Option<string>
  readonly jobDuration: Option.Option<Duration.Duration>
}

/** Bad emulator flags are a usage error (exit 2); a port in use is a failure to start (exit 1). */
export const emulatorFailure = (error: { readonly _tag: string; readonly message: string }) =>
  error._tag === "InvalidOptions"
    ? new UsageError({ issue: error.message })
    : new EmulatorError({ issue: error.message })

/** The emulator's module, loaded only by the commands that run it, so the others start faster. */
export const loadEmulator = Effect.promise(() => import("@cfbulk/emulator"))

export const emulator = Command.make("emulator", emulatorOptions, (flags) =>
  Effect.gen(function*() {
    const globals = yield* cfbulk
    const { start } = yield* loadEmulator
    const running = yield* start({
      port: Option.getOrUndefined(flags.port),
      host: Option.getOrUndefined(flags.host),
      jobs: Option.getOrUndefined(flags.jobs),
      seed: Option.getOrUndefined(flags.seed),
      token: Option.getOrUndefined(flags.token),
      latency: Option.getOrUndefined(flags.latency),
      failRate: Option.getOrUndefined(flags.failRate),
      rateLimit: Option.getOrUndefined(flags.rateLimit),
      jobDuration: Option.getOrUndefined(flags.jobDuration),
      accountId: Option.getOrUndefined(globals.accountId)
    }).pipe(Effect.mapError(emulatorFailure))
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
  }).pipe(Effect.scoped)).pipe(
    Command.withDescription(commandDescriptions.emulator)
  )
