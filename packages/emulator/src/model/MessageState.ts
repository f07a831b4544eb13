import type { MessageStatus } from "@cfbulk/core"
import type { JobPlan } from "./JobPlan.js"
import { failedAmong, skippedAmong, type Snapshot } from "./Progress.js"

/** Where message `index` of a job stands: its status, and its rank among the messages to process. */
export interface MessageState {
  readonly status: MessageStatus
  /** Position in processing order, or -1 for a message discovery skipped. */
  readonly rank: number
}

/**
 * The state of one discovered message, consistent with the job's counters: the messages the
 * counters call failed, skipped, cancelled or pending are exactly the ones listed with that status.
 */
export const messageStateAt = (plan: JobPlan, snapshot: Snapshot, index: number): MessageState => {
  const skippedBefore = skippedAmong(plan, index)
  if (skippedAmong(plan, index + 1) > skippedBefore) return { status: "SKIPPED", rank: -1 }
  const rank = index - skippedBefore
  const discoveredProcessable = snapshot.discovered - skippedAmong(plan, snapshot.discovered)
  const done = Math.min(snapshot.processed, discoveredProcessable)
  if (rank < done) {
    return { status: failedAmong(plan, rank + 1) > failedAmong(plan, rank) ? "FAILED" : "COMPLETED", rank }
  }
  if (snapshot.status === "FAILED" || snapshot.status === "CANCELLED" || snapshot.status === "SKIPPED") {
    return { status: "CANCELLED", rank }
  }
  if (rank < done + snapshot.inFlight) return { status: "PROCESSING", rank }
  // The older API reports rows found by a running discovery as DISCOVERING
  // (docs/wire-contract.md §11 row 10).
  if (plan.shape === "legacy" && snapshot.status === "DISCOVERING") return { status: "DISCOVERING", rank }
  return { status: "PENDING", rank }
}
