import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { type Flags, parseFlags, Usage } from "./cli/Flags.js"
import { resolveOptions } from "./EmulatorOptions.js"
import { start } from "./Server.js"

// The bin prints exactly one line on stdout once it serves (`listening on <url>`), so scripts can
// wait for it; everything else goes to stderr. SIGINT/SIGTERM close the server and exit with 0.

const serve = (options: Parameters<typeof start>[0]) =>
  Effect.scoped(Effect.gen(function*() {
    const running = yield* start(options)
    yield* Effect.sync(() => {
      // The credentials first: once the `listening` line is out, a script may move on.
      process.stderr.write(
        `cfbulk-emulator: account id ${running.accountId}, API token ${running.token} ` +
          `(or X-Auth-Email ${running.email} with X-Auth-Key ${running.apiKey})\n`
      )
      process.stdout.write(`listening on ${running.url}\n`)
    })
    return yield* Effect.never
  })).pipe(
    Effect.tapError((error) => Effect.sync(() => process.stderr.write(`cfbulk-emulator: ${error.message}\n`)))
  )

/** The flags, with their values checked as the emulator will check them, so a bad one exits 2 before listening. */
const checked = (parsed: Flags): Either.Either<Flags, string> =>
  parsed._tag === "Help"
    ? Either.right(parsed)
    : Either.map(Either.mapLeft(resolveOptions(parsed.options), (error) => error.issue), () => parsed)

const flags = Either.flatMap(parseFlags(process.argv.slice(2)), checked)
if (Either.isLeft(flags)) {
  process.stderr.write(`cfbulk-emulator: ${flags.left}\n\n${Usage}`)
  process.exitCode = 2
} else if (flags.right._tag === "Help") {
  process.stdout.write(Usage)
} else {
  NodeRuntime.runMain(serve(flags.right.options), { disableErrorReporting: true })
}
