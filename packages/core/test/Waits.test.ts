// Any wait of about two seconds or more is logged once, at Info level, with its reason and length:
// a low rate-limit budget, a 429's Retry-After, a long backoff. Time is the TestClock's.
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as HashMap from "effect/HashMap"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as TestClock from "effect/TestClock"
import { sleepingFor, watchingSleeps } from "../../../test-support/Settle.js"
import { StubHttpClient, testJobId } from "../src/testing/index.js"
import { bulkJobsOn, wireJobs, withBulkJobs } from "./fixtures.js"

const [job] = wireJobs(1)
const jobId = testJobId(1)

interface Logged {
  readonly level: string
  readonly text: string
  readonly waitMs: unknown
}

/** Runs `effect` with every log line collected into `logged`. */
const collectingLogs = (logged: Array<Logged>) =>
  Logger.replace(
    Logger.defaultLogger,
    Logger.make(({ annotations, logLevel, message }) => {
      logged.push({
        level: logLevel.label,
        text: (Array.isArray(message) ? message : [message]).map(String).join(" "),
        waitMs: HashMap.get(annotations, "cfbulk.wait_ms").pipe((option) =>
          option._tag === "Some" ? option.value : undefined
        )
      })
    })
  )

const answers = (list: ReadonlyArray<() => Response>) => {
  let sent = 0
  const handler: StubHttpClient.StubHandler = () => {
    const answer = list[Math.min(sent, list.length - 1)]
    sent++
    return answer === undefined ? StubHttpClient.single(job) : answer()
  }
  return { handler, sent: () => sent }
}

const waits = (logged: ReadonlyArray<Logged>) => logged.filter((line) => line.waitMs !== undefined)

