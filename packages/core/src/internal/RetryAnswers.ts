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

/** One target's items: Moved when every one of them succeeded. */
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
 * The result of each target of a move call from its answer. Items are matched to targets by
 * `message_id` (several per message, one per recipient); when no item carries one and there is one
 * item per target, by position.
 */
export const moveResults = (
  batch: RetryBatch,
  items: ReadonlyArray<MoveResponseItem>
): ReadonlyArray<RetryResult> => {
  const { index, targets } = batch
  const anonymous = items.every((item) => item.message_id === null || item.message_id === undefined)
  if (anonymous && items.length === targets.length) {
    return targets.map((target, position) => moveResult(index, target, items.slice(position, position + 1)))
  }
  const byId = groupBy(items, (item) => item.message_id)
  return targets.map((target) => moveResult(index, target, byId.get(target.investigateId) ?? []))
}

const recipients = (lists: ReadonlyArray<ReadonlyArray<string> | null | undefined>): ReadonlyArray<string> =>
  lists.flatMap((list) => list ?? [])

/**
 * The result of each target of a release call from its answer, matched by `id`: Released when some
 * recipient is listed as `delivered` and none as `failed` or `undelivered`.
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
    const failed = recipients(all.map((item) => item.failed))
    const undelivered = recipients(all.map((item) => item.undelivered))
    // Unknown, not Failed: a Failed message invites running again, and if the mail did go out a
    // second release delivers it twice.
    if (
      recipients(all.map((item) => item.delivered)).length === 0 && failed.length === 0 &&
      undelivered.length === 0
    ) {
      return RetryResult.Unknown({ ...target, batch, reason: NoRecipientListed })
    }
    if (failed.length === 0 && undelivered.length === 0) {
      return RetryResult.Released({ ...target, batch, item: first })
    }
    const reasons = [
      failed.length === 0 ? [] : [`failed for ${failed.join(", ")}`],
      undelivered.length === 0 ? [] : [`not delivered to ${undelivered.join(", ")}`]
    ].flat()
    return RetryResult.Failed({ ...target, batch, reason: reasons.join("; ") })
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
