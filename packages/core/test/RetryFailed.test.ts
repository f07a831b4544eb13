// BulkJobs.retryFailed through the real client on a stub API: a job's FAILED messages are sent again
// with the job's own action, in calls of at most 1000 sent one after another, one result per
// message. A call that may have reached the server is never sent twice. Time is the TestClock's.
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { sleepingFor, watchingSleeps } from "../../../test-support/Settle.js"
import type { BulkJobMessage, RetryBatch, RetryFailedOptions, RetryResult, RetryStep } from "../src/index.js"
import { makeTestJob, makeTestMessage, StubHttpClient, testInvestigateId } from "../src/testing/index.js"
import { accountId, bulkJobsOn, withBulkJobs } from "./fixtures.js"
import { recipientsOf, rowsOfEmail } from "./support/EmailRows.js"
import {
  allMoved,
  allReleased,
  collectingWaits,
  investigateApi,
  type InvestigateCall,
  wireJob
} from "./support/InvestigateApi.js"

const now = Date.parse("2026-02-01T12:00:00Z")
const moveJob = makeTestJob(1, { action_params: { type: "MOVE", destination: "DeletedItems" } })
const releaseJob = makeTestJob(2, { action_type: "RELEASE", action_params: { type: "RELEASE" } })

/** `count` messages numbered from `from`, each with its investigate id, FAILED unless told otherwise. */
const failedMessages = (
  count: number,
  from = 1,
  overrides: Partial<BulkJobMessage> = {}
): Array<BulkJobMessage> => Array.from({ length: count }, (_, i) => makeTestMessage(from + i, overrides))

const idsOf = (messages: ReadonlyArray<BulkJobMessage>) => messages.map((message) => message.message?.id)

type Api = ReturnType<typeof investigateApi>

/** Every result of retrying `jobId` on `api`, with the clock at `now`, on a client configured by `client`. */
const retry = (
  api: Api,
  jobId: string,
  options?: RetryFailedOptions,
  client: Parameters<typeof bulkJobsOn>[1] = {}
) =>
  Effect.zipRight(
    TestClock.setTime(now),
    withBulkJobs(
      bulkJobsOn(api.handler, client),
      (jobs) => Stream.runCollect(jobs.retryFailed(jobId, options))
    )
  ).pipe(Effect.map(Chunk.toReadonlyArray))

const tags = (results: ReadonlyArray<RetryResult>) => results.map((result) => result._tag)
const count = (results: ReadonlyArray<RetryResult>) =>
  results.reduce<Record<string, number>>((counts, result) => ({
    ...counts,
    [result._tag]: (counts[result._tag] ?? 0) + 1
  }), {})
const bodies = (api: Api) => api.posts().map((request) => request.body)
const reasons = (results: ReadonlyArray<RetryResult>) =>
  new Set(results.flatMap((result) => "reason" in result ? [result.reason] : []))

/** Answers move call number `number` with `answer`, every other one with `allMoved`. */
const onCall =
  (number: number, answer: (call: InvestigateCall) => ReturnType<StubHttpClient.StubHandler>) =>
  (call: InvestigateCall) => call.number === number ? answer(call) : allMoved(call)

describe("retryFailed sends a job's FAILED messages in calls of at most 1000", () => {
  it.effect("2,500 FAILED messages: calls of 1000, 1000 and 500 with the job's folder, the exact bodies", () =>
    Effect.gen(function*() {
      const failed = failedMessages(2_500)
      const succeeded = failedMessages(3, 3_001, { status: "COMPLETED" })
      const api = investigateApi({ job: wireJob(moveJob), messages: [...succeeded, ...failed] })
      const results = yield* retry(api, moveJob.job_id)
      expect(bodies(api)).toEqual([
        { destination: "DeletedItems", ids: idsOf(failed.slice(0, 1_000)) },
        { destination: "DeletedItems", ids: idsOf(failed.slice(1_000, 2_000)) },
        { destination: "DeletedItems", ids: idsOf(failed.slice(2_000)) }
      ])
      expect(api.posts().map((request) => request.url.pathname)).toEqual(
        Array.from({ length: 3 }, () => `/client/v4/accounts/${accountId}/email-security/investigate/move`)
      )
      expect(count(results)).toEqual({ Moved: 2_500 })
      expect(results.map((result) => "investigateId" in result ? result.investigateId : null)).toEqual(
        idsOf(failed)
      )
      // Each result names its call, numbered from 1.
      expect(results.map((result) => "batch" in result ? result.batch : 0)).toEqual([
        ...Array.from({ length: 1_000 }, () => 1),
        ...Array.from({ length: 1_000 }, () => 2),
        ...Array.from({ length: 500 }, () => 3)
      ])
      const [first] = results
      expect(first?._tag === "Moved" ? first.items : []).toEqual([
        {
          success: true,
          message_id: testInvestigateId(1),
          recipient: `${testInvestigateId(1)}@example.com`,
          status: "Moved"
        }
      ])
    }))

  it.effect("skips between the messages never make a call short", () =>
    Effect.gen(function*() {
      const messages = failedMessages(2_800).map((message, i) =>
        (i + 1) % 5 === 0
          ? makeTestMessage(i + 1, {}, null)
          : (i + 1) % 13 === 0
          ? makeTestMessage(i + 1, { retry_after: new Date(now + 3_600_000) })
          : message
      )
      const api = investigateApi({ job: wireJob(moveJob), messages })
      const results = yield* retry(api, moveJob.job_id)
      const toSend = messages.filter((message) =>
        message.message !== undefined && message.retry_after === null
      )
      expect(toSend.length).toBeGreaterThan(2_000)
      expect(api.sentIds().map((ids) => ids.length)).toEqual([1_000, 1_000, toSend.length - 2_000])
      expect(api.sentIds().flat()).toEqual(idsOf(toSend))
      expect(count(results)).toEqual({ Moved: toSend.length, Skipped: messages.length - toSend.length })
    }))

  it.effect("batchSize makes the calls smaller", () =>
    Effect.gen(function*() {
      const failed = failedMessages(5)
      const api = investigateApi({ job: wireJob(moveJob), messages: failed })
      yield* retry(api, moveJob.job_id, { batchSize: 2 })
      expect(bodies(api)).toEqual([
        { destination: "DeletedItems", ids: idsOf(failed.slice(0, 2)) },
        { destination: "DeletedItems", ids: idsOf(failed.slice(2, 4)) },
        { destination: "DeletedItems", ids: idsOf(failed.slice(4)) }
      ])
    }))

  it.effect("a RELEASE job's messages are released", () =>
    Effect.gen(function*() {
      const failed = failedMessages(3)
      const api = investigateApi({ job: wireJob(releaseJob), messages: failed })
      const results = yield* retry(api, releaseJob.job_id)
      expect(api.posts().map((request) => request.url.pathname.split("/").at(-1))).toEqual(["release"])
      expect(bodies(api)).toEqual([{ ids: idsOf(failed) }])
      expect(tags(results)).toEqual(["Released", "Released", "Released"])
    }))
})

