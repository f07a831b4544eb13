// The pure rules of retrying a job's FAILED messages: which job can be retried and with what, which
// message is sent, and what a move or release answer says about each message (docs/wire-contract.md §13.3).
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import {
  BulkJob,
  CloudflareApiError,
  type RetryBatch,
  type RetryTarget,
  TransportError
} from "../src/index.js"
import { retryActionOf } from "../src/internal/RetryAction.js"
import {
  batchFailedResults,
  moveResults,
  NoRecipientListed,
  NotMentioned,
  releaseResults
} from "../src/internal/RetryAnswers.js"
import { classifyFailedMessage } from "../src/internal/RetryClassify.js"
import { makeTestJob, makeTestMessage, testInvestigateId } from "../src/testing/index.js"

const now = Date.parse("2026-02-01T12:00:00Z")
const target = (n: number): RetryTarget => ({
  message: makeTestMessage(n),
  investigateId: testInvestigateId(n)
})
/** A call of `targets`, numbered `index`, as the plan would make it. */
const moveBatch = (targets: ReadonlyArray<RetryTarget>, index = 1): RetryBatch => ({
  action: "MOVE",
  index,
  body: { destination: "JunkEmail", ids: targets.map((t) => t.investigateId) },
  targets
})
const releaseBatch = (targets: ReadonlyArray<RetryTarget>, index = 1): RetryBatch => ({
  action: "RELEASE",
  index,
  body: { ids: targets.map((t) => t.investigateId) },
  targets
})
const noRules = { exclude: new Set<string>(), now }
const decodeJob = Schema.decodeUnknownSync(BulkJob)
const encodeJob = Schema.encodeSync(BulkJob)

/** A job as the API would send it, with its action replaced. */
const jobWithAction = (actionType: string, actionParams: unknown) =>
  decodeJob({ ...encodeJob(makeTestJob(1)), action_type: actionType, action_params: actionParams })

const issueOf = <A>(either: Either.Either<A, { readonly issue: string }>) =>
  Either.match(either, { onLeft: (error) => error.issue, onRight: () => "accepted" })

describe("which jobs can be retried", () => {
  it("a finished MOVE job: with its folder; a finished RELEASE job: with release", () => {
    expect(retryActionOf(makeTestJob(1, { action_params: { type: "MOVE", destination: "Inbox" } }))).toEqual(
      Either.right({ action: "MOVE", destination: "Inbox" })
    )
    expect(retryActionOf(jobWithAction("RELEASE", { type: "RELEASE" }))).toEqual(
      Either.right({ action: "RELEASE" })
    )
    for (const status of ["FAILED", "CANCELLED", "SKIPPED"] as const) {
      expect(Either.isRight(retryActionOf(makeTestJob(1, { status })))).toBe(true)
    }
  })

  it("refuses a job still running, saying to wait for it", () => {
    const job = makeTestJob(1, { status: "PROCESSING" })
    expect(issueOf(retryActionOf(job))).toBe(
      `job ${job.job_id} is PROCESSING: Cloudflare may still retry its failed messages; ` +
        `wait for it to end (cfbulk watch ${job.job_id}) and retry them then`
    )
    const paused = decodeJob({ ...encodeJob(makeTestJob(1)), status: "PAUSED" })
    expect(issueOf(retryActionOf(paused))).toContain("is PAUSED")
  })

  it("refuses an action or a folder it does not know", () => {
    expect(issueOf(retryActionOf(jobWithAction("QUARANTINE", { type: "QUARANTINE" })))).toContain(
      `has the action "QUARANTINE", which cfbulk does not know how to retry (only MOVE and RELEASE)`
    )
    expect(issueOf(retryActionOf(jobWithAction("MOVE", { type: "MOVE", destination: "Archive" })))).toContain(
      `moves messages to "Archive", a folder cfbulk does not know`
    )
  })
})

