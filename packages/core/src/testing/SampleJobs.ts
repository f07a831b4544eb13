/**
 * Sample jobs and messages for tests: valid, deterministic, and easy to override field by field.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type { BulkJob } from "../schema/BulkJob.js"
import type { JobId } from "../schema/Ids.js"
import { JobId as JobIdSchema } from "../schema/Ids.js"
import { type InvestigateId, InvestigateId as InvestigateIdSchema } from "../schema/Investigate.js"
import type { BulkJobMessage, MessageDetails } from "../schema/JobMessage.js"

const makeJobId = Schema.decodeSync(JobIdSchema)
const makeInvestigateId = Schema.decodeSync(InvestigateIdSchema)

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

/**
 * A deterministic Investigate id for the n-th test message (what move and release name it by).
 *
 * @since 0.1.0
 * @category testing
 */
export const testInvestigateId = (n: number): InvestigateId =>
  makeInvestigateId(`4Njp3P0STMz2c02Q-2026-01-01T00:00:00-${n.toString().padStart(8, "0")}`)

/**
 * A FAILED message of a MOVE job to `JunkEmail`, numbered `n`, for one recipient
 * (`user{n}@example.com`), with any field overridden. It carries the investigate record that names
 * it by `investigateId` (default `testInvestigateId(n)`); `null` leaves the record out, as the older
 * API does. Handy to seed `BulkJobsTest` or a stub answer.
 *
 * @since 0.1.0
 * @category testing
 */
export const makeTestMessage = (
  n: number,
  overrides: Partial<BulkJobMessage> = {},
  investigateId: string | null = testInvestigateId(n)
): BulkJobMessage => {
  const created = new Date(Date.UTC(2026, 0, 1) + n * 1_000)
  const postfixId = `4Njp3P0STMz2c02Q${n.toString(16).padStart(8, "0")}`
  const recipient = `user${n}@example.com`
  const message: BulkJobMessage = {
    message_id: testJobId(0x100_0000_0000 + n),
    postfix_id: postfixId,
    action_type: "MOVE",
    action_params: { type: "MOVE", destination: "JunkEmail", client_recipient: recipient },
    status: "FAILED",
    retry_count: 3,
    created_at: created,
    alert_id: null,
    email_message_id: null,
    processed_at: new Date(created.getTime() + 60_000),
    retry_after: null,
    status_message: "mailbox unavailable",
    ...overrides
  }
  if (investigateId === null) return message
  const details: MessageDetails = {
    id: investigateId,
    client_recipients: [recipient],
    postfix_id: postfixId,
    detection_reasons: [],
    is_quarantined: false,
    is_phish_submission: false
  }
  return { ...message, message: details }
}