describe("messages that are not sent", () => {
  it.effect("without an investigate id (the older API): Skipped NoInvestigateId", () =>
    Effect.gen(function*() {
      const messages = [makeTestMessage(1), makeTestMessage(2, {}, null), makeTestMessage(3)]
      const api = investigateApi({ job: wireJob(moveJob), messages })
      const results = yield* retry(api, moveJob.job_id)
      expect(bodies(api)).toEqual([{
        destination: "DeletedItems",
        ids: [testInvestigateId(1), testInvestigateId(3)]
      }])
      const skipped = results.find((result) => result._tag === "Skipped")
      expect(skipped?._tag === "Skipped" ? [skipped.reason, skipped.message.postfix_id] : []).toEqual([
        "NoInvestigateId",
        makeTestMessage(2).postfix_id
      ])
    }))

  it.effect("retry_after still to come: Skipped NotYetDue; one that has passed is sent", () =>
    Effect.gen(function*() {
      const messages = [
        makeTestMessage(1, { retry_after: new Date(now + 60_000) }),
        makeTestMessage(2, { retry_after: new Date(now - 60_000) }),
        makeTestMessage(3, { retry_after: new Date(now) })
      ]
      const api = investigateApi({ job: wireJob(moveJob), messages })
      const results = yield* retry(api, moveJob.job_id)
      expect(bodies(api)).toEqual([{
        destination: "DeletedItems",
        ids: [testInvestigateId(2), testInvestigateId(3)]
      }])
      expect(results.map((result) => result._tag === "Skipped" ? `Skipped ${result.reason}` : result._tag))
        .toEqual([
          "Skipped NotYetDue",
          "Moved",
          "Moved"
        ])
    }))

  it.effect("excluded ids (e.g. done by an earlier run): Skipped Excluded, left out before batching", () =>
    Effect.gen(function*() {
      const failed = failedMessages(2_500)
      const done = failed.filter((_, i) => i < 1_200 && i % 4 === 0).map((message) =>
        message.message?.id ?? ""
      )
      const api = investigateApi({ job: wireJob(moveJob), messages: failed })
      // Any iterable of strings, even a one-shot generator; an id the job does not have changes nothing.
      const exclude = function*() {
        yield* done
        yield "not-an-id-of-this-job"
      }
      const results = yield* retry(api, moveJob.job_id, { exclude: exclude() })
      const toSend = failed.filter((_, i) => !(i < 1_200 && i % 4 === 0))
      expect(api.sentIds().map((ids) => ids.length)).toEqual([1_000, 1_000, toSend.length - 2_000])
      expect(api.sentIds().flat()).toEqual(idsOf(toSend))
      expect(count(results)).toEqual({ Moved: toSend.length, Skipped: done.length })
      const skipped = results.flatMap((result) => result._tag === "Skipped" ? [result] : [])
      expect(skipped.map((result) => result.reason)).toEqual(done.map(() => "Excluded"))
      expect(skipped.map((result) => result.message.message?.id)).toEqual(done)
    }))

  it.effect("every FAILED message excluded: no call at all", () =>
    Effect.gen(function*() {
      const failed = failedMessages(3)
      const api = investigateApi({ job: wireJob(releaseJob), messages: failed })
      const results = yield* retry(api, releaseJob.job_id, {
        exclude: new Set(idsOf(failed).flatMap((id) => id ?? []))
      })
      expect(results.map((result) => result._tag === "Skipped" ? result.reason : result._tag)).toEqual([
        "Excluded",
        "Excluded",
        "Excluded"
      ])
      expect(api.posts()).toEqual([])
    }))

  it.effect("only FAILED messages, even from a server that ignores the listing's status filter", () =>
    Effect.gen(function*() {
      const messages = [
        makeTestMessage(1),
        makeTestMessage(2, { status: "COMPLETED" }),
        makeTestMessage(3, { status: "PENDING" }),
        makeTestMessage(4),
        makeTestMessage(5, { status: "CANCELLED" })
      ]
      const api = investigateApi({ job: wireJob(moveJob), messages, ignoresStatusFilter: true })
      const results = yield* retry(api, moveJob.job_id)
      expect(api.requests.some((request) => request.url.searchParams.get("status") === "FAILED")).toBe(true)
      expect(api.sentIds()).toEqual([[testInvestigateId(1), testInvestigateId(4)]])
      expect(results.map((result) => "investigateId" in result ? result.investigateId : "skipped")).toEqual([
        testInvestigateId(1),
        testInvestigateId(4)
      ])
    }))

  it.effect("nothing FAILED: no call, no result", () =>
    Effect.gen(function*() {
      const done = failedMessages(3, 1, { status: "COMPLETED" })
      const api = investigateApi({ job: wireJob(moveJob), messages: done })
      expect(yield* retry(api, moveJob.job_id)).toEqual([])
      expect(api.posts()).toEqual([])
    }))
})

