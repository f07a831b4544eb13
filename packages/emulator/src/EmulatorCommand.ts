/**
 * The emulator's command line: one `@effect/cli` command, `emulator`, with typed flags checked as
 * `resolveOptions` checks them, so a bad value is a usage error before anything listens. The
 * `cfbulk-emulator` bin runs it; `cfbulk emulator` mounts it as a subcommand, with a handler of its
 * own. Published as `@cfbulk/emulator/command`: it loads @effect/cli, effect and the options, and the
 * server only when the command runs.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import {
  Defaults,
  type EmulatorOptions,
  parseRateLimitFlag,
  type RateLimit,
  resolveOptions
} from "./EmulatorOptions.js"
import type { EmulatorError } from "./Errors.js"
import type { RunningEmulator } from "./Server.js"

/**
 * The port the command line serves on when none is given: a fixed one, so scripts and docs agree.
 *
 * @since 0.1.0
 * @category constants
 */
export const DefaultPort = 8787

const durationUnits: Record<string, (value: number) => Duration.Duration> = {
  ms: Duration.millis,
  s: Duration.seconds,
  m: Duration.minutes,
  h: Duration.hours
}

/**
 * Reads a duration as people type it on a command line: `30s`, `500ms`, `2m`, `1.5h`, a bare
 * number of seconds, or Effect's own form (`30 seconds`).
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseDuration = (input: string): Option.Option<Duration.Duration> => {
  const text = input.trim()
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(text)
  if (match !== null) {
    const unit = durationUnits[match[2] ?? "s"]
    return unit === undefined ? Option.none() : Option.some(unit(Number(match[1])))
  }
  return Duration.decodeUnknown(text)
}

const usageError = (text: string) => ValidationError.invalidValue(HelpDoc.p(text))

/**
 * A duration flag (`30s`, `500ms`, `2m`: see `parseDuration`); a bad value is a usage error. The
 * emulator's `--job-duration`, and cfbulk's `--timeout` and `watch --interval`.
 *
 * @since 0.1.0
 * @category options
 */
export const durationOption = (name: string): Options.Options<Duration.Duration> =>
  Options.text(name).pipe(
    Options.withPseudoName("duration"),
    Options.mapEffect((text) =>
      Option.match(parseDuration(text), {
        onNone: () =>
          Effect.fail(
            usageError(`--${name}: ${JSON.stringify(text)} is not a duration (try 30s, 500ms or 2m)`)
          ),
        onSome: Effect.succeed
      })
    )
  )

/**
 * A flag that may be left out: its default is then the emulator's own, which the description says.
 * `placeholder` names its value in the usage (a choice or a date shows its own instead).
 */
const given = <A>(option: Options.Options<A>, placeholder: string, description: string) =>
  option.pipe(
    Options.withPseudoName(placeholder),
    Options.withDescription(description),
    Options.optional,
    Options.map(Option.getOrUndefined)
  )

const rateLimitFlag = (text: string): Effect.Effect<RateLimit | false, ValidationError.ValidationError> =>
  Either.match(parseRateLimitFlag(text), {
    onLeft: (error) => Effect.fail(usageError(error.message)),
    onRight: (limit) => Effect.succeed(limit ?? false)
  })

/**
 * Every flag of the emulator's command line, read into `EmulatorOptions` and checked by
 * `resolveOptions`: a value it would refuse is a usage error. Left out, a flag takes the option's
 * default (see `Defaults`), except `--port`: `DefaultPort`.
 *
 * @since 0.1.0
 * @category options
 */
export const flags: Options.Options<EmulatorOptions> = Options.all({
  port: given(Options.integer("port"), "n", `Port to listen on; 0 picks a free one (default ${DefaultPort})`),
  host: given(
    Options.text("host"),
    "host",
    `Loopback host to listen on: 127.x.x.x, localhost or ::1 (default ${Defaults.host})`
  ),
  jobs: given(Options.integer("jobs"), "n", `Seeded jobs (default ${Defaults.jobs})`),
  seed: given(
    Options.integer("seed"),
    "n",
    `Seed of the generated jobs and faults (default ${Defaults.seed})`
  ),
  token: given(Options.text("token"), "token", `API token to accept (default ${Defaults.token})`),
  accountId: given(Options.text("account-id"), "id", `Account to serve (default ${Defaults.accountId})`),
  email: given(Options.text("email"), "email", `Legacy X-Auth-Email to accept (default ${Defaults.email})`),
  apiKey: given(Options.text("api-key"), "key", `Legacy X-Auth-Key to accept (default ${Defaults.apiKey})`),
  latency: given(
    Options.integer("latency"),
    "ms",
    "Delay added to every response, in milliseconds (default 0)"
  ),
  failRate: given(
    Options.float("fail-rate"),
    "0..1",
    "Fraction of requests that get a random fault (default 0)"
  ),
  rateLimit: given(
    Options.text("rate-limit").pipe(Options.mapEffect(rateLimitFlag)),
    "n/s",
    `Request budget, e.g. 1200/300, or off (default ${Defaults.rateLimit.requests}/${Defaults.rateLimit.windowSeconds})`
  ),
  jobDuration: given(
    durationOption("job-duration"),
    "time",
    "How long a created job runs: 30s, 1500ms, 2m (default 20s)"
  ),
  jobFailureRate: given(
    Options.float("job-failure-rate"),
    "f",
    `Fraction of created jobs that fail (default ${Defaults.jobFailureRate})`
  ),
  apiShape: given(
    Options.choice("api-shape", ["current", "legacy"]),
    "shape",
    "Which API to serve: current, or legacy for the older API's fields (default current)"
  ),
  seedTime: given(
    Options.date("seed-time"),
    "iso",
    `When the seeded history ends (default ${Defaults.seedTime})`
  )
}).pipe(
  Options.map((values): EmulatorOptions => ({ ...values, port: values.port ?? DefaultPort })),
  Options.mapEffect((options) =>
    Either.match(resolveOptions(options), {
      onLeft: (error) => Effect.fail(usageError(error.message)),
      onRight: () => Effect.succeed(options)
    })
  )
)

/**
 * Serves the emulator on loopback until the scope closes, as `start` does, loading the server only
 * now: whatever imports the command line alone starts fast.
 *
 * @since 0.1.0
 * @category running
 */
export const serve = (options: EmulatorOptions): Effect.Effect<RunningEmulator, EmulatorError, Scope.Scope> =>
  Effect.flatMap(Effect.promise(() => import("./Server.js")), (server) => server.start(options))

/**
 * The `emulator` command. Its handler is the `cfbulk-emulator` bin's: it serves until interrupted,
 * printing the credentials on stderr and then exactly one line on stdout, `listening on <url>`, which
 * a script may wait for. `cfbulk emulator` replaces the handler (`Command.withHandler`) to print
 * its own.
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make(
  "emulator",
  { options: flags },
  ({ options }) =>
    Effect.scoped(Effect.gen(function*() {
      const running = yield* serve(options)
      yield* Effect.sync(() => {
        // The credentials first: once the `listening` line is out, a script may move on.
        process.stderr.write(
          `cfbulk-emulator: account id ${running.accountId}, API token ${running.token} ` +
            `(or X-Auth-Email ${running.email} with X-Auth-Key ${running.apiKey})\n`
        )
        process.stdout.write(`listening on ${running.url}\n`)
      })
      return yield* Effect.never
    }))
).pipe(
  Command.withDescription("Serves a local emulator of the Cloudflare Email Security bulk action jobs API.")
)
