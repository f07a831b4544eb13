import type { JobStatus } from "@cfbulk/core"
import type { JobPlan } from "./JobPlan.js"

/** A job's state at one instant. */
export interface Snapshot {
  readonly status: JobStatus
  /** Messages discovered so far (messages `0 .. discovered - 1` exist). */
  readonly discovered: number
  /** Messages processed so far, counted among those discovery did not skip. */
  readonly processed: number
  /** Messages being processed right now (counted as pending). */
  readonly inFlight: number
  readonly startedAt: number | null
  readonly completedAt: number | null
  readonly statusMessage: string | null
}

/** The job's counters, which satisfy the spec's invariant by construction. */
export interface Counters {
  readonly total_messages_discovered: number
  readonly messages_pending: number
  readonly messages_successful: number
  readonly messages_failed: number
  readonly messages_skipped: number
  readonly messages_cancelled: number
}

/** Messages a job works on at the same time, shown as PROCESSING. */
const Concurrency = 8

/** Messages processed in `[discoveredAt, at)`, spread evenly over the processing phase. */
const processedBy = (plan: JobPlan, at: number): number => {
  const processable = plan.total - plan.skipped
  if (at >= plan.endAt) return processable
  if (at <= plan.discoveredAt) return 0
  return Math.floor(processable * (at - plan.discoveredAt) / (plan.endAt - plan.discoveredAt))
}

const naturalSnapshot = (plan: JobPlan, at: number): Snapshot => {
  if (at < plan.startAt) {
    return {
      status: "PENDING",
      discovered: 0,
      processed: 0,
      inFlight: 0,
      startedAt: null,
      completedAt: null,
      statusMessage: null
    }
  }
  if (at < plan.discoveredAt) {
    const discovered = Math.floor(plan.total * (at - plan.startAt) / (plan.discoveredAt - plan.startAt))
    return {
      status: "DISCOVERING",
      discovered,
      processed: 0,
      inFlight: 0,
      startedAt: plan.startAt,
      completedAt: null,
      statusMessage: null
    }
  }
  const processable = plan.total - plan.skipped
  if (at < plan.endAt) {
    const processed = processedBy(plan, at)
    return {
      status: "PROCESSING",
      discovered: plan.total,
      processed,
      inFlight: Math.min(Concurrency, processable - processed),
      startedAt: plan.startAt,
      completedAt: null,
      statusMessage: null
    }
  }
  return {
    status: "COMPLETED",
    discovered: plan.total,
    processed: processable,
    inFlight: 0,
    startedAt: plan.startAt,
    completedAt: plan.endAt,
    statusMessage: null
  }
}

/**
 * The job's state at `now`. A frozen job always shows its state at `frozenAt`, whatever the clock
 * says; a termination ends a job early.
 */
export const snapshotAt = (plan: JobPlan, now: number): Snapshot => {
  const at = plan.frozenAt ?? now
  const termination = plan.termination
  if (termination === null || termination.at > at) return naturalSnapshot(plan, at)
  const before = naturalSnapshot(plan, termination.at)
  if (before.status === "COMPLETED") return before
  return {
    ...before,
    status: termination.status,
    inFlight: 0,
    completedAt: termination.at,
    statusMessage: termination.message
  }
}

export const isTerminal = (snapshot: Snapshot): boolean =>
  snapshot.status === "COMPLETED" || snapshot.status === "FAILED" || snapshot.status === "CANCELLED" ||
  snapshot.status === "SKIPPED"

/** Messages among the first `count` that discovery skips (spread evenly, so any prefix is O(1) to count). */
export const skippedAmong = (plan: JobPlan, count: number): number =>
  plan.total === 0 ? 0 : Math.floor(count * plan.skipped / plan.total)

/**
 * Processed rows among the first `count` processable ones whose action failed. The failures are
 * spread evenly over messages, and a message listed on several rows (one per recipient, see
 * `FailedLayout.ts`) fails on all of them or on none.
 */
export const failedAmong = (plan: JobPlan, count: number): number => {
  const processable = plan.total - plan.skipped
  if (processable === 0) return 0
  const rows = plan.failedLayout?.recipientsPerMessage ?? 1
  const failedMessagesAmong = (messages: number) => Math.floor(messages * plan.failing / processable)
  const messages = Math.floor(count / rows)
  const before = failedMessagesAmong(messages)
  const partial = count - messages * rows
  return before * rows + (partial > 0 && failedMessagesAmong(messages + 1) > before ? partial : 0)
}

export const countersOf = (plan: JobPlan, snapshot: Snapshot): Counters => {
  const skipped = skippedAmong(plan, snapshot.discovered)
  const discoveredProcessable = snapshot.discovered - skipped
  const done = Math.min(snapshot.processed, discoveredProcessable)
  const failed = failedAmong(plan, done)
  const rest = discoveredProcessable - done
  // Rows still waiting when a job ends early are cancelled, as the spec describes `messages_cancelled`.
  const endedEarly = snapshot.status === "FAILED" || snapshot.status === "CANCELLED" ||
    snapshot.status === "SKIPPED"
  return {
    total_messages_discovered: snapshot.discovered,
    messages_pending: endedEarly ? 0 : rest,
    messages_successful: done - failed,
    messages_failed: failed,
    messages_skipped: skipped,
    messages_cancelled: endedEarly ? rest : 0
  }
}
