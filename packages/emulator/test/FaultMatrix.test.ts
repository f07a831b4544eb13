// The fault matrix (issue 5): for each fault the emulator can inject, the list stream either yields
// exactly the expected jobs — none lost, none duplicated, in order — or fails with the right typed
// error after the documented retries. It lives beside the emulator so that core depends on no
// workspace package. Runs the real client against the in-process emulator, with
// time driven by TestClock.
import { BulkJobs, type CloudflareClient } from "@cfbulk/core"
import { EmulatorControl, Fault, InProcessUrl, layer as emulatorLayer } from "@cfbulk/emulator"
import type { EmulatorOptions } from "@cfbulk/emulator"
import * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { sleepingFor, watchingSleeps, withTime } from "../../../test-support/Settle.js"

const token = "fault-matrix-token"
const accountId = "023e105f4ecef8ad9ca31a8372d0c353"
const JOBS = 450
const PER_PAGE = 100

const setup = (
  options: EmulatorOptions = {},
  client: Partial<CloudflareClient.MakeOptions> = {}
) => {
  const emulator = emulatorLayer({ jobs: JOBS, token, accountId, rateLimit: false, ...options })
  const bulkJobs = BulkJobs.layer({
    credentials: { _tag: "ApiToken", token: Redacted.make(token) },
    accountId,
    baseUrl: InProcessUrl,
    ...client
  })
  return bulkJobs.pipe(Layer.provideMerge(emulator))
}

/**
 * Runs `effect` while moving the test clock on a second at a time, until it ends (for at most an
 * hour of test time). The in-process client answers through real promises, so before each second
 * it waits, turn by turn of the event loop, until the program has ended or waits on the clock. A
 * request in flight waits on the clock (its timeout runs), as time passes while a server answers:
 * its promises settle in microtasks, within a turn, and its timeout is 30 of these seconds away.
 */
const listIds = (params: { readonly per_page?: number } = {}) =>
  Effect.flatMap(BulkJobs, (jobs) => Stream.runCollect(jobs.list({ per_page: PER_PAGE, ...params }))).pipe(
    Effect.map((jobs) => Chunk.toReadonlyArray(jobs).map((job) => job.job_id))
  )

/** The jobs a fault-free listing yields: what every faulty listing must match exactly. */
const expectedIds = Effect.provide(listIds(), setup())

const expectExactly = (ids: ReadonlyArray<string>, expected: ReadonlyArray<string>) => {
  expect(ids).toHaveLength(JOBS)
  expect(new Set(ids).size).toBe(ids.length)
  expect(ids).toEqual(expected)
}

const page2 = { method: "GET", path: /[?&]page=2&/ }