describe("partial failures in an answer", () => {
  it.effect("move: an item with success false fails its message; a message left out is Unknown", () =>
    Effect.gen(function*() {
      const [one, two, three] = [1, 2, 3].map(testInvestigateId)
      const api = investigateApi({
        job: wireJob(moveJob),
        messages: failedMessages(3),
        move: () =>
          StubHttpClient.single([
            { success: true, message_id: one, recipient: "a@example.com", status: "Moved", future_field: 1 },
            { success: true, message_id: two, recipient: "b@example.com", status: "Moved" },
            {
              success: false,
              message_id: two,
              recipient: "b2@example.com",
              status: "MailboxNotFound",
              operation: "MOVE"
            }
          ])
      })
      const results = yield* retry(api, moveJob.job_id)
      expect(tags(results)).toEqual(["Moved", "Failed", "Unknown"])
      expect(results.map((result) => "reason" in result ? result.reason : "")).toEqual([
        "",
        "MailboxNotFound (b2@example.com, operation MOVE)",
        "the answer did not mention it"
      ])
      // The answer's unknown keys are kept (docs/wire-contract.md §12.3).
      expect(results[0]?._tag === "Moved" ? results[0].items[0] : undefined).toMatchObject({
        future_field: 1
      })
      expect(results[2]?._tag === "Unknown" ? results[2].investigateId : "").toBe(three)
    }))

  it.effect("release: recipients undelivered or failed fail their message", () =>
    Effect.gen(function*() {
      const [one, two, three] = [1, 2, 3].map(testInvestigateId)
      const api = investigateApi({
        job: wireJob(releaseJob),
        messages: failedMessages(3),
        release: () =>
          StubHttpClient.single([
            { id: one, delivered: ["a@example.com"], undelivered: null, failed: null },
            { id: two, delivered: [], undelivered: ["b@example.com"], failed: [] },
            { id: three, delivered: [], undelivered: [], failed: ["c@example.com"] }
          ])
      })
      const results = yield* retry(api, releaseJob.job_id)
      expect(results.map((result) => "reason" in result ? `${result._tag}: ${result.reason}` : result._tag))
        .toEqual([
          "Released",
          "Failed: not delivered to b@example.com",
          "Failed: failed for c@example.com"
        ])
    }))
})

