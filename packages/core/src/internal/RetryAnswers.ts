import * as Duration from "effect/Duration"
import type { BulkJobsError } from "../http/Errors.js"
import type { MoveResponseItem, ReleaseResponseItem } from "../schema/Investigate.js"
import { type RetryBatch, RetryResult, type RetryTarget } from "../service/MessageRetry.js"
import { formatApiMessages } from "./ApiMessages.js"
import { outcomeUnknown } from "./Reconcile.js"

// What a move or release call's answer says about each message it named (the assumptions of
// docs/wire-contract.md §13.3).

/**
 * A release item that lists no recipient at all, delivered or not: nothing says whether the mail
 * went out (Cloudflare may send null lists on success, or may not know the message).
 */
export const NoRecipientListed = "the answer lists no recipient"

/** A message the answer leaves out may or may not have been acted on. */
export const NotMentioned = "the answer did not mention it"

const groupBy = <A>(items: ReadonlyArray<A>, key: (item: A) => string | null | undefined) => {
  const groups = new Map<string, Array<A>>()
  for (const item of items) {
    const k = key(item)
    if (k === null || k === undefined) continue
    const group = groups.get(k)
    if (group === undefined) groups.set(k, [item])
    else group.push(item)
  }
  return groups
}

/** The item's own words first (its `status`), so a narrow column still shows why. */
const whyNotMoved = (item: MoveResponseItem): string => {
  const details = [
    item.recipient === null || item.recipient === undefined ? [] : [item.recipient],
    item.operation === null || item.operation === undefined ? [] : [`operation ${item.operation}`]
  ].flat()
  const status = item.status === null || item.status === undefined
    ? "not moved, no reason given"
    : item.status
  return details.length === 0 ? status : `${status} (${details.join(", ")})`
}

/**
 * The mailbox a job's row is about (`action_params.client_recipient`), compared without case:
 * addresses are matched, not their spelling.
 */
const recipientOf = (target: RetryTarget): string | undefined => {
  const params = target.message.action_params
  return "client_recipient" in params && typeof params.client_recipient === "string"
    ? params.client_recipient.toLowerCase()
    : undefined
}

const sameRecipient = (recipient: string | undefined) => (address: string | null | undefined): boolean =>
  recipient !== undefined && typeof address === "string" && address.toLowerCase() === recipient

/**
 * The items about one row, among those about its Investigate id: the ones for the row's own
 * recipient when there are any (one email sent to several recipients is one id on several rows, and
 * one recipient's failure is not another's), else all of them.
 */
const itemsOfRow = (target: RetryTarget, items: ReadonlyArray<MoveResponseItem>) => {
  const own = items.filter((item) => sameRecipient(recipientOf(target))(item.recipient))
  return own.length > 0 ? own : items
}

/** One row's items: Moved when every one of them succeeded. */
const moveResult = (
  batch: number,
  target: RetryTarget,
  items: ReadonlyArray<MoveResponseItem>
): RetryResult => {
  if (items.length === 0) return RetryResult.Unknown({ ...target, batch, reason: NotMentioned })
  const failed = items.filter((item) => !item.success)
  return failed.length === 0
    ? RetryResult.Moved({ ...target, batch, items })
    : RetryResult.Failed({ ...target, batch, reason: failed.map(whyNotMoved).join("; ") })
}

/**
 * The result of each row of a move call from its answer. Items are matched to Investigate ids by
 * `message_id` (several per id, one per recipient); when no item carries one and there is one item
 * per id sent, by position in the body. Then each row takes its own recipient's items.
 */
export const moveResults = (
  batch: RetryBatch,
  items: ReadonlyArray<MoveResponseItem>
): ReadonlyArray<RetryResult> => {
  const { body, index, targets } = batch
  const anonymous = items.every((item) => item.message_id === null || item.message_id === undefined)
  const byId = anonymous && items.length === body.ids.length
    ? new Map(body.ids.map((id, position) => [id, items.slice(position, position + 1)]))
    : groupBy(items, (item) => item.message_id)
  return targets.map((target) =>
    moveResult(index, target, itemsOfRow(target, byId.get(target.investigateId) ?? []))
  )
}

const recipients = (lists: ReadonlyArray<ReadonlyArray<string> | null | undefined>): ReadonlyArray<string> =>
  lists.flatMap((list) => list ?? [])

