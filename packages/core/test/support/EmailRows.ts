// One email sent to several recipients, as a job lists it: one row per recipient (each with its own
// row id and `client_recipient`), all naming the same Investigate id.
import type { BulkJobMessage } from "../../src/index.js"
import { makeTestMessage, testInvestigateId } from "../../src/testing/index.js"

/** The recipients of test email `n`: `user{n}@example.com` first, as `makeTestMessage(n)` has it. */
export const recipientsOf = (n: number, count: number): ReadonlyArray<string> =>
  Array.from({ length: count }, (_, k) => k === 0 ? `user${n}@example.com` : `user${n}+${k}@example.com`)

/**
 * The rows of test email `n` sent to `count` recipients by a job of `action`, each FAILED unless told
 * otherwise: the first row is `makeTestMessage(n)`'s (row numbers from `n` up, 10,000 apart, keep
 * the rows' ids distinct).
 */
export const rowsOfEmail = (
  n: number,
  count: number,
  overrides: Partial<BulkJobMessage> = {},
  action: "MOVE" | "RELEASE" = "MOVE"
): Array<BulkJobMessage> => {
  const recipients = recipientsOf(n, count)
  const first = makeTestMessage(n)
  return recipients.map((recipient, k) => {
    const row = makeTestMessage(n + k * 10_000, {
      action_type: action,
      action_params: action === "MOVE"
        ? { type: "MOVE", destination: "JunkEmail", client_recipient: recipient }
        : { type: "RELEASE", client_recipient: recipient },
      postfix_id: first.postfix_id,
      ...overrides
    }, testInvestigateId(n))
    return row.message === undefined
      ? row
      : { ...row, message: { ...row.message, client_recipients: recipients, postfix_id: first.postfix_id } }
  })
}