describe("one email sent to several recipients: one investigate id on several FAILED rows", () => {
  const failingRecipient = recipientsOf(1, 3)[1] ?? ""

  /** Moves every id sent, one item per recipient of its email, failing `failingRecipient`. */
  const perRecipient = (recipients: ReadonlyMap<string, ReadonlyArray<string>>) => (call: InvestigateCall) =>
    StubHttpClient.single(
      call.ids.flatMap((id) =>
        (recipients.get(id) ?? []).map((recipient) =>
          recipient === failingRecipient
            ? { success: false, message_id: id, recipient, status: "MailboxNotFound", operation: "MOVE" }
            : { success: true, message_id: id, recipient: recipient.toUpperCase(), status: "Moved" }
        )
      )
    )

  it.effect("move: the id is sent once; each row gets its own recipient's outcome", () =>
    Effect.gen(function*() {
      const rows = [...rowsOfEmail(1, 3), ...rowsOfEmail(2, 1)]
      const recipients = new Map([[String(testInvestigateId(1)), recipientsOf(1, 3)], [
        String(testInvestigateId(2)),
        recipientsOf(2, 1)
      ]])
      const api = investigateApi({ job: wireJob(moveJob), messages: rows, move: perRecipient(recipients) })
      const results = yield* retry(api, moveJob.job_id)
      expect(bodies(api)).toEqual([{
        destination: "DeletedItems",
        ids: [testInvestigateId(1), testInvestigateId(2)]
      }])
      expect(results.map((result) => result._tag === "Failed" ? `Failed: ${result.reason}` : result._tag))
        .toEqual([
          "Moved",
          `Failed: MailboxNotFound (${failingRecipient}, operation MOVE)`,
          "Moved",
          "Moved"
        ])
      // A row's items are its own recipient's (matched without case), not the whole email's.
      expect(
        results.map((result) => result._tag === "Moved" ? result.items.map((item) => item.recipient) : [])
      )
        .toEqual([["USER1@EXAMPLE.COM"], [], ["USER1+2@EXAMPLE.COM"], ["USER2@EXAMPLE.COM"]])
    }))

  it.effect("move: items without recipients decide every row of their id together", () =>
    Effect.gen(function*() {
      const api = investigateApi({
        job: wireJob(moveJob),
        messages: rowsOfEmail(1, 2),
        move: (call) =>
          StubHttpClient.single(call.ids.map((id) => ({ success: false, message_id: id, status: "Failed" })))
      })
      const results = yield* retry(api, moveJob.job_id)
      expect(results.map((result) => result._tag === "Failed" ? result.reason : result._tag)).toEqual([
        "Failed",
        "Failed"
      ])
    }))

  it.effect("release: the id is sent once; a row's recipient listed as delivered, failed or undelivered decides it", () =>
    Effect.gen(function*() {
      const [user1, user1b, user1c] = recipientsOf(1, 3)
      const rows = [
        ...rowsOfEmail(1, 3, {}, "RELEASE"),
        ...rowsOfEmail(2, 2, {}, "RELEASE"),
        ...rowsOfEmail(3, 1, {}, "RELEASE")
      ]
      const api = investigateApi({
        job: wireJob(releaseJob),
        messages: rows,
        release: () =>
          StubHttpClient.single([
            { id: testInvestigateId(1), delivered: [user1], undelivered: [user1c], failed: [user1b] },
            // The second recipient of email 2 is not listed: the item as a whole decides its row.
            { id: testInvestigateId(2), delivered: [recipientsOf(2, 1)[0]], undelivered: [], failed: [] },
            {
              id: testInvestigateId(3),
              delivered: [],
              undelivered: ["someone-else@example.com"],
              failed: null
            }
          ])
      })
      const results = yield* retry(api, releaseJob.job_id)
      expect(bodies(api)).toEqual([{
        ids: [testInvestigateId(1), testInvestigateId(2), testInvestigateId(3)]
      }])
      expect(results.map((result) => result._tag === "Failed" ? `Failed: ${result.reason}` : result._tag))
        .toEqual([
          "Released",
          `Failed: failed for ${user1b}`,
          `Failed: not delivered to ${user1c}`,
          "Released",
          "Released",
          "Failed: not delivered to someone-else@example.com"
        ])
    }))

  it.effect("a call carries at most 1000 distinct ids, however many rows name them", () =>
    Effect.gen(function*() {
      const rows = Array.from({ length: 1_500 }, (_, i) => rowsOfEmail(i + 1, 2)).flat()
      const api = investigateApi({ job: wireJob(moveJob), messages: rows })
      const results = yield* retry(api, moveJob.job_id)
      expect(api.sentIds().map((ids) => ids.length)).toEqual([1_000, 500])
      expect(api.sentIds().flat()).toEqual(Array.from({ length: 1_500 }, (_, i) => testInvestigateId(i + 1)))
      expect(count(results)).toEqual({ Moved: 3_000 })
      expect(results.map((result) => "batch" in result ? result.batch : 0)).toEqual([
        ...Array.from({ length: 2_000 }, () => 1),
        ...Array.from({ length: 1_000 }, () => 2)
      ])
    }))
})

