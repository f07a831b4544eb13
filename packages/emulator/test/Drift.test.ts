import { BulkJobs, countersAreConsistent } from "@cfbulk/core"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { EmulatorControl, Fault } from "../src/index.js"
import { clientAndEmulator } from "./support/Layers.js"
import { decodeRawPage, JobsPath, send } from "./support/Raw.js"

const rawPage = (query: string) =>
  Effect.map(send("GET", `${JobsPath}?${query}`), (response) => decodeRawPage(response.json()))

describe("the older API shape", () => {
  it.effect("has no skipped/cancelled counters, real totals in result_info, and SKIPPED jobs", () =>
    Effect.gen(function*() {
      const page = yield* rawPage("per_page=1000&page=2")
      expect(page.result).toHaveLength(1000)
      expect(page.result_info).toMatchObject({ count: 1000, per_page: 1000, total_count: 3000, page: 2 })
      for (const job of page.result) {
        expect(job).not.toHaveProperty("messages_skipped")
        expect(job).not.toHaveProperty("messages_cancelled")
        expect(job.search_params).not.toHaveProperty("smtp_helo_ip")
      }
      expect(page.result.some((job) => job.status === "SKIPPED")).toBe(true)

      const jobs = yield* BulkJobs
      const decoded = yield* jobs.listPage({ page: 2, per_page: 1000 })
      expect(decoded.items.map((job) => job.job_id)).toEqual(page.result.map((job) => job.job_id))
      expect(decoded.items.every((job) => job.messages_skipped === 0 && job.messages_cancelled === 0)).toBe(
        true
      )
      const completed = decoded.items.filter((job) => job.status === "COMPLETED")
      expect(completed.every(countersAreConsistent)).toBe(true)

      const withMessages = decoded.items.find((job) => job.total_messages_discovered > 0)
      if (withMessages === undefined) return expect.fail("no job with messages")
      const messages = decodeRawPage(
        (yield* send("GET", `${JobsPath}/${withMessages.job_id}/messages`)).json()
      )
      expect(messages.result.length).toBeGreaterThan(0)
      expect(messages.result.every((message) => !("message" in message))).toBe(true)
      expect(messages.result_info).toMatchObject({
        total_count: withMessages.total_messages_discovered,
        page: 1
      })
    }).pipe(Effect.provide(clientAndEmulator({ jobs: 3000, apiShape: "legacy" }))))
})

describe("drifted jobs", () => {
  it.effect("can carry unknown fields, a status the client does not know, or the older shape", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const paused = yield* control.insertJob({
        status: "PROCESSING",
        extraFields: { status: "PAUSED", priority: "high", region: { name: "eu" } }
      })
      const legacy = yield* control.insertJob({ status: "COMPLETED", shape: "legacy", action: "RELEASE" })
      const page = yield* rawPage("per_page=2")
      expect(page.result.map((job) => job.job_id)).toEqual([legacy, paused])
      expect(page.result[1]).toMatchObject({ status: "PAUSED", priority: "high", region: { name: "eu" } })
      expect(page.result[0]).not.toHaveProperty("messages_cancelled")
      expect(page.result[0]).toMatchObject({ status: "COMPLETED", action_type: "RELEASE" })

      const jobs = yield* BulkJobs
      const decoded = yield* jobs.get(paused)
      expect(decoded.status).toBe("PAUSED")
      expect(decoded).toMatchObject({ priority: "high" })
      expect((yield* jobs.get(legacy)).messages_cancelled).toBe(0)
    }).pipe(Effect.provide(clientAndEmulator())))

  it.effect("inserted at the head between two page requests, shift the later pages by one", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const first = yield* rawPage("per_page=5&page=1")
      yield* control.insertJob()
      const second = yield* rawPage("per_page=5&page=2")
      expect(second.result[0]?.job_id).toBe(first.result[4]?.job_id)
    }).pipe(Effect.provide(clientAndEmulator())))

  it.effect("inserted while core's client is listing do not make it repeat or lose jobs", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobs = yield* BulkJobs
      const before = Chunk.toReadonlyArray(yield* Stream.runCollect(jobs.list({ per_page: 5 })))
      // Page 2 is held for a second; a job is created meanwhile, so page 2 is served shifted.
      yield* control.enqueue(Fault.Delay({ millis: 1000 }), { path: "page=2" })
      const fiber = yield* Effect.fork(Stream.runCollect(jobs.list({ per_page: 5 })))
      yield* TestClock.adjust("500 millis")
      const inserted = yield* control.insertJob()
      yield* TestClock.adjust("1 second")
      const during = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
      expect(during.map((job) => job.job_id)).toEqual(before.map((job) => job.job_id))
      expect(during.map((job) => job.job_id)).not.toContain(inserted)
      const log = yield* control.requests
      expect(log.some((entry) => entry.fault === "Delay" && entry.path.includes("page=2"))).toBe(true)
    }).pipe(Effect.provide(clientAndEmulator())))
})
