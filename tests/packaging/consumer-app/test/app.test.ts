// A user's own test: the in-memory BulkJobs from @cfbulk/core/testing swaps in for the real one.
import { BulkJobs } from "@cfbulk/core"
import { BulkJobsTest, makeTestJob, makeTestJobs } from "@cfbulk/core/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Stream } from "effect"

const countRunning = Effect.flatMap(BulkJobs, (jobs) => Stream.runCount(jobs.list({ status: "PROCESSING" })))

describe("my application", () => {
  it.effect("counts the running jobs", () =>
    Effect.gen(function*() {
      expect(yield* countRunning).toBe(1)
    }).pipe(
      Effect.provide(
        BulkJobsTest.layer({ jobs: [makeTestJob(51, { status: "PROCESSING" }), ...makeTestJobs(50)] })
      )
    ))

  it.effect("sees a job it cancelled", () =>
    Effect.gen(function*() {
      const jobs = yield* BulkJobs
      const job = makeTestJob(1, { status: "PENDING" })
      yield* jobs.cancel(job.job_id)
      const after = yield* jobs.get(job.job_id)
      expect(after.status).toBe("CANCELLED")
    }).pipe(Effect.provide(BulkJobsTest.layer({ jobs: [makeTestJob(1, { status: "PENDING" })] }))))
})
