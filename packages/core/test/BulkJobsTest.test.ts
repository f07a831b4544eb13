import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { BulkJobs } from "../src/index.js"
import { BulkJobsTest, makeTestJob, makeTestJobs } from "../src/testing/index.js"

const running = makeTestJob(100, {
  status: "PROCESSING",
  messages_pending: 6,
  messages_successful: 4,
  completed_at: null
})

describe("BulkJobsTest, the in-memory BulkJobs", () => {
  it.effect("lists every seeded job in order, filtered and limited like the real service", () =>
    Effect.gen(function*() {
      const jobs = yield* BulkJobs
      const all = yield* Stream.runCollect(jobs.list({ per_page: 7 }))
      expect(Chunk.size(all)).toBe(26)
      expect(Chunk.unsafeGet(all, 0).job_id).toBe(running.job_id)
      const processing = yield* Stream.runCollect(jobs.list({ status: "PROCESSING" }))
      expect(Chunk.toReadonlyArray(processing).map((job) => job.job_id)).toEqual([running.job_id])
      const limited = yield* Stream.runCollect(jobs.list({ limit: 3, per_page: 2 }))
      expect(Chunk.size(limited)).toBe(3)
      const page = yield* jobs.listPage({ page: 2, per_page: 10 })
      expect(page.items).toHaveLength(10)
    }).pipe(Effect.provide(BulkJobsTest.layer({ jobs: [running, ...makeTestJobs(25)] }))))

  it.effect("create, cancel and delete change the store", () =>
    Effect.gen(function*() {
      const jobs = yield* BulkJobs
      const created = yield* jobs.create({
        action: "MOVE",
        destination: "Inbox",
        search_params: {},
        comment: "x"
      })
      expect(created.status).toBe("PENDING")
      expect((yield* jobs.get(created.job_id)).comment).toBe("x")
      const refused = yield* jobs.delete(created.job_id).pipe(Effect.flip)
      expect(refused._tag).toBe("CloudflareApiError")
      const cancelled = yield* jobs.cancel(created.job_id)
      expect(cancelled.status).toBe("CANCELLED")
      expect(yield* jobs.delete(created.job_id)).toEqual({ id: created.job_id })
      const gone = yield* jobs.get(created.job_id).pipe(Effect.flip)
      expect(gone._tag).toBe("NotFoundError")
    }).pipe(Effect.provide(BulkJobsTest.layer())))

  it.effect("rejects invalid input exactly like the real client", () =>
    Effect.gen(function*() {
      const jobs = yield* BulkJobs
      const error = yield* jobs.get("nope").pipe(Effect.flip)
      expect(error._tag).toBe("ValidationError")
      const create = yield* jobs.create({ action: "MOVE", search_params: {} }).pipe(Effect.flip)
      expect(create.message).toContain("destination is required")
    }).pipe(Effect.provide(BulkJobsTest.layer())))
})