describe("which FAILED messages are sent", () => {
  it("one with an investigate id and no retry_after, or one that has passed", () => {
    expect(classifyFailedMessage(makeTestMessage(1), noRules)).toEqual(Either.right(target(1)))
    const passed = makeTestMessage(2, { retry_after: new Date(now) })
    expect(classifyFailedMessage(passed, noRules)).toEqual(
      Either.right({ message: passed, investigateId: testInvestigateId(2) })
    )
  })

  it("not one whose retry_after is still to come", () => {
    expect(classifyFailedMessage(makeTestMessage(1, { retry_after: new Date(now + 1) }), noRules)).toEqual(
      Either.left("NotYetDue")
    )
  })

  it("not one without an investigate record (or with a blank id), even when not yet due", () => {
    expect(classifyFailedMessage(makeTestMessage(1, {}, null), noRules)).toEqual(
      Either.left("NoInvestigateId")
    )
    expect(classifyFailedMessage(makeTestMessage(1, {}, " "), noRules)).toEqual(
      Either.left("NoInvestigateId")
    )
    const both = makeTestMessage(1, { retry_after: new Date(now + 60_000) }, null)
    expect(classifyFailedMessage(both, noRules)).toEqual(Either.left("NoInvestigateId"))
  })

  it("not one the caller excluded, even when it is not yet due; an id excluded must match exactly", () => {
    const rules = { exclude: new Set<string>([testInvestigateId(1), testInvestigateId(2)]), now }
    expect(classifyFailedMessage(makeTestMessage(1), rules)).toEqual(Either.left("Excluded"))
    const later = makeTestMessage(2, { retry_after: new Date(now + 60_000) })
    expect(classifyFailedMessage(later, rules)).toEqual(Either.left("Excluded"))
    // No investigate id outranks the exclusion: nothing names the message at all.
    expect(classifyFailedMessage(makeTestMessage(1, {}, null), rules)).toEqual(Either.left("NoInvestigateId"))
    expect(classifyFailedMessage(makeTestMessage(3), rules)).toEqual(Either.right(target(3)))
    const almost = { exclude: new Set([` ${testInvestigateId(3)}`, testInvestigateId(3).toUpperCase()]), now }
    expect(classifyFailedMessage(makeTestMessage(3), almost)).toEqual(Either.right(target(3)))
  })
})

const moved = (id: string, recipient: string, success = true) => ({
  success,
  message_id: id,
  recipient,
  status: success ? "Moved" : "MailboxNotFound",
  operation: "MOVE"
})

describe("matching a move's answer to its messages", () => {
  it("by message_id: Moved when every item of the message succeeded, Failed with the items' status otherwise", () => {
    const [one, two, three] = [testInvestigateId(1), testInvestigateId(2), testInvestigateId(3)]
    const results = moveResults(moveBatch([target(1), target(2), target(3)], 4), [
      moved(three, "c@example.com"),
      moved(one, "a@example.com"),
      moved(one, "a2@example.com"),
      moved(two, "b@example.com"),
      moved(two, "b2@example.com", false)
    ])
    expect(results.map((result) => result._tag)).toEqual(["Moved", "Failed", "Moved"])
    expect(results.map((result) => "batch" in result ? result.batch : 0)).toEqual([4, 4, 4])
    expect(results[0]?._tag === "Moved" ? results[0].items.map((item) => item.recipient) : []).toEqual([
      "a@example.com",
      "a2@example.com"
    ])
    expect(results[1]?._tag === "Failed" ? results[1].reason : "").toBe(
      "MailboxNotFound (b2@example.com, operation MOVE)"
    )
  })

  it("a message the answer does not mention is Unknown", () => {
    const results = moveResults(moveBatch([target(1), target(2)]), [
      moved(testInvestigateId(1), "a@example.com")
    ])
    expect(results.map((result) => result._tag)).toEqual(["Moved", "Unknown"])
    expect(results[1]?._tag === "Unknown" ? results[1].reason : "").toBe(NotMentioned)
  })

  it("by position when no item names its message and there is one item per message", () => {
    const results = moveResults(moveBatch([target(1), target(2)]), [{ success: false }, {
      success: true,
      message_id: null
    }])
    expect(results.map((result) => result._tag)).toEqual(["Failed", "Moved"])
    expect(results[0]?._tag === "Failed" ? results[0].reason : "").toBe("not moved, no reason given")
  })

  it("by position among the distinct ids sent: every row of an id gets its item", () => {
    const again = {
      message: makeTestMessage(11, {}, testInvestigateId(1)),
      investigateId: testInvestigateId(1)
    }
    const deduped: RetryBatch = {
      action: "MOVE",
      index: 1,
      body: { destination: "JunkEmail", ids: [testInvestigateId(1), testInvestigateId(2)] },
      targets: [target(1), target(2), again]
    }
    const results = moveResults(deduped, [{ success: true }, { success: false, status: "Nope" }])
    expect(results.map((result) => result._tag)).toEqual(["Moved", "Failed", "Moved"])
  })

  it("not by position when the counts differ: every message is Unknown", () => {
    const results = moveResults(moveBatch([target(1), target(2)]), [{ success: true }])
    expect(results.map((result) => result._tag)).toEqual(["Unknown", "Unknown"])
    expect(moveResults(moveBatch([target(1)]), []).map((result) => result._tag)).toEqual(["Unknown"])
  })
})

