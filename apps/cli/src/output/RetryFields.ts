import { type BulkJobMessage, type RetryResult, type RetrySkipReason } from "@cfbulk/core"
import { comingUtc } from "./Dates.js"
import { type Encoded, type FieldSet, wireField } from "./FieldSet.js"
import { messageRecipient } from "./MessageFields.js"

/**
 * What became of one FAILED message, in the words of `cfbulk retry`'s rows. `excluded`: left out
 * because an earlier run sent it (`--exclude-from`); the other skips are `skipped`.
 */
export const retryOutcomes = ["moved", "released", "failed", "unknown", "skipped", "excluded"] as const
export type RetryOutcome = (typeof retryOutcomes)[number]

/**
 * One row of `cfbulk retry`: a FAILED message of the job and what the retry did with it. Plain
 * JSON values only, so the row is its own wire form in every format.
 */
export interface RetryRow {
  /** The job's row id of the message (`message_id` of `cfbulk messages`). */
  readonly message_id: string
  readonly postfix_id: string
  /** What the move or release call named it by; null when the API sent no investigate record. */
  readonly investigate_id: string | null
  readonly recipient: string | null
  readonly outcome: RetryOutcome
  /** Why it failed, is unknown or was skipped; null when it was moved or released. */
  readonly reason: string | null
  /** When the API allows the message to be retried, for a message skipped as not yet due. */
  readonly retry_after: string | null
}

/**
 * Why a message was left out, as a row says it: short, to fit the table's column at 80 columns (the
 * summary says what to do about each kind). A message not yet due says when it will be, since the
 * table does not show its retry_after: `not yet due: after 14:05:30 UTC`.
 */
export const skipReasonText = (message: BulkJobMessage, reason: RetrySkipReason, now: number): string => {
  switch (reason) {
    case "NoInvestigateId":
      return "no investigate id"
    case "Excluded":
      return "sent in an earlier run"
    case "NotYetDue":
      return message.retry_after === null
        ? "not yet due"
        : `not yet due: after ${comingUtc(message.retry_after, now)}`
  }
}

/** A skipped message's investigate id: the record's, unless it was skipped for having none usable. */
const skippedId = (message: BulkJobMessage, reason: RetrySkipReason): string | null =>
  reason === "NoInvestigateId" ? null : message.message?.id ?? null

const row = (
  message: BulkJobMessage,
  investigateId: string | null,
  outcome: RetryOutcome,
  reason: string | null
): RetryRow => ({
  message_id: message.message_id,
  postfix_id: message.postfix_id,
  investigate_id: investigateId,
  recipient: messageRecipient(message),
  outcome,
  reason,
  retry_after: message.retry_after === null ? null : message.retry_after.toISOString()
})

/** The row of one result of core's `retryFailed`, made at `now` (epoch ms). */
export const retryRow = (result: RetryResult, now: number): RetryRow => {
  switch (result._tag) {
    case "Moved":
      return row(result.message, result.investigateId, "moved", null)
    case "Released":
      return row(result.message, result.investigateId, "released", null)
    case "Failed":
      return row(result.message, result.investigateId, "failed", result.reason)
    case "Unknown":
      return row(result.message, result.investigateId, "unknown", result.reason)
    case "Skipped":
      return row(
        result.message,
        skippedId(result.message, result.reason),
        result.reason === "Excluded" ? "excluded" : "skipped",
        skipReasonText(result.message, result.reason, now)
      )
  }
}

/** A row is already plain JSON: its own wire form. */
export const encodeRetryRow = (item: RetryRow): Encoded => ({ ...item })

/** The status an outcome's cell is painted as (io/Paint.ts's statusStyle): the outcome itself. */
const outcomeStatus = (item: RetryRow): string => item.outcome

/** The columns of `cfbulk retry`'s rows. */
export const retryFields: FieldSet<RetryRow> = {
  noun: "message",
  tableDefault: ["postfix_id", "investigate_id", "message_id", "recipient", "outcome", "reason"],
  fields: [
    wireField("message_id", { aliases: ["id"], header: "ID", width: 36, priority: 6 }),
    wireField("postfix_id", { aliases: ["postfix"], header: "POSTFIX ID", width: 16, priority: 1 }),
    wireField("investigate_id", { header: "INVESTIGATE ID", width: 45, priority: 5 }),
    wireField("recipient", { header: "RECIPIENT", width: 18, flex: true, maxWidth: 32, priority: 3 }),
    wireField("outcome", { header: "OUTCOME", width: 8, priority: 1, status: outcomeStatus }),
    // The widest at 80 columns: it is what a failed row is about.
    wireField("reason", { header: "REASON", width: 32, flex: true, maxWidth: 100, priority: 2 }),
    wireField("retry_after", { header: "RETRY AFTER", width: 20, priority: 20 })
  ]
}