describe("a call that fails", () => {
  it.effect("a 429 in the middle: that call is sent again after the wait, which is announced", () =>
    watchingSleeps(Effect.gen(function*() {
      const waits: Array<string> = []
      const failed = failedMessages(2_500)
      const api = investigateApi({
        job: wireJob(moveJob),
        messages: failed,
        move: onCall(
          2,
          () =>
            StubHttpClient.failure(429, [{ code: 10429, message: "Rate limited" }], { "retry-after": "45" })
        )
      })
      const fiber = yield* Effect.fork(
        retry(api, moveJob.job_id).pipe(Effect.provide(collectingWaits(waits)))
      )
      yield* sleepingFor("45 seconds")
      expect(api.posts()).toHaveLength(2)
      yield* TestClock.adjust("45 seconds")
      const results = yield* Fiber.join(fiber)
      expect(api.sentIds().map((ids) => ids.length)).toEqual([1_000, 1_000, 1_000, 500])
      expect(bodies(api)[2]).toEqual(bodies(api)[1])
      expect(count(results)).toEqual({ Moved: 2_500 })
      expect(waits).toEqual(["waiting 45s: Cloudflare answered 429 Too Many Requests (Retry-After)"])
    })))

  it.effect("an unknown outcome (503): not sent again, its messages Unknown, the next calls still sent", () =>
    Effect.gen(function*() {
      const failed = failedMessages(2_500)
      const api = investigateApi({
        job: wireJob(moveJob),
        messages: failed,
        move: onCall(2, () => StubHttpClient.failure(503, [{ code: 10503, message: "Service unavailable" }]))
      })
      const results = yield* retry(api, moveJob.job_id)
      // Exactly one POST for the second call: it is never resent.
      expect(bodies(api)).toEqual([
        { destination: "DeletedItems", ids: idsOf(failed.slice(0, 1_000)) },
        { destination: "DeletedItems", ids: idsOf(failed.slice(1_000, 2_000)) },
        { destination: "DeletedItems", ids: idsOf(failed.slice(2_000)) }
      ])
      expect(tags(results.slice(0, 1_000))).toEqual(Array.from({ length: 1_000 }, () => "Moved"))
      expect(tags(results.slice(1_000, 2_000))).toEqual(Array.from({ length: 1_000 }, () => "Unknown"))
      expect(tags(results.slice(2_000))).toEqual(Array.from({ length: 500 }, () => "Moved"))
      expect(reasons(results.slice(1_000, 2_000))).toEqual(
        new Set([
          "the move call may have reached Cloudflare but its answer was lost (503: [10503] Service unavailable); " +
          "it was not sent again"
        ])
      )
    }))

  it.effect("no answer within the timeout: not sent again, its messages Unknown, the next call still sent", () =>
    watchingSleeps(Effect.gen(function*() {
      const api = investigateApi({
        job: wireJob(moveJob),
        messages: failedMessages(1_200),
        move: (call) => call.number === 1 ? Effect.never : allMoved(call)
      })
      const fiber = yield* Effect.fork(retry(api, moveJob.job_id, {}, { timeout: "20 seconds" }))
      yield* sleepingFor("20 seconds")
      expect(api.posts()).toHaveLength(1)
      yield* TestClock.adjust("20 seconds")
      const results = yield* Fiber.join(fiber)
      expect(api.sentIds().map((ids) => ids.length)).toEqual([1_000, 200])
      expect(count(results)).toEqual({ Unknown: 1_000, Moved: 200 })
      expect(reasons(results.slice(0, 1_000))).toEqual(
        new Set([
          "the move call may have reached Cloudflare but its answer was lost (no answer within 20s); it was not sent again"
        ])
      )
    })))

  it.effect("a 2xx cfbulk cannot read (not JSON, or not the answer's shape): not sent again, its messages Unknown", () =>
    Effect.gen(function*() {
      const answers = [
        new Response("<html>upstream hiccup</html>", {
          status: 200,
          headers: { "content-type": "text/html" }
        }),
        StubHttpClient.single({ unexpected: "shape" })
      ]
      for (const answer of answers) {
        const api = investigateApi({
          job: wireJob(releaseJob),
          messages: failedMessages(3),
          release: () => answer
        })
        const results = yield* retry(api, releaseJob.job_id)
        expect(api.posts()).toHaveLength(1)
        expect(tags(results)).toEqual(["Unknown", "Unknown", "Unknown"])
        expect([...reasons(results)][0]).toMatch(
          /^the release call may have reached Cloudflare but its answer was lost \(a 200 answer cfbulk cannot read: .+\); it was not sent again$/
        )
      }
    }))

  it.effect("a 429 asking for a longer wait than maxRetryAfter: its messages Failed, and the next call refused at once", () =>
    Effect.gen(function*() {
      const api = investigateApi({
        job: wireJob(moveJob),
        messages: failedMessages(3),
        move: () =>
          StubHttpClient.failure(429, [{ code: 10429, message: "Rate limited" }], { "retry-after": "3600" })
      })
      const results = yield* retry(api, moveJob.job_id, { batchSize: 2 })
      // Cloudflare refused the first call; the second never left, as the account is blocked for an hour.
      expect(api.posts()).toHaveLength(1)
      expect(
        results.map((result) => result._tag === "Failed" ? `${result.batch}: ${result.reason}` : result._tag)
      )
        .toEqual([
          "1: the move call failed: 429: [10429] Rate limited: Cloudflare blocks the account's calls for 1h",
          "1: the move call failed: 429: [10429] Rate limited: Cloudflare blocks the account's calls for 1h",
          "2: the move call failed: 429: Cloudflare blocks the account's calls for 1h"
        ])
    }))

  it.effect("a connection cut after sending: not sent again, its messages Unknown", () =>
    Effect.gen(function*() {
      const api = investigateApi({
        job: wireJob(releaseJob),
        messages: failedMessages(1_500),
        release: (call) =>
          call.number === 1 ? StubHttpClient.connectionReset(call.request) : StubHttpClient.single(
            call.ids.map((id) => ({ id, delivered: ["x@example.com"] }))
          )
      })
      const results = yield* retry(api, releaseJob.job_id)
      expect(api.posts()).toHaveLength(2)
      expect(count(results)).toEqual({ Unknown: 1_000, Released: 500 })
      expect([...reasons(results)][0]).toMatch(
        /^the release call may have reached Cloudflare but its answer was lost \(the request failed \(ECONNRESET\)\)/
      )
    }))

  it.effect("a call Cloudflare refuses (400): its messages Failed with Cloudflare's message, the next still sent", () =>
    Effect.gen(function*() {
      const api = investigateApi({
        job: wireJob(moveJob),
        messages: failedMessages(1_200),
        move: onCall(
          1,
          () => StubHttpClient.failure(400, [{ code: 1001, message: "integration not active" }])
        )
      })
      const results = yield* retry(api, moveJob.job_id)
      expect(api.posts()).toHaveLength(2)
      expect(count(results)).toEqual({ Failed: 1_000, Moved: 200 })
      expect(reasons(results)).toEqual(new Set(["the move call failed: 400: [1001] integration not active"]))
    }))

  it.effect("refused credentials (403) end the stream: nothing more is sent", () =>
    Effect.gen(function*() {
      const api = investigateApi({
        job: wireJob(moveJob),
        messages: failedMessages(2_500),
        move: onCall(2, () => StubHttpClient.failure(403, [{ code: 10000, message: "Authentication error" }]))
      })
      const outcome = yield* Effect.zipRight(
        TestClock.setTime(now),
        withBulkJobs(
          bulkJobsOn(api.handler),
          (jobs) => Stream.runCollect(Stream.either(jobs.retryFailed(moveJob.job_id)))
        )
      ).pipe(Effect.map(Chunk.toReadonlyArray))
      expect(api.posts()).toHaveLength(2)
      expect(outcome).toHaveLength(1_001)
      expect(
        outcome.slice(0, 1_000).every((result) => Either.isRight(result) && result.right._tag === "Moved")
      ).toBe(true)
      const last = outcome[1_000]
      expect(last !== undefined && Either.isLeft(last) ? last.left._tag : "").toBe("AuthenticationError")
    }))
})

