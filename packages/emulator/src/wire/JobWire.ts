import type { BulkJobEncoded } from "@cfbulk/core"
import type { JobPlan } from "../model/JobPlan.js"
import { countersOf, type Snapshot } from "../model/Progress.js"

import { isoString as iso } from "./Iso.js"

const actionParams = (plan: JobPlan): BulkJobEncoded["action_params"] => {
  if (plan.action === "RELEASE") return { type: "RELEASE" }
  const destination = plan.destination ?? "JunkEmail"
  return plan.expectedDisposition === undefined
    ? { type: "MOVE", destination }
    : { type: "MOVE", destination, expected_disposition: plan.expectedDisposition }
}

/**
 * A job as the server sends it: the Encoded side of core's `BulkJob` schema, so the compiler holds
 * every field name and type to the one wire definition. Built directly rather than through
 * `Schema.encode`, which is too slow for listings of many thousands of jobs (the emulator README's
 * Performance section has the figures); the Seed test proves the two agree by round-tripping
 * generated jobs through the schema.
 */
export const jobWire = (plan: JobPlan, snapshot: Snapshot): BulkJobEncoded => {
  const counters = countersOf(plan, snapshot)
  const created_at = iso(plan.createdAt)
  const started_at = snapshot.startedAt === null ? null : iso(snapshot.startedAt)
  const completed_at = snapshot.completedAt === null ? null : iso(snapshot.completedAt)
  const job: BulkJobEncoded = {
    job_id: plan.jobId,
    action_type: plan.action,
    action_params: actionParams(plan),
    search_params: plan.searchParams,
    status: snapshot.status,
    total_messages_discovered: counters.total_messages_discovered,
    messages_pending: counters.messages_pending,
    messages_successful: counters.messages_successful,
    messages_failed: counters.messages_failed,
    messages_skipped: counters.messages_skipped,
    messages_cancelled: counters.messages_cancelled,
    comment: plan.comment,
    created_at,
    started_at,
    completed_at,
    status_message: snapshot.statusMessage
  }
  if (plan.shape !== "legacy") return job
  // The older API (docs/wire-contract.md §11 rows 3 and 4) has no skipped or cancelled counters.
  const { messages_cancelled: _cancelled, messages_skipped: _skipped, ...legacy } = job
  return legacy
}

/** The job's JSON, with any drift fields of the plan merged over it. */
export const jobJson = (plan: JobPlan, snapshot: Snapshot): string => {
  const job = jobWire(plan, snapshot)
  return JSON.stringify(plan.extraFields === undefined ? job : { ...job, ...plan.extraFields })
}
