import { describe, expect, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { resolveConfig } from "../src/index.js"
import { StubHttpClient, testJobId } from "../src/testing/index.js"
import { bulkJobsOn, clientOptions, recordingTracer, token, withBulkJobs } from "./fixtures.js"

const email = "secops-SECRET@example.com"
const apiKey = "key-SECRET-9a8b7c6d5e"
const secrets = [token, email, apiKey, "SECRET"]

const legacy = {
  credentials: { _tag: "ApiKey", email: Redacted.make(email), key: Redacted.make(apiKey) }
} as const

/** Every way a value may end up printed. */
const renderings = (value: unknown): Array<string> => [
  String(value),
  JSON.stringify(value) ?? "",
  Inspectable.format(value),
  Cause.pretty(Cause.fail(value)),
  value instanceof Error ? `${value.message}\n${value.stack ?? ""}` : ""
]

const expectNoSecret = (texts: ReadonlyArray<string>) => {
  for (const text of texts) {
    for (const secret of secrets) expect(text).not.toContain(secret)
  }
}

const failures: ReadonlyArray<[string, StubHttpClient.StubHandler]> = [
  ["401", () => StubHttpClient.failure(401, [{ code: 10000, message: "Authentication error" }])],
  ["403", () => StubHttpClient.failure(403, [{ code: 10001, message: "Forbidden" }])],
  ["404", () => StubHttpClient.failure(404, [{ code: 1404, message: "Not found" }])],
  ["400", () => StubHttpClient.failure(400, [{ code: 1001, message: "Bad request" }])],
  ["HTML 502", () => new Response("<html>502 Bad Gateway</html>", { status: 502 })],
  ["schema mismatch", () => StubHttpClient.single({ job_id: 42 })],
  ["connection reset", StubHttpClient.connectionReset],
  ["connection refused", StubHttpClient.connectionRefused]
]

describe("secrets never appear in errors, logs or spans", () => {
  for (const credentials of ["token", "legacy"] as const) {
    for (const [name, handler] of failures) {
      it.effect(`${credentials} credentials, ${name}`, () =>
        Effect.gen(function*() {
          const logs: Array<string> = []
          const logger = Logger.make(({ annotations, message }) => {
            logs.push(Inspectable.format(message), Inspectable.format(annotations))
          })
          const { spans, tracer } = recordingTracer()
          const layer = bulkJobsOn(
            handler,
            credentials === "legacy" ? { ...legacy, maxRetries: 0 } : { maxRetries: 0 }
          )
          const exit = yield* withBulkJobs(layer, (jobs) => jobs.cancel(testJobId(1))).pipe(
            Effect.withTracer(tracer),
            Logger.withMinimumLogLevel(LogLevel.All),
            Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
            Effect.exit
          )
          expect(exit._tag).toBe("Failure")
          if (exit._tag === "Failure") {
            const error = Cause.failureOption(exit.cause)
            expect(Option.isSome(error)).toBe(true)
            expectNoSecret([...renderings(Option.getOrUndefined(error)), Cause.pretty(exit.cause)])
          }
          expect(logs.length).toBeGreaterThan(0)
          expectNoSecret(logs)
          const attributes = spans.flatMap((span) =>
            [...span.attributes].map(([key, value]) => `${key}=${String(value)}`)
          )
          expect(attributes.some((attribute) => attribute.startsWith("http.request.header."))).toBe(true)
          expectNoSecret(attributes)
        }))
    }
  }

  it.effect("a list stream's failure carries no secret either", () =>
    Effect.gen(function*() {
      const layer = bulkJobsOn(
        () => StubHttpClient.failure(401, [{ code: 10000, message: "Authentication error" }]),
        legacy
      )
      const exit = yield* withBulkJobs(layer, (jobs) => Stream.runDrain(jobs.list())).pipe(Effect.exit)
      expect(exit._tag).toBe("Failure")
      if (exit._tag === "Failure") expectNoSecret([Cause.pretty(exit.cause)])
    }))

  it.effect("the resolved configuration prints no secret", () =>
    Effect.gen(function*() {
      const config = yield* resolveConfig(clientOptions(legacy))
      expectNoSecret(renderings(config))
      const tokenConfig = yield* resolveConfig(clientOptions())
      expectNoSecret(renderings(tokenConfig))
    }))
})
