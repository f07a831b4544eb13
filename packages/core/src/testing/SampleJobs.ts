/**
 * Sample jobs for tests: valid, deterministic, and easy to override field by field.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type { BulkJob } from "../schema/BulkJob.js"
import type { JobId } from "../schema/Ids.js"
import { JobId as JobIdSchema } from "../schema/Ids.js"

const makeJobId = Schema.decodeSync(JobIdSchema)

/**
 * A deterministic, valid job id for the n-th test job.
 *
 * @since 0.1.0
 * @category testing
 */
export const testJobId = (n: number): JobId =>
  makeJobId(`00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`)

/**
 * A completed MOVE job, numbered `n` (newer jobs have larger numbers), with any field overridden.
 * Handy to seed `BulkJobsTest` or a stub answer.
 *
 * @since 0.1.0
 * @category testing
 */
export const makeTestJob = (n: number, overrides: Partial<BulkJob> = {}): BulkJob => {
  const created = new Date(Date.UTC(2026, 0, 1) + n * 60_000)
  return {
    job_id: testJobId(n),
    action_type: "MOVE",
    action_params: { type: "MOVE", destination: "JunkEmail" },
    search_params: { detections_only: true, submissions: false, sender: `sender${n}@example.com` },
    status: "COMPLETED",
    total_messages_discovered: 10,
    messages_pending: 0,
    messages_successful: 9,
    messages_failed: 1,
    messages_skipped: 0,
    messages_cancelled: 0,
    created_at: created,
    comment: `test job ${n}`,
    started_at: new Date(created.getTime() + 1_000),
    completed_at: new Date(created.getTime() + 60_000),
    status_message: null,
    ...overrides
  }
}

/**
 * `count` test jobs, newest first, as the API lists them.
 *
 * @since 0.1.0
 * @category testing
 */
export const makeTestJobs = (count: number): ReadonlyArray<BulkJob> =>
  Array.from({ length: count }, (_, i) => makeTestJob(count - i))