describe("fault matrix: the list stream survives or fails with the right error", () => {
  const recoverable: ReadonlyArray<[string, ReadonlyArray<Fault>]> = [
    ["a burst of 5xx", [
      Fault.ServerError({ status: 503 }),
      Fault.ServerError({ status: 500 }),
      Fault.ServerError({ status: 503 })
    ]],
    ["Cloudflare's HTML 502 page", [Fault.BadGateway()]],
    ["a success:false envelope with status 500", [Fault.ServerError({ status: 500 })]],
    ["truncated JSON", [Fault.Truncate({})]],
    ["a connection reset mid-list", [Fault.Reset()]],
    ["a page slower than the timeout", [Fault.Delay({ millis: 45_000 })]]
  ]
  for (const [name, faults] of recoverable) {
    it.effect(`${name}: every job once, in order`, () =>
      Effect.gen(function*() {
        const expected = yield* expectedIds
        const ids = yield* withTime(
          Effect.gen(function*() {
            const control = yield* EmulatorControl
            for (const fault of faults) yield* control.enqueue(fault, page2)
            return yield* listIds()
          }).pipe(Effect.provide(setup({}, { timeout: "30 seconds" })))
        )
        expectExactly(ids, expected)
      }))
  }

  it.effect("a 429 with Retry-After: the window is waited out and nothing is sent inside it", () =>
    Effect.gen(function*() {
      const expected = yield* expectedIds
      const { ids, log } = yield* withTime(
        Effect.gen(function*() {
          const control = yield* EmulatorControl
          yield* control.enqueue(Fault.RateLimited({ retryAfter: 30 }), page2)
          const ids = yield* listIds()
          return { ids, log: yield* control.requests }
        }).pipe(Effect.provide(setup()))
      )
      expectExactly(ids, expected)
      const limited = log.find((entry) => entry.status === 429)
      expect(limited).toBeDefined()
      const inWindow = log.filter((entry) =>
        limited !== undefined && entry.sequence > limited.sequence &&
        entry.timestamp < limited.timestamp + 30_000
      )
      expect(inWindow).toEqual([])
    }))

  it.effect("more 5xx than the retries allow: fails with the Cloudflare error after 1 + 4 attempts", () =>
    Effect.gen(function*() {
      const { error, attempts } = yield* withTime(
        Effect.gen(function*() {
          const control = yield* EmulatorControl
          for (let i = 0; i < 6; i++) yield* control.enqueue(Fault.ServerError({ status: 503 }), page2)
          const error = yield* Effect.flip(listIds())
          const log = yield* control.requests
          return { error, attempts: log.filter((entry) => /[?&]page=2&/.test(entry.path)).length }
        }).pipe(Effect.provide(setup()))
      )
      expect(error._tag).toBe("CloudflareApiError")
      expect(attempts).toBe(5)
    }))

  it.effect("a page shift (a job created between page 1 and page 2): no job lost or repeated", () =>
    Effect.gen(function*() {
      const expected = yield* expectedIds
      const ids = yield* withTime(
        Effect.gen(function*() {
          const control = yield* EmulatorControl
          const jobs = yield* BulkJobs
          return yield* jobs.list({ per_page: PER_PAGE, concurrency: 1 }).pipe(
            Stream.mapChunksEffect((chunk) =>
              Effect.as(control.insertJob({ status: "COMPLETED" }).pipe(Effect.asVoid), chunk)
            ),
            Stream.runCollect,
            Effect.map((jobs) => Chunk.toReadonlyArray(jobs).map((job) => job.job_id))
          )
        }).pipe(Effect.provide(setup()))
      )
      expectExactly(ids, expected)
    }))

  it.effect("the older API shape (real total_count, no skipped/cancelled counters)", () =>
    Effect.gen(function*() {
      const jobs = yield* withTime(
        Effect.flatMap(BulkJobs, (service) => Stream.runCollect(service.list({ per_page: PER_PAGE }))).pipe(
          Effect.provide(setup({ apiShape: "legacy" }))
        )
      )
      expect(Chunk.size(jobs)).toBe(JOBS)
      for (const job of jobs) {
        expect(job.messages_skipped).toBe(0)
        expect(job.messages_cancelled).toBe(0)
      }
    }))

  it.effect("an unknown status value and unknown fields are kept", () =>
    Effect.gen(function*() {
      const jobs = yield* withTime(
        Effect.gen(function*() {
          const control = yield* EmulatorControl
          const id = yield* control.insertJob({
            extraFields: { status: "PAUSED", pause_reason: "maintenance" }
          })
          const jobs = yield* Effect.flatMap(BulkJobs, (service) =>
            Stream.runCollect(service.list({ per_page: PER_PAGE })))
          return { id, jobs: Chunk.toReadonlyArray(jobs) }
        }).pipe(Effect.provide(setup()))
      )
      expect(jobs.jobs).toHaveLength(JOBS + 1)
      const paused = jobs.jobs.find((job) =>
        job.job_id === jobs.id
      )
      expect(paused?.status).toBe("PAUSED")
      expect(paused).toMatchObject({ pause_reason: "maintenance" })
    }))

  it.effect("a job whose known field has the wrong type fails the page, naming the path and page, without retrying", () =>
    Effect.gen(function*() {
      const { error, count } = yield* withTime(
        Effect.gen(function*() {
          const control = yield* EmulatorControl
          yield* control.insertJob({ extraFields: { total_messages_discovered: "many" } })
          const error = yield* Effect.flip(listIds())
          return { error, count: yield* control.requestCount }
        }).pipe(Effect.provide(setup()))
      )
      expect(error._tag).toBe("ResponseDecodeError")
      expect(error._tag === "ResponseDecodeError" && error.issue).toContain(
        "result[0].total_messages_discovered"
      )
      expect(error._tag === "ResponseDecodeError" && error.page).toBe(1)
      expect(count).toBe(1)
    }))

  it.effect("401 for a wrong token and 403 for another account", () =>
    Effect.gen(function*() {
      const unauthorized = yield* Effect.flip(listIds()).pipe(
        Effect.provide(setup({}, { credentials: { _tag: "ApiToken", token: Redacted.make("wrong") } }))
      )
      expect(unauthorized._tag).toBe("AuthenticationError")
      expect(unauthorized._tag === "AuthenticationError" && unauthorized.status).toBe(401)
      const forbidden = yield* Effect.flip(listIds()).pipe(
        Effect.provide(setup({}, { accountId: "0".repeat(32) }))
      )
      expect(forbidden._tag === "AuthenticationError" && forbidden.status).toBe(403)
    }))
})