describe("onSend: the caller hears of each call before it is sent", () => {
  /** `onSend` that logs each batch next to the stub's log of the requests it receives. */
  const logging = () => {
    const log: Array<string> = []
    const batches: Array<RetryBatch> = []
    const onSend = (batch: RetryBatch) =>
      Effect.sync(() => {
        batches.push(batch)
        log.push(`onSend ${batch.index}: ${batch.body.ids.length} ids`)
      })
    const posted = (call: InvestigateCall) => log.push(`POST ${call.number}: ${call.ids.length} ids`)
    return { log, batches, onSend, posted }
  }

  it.effect("once per call, in order, with the exact batch, before its request is made", () =>
    Effect.gen(function*() {
      const messages = [...failedMessages(2_500), makeTestMessage(9_999, {}, null)]
      const seen = logging()
      const api = investigateApi({
        job: wireJob(moveJob),
        messages,
        move: (call) => {
          seen.posted(call)
          return allMoved(call)
        }
      })
      const results = yield* retry(api, moveJob.job_id, { onSend: seen.onSend })
      expect(seen.log).toEqual([
        "onSend 1: 1000 ids",
        "POST 1: 1000 ids",
        "onSend 2: 1000 ids",
        "POST 2: 1000 ids",
        "onSend 3: 500 ids",
        "POST 3: 500 ids"
      ])
      // The batches are the plan's, body and rows: what was sent, and the rows it acted on.
      const plan = yield* Effect.zipRight(
        TestClock.setTime(now),
        withBulkJobs(bulkJobsOn(api.handler), (jobs) => Stream.runCollect(jobs.planRetry(moveJob.job_id)))
      ).pipe(Effect.map(Chunk.toReadonlyArray))
      expect(seen.batches).toEqual(plan.flatMap((step) => step._tag === "Send" ? [step.batch] : []))
      expect(seen.batches.map((batch) => batch.body)).toEqual(bodies(api).slice(0, 3))
      expect(seen.batches.map((batch) => batch.targets.map((target) => target.message))).toEqual([
        messages.slice(0, 1_000),
        messages.slice(1_000, 2_000),
        messages.slice(2_000, 2_500)
      ])
      expect(count(results)).toEqual({ Moved: 2_500, Skipped: 1 })
    }))

  it.effect("a call sent again after a 429 is one call: onSend runs once for it", () =>
    watchingSleeps(Effect.gen(function*() {
      const seen = logging()
      const api = investigateApi({
        job: wireJob(releaseJob),
        messages: failedMessages(3),
        release: (call) => {
          seen.posted(call)
          return call.number === 1
            ? StubHttpClient.failure(429, [{ code: 10429, message: "Rate limited" }], { "retry-after": "5" })
            : allReleased(call)
        }
      })
      const fiber = yield* Effect.fork(retry(api, releaseJob.job_id, { batchSize: 2, onSend: seen.onSend }))
      yield* sleepingFor("5 seconds")
      yield* TestClock.adjust("5 seconds")
      const results = yield* Fiber.join(fiber)
      expect(seen.log).toEqual([
        "onSend 1: 2 ids",
        "POST 1: 2 ids",
        "POST 2: 2 ids",
        "onSend 2: 1 ids",
        "POST 3: 1 ids"
      ])
      expect(count(results)).toEqual({ Released: 3 })
    })))

  it.effect("planRetry sends nothing and never runs onSend", () =>
    Effect.gen(function*() {
      const seen = logging()
      const api = investigateApi({ job: wireJob(moveJob), messages: failedMessages(1_500) })
      const steps = yield* Effect.zipRight(
        TestClock.setTime(now),
        withBulkJobs(
          bulkJobsOn(api.handler),
          (jobs) => Stream.runCollect(jobs.planRetry(moveJob.job_id, { onSend: seen.onSend }))
        )
      ).pipe(Effect.map(Chunk.toReadonlyArray))
      expect(steps.map((step) => step._tag)).toEqual(["Send", "Send"])
      expect(seen.log).toEqual([])
      expect(api.posts()).toEqual([])
    }))
})

