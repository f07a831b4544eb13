import { type BulkJob, BulkJobs, countersAreConsistent, JobStatuses } from "@cfbulk/core"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { EmulatorControl } from "../src/index.js"
import { clientAndEmulator } from "./support/Layers.js"
import { anyString } from "./support/Matchers.js"
import { JobsPath, send } from "./support/Raw.js"

const allJobs = Effect.flatMap(BulkJobs, (jobs) => Stream.runCollect(jobs.list({ per_page: 7 }))).pipe(
  Effect.map(Chunk.toReadonlyArray)
)

const ids = (jobs: ReadonlyArray<BulkJob>) => jobs.map((job) => job.job_id)

describe("list", () => {
  it.effect("pages newest first, with result_info exactly as the current API sends it", () =>
    Effect.gen(function*() {
      const first = yield* send("GET", JobsPath)
      expect(first.status).toBe(200)
      expect(first.headers["content-type"]).toBe("application/json")
      expect(first.json()).toMatchObject({
        success: true,
        errors: [],
        messages: [],
        result_info: {
          count: 20,
          per_page: 20,
          total_count: 0,
          page: 0,
          previous: null,
          next: anyString
        }
      })
      const last = (yield* send("GET", `${JobsPath}?page=3&per_page=20`)).json()
      expect(last).toMatchObject({
        result_info: {
          count: 10,
          per_page: 20,
          total_count: 0,
          page: 0,
          next: null,
          previous: anyString
        }
      })
      const beyond = (yield* send("GET", `${JobsPath}?page=4&per_page=20`)).json()
      expect(beyond).toMatchObject({ result: [], result_info: { count: 0, next: null } })
    }).pipe(Effect.provide(clientAndEmulator())))

  it.effect("streams every job once through core's client, newest first", () =>
    Effect.gen(function*() {
      const jobs = yield* allJobs
      expect(jobs).toHaveLength(50)
      expect(new Set(ids(jobs)).size).toBe(50)
      const created = jobs.map((job) => job.created_at.getTime())
      expect(created).toEqual([...created].sort((a, b) => b - a))
      expect(jobs.every(countersAreConsistent)).toBe(true)
    }).pipe(Effect.provide(clientAndEmulator())))

  it.effect("filters by status and action_type, keeping the order", () =>
    Effect.gen(function*() {
      const service = yield* BulkJobs
      const jobs = yield* allJobs
      const seen = new Set(jobs.map((job) => job.status))
      expect(seen.size).toBeGreaterThan(2)
      for (const status of JobStatuses) {
        const filtered = yield* Stream.runCollect(service.list({ status, per_page: 4 }))
        expect(ids(Chunk.toReadonlyArray(filtered))).toEqual(ids(jobs.filter((job) => job.status === status)))
      }
      for (const action_type of ["MOVE", "RELEASE"] as const) {
        const filtered = yield* Stream.runCollect(service.list({ action_type, per_page: 6 }))
        expect(ids(Chunk.toReadonlyArray(filtered))).toEqual(
          ids(jobs.filter((job) => job.action_type === action_type))
        )
        const both = yield* Stream.runCollect(service.list({ action_type, status: "COMPLETED" }))
        expect(ids(Chunk.toReadonlyArray(both))).toEqual(
          ids(jobs.filter((job) => job.action_type === action_type && job.status === "COMPLETED"))
        )
      }
    }).pipe(Effect.provide(clientAndEmulator())))
})

describe("an empty account", () => {
  it.effect("lists nothing until a job is created", () =>
    Effect.gen(function*() {
      const service = yield* BulkJobs
      expect(yield* allJobs).toEqual([])
      const empty = (yield* send("GET", JobsPath)).json()
      expect(empty).toMatchObject({ result: [], result_info: { count: 0, next: null, previous: null } })
      const created = yield* service.create({ action: "RELEASE", search_params: {} })
      expect(ids(yield* allJobs)).toEqual([created.job_id])
    }).pipe(Effect.provide(clientAndEmulator({ jobs: 0 }))))
})

describe("get", () => {
  it.effect("returns each job as it is listed, and 404 for an unknown one", () =>
    Effect.gen(function*() {
      const service = yield* BulkJobs
      const jobs = yield* allJobs
      for (const job of jobs.slice(0, 10)) {
        expect(yield* service.get(job.job_id)).toEqual(job)
      }
      const upper = jobs[3]?.job_id.toUpperCase() ?? ""
      expect((yield* service.get(upper)).job_id).toBe(jobs[3]?.job_id)
      const missing = yield* send("GET", `${JobsPath}/f174e90a-fafe-4643-bbbc-4a0ed4fc8415`)
      expect(missing.status).toBe(404)
      expect(missing.json()).toEqual({
        success: false,
        errors: [{ code: 1005, message: "Bulk action job f174e90a-fafe-4643-bbbc-4a0ed4fc8415 not found" }],
        messages: [],
        result: null
      })
      const error = yield* Effect.flip(service.get("f174e90a-fafe-4643-bbbc-4a0ed4fc8415"))
      expect(error._tag).toBe("NotFoundError")
    }).pipe(Effect.provide(clientAndEmulator())))
})