describe("waits are announced", () => {
  it.effect("a spent rate-limit budget: once for every request waiting on the same window", () =>
    watchingSleeps(Effect.gen(function*() {
      const logged: Array<Logged> = []
      const api = answers([
        () => StubHttpClient.single(job, 200, { ratelimit: "\"default\";r=0;t=52" }),
        () => StubHttpClient.single(job, 200, { ratelimit: "\"default\";r=100;t=300" })
      ])
      yield* withBulkJobs(bulkJobsOn(api.handler), (jobs) =>
        Effect.gen(function*() {
          yield* jobs.get(jobId)
          const waiting = yield* Effect.fork(Effect.all([jobs.get(jobId), jobs.get(jobId), jobs.get(jobId)], {
            concurrency: 3
          }))
          yield* sleepingFor("52 seconds", "52 seconds", 3)
          yield* TestClock.adjust("52 seconds")
          yield* Fiber.join(waiting)
        })).pipe(Effect.provide(collectingLogs(logged)))
      expect(waits(logged)).toEqual([{
        level: "INFO",
        text: "waiting 52s for the rate-limit window (Ratelimit: 0 left)",
        waitMs: 52_000
      }])
      expect(api.sent()).toBe(4)
    })))

  it.effect("a budget down to the reserve says so; one estimated below 0 (requests in flight) says 0", () =>
    watchingSleeps(Effect.gen(function*() {
      const logged: Array<Logged> = []
      const reserveLeft = answers([
        () => StubHttpClient.single(job, 200, { ratelimit: "\"default\";r=2;t=40" }),
        () => StubHttpClient.single(job)
      ])
      yield* withBulkJobs(bulkJobsOn(reserveLeft.handler), (jobs) =>
        Effect.gen(function*() {
          yield* jobs.get(jobId)
          const waiting = yield* Effect.fork(jobs.get(jobId))
          yield* sleepingFor("40 seconds")
          yield* TestClock.adjust("40 seconds")
          yield* Fiber.join(waiting)
        })).pipe(Effect.provide(collectingLogs(logged)))
      // Three requests in flight when the first answer reports 0 left: the estimate is 0 - 2.
      const overspent = answers([
        () => StubHttpClient.single(job, 200, { ratelimit: "\"default\";r=0;t=30" }),
        () => StubHttpClient.single(job)
      ])
      yield* withBulkJobs(bulkJobsOn(overspent.handler), (jobs) =>
        Effect.gen(function*() {
          yield* Effect.all([jobs.get(jobId), jobs.get(jobId), jobs.get(jobId)], { concurrency: 3 })
          const waiting = yield* Effect.fork(jobs.get(jobId))
          yield* sleepingFor("30 seconds")
          yield* TestClock.adjust("30 seconds")
          yield* Fiber.join(waiting)
        })).pipe(Effect.provide(collectingLogs(logged)))
      expect(waits(logged).map((line) => line.text)).toEqual([
        "waiting 40s for the rate-limit window (Ratelimit: 2 left, in reserve)",
        "waiting 30s for the rate-limit window (Ratelimit: 0 left)"
      ])
    })))

  it.effect("a 429's Retry-After", () =>
    watchingSleeps(Effect.gen(function*() {
      const logged: Array<Logged> = []
      const api = answers([
        () =>
          StubHttpClient.failure(429, [{ code: 10429, message: "Rate limited" }], { "retry-after": "30" }),
        () => StubHttpClient.single(job)
      ])
      const fiber = yield* Effect.fork(
        withBulkJobs(bulkJobsOn(api.handler), (jobs) => jobs.get(jobId)).pipe(
          Effect.provide(collectingLogs(logged))
        )
      )
      yield* sleepingFor("30 seconds")
      yield* TestClock.adjust("30 seconds")
      yield* Fiber.join(fiber)
      expect(waits(logged).map((line) => line.text)).toEqual([
        "waiting 30s: Cloudflare answered 429 Too Many Requests (Retry-After)"
      ])
    })))

  it.effect("a backoff of two seconds or more, not a shorter one", () =>
    watchingSleeps(Effect.gen(function*() {
      const logged: Array<Logged> = []
      const unavailable = () => StubHttpClient.failure(503, [{ code: 10503, message: "unavailable" }])
      const api = answers([unavailable, unavailable, () => StubHttpClient.single(job)])
      const fiber = yield* Effect.fork(
        withBulkJobs(bulkJobsOn(api.handler, { retryBaseDelay: "1500 millis" }), (jobs) => jobs.get(jobId))
          .pipe(
            Effect.provide(collectingLogs(logged))
          )
      )
      // 1.5 s then 3 s, each times [0.5, 1] (equal jitter).
      yield* TestClock.adjust(yield* sleepingFor("750 millis", "1500 millis"))
      yield* TestClock.adjust(yield* sleepingFor("1500 millis", "3 seconds"))
      yield* Fiber.join(fiber)
      // 1.5 s x [0.5, 1] then 3 s x [0.5, 1]: the first wait is below 2 s, the second at least 1.5 s.
      const announced = waits(logged)
      expect(announced.length).toBeLessThanOrEqual(1)
      for (const line of announced) {
        expect(line.text).toMatch(/^waiting \ds before retry 2 of GET \/client\/v4\/accounts\/\w+\/.+: 503$/)
        expect(Number(line.waitMs)).toBeGreaterThanOrEqual(2_000)
      }
      expect(api.sent()).toBe(3)
    })))

  it.effect("nothing is announced at Info level for waits below two seconds", () =>
    watchingSleeps(Effect.gen(function*() {
      const logged: Array<Logged> = []
      const api = answers([
        () => StubHttpClient.failure(429, [{ code: 10429, message: "Rate limited" }], { "retry-after": "1" }),
        () => StubHttpClient.single(job)
      ])
      const fiber = yield* Effect.fork(
        withBulkJobs(bulkJobsOn(api.handler), (jobs) => jobs.get(jobId)).pipe(
          Effect.provide(collectingLogs(logged)),
          Logger.withMinimumLogLevel(LogLevel.Info)
        )
      )
      yield* sleepingFor("1 second")
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fiber)
      expect(logged).toEqual([])
    })))
})
