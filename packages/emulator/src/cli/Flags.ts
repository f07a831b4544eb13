import * as Either from "effect/Either"
import { parseArgs } from "node:util"
import { Defaults, type EmulatorOptions } from "../Options.js"

export const Usage = `Usage: cfbulk-emulator [options]

Serves a local emulator of the Cloudflare Email Security bulk action jobs API.

Options:
  --port <n>              port to listen on; 0 picks a free one (default 8787)
  --host <host>           host to listen on (default 127.0.0.1)
  --jobs <n>              seeded jobs (default 50)
  --seed <n>              seed of the generated jobs and faults (default 1)
  --token <token>         API token to accept (default ${Defaults.token})
  --account-id <id>       account to serve (default ${Defaults.accountId})
  --email <email>         legacy X-Auth-Email to accept (default ${Defaults.email})
  --api-key <key>         legacy X-Auth-Key to accept (default ${Defaults.apiKey})
  --latency <ms>          delay added to every response (default 0)
  --fail-rate <0..1>      fraction of requests that get a random fault (default 0)
  --rate-limit <n/s>      request budget, e.g. 1200/300, or off (default 1200/300)
  --job-duration <time>   how long a created job runs: 30s, 1500ms, 2m (default 20s)
  --job-failure-rate <f>  fraction of created jobs that fail (default 0.1)
  --api-shape <shape>     current, or legacy for the older API's fields (default current)
  --seed-time <iso>       when the seeded history ends (default ${Defaults.seedTime})
  --help                  show this help
`

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

const Spec = {
  port: { type: "string" },
  host: { type: "string" },
  jobs: { type: "string" },
  seed: { type: "string" },
  token: { type: "string" },
  "account-id": { type: "string" },
  email: { type: "string" },
  "api-key": { type: "string" },
  latency: { type: "string" },
  "fail-rate": { type: "string" },
  "rate-limit": { type: "string" },
  "job-duration": { type: "string" },
  "job-failure-rate": { type: "string" },
  "api-shape": { type: "string" },
  "seed-time": { type: "string" },
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

/**
 * Reads the command line into emulator options (the bin's defaults: port 8787). Only the syntax is
 * checked here; the values are checked with every other option by `resolveOptions`.
 */
export const parseFlags = (argv: ReadonlyArray<string>): Either.Either<Flags, string> =>
  Either.flatMap(parse(argv), (values) => {
    if (values.help === true) return Either.right({ _tag: "Help" as const })
    return Either.map(
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
      (numbers): Flags => ({
        _tag: "Run",
        options: {
          ...numbers,
          port: numbers.port ?? 8787,
          host: values.host,
          token: values.token,
          accountId: values["account-id"],
          email: values.email,
          apiKey: values["api-key"],
          rateLimit: values["rate-limit"],
          seedTime: values["seed-time"]
        }
      })
    )
  })