describe("fault matrix: create and shared limits", () => {
  const createParams = {
    action: "MOVE",
    destination: "JunkEmail",
    search_params: { sender: "x@example.com" }
  } as const

  it.effect("a create answered by 503 is sent once and reported", () =>
    Effect.gen(function*() {
      const { error, posts } = yield* withTime(
        Effect.gen(function*() {
          const control = yield* EmulatorControl
          yield* control.enqueue(Fault.ServerError({ status: 503 }), { method: "POST" })
          const error = yield* Effect.flip(Effect.flatMap(BulkJobs, (jobs) => jobs.create(createParams)))
          const posts = (yield* control.requests).filter((entry) => entry.method === "POST")
          return { error, posts }
        }).pipe(Effect.provide(setup()))
      )
      // No job was made: the search for it finds none, and the error carries the 503.
      expect(error._tag).toBe("UnconfirmedCreateError")
      expect(error._tag === "UnconfirmedCreateError" ? error.lost._tag : undefined).toBe("CloudflareApiError")
      expect(posts).toHaveLength(1)
    }))

  it.effect("a create that times out is sent once and reported", () =>
    Effect.gen(function*() {
      let sent = 0
      const countPosts = (client: HttpClient.HttpClient) =>
        HttpClient.tapRequest(client, (request) => Effect.sync(() => request.method === "POST" && sent++))
      const error = yield* withTime(
        Effect.gen(function*() {
          const control = yield* EmulatorControl
          yield* control.enqueue(Fault.Delay({ millis: 60_000 }), { method: "POST" })
          return yield* Effect.flip(Effect.flatMap(BulkJobs, (jobs) => jobs.create(createParams)))
        }).pipe(Effect.provide(setup({}, { timeout: "10 seconds", transformClient: countPosts })))
      )
      expect(error._tag).toBe("UnconfirmedCreateError")
      expect(error._tag === "UnconfirmedCreateError" ? error.lost._tag : undefined).toBe("TransportError")
      expect(error.message).toContain("timed out")
      expect(sent).toBe(1)
    }))

  it.effect("ten list streams sharing one layer under a 60-per-10-s budget all complete without a single 429", () =>
    Effect.gen(function*() {
      const { results, log } = yield* withTime(
        Effect.gen(function*() {
          const control = yield* EmulatorControl
          const results = yield* Effect.all(Array.from({ length: 10 }, () => listIds({ per_page: 50 })), {
            concurrency: "unbounded"
          })
          return { results, log: yield* control.requests }
        }).pipe(Effect.provide(setup({ rateLimit: { requests: 60, windowSeconds: 10 } })))
      )
      for (const ids of results) expect(ids).toHaveLength(JOBS)
      expect(log.length).toBeGreaterThan(60)
      expect(log.filter((entry) => entry.status === 429)).toEqual([])
    }))

  it.effect("interrupting a stream during a Retry-After wait returns at once and leaves no request in flight", () =>
    watchingSleeps(Effect.gen(function*() {
      const count = yield* Effect.gen(function*() {
        const control = yield* EmulatorControl
        yield* control.enqueue(Fault.RateLimited({ retryAfter: 300 }), page2)
        const fiber = yield* Effect.fork(listIds())
        // page 2's retry waits at the gate for the 300 seconds asked
        yield* sleepingFor("300 seconds")
        const before = yield* control.requestCount
        // returns once the fiber, and every fiber it forked, has ended
        yield* Fiber.interrupt(fiber)
        yield* TestClock.adjust("10 minutes")
        expect(yield* control.requestCount).toBe(before)
        return before
      }).pipe(Effect.provide(setup()))
      expect(count).toBe(2)
    })))
})
