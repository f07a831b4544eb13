// A job a test inserts with an exact number of FAILED messages (`insertFailedJob`) says, for each
// of them, what retrying it meets. The failed messages are taken in listing order, range by range,
// so a test knows exactly which ones are which. A message sent to several recipients is listed once
// per recipient (docs/wire-contract.md §6: a row carries one `client_recipient`), on consecutive
// rows that share its status and its investigate id; the ranges count messages, not rows.

/** How the FAILED messages of an inserted job are laid out, in listing order. */
export interface FailedLayout {
  /** Rows per message, failed or not: one per recipient (at least 1). */
  readonly recipientsPerMessage: number
  /** The first ones have no investigate record (`message`), as the older API sends none. */
  readonly withoutInvestigateId: number
  /** The next ones may not be retried before `retryAfter`. */
  readonly notYetDue: number
  /** Epoch ms: their `retry_after`, in the future when the job is inserted. */
  readonly retryAfter: number
  /** The next ones fail again when moved or released: their mailbox is gone. */
  readonly failOnRetry: number
}

/** What the `ordinal`-th FAILED message (0-based, in listing order, counting messages, not rows) of a laid-out job is. */
export type FailedTrait = "NoInvestigateId" | "NotYetDue" | "Unreachable" | "Retryable"

export const failedTrait = (layout: FailedLayout, ordinal: number): FailedTrait => {
  let bound = layout.withoutInvestigateId
  if (ordinal < bound) return "NoInvestigateId"
  bound += layout.notYetDue
  if (ordinal < bound) return "NotYetDue"
  bound += layout.failOnRetry
  return ordinal < bound ? "Unreachable" : "Retryable"
}
