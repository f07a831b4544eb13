/**
 * The emulator's command line: its flags, their usage text, and how they become `EmulatorOptions`.
 * Shared by the `cfbulk-emulator` bin and `cfbulk emulator`, and published as
 * `@cfbulk/emulator/flags`.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { parseArgs } from "node:util"
import { Defaults, type EmulatorOptions } from "../EmulatorOptions.js"

/**
 * The port the command line serves on when none is given: a fixed one, so scripts and docs agree.
 *
 * @since 0.1.0
 * @category constants
 */
export const DefaultPort = 8787

/**
 * One flag of the emulator's command line; every flag takes a value.
 *
 * @since 0.1.0
 * @category models
 */
export interface FlagSpec {
  readonly name: string
  /** The value's placeholder in the usage text. */
  readonly value: string
  readonly description: string
}

/**
 * Every flag of `cfbulk-emulator`, in one table that `cfbulk emulator` reads too: both command
 * lines take the same flags, with the same defaults, checked by the same `optionsFromFlags`.
 *
 * @since 0.1.0
 * @category constants
 */
export const FlagTable = [
  {
    name: "port",
    value: "<n>",
    description: `port to listen on; 0 picks a free one (default ${DefaultPort})`
  },
  {
    name: "host",
    value: "<host>",
    description: `loopback host to listen on: 127.x.x.x, localhost or ::1 (default ${Defaults.host})`
  },
  { name: "jobs", value: "<n>", description: `seeded jobs (default ${Defaults.jobs})` },
  {
    name: "seed",
    value: "<n>",
    description: `seed of the generated jobs and faults (default ${Defaults.seed})`
  },
  { name: "token", value: "<token>", description: `API token to accept (default ${Defaults.token})` },
  { name: "account-id", value: "<id>", description: `account to serve (default ${Defaults.accountId})` },
  {
    name: "email",
    value: "<email>",
    description: `legacy X-Auth-Email to accept (default ${Defaults.email})`
  },
  {
    name: "api-key",
    value: "<key>",
    description: `legacy X-Auth-Key to accept (default ${Defaults.apiKey})`
  },
  { name: "latency", value: "<ms>", description: "delay added to every response (default 0)" },
  {
    name: "fail-rate",
    value: "<0..1>",
    description: "fraction of requests that get a random fault (default 0)"
  },
  {
    name: "rate-limit",
    value: "<n/s>",
    description:
      `request budget, e.g. 1200/300, or off (default ${Defaults.rateLimit.requests}/${Defaults.rateLimit.windowSeconds})`
  },
  {
    name: "job-duration",
    value: "<time>",
    description: "how long a created job runs: 30s, 1500ms, 2m (default 20s)"
  },
  {
    name: "job-failure-rate",
    value: "<f>",
    description: `fraction of created jobs that fail (default ${Defaults.jobFailureRate})`
  },
  {
    name: "api-shape",
    value: "<shape>",
    description: "current, or legacy for the older API's fields (default current)"
  },
  {
    name: "seed-time",
    value: "<iso>",
    description: `when the seeded history ends (default ${Defaults.seedTime})`
  }
] as const satisfies ReadonlyArray<FlagSpec>

/**
 * The name of a flag, without its leading `--` (`"port"`, `"job-duration"`, ...).
 *
 * @since 0.1.0
 * @category models
 */
export type FlagName = (typeof FlagTable)[number]["name"]

/**
 * The flags as typed: each one's text, when given.
 *
 * @since 0.1.0
 * @category models
 */
export type FlagValues = { readonly [K in FlagName]?: string | undefined }

const usageLine = (flag: string, description: string): string => `  ${flag.padEnd(24)}  ${description}\n`

/**
 * The `--help` text of `cfbulk-emulator`: every flag with its placeholder and default.
 *
 * @since 0.1.0
 * @category constants
 */
export const Usage = `Usage: cfbulk-emulator [options]

Serves a local emulator of the Cloudflare Email Security bulk action jobs API.

Options:
${FlagTable.map((flag) => usageLine(`--${flag.name} ${flag.value}`, flag.description)).join("")}${
  usageLine("--help", "show this help")
}`