describe("create", () => {
  it.effect("answers 201 with the new PENDING job, echoes the search with defaults, and lists it first", () =>
    Effect.gen(function*() {
      const response = yield* send("POST", JobsPath, {
        body: JSON.stringify({
          action: "MOVE",
          destination: "JunkEmail",
          comment: "Move June spam",
          search_params: {
            sender: "noreply@example.com",
            final_disposition: "SPAM",
            start: "2026-06-01T00:00:00Z"
          }
        })
      })
      expect(response.status).toBe(201)
      const body = response.json()
      expect(body).toMatchObject({
        success: true,
        errors: [],
        messages: [],
        result: {
          action_type: "MOVE",
          action_params: { type: "MOVE", destination: "JunkEmail" },
          status: "PENDING",
          total_messages_discovered: 0,
          messages_pending: 0,
          comment: "Move June spam",
          started_at: null,
          completed_at: null,
          search_params: {
            sender: "noreply@example.com",
            final_disposition: "SPAM",
            start: "2026-06-01T00:00:00.000Z",
            detections_only: true,
            submissions: false
          }
        }
      })
      const service = yield* BulkJobs
      const released = yield* service.create({ action: "RELEASE", search_params: { domain: "example.com" } })
      expect(released.action_params).toEqual({ type: "RELEASE" })
      const jobs = yield* allJobs
      expect(jobs).toHaveLength(52)
      expect(jobs[0]?.job_id).toBe(released.job_id)
      expect(jobs[1]?.comment).toBe("Move June spam")
      expect(yield* Effect.flatMap(EmulatorControl, (control) => control.jobCount)).toBe(52)
    }).pipe(Effect.provide(clientAndEmulator())))
})

describe("cancel and delete", () => {
  it.effect("cancel returns the job, cancelled; delete returns { id } and the job is gone", () =>
    Effect.gen(function*() {
      const service = yield* BulkJobs
      const jobs = yield* allJobs
      const running = jobs.find((job) => job.status === "PROCESSING" && job.messages_pending > 0)
      const finished = jobs.find((job) => job.status === "COMPLETED")
      if (running === undefined || finished === undefined) return expect.fail("the seed has no running job")

      const cancelled = yield* service.cancel(running.job_id)
      expect(cancelled).toMatchObject({
        job_id: running.job_id,
        status: "CANCELLED",
        messages_pending: 0,
        messages_cancelled: running.messages_pending,
        messages_successful: running.messages_successful
      })
      expect(cancelled.completed_at).not.toBeNull()
      expect(yield* service.get(running.job_id)).toEqual(cancelled)

      const deleted = yield* send("DELETE", `${JobsPath}/${finished.job_id}`)
      expect(deleted.status).toBe(200)
      expect(deleted.json()).toEqual({
        success: true,
        errors: [],
        messages: [],
        result: { id: finished.job_id }
      })
      expect((yield* Effect.flip(service.get(finished.job_id)))._tag).toBe("NotFoundError")
      const after = yield* allJobs
      expect(after).toHaveLength(49)
      expect(ids(after)).not.toContain(finished.job_id)
      expect(after.find((job) => job.job_id === running.job_id)?.status).toBe("CANCELLED")
      const again = yield* send("DELETE", `${JobsPath}/${finished.job_id}`)
      expect(again.status).toBe(404)
    }).pipe(Effect.provide(clientAndEmulator())))
})

describe("messages", () => {
  it.effect("pages a job's messages and filters them by status, consistent with its counters", () =>
    Effect.gen(function*() {
      const service = yield* BulkJobs
      const jobs = yield* allJobs
      const job = jobs.find((each) => each.messages_failed > 0 && each.total_messages_discovered > 40)
      if (job === undefined) return expect.fail("the seed has no job with failed messages")
      const messages = Chunk.toReadonlyArray(
        yield* Stream.runCollect(service.messages(job.job_id, { per_page: 9 }))
      )
      expect(messages).toHaveLength(job.total_messages_discovered)
      expect(new Set(messages.map((message) => message.message_id)).size).toBe(messages.length)
      const count = (status: string) => messages.filter((message) => message.status === status).length
      expect(count("FAILED")).toBe(job.messages_failed)
      expect(count("COMPLETED")).toBe(job.messages_successful)
      expect(count("SKIPPED")).toBe(job.messages_skipped)
      const failed = Chunk.toReadonlyArray(
        yield* Stream.runCollect(service.messages(job.job_id, { status: "FAILED", per_page: 2 }))
      )
      expect(failed.map((message) => message.message_id)).toEqual(
        messages.filter((message) => message.status === "FAILED").map((message) => message.message_id)
      )
      expect(failed.every((message) => message.status_message !== null && message.retry_count > 0)).toBe(true)
      const page = (yield* send("GET", `${JobsPath}/${job.job_id}/messages?per_page=5&page=2`)).json()
      expect(page).toMatchObject({ result_info: { count: 5, per_page: 5, total_count: 0, page: 0 } })
    }).pipe(Effect.provide(clientAndEmulator())))
})