/** What a release's items say about every recipient of the message, for a row whose own is not listed. */
const wholeMessageResult = (
  batch: number,
  target: RetryTarget,
  items: readonly [ReleaseResponseItem, ...Array<ReleaseResponseItem>]
): RetryResult => {
  const failed = recipients(items.map((item) => item.failed))
  const undelivered = recipients(items.map((item) => item.undelivered))
  // Unknown, not Failed: a Failed message invites running again, and if the mail did go out a
  // second release delivers it twice.
  if (
    recipients(items.map((item) => item.delivered)).length === 0 && failed.length === 0 &&
    undelivered.length === 0
  ) {
    return RetryResult.Unknown({ ...target, batch, reason: NoRecipientListed })
  }
  if (failed.length === 0 && undelivered.length === 0) {
    return RetryResult.Released({ ...target, batch, item: items[0] })
  }
  const reasons = [
    failed.length === 0 ? [] : [`failed for ${failed.join(", ")}`],
    undelivered.length === 0 ? [] : [`not delivered to ${undelivered.join(", ")}`]
  ].flat()
  return RetryResult.Failed({ ...target, batch, reason: reasons.join("; ") })
}

/**
 * The result of each row of a release call from its answer, matched by `id`. A row whose own
 * recipient is listed takes what the list says about it: `failed` or `undelivered` fails it, else
 * `delivered` releases it. A row whose recipient is not listed takes what the item says about the
 * whole message: Released when some recipient got it and none failed or went undelivered.
 */
export const releaseResults = (
  { index: batch, targets }: RetryBatch,
  items: ReadonlyArray<ReleaseResponseItem>
): ReadonlyArray<RetryResult> => {
  const byId = groupBy(items, (item) => item.id)
  return targets.map((target) => {
    const [first, ...others] = byId.get(target.investigateId) ?? []
    if (first === undefined) return RetryResult.Unknown({ ...target, batch, reason: NotMentioned })
    const all = [first, ...others]
    const mine = sameRecipient(recipientOf(target))
    const failed = recipients(all.map((item) => item.failed)).find(mine)
    if (failed !== undefined) return RetryResult.Failed({ ...target, batch, reason: `failed for ${failed}` })
    const undelivered = recipients(all.map((item) => item.undelivered)).find(mine)
    if (undelivered !== undefined) {
      return RetryResult.Failed({ ...target, batch, reason: `not delivered to ${undelivered}` })
    }
    const delivered = all.find((item) => recipients([item.delivered]).some(mine))
    return delivered === undefined
      ? wholeMessageResult(batch, target, [first, ...others])
      : RetryResult.Released({ ...target, batch, item: delivered })
  })
}

/** What went wrong with a call, in a few words: the request itself is the same for every message. */
const describeFailure = (error: BulkJobsError): string => {
  switch (error._tag) {
    case "AuthenticationError":
    case "CloudflareApiError":
      return `${error.status}${formatApiMessages(error.errors)}`
    case "NotFoundError":
      return `404${formatApiMessages(error.errors)}`
    case "RateLimitedError":
      return `429${formatApiMessages(error.errors)}: Cloudflare blocks the account's calls for ${
        Duration.format(error.retryAfter)
      }`
    case "TransportError":
      return error.reason === "Timeout" ? `no answer within ${error.detail}` : error.detail
    case "ResponseDecodeError":
      return `a ${error.status} answer cfbulk cannot read: ${error.issue}`
    case "ValidationError":
    case "UnconfirmedCreateError":
      return error.message
  }
}

/**
 * Every target of a call that got no usable answer. When the call may have reached the server (a
 * 5xx, a cut connection, a timeout, an unreadable 2xx) its messages are Unknown: it is never sent
 * again, and nothing says whether it acted. Otherwise Cloudflare refused it, or it never left:
 * Failed.
 */
export const batchFailedResults = (batch: RetryBatch, error: BulkJobsError): ReadonlyArray<RetryResult> => {
  const call = batch.action === "MOVE" ? "move" : "release"
  const what = describeFailure(error)
  return batch.targets.map((target) =>
    outcomeUnknown(error)
      ? RetryResult.Unknown({
        ...target,
        batch: batch.index,
        reason: `the ${call} call may have reached Cloudflare but its answer was lost (${what}); ` +
          `it was not sent again`
      })
      : RetryResult.Failed({ ...target, batch: batch.index, reason: `the ${call} call failed: ${what}` })
  )
}