describe("retryPlanned sends a plan as it was made", () => {
  /** The steps `planRetry` streams for `jobId` on `api`, with the clock at `now`. */
  const planOn = (api: Api, jobId: string, options?: RetryFailedOptions) =>
    Effect.zipRight(
      TestClock.setTime(now),
      withBulkJobs(bulkJobsOn(api.handler), (jobs) => Stream.runCollect(jobs.planRetry(jobId, options)))
    ).pipe(Effect.map(Chunk.toReadonlyArray))

  it.effect("the plan's calls and skips, reading nothing again, even when the job's messages changed since", () =>
    Effect.gen(function*() {
      const messages = [...failedMessages(1_500), makeTestMessage(9_999, {}, null)]
      const planned = investigateApi({ job: wireJob(moveJob), messages })
      const steps = yield* planOn(planned, moveJob.job_id, { batchSize: 1_000 })
      // Another server, whose listing has more FAILED messages: nothing of it may be read or sent.
      const api = investigateApi({ job: wireJob(moveJob), messages: failedMessages(3_000) })
      const seen: Array<number> = []
      const results = yield* withBulkJobs(bulkJobsOn(api.handler), (jobs) =>
        Stream.runCollect(
          jobs.retryPlanned(steps, { onSend: (batch) => Effect.sync(() => seen.push(batch.index)) })
        )).pipe(Effect.map(Chunk.toReadonlyArray))
      expect(api.requests.every((request) => request.method === "POST")).toBe(true)
      expect(bodies(api)).toEqual(steps.flatMap((step) => step._tag === "Send" ? [step.batch.body] : []))
      expect(api.sentIds().map((ids) => ids.length)).toEqual([1_000, 500])
      expect(seen).toEqual([1, 2])
      expect(count(results)).toEqual({ Moved: 1_500, Skipped: 1 })
      expect(reasons(results)).toEqual(new Set(["NoInvestigateId"]))
    }))

  it.effect("a call that fails is reported on its messages, as by retryFailed; refused credentials end it", () =>
    Effect.gen(function*() {
      const planned = investigateApi({ job: wireJob(releaseJob), messages: failedMessages(3) })
      const steps = yield* planOn(planned, releaseJob.job_id, { batchSize: 1 })
      const api = investigateApi({
        job: wireJob(releaseJob),
        messages: [],
        release: (call) =>
          call.number === 1
            ? StubHttpClient.failure(400, [{ code: 1000, message: "bad id" }])
            : call.number === 2
            ? allReleased(call)
            : StubHttpClient.failure(403, [{ code: 10000, message: "Authentication error" }])
      })
      const outcomes = yield* withBulkJobs(
        bulkJobsOn(api.handler),
        (jobs) => Stream.runCollect(Stream.either(jobs.retryPlanned(steps)))
      ).pipe(Effect.map(Chunk.toReadonlyArray))
      expect(outcomes.map((outcome) => Either.isRight(outcome) ? outcome.right._tag : outcome.left._tag))
        .toEqual([
          "Failed",
          "Released",
          "AuthenticationError"
        ])
      expect(api.posts()).toHaveLength(3)
    }))

  it.effect("steps that are not a plan, or an onSend that is not a function: ValidationError, nothing sent", () =>
    Effect.gen(function*() {
      const planned = investigateApi({ job: wireJob(moveJob), messages: failedMessages(3) })
      const steps = yield* planOn(planned, moveJob.job_id, { batchSize: 1 })
      const api = investigateApi({ job: wireJob(moveJob), messages: [] })
      // Steps as plain JavaScript may pass them: an object that cannot be iterated, and a plan whose
      // third step is no step at all (the first two would have been sent before it was reached).
      const notSteps: Iterable<RetryStep> = { [Symbol.iterator]: () => [][Symbol.iterator]() }
      Reflect.deleteProperty(notSteps, Symbol.iterator)
      const strayStep = [...steps]
      Reflect.set(strayStep, 2, { _tag: "Resend" })
      const refused = [
        [notSteps, {}, "retryPlanned: expected the steps of a plan (what planRetry streamed)"],
        [
          strayStep,
          {},
          "retryPlanned: expected the steps of a plan (what planRetry streamed); step 3 is neither a Skip nor a " +
          "Send of a MOVE or RELEASE"
        ],
        [steps, fromJavaScript("soon", "onSend"), undefined]
      ] as const
      for (const [plan, options, issue] of refused) {
        const error = yield* withBulkJobs(
          bulkJobsOn(api.handler),
          (jobs) => Stream.runCollect(jobs.retryPlanned(plan, options))
        ).pipe(Effect.flip)
        expect(error._tag).toBe("ValidationError")
        if (issue !== undefined && error._tag === "ValidationError") expect(error.issue).toBe(issue)
      }
      expect(api.requests).toEqual([])
    }))

  it.effect("an empty plan sends nothing and streams nothing", () =>
    Effect.gen(function*() {
      const api = investigateApi({ job: wireJob(moveJob), messages: [] })
      const results = yield* withBulkJobs(bulkJobsOn(api.handler), (jobs) =>
        Stream.runCollect(jobs.retryPlanned([])))
      expect(Chunk.size(results)).toBe(0)
      expect(api.requests).toEqual([])
    }))
})