/**
 * A parsed command line: a request for help, or the options to run with.
 *
 * @since 0.1.0
 * @category models
 */
export type Flags =
  | { readonly _tag: "Help" }
  | { readonly _tag: "Run"; readonly options: EmulatorOptions }

const integer = (name: string, text: string | undefined): Either.Either<number | undefined, string> => {
  if (text === undefined) return Either.right(undefined)
  return /^[0-9]+$/.test(text.trim())
    ? Either.right(Number(text))
    : Either.left(`--${name} must be a whole number (got "${text}")`)
}

const decimal = (name: string, text: string | undefined): Either.Either<number | undefined, string> => {
  if (text === undefined) return Either.right(undefined)
  return /^[0-9]+(\.[0-9]+)?$|^\.[0-9]+$/.test(text.trim())
    ? Either.right(Number(text))
    : Either.left(`--${name} must be a number (got "${text}")`)
}

/** `30s`, `1500ms`, `2m`, or a bare number of seconds, to milliseconds. */
const duration = (text: string | undefined): Either.Either<number | undefined, string> => {
  if (text === undefined) return Either.right(undefined)
  const match = /^([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m)?$/.exec(text.trim())
  if (match === null) return Either.left(`--job-duration must look like 30s, 1500ms or 2m (got "${text}")`)
  const unit = match[2] ?? "s"
  return Either.right(Number(match[1]) * (unit === "ms" ? 1 : unit === "s" ? 1000 : 60_000))
}

const shape = (text: string | undefined): Either.Either<"current" | "legacy" | undefined, string> =>
  text === undefined || text === "current" || text === "legacy"
    ? Either.right(text)
    : Either.left(`--api-shape must be current or legacy (got "${text}")`)

/**
 * The flags' texts as emulator options, with the command line's defaults (port 8787). Only the
 * syntax is checked here; the values are checked with every other option by `resolveOptions`.
 *
 * @since 0.1.0
 * @category parsing
 */
export const optionsFromFlags = (values: FlagValues): Either.Either<EmulatorOptions, string> =>
  Either.map(
    Either.all({
      port: integer("port", values.port),
      jobs: integer("jobs", values.jobs),
      seed: integer("seed", values.seed),
      latency: integer("latency", values.latency),
      failRate: decimal("fail-rate", values["fail-rate"]),
      jobFailureRate: decimal("job-failure-rate", values["job-failure-rate"]),
      jobDuration: duration(values["job-duration"]),
      apiShape: shape(values["api-shape"])
    }),
    (numbers): EmulatorOptions => ({
      ...numbers,
      port: numbers.port ?? DefaultPort,
      host: values.host,
      token: values.token,
      accountId: values["account-id"],
      email: values.email,
      apiKey: values["api-key"],
      rateLimit: values["rate-limit"],
      seedTime: values["seed-time"]
    })
  )

const Spec = {
  ...Object.fromEntries(FlagTable.map((flag) => [flag.name, { type: "string" }] as const)),
  help: { type: "boolean", short: "h" }
} as const

const parse = (argv: ReadonlyArray<string>) => {
  try {
    return Either.right(
      parseArgs({ args: [...argv], options: Spec, strict: true, allowPositionals: false }).values
    )
  } catch (error) {
    return Either.left(error instanceof Error ? error.message : String(error))
  }
}

const isFlagName = (name: string): name is FlagName => FlagTable.some((flag) => flag.name === name)

/**
 * Reads the bin's command line into emulator options (see `optionsFromFlags`).
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseFlags = (argv: ReadonlyArray<string>): Either.Either<Flags, string> =>
  Either.flatMap(parse(argv), (values) => {
    if (values.help === true) return Either.right({ _tag: "Help" as const })
    const texts: { [K in FlagName]?: string } = {}
    for (const [name, value] of Object.entries(values)) {
      if (isFlagName(name) && typeof value === "string") texts[name] = value
    }
    return Either.map(optionsFromFlags(texts), (options): Flags => ({ _tag: "Run", options }))
  })
