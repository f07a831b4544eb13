import { type BulkJob, BulkJobs, countersAreConsistent } from "@cfbulk/core"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { clientAndEmulator } from "./support/Layers.js"
import { anyString, stringContaining } from "./support/Matchers.js"
import { JobsPath, send } from "./support/Raw.js"

const create = Effect.flatMap(BulkJobs, (jobs) =>
  jobs.create({
    action: "MOVE",
    destination: "DeletedItems",
    search_params: { sender: "ceo@secure-login.example.com" },
    comment: "Pull the CEO impersonation campaign"
  }))

const get = (jobId: string) => Effect.flatMap(BulkJobs, (jobs) => jobs.get(jobId))

const messageCounts = (jobId: string) =>
  Effect.gen(function*() {
    const jobs = yield* BulkJobs
    const messages = yield* Stream.runCollect(jobs.messages(jobId, { per_page: 1000 }))
    const counts = new Map<string, number>()
    for (const message of Chunk.toReadonlyArray(messages)) {
      counts.set(message.status, (counts.get(message.status) ?? 0) + 1)
    }
    return { total: Chunk.size(messages), of: (status: string) => counts.get(status) ?? 0 }
  })

/** The job's messages say what its counters say. */
const expectMessagesMatch = (job: BulkJob) =>
  Effect.gen(function*() {
    const counts = yield* messageCounts(job.job_id)
    expect(counts.total).toBe(job.total_messages_discovered)
    expect(counts.of("COMPLETED")).toBe(job.messages_successful)
    expect(counts.of("FAILED")).toBe(job.messages_failed)
    expect(counts.of("SKIPPED")).toBe(job.messages_skipped)
    expect(counts.of("CANCELLED")).toBe(job.messages_cancelled)
    expect(counts.of("PENDING") + counts.of("PROCESSING")).toBe(job.messages_pending)
  })

const seconds = (n: number) => `${n} seconds` as const

describe("lifecycle", () => {
  it.effect("a created job moves PENDING → DISCOVERING → PROCESSING → COMPLETED with consistent counters", () =>
    Effect.gen(function*() {
      const created = yield* create
      expect(created).toMatchObject({ status: "PENDING", started_at: null, completed_at: null })
      const createdAt = created.created_at.getTime()

      yield* TestClock.adjust(seconds(20))
      const discovering = yield* get(created.job_id)
      expect(discovering.status).toBe("DISCOVERING")
      expect(discovering.started_at?.getTime()).toBe(createdAt + 10_000)
      expect(countersAreConsistent(discovering)).toBe(true)
      yield* expectMessagesMatch(discovering)

      yield* TestClock.adjust(seconds(40))
      const processing = yield* get(created.job_id)
      expect(processing.status).toBe("PROCESSING")
      expect(processing.total_messages_discovered).toBeGreaterThan(0)
      expect(processing.messages_pending).toBeGreaterThan(0)
      expect(processing.messages_successful).toBeGreaterThan(0)
      expect(countersAreConsistent(processing)).toBe(true)
      yield* expectMessagesMatch(processing)
      const processingMessages = yield* messageCounts(created.job_id)
      expect(processingMessages.of("PROCESSING")).toBeGreaterThan(0)

      yield* TestClock.adjust(seconds(40))
      const completed = yield* get(created.job_id)
      expect(completed).toMatchObject({
        status: "COMPLETED",
        messages_pending: 0,
        messages_cancelled: 0,
        total_messages_discovered: processing.total_messages_discovered
      })
      expect(completed.completed_at?.getTime()).toBe(createdAt + 100_000)
      expect(countersAreConsistent(completed)).toBe(true)
      yield* expectMessagesMatch(completed)

      yield* TestClock.adjust(seconds(1000))
      expect(yield* get(created.job_id)).toEqual(completed)
    }).pipe(Effect.provide(clientAndEmulator({ jobDuration: seconds(100), jobFailureRate: 0 }))))

  it.effect("a job chosen to fail ends FAILED with a status message, its unprocessed rows cancelled", () =>
    Effect.gen(function*() {
      const created = yield* create
      yield* TestClock.adjust(seconds(100))
      const failed = yield* get(created.job_id)
      expect(failed.status).toBe("FAILED")
      expect(failed.status_message).toEqual(anyString)
      expect(failed.completed_at?.getTime()).toBe(created.created_at.getTime() + 72_000)
      expect(failed.messages_pending).toBe(0)
      expect(failed.messages_cancelled).toBeGreaterThan(0)
      expect(countersAreConsistent(failed)).toBe(true)
      yield* expectMessagesMatch(failed)
    }).pipe(Effect.provide(clientAndEmulator({ jobDuration: seconds(100), jobFailureRate: 1 }))))

  it.effect("cancel stops a running job: pending rows become cancelled, and time no longer moves it", () =>
    Effect.gen(function*() {
      const jobs = yield* BulkJobs
      const created = yield* create
      yield* TestClock.adjust(seconds(50))
      const before = yield* get(created.job_id)
      expect(before.status).toBe("PROCESSING")

      const cancelled = yield* jobs.cancel(created.job_id)
      expect(cancelled).toMatchObject({
        status: "CANCELLED",
        messages_pending: 0,
        messages_cancelled: before.messages_pending,
        messages_successful: before.messages_successful,
        messages_failed: before.messages_failed,
        total_messages_discovered: before.total_messages_discovered
      })
      expect(cancelled.completed_at?.getTime()).toBe(created.created_at.getTime() + 50_000)
      yield* expectMessagesMatch(cancelled)

      yield* TestClock.adjust(seconds(500))
      expect(yield* get(created.job_id)).toEqual(cancelled)
      const again = yield* send("POST", `${JobsPath}/${created.job_id}/cancel`)
      expect(again.status).toBe(409)
      expect(again.json()).toMatchObject({ success: false, errors: [{ code: 1007 }], result: null })
    }).pipe(Effect.provide(clientAndEmulator({ jobDuration: seconds(100), jobFailureRate: 0 }))))

  it.effect("a job cancelled while PENDING never starts", () =>
    Effect.gen(function*() {
      const jobs = yield* BulkJobs
      const created = yield* create
      const cancelled = yield* jobs.cancel(created.job_id)
      expect(cancelled).toMatchObject({ status: "CANCELLED", started_at: null, total_messages_discovered: 0 })
      yield* TestClock.adjust(seconds(200))
      expect((yield* get(created.job_id)).status).toBe("CANCELLED")
    }).pipe(Effect.provide(clientAndEmulator({ jobDuration: seconds(100) }))))

  it.effect("delete refuses a running job with 409 and accepts it once it has ended", () =>
    Effect.gen(function*() {
      const jobs = yield* BulkJobs
      const created = yield* create
      yield* TestClock.adjust(seconds(30))
      const refused = yield* send("DELETE", `${JobsPath}/${created.job_id}`)
      expect(refused.status).toBe(409)
      expect(refused.json()).toMatchObject({
        success: false,
        errors: [{ code: 1006, message: stringContaining("PROCESSING") }],
        result: null
      })
      const error = yield* Effect.flip(jobs.delete(created.job_id))
      expect(error).toMatchObject({ _tag: "CloudflareApiError", status: 409 })
      expect((yield* get(created.job_id)).status).toBe("PROCESSING")

      yield* TestClock.adjust(seconds(70))
      expect(yield* jobs.delete(created.job_id)).toEqual({ id: created.job_id })
      expect((yield* Effect.flip(get(created.job_id)))._tag).toBe("NotFoundError")
    }).pipe(Effect.provide(clientAndEmulator({ jobDuration: seconds(100), jobFailureRate: 0 }))))
})