/** Options as plain JavaScript may pass them, with an `exclude` (or another option) the types would refuse. */
const fromJavaScript = (exclude: unknown, option = "exclude"): RetryFailedOptions => {
  const options = {}
  Reflect.set(options, option, exclude)
  return options
}

describe("refused before anything is sent", () => {
  const refusedWith = (job: unknown, options?: RetryFailedOptions, jobId: string = moveJob.job_id) =>
    Effect.gen(function*() {
      const api = investigateApi({ job, messages: failedMessages(3) })
      const error = yield* Effect.flip(retry(api, jobId, options))
      return { error, api }
    })

  it.effect("a job still running, of an unknown action or of an unknown folder: ValidationError, no POST", () =>
    Effect.gen(function*() {
      const jobs = [
        wireJob(makeTestJob(1, { status: "PROCESSING", completed_at: null })),
        { ...wireJob(moveJob), action_type: "QUARANTINE", action_params: { type: "QUARANTINE" } },
        { ...wireJob(moveJob), action_params: { type: "MOVE", destination: "Archive" } }
      ]
      const issues: Array<string> = []
      for (const job of jobs) {
        const { error, api } = yield* refusedWith(job)
        expect(error._tag).toBe("ValidationError")
        issues.push(error.message)
        // Only the job was read: neither its messages nor any move.
        expect(
          api.requests.map((request) =>
            request.method + " " + request.url.pathname.split("/").slice(-2).join("/")
          )
        )
          .toEqual([`GET bulk/${moveJob.job_id}`])
      }
      expect(issues[0]).toContain("is PROCESSING: Cloudflare may still retry its failed messages")
      expect(issues[1]).toContain(`has the action "QUARANTINE"`)
      expect(issues[2]).toContain(`moves messages to "Archive"`)
    }))

  it.effect("a bad job id, batchSize, exclude or onSend: ValidationError, no request at all", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [string, RetryFailedOptions | undefined, string]> = [
        ["not-a-job", undefined, `"not-a-job" is not a job id (a UUID)`],
        [moveJob.job_id, { batchSize: 0 }, "retry options: batchSize must be a whole number from 1 to 1000"],
        [
          moveJob.job_id,
          { batchSize: 1_001 },
          "retry options: batchSize must be a whole number from 1 to 1000"
        ],
        [
          moveJob.job_id,
          { batchSize: 2.5 },
          "retry options: batchSize must be a whole number from 1 to 1000"
        ],
        [
          moveJob.job_id,
          { exclude: testInvestigateId(1) },
          "retry options: exclude: expected a collection of Investigate ids (an array or a Set), got a single string"
        ],
        [
          moveJob.job_id,
          fromJavaScript(null),
          "exclude: expected a collection of Investigate ids (an array or a Set), got null"
        ],
        [moveJob.job_id, fromJavaScript(42), "got number"],
        [
          moveJob.job_id,
          fromJavaScript([testInvestigateId(1), 7]),
          "retry options: exclude[1]: exclude takes Investigate ids, which are strings"
        ],
        [
          moveJob.job_id,
          fromJavaScript("log", "onSend"),
          "retry options: onSend: expected a function of the batch about to be sent, got string"
        ],
        [
          moveJob.job_id,
          fromJavaScript(null, "onSend"),
          "onSend: expected a function of the batch about to be sent, got null"
        ]
      ]
      for (const [jobId, options, issue] of cases) {
        const { error, api } = yield* refusedWith(wireJob(moveJob), options, jobId)
        expect(error._tag).toBe("ValidationError")
        expect(error.message).toContain(issue)
        // One sentence: the alternatives of an optional field are not told as further problems.
        expect(error.message).not.toMatch(/\(and \d+ more\)/)
        expect(api.requests).toEqual([])
      }
    }))
})

describe("planRetry", () => {
  it.effect("reads the job and its messages and sends nothing", () =>
    Effect.gen(function*() {
      const api = investigateApi({
        job: wireJob(moveJob),
        messages: [...failedMessages(2_500), makeTestMessage(9_999, {}, null)]
      })
      const steps = yield* Effect.zipRight(
        TestClock.setTime(now),
        withBulkJobs(bulkJobsOn(api.handler), (jobs) => Stream.runCollect(jobs.planRetry(moveJob.job_id)))
      ).pipe(Effect.map(Chunk.toReadonlyArray))
      expect(steps.map((step) => step._tag === "Send" ? step.batch.targets.length : step._tag)).toEqual([
        1_000,
        1_000,
        "Skip",
        500
      ])
      expect(api.posts()).toEqual([])
    }))
})