describe("matching a release's answer to its messages", () => {
  it("by id: Released when a recipient got it and none failed or went undelivered", () => {
    const [one, two, three, four] = [1, 2, 3, 4].map(testInvestigateId)
    const results = releaseResults(releaseBatch([target(1), target(2), target(3), target(4), target(5)], 3), [
      { id: String(one), delivered: ["a@example.com"], undelivered: null, failed: null },
      { id: String(two), delivered: ["b@example.com"], undelivered: ["b2@example.com"], failed: [] },
      { id: String(three), failed: ["c@example.com"], undelivered: ["c2@example.com", "c3@example.com"] },
      { id: String(four) }
    ])
    expect(results.map((result) => result._tag)).toEqual([
      "Released",
      "Failed",
      "Failed",
      "Unknown",
      "Unknown"
    ])
    expect(results.map((result) => "reason" in result ? result.reason : "")).toEqual([
      "",
      "not delivered to b2@example.com",
      "failed for c@example.com; not delivered to c2@example.com, c3@example.com",
      NoRecipientListed,
      NotMentioned
    ])
    expect(new Set(results.map((result) => "batch" in result ? result.batch : 0))).toEqual(new Set([3]))
  })

  it("an item that lists no recipient at all (null, missing or empty lists): Unknown, never Failed", () => {
    const [one, two, three] = [1, 2, 3].map(testInvestigateId)
    const results = releaseResults(releaseBatch([target(1), target(2), target(3)]), [
      { id: String(one), delivered: null, undelivered: null, failed: null },
      { id: String(two), delivered: [], undelivered: [], failed: [] },
      { id: String(three) }
    ])
    expect(results.map((result) => result._tag === "Unknown" ? result.reason : result._tag)).toEqual([
      NoRecipientListed,
      NoRecipientListed,
      NoRecipientListed
    ])
  })
})

describe("a call without a usable answer", () => {
  const batch: RetryBatch = {
    action: "MOVE",
    index: 2,
    body: { destination: "JunkEmail", ids: [testInvestigateId(1), testInvestigateId(2)] },
    targets: [target(1), target(2)]
  }
  const request = { method: "POST", path: "/client/v4/accounts/a/email-security/investigate/move" }

  it("that may have reached the server: every message Unknown", () => {
    const lost = new TransportError({
      request,
      reason: "Connection",
      detail: "socket hang up",
      outcomeUnknown: true
    })
    const results = batchFailedResults(batch, lost)
    expect(results.map((result) => result._tag)).toEqual(["Unknown", "Unknown"])
    expect(results.map((result) => "batch" in result ? result.batch : 0)).toEqual([2, 2])
    expect(results[0]?._tag === "Unknown" ? results[0].reason : "").toBe(
      "the move call may have reached Cloudflare but its answer was lost (socket hang up); it was not sent again"
    )
  })

  it("that Cloudflare refused: every message Failed, with Cloudflare's message", () => {
    const refused = new CloudflareApiError({
      request,
      status: 400,
      errors: [{ code: 1001, message: "bad ids" }]
    })
    const results = batchFailedResults(
      { ...batch, action: "RELEASE", body: { ids: batch.body.ids } },
      refused
    )
    expect(results.map((result) => result._tag === "Failed" ? result.batch : 0)).toEqual([2, 2])
    expect(results.map((result) => "reason" in result ? result.reason : "")).toEqual([
      "the release call failed: 400: [1001] bad ids",
      "the release call failed: 400: [1001] bad ids"
    ])
  })
})
