// Retrying a job's FAILED messages (issue 12) with core's real client against the emulator: calls of
// exactly 1000 with the job's own action and destination, partial failures, messages that cannot be
// sent, a 429 in the middle, a call whose answer is lost after the emulator carried it out, and emails
// sent to several recipients (one id on several rows, one recipient failing). The emulator is
// in-process (HTTP without a socket) so that the TestClock drives every wait, as in LostCreate.test.ts;
// the last test runs the same retry on loopback, where nothing waits.
import { type BulkJobMessage, BulkJobs, type RetryResult } from "@cfbulk/core"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { withTime } from "../../../test-support/Settle.js"
import { EmulatorControl, Fault, type InvestigateCall, start } from "../src/index.js"
import { clientAndEmulator } from "./support/Layers.js"

const emulator = () => clientAndEmulator({ rateLimit: false }, { maxRetries: 2 })

/** Retries the job's failures to the end, moving the clock a second at a time while it waits. */
const retry = (jobId: string) =>
  withTime(Effect.flatMap(BulkJobs, (jobs) => Stream.runCollect(jobs.retryFailed(jobId)))).pipe(
    Effect.map(Chunk.toReadonlyArray)
  )

/** The job's FAILED messages in listing order, as the retry reads them. */
const failedOf = (jobId: string) =>
  Effect.flatMap(
    BulkJobs,
    (jobs) => Stream.runCollect(jobs.messages(jobId, { status: "FAILED", per_page: 1000 }))
  )
    .pipe(Effect.map(Chunk.toReadonlyArray))

const idsOf = (messages: ReadonlyArray<BulkJobMessage>) =>
  messages.flatMap((message) => message.message === undefined ? [] : [message.message.id])

const tags = (results: ReadonlyArray<RetryResult>) => {
  const counts: Record<string, number> = {}
  for (const result of results) counts[result._tag] = (counts[result._tag] ?? 0) + 1
  return counts
}

/** A row's own recipient (`action_params.client_recipient`). */
const clientRecipient = (row: BulkJobMessage | undefined): string | undefined => {
  const params = row?.action_params
  return params !== undefined && "client_recipient" in params && typeof params.client_recipient === "string"
    ? params.client_recipient
    : undefined
}

const idOf = (result: RetryResult) => result._tag === "Skipped" ? undefined : result.investigateId

/** The move or release POSTs in the request log: their statuses and faults, in order. */
const investigatePosts = Effect.map(
  Effect.flatMap(EmulatorControl, (control) => control.requests),
  (log) => log.filter((entry) => entry.method === "POST" && /\/investigate\/(move|release)$/.test(entry.path))
)

const bodies = (calls: ReadonlyArray<InvestigateCall>) =>
  calls.map((call) => ({ action: call.action, destination: call.destination, ids: call.ids.length }))

describe("retryFailed against the emulator", () => {
  it.effect("sends calls of exactly 1000 ids, in the messages' order, with the job's destination", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({
        destination: "DeletedItems",
        failed: 2500,
        succeeded: 40
      })
      const expected = idsOf(yield* failedOf(jobId))
      const results = yield* retry(jobId)

      expect(tags(results)).toEqual({ Moved: 2500 })
      expect(results.map(idOf)).toEqual(expected)
      const calls = yield* control.investigations
      expect(bodies(calls)).toEqual([
        { action: "MOVE", destination: "DeletedItems", ids: 1000 },
        { action: "MOVE", destination: "DeletedItems", ids: 1000 },
        { action: "MOVE", destination: "DeletedItems", ids: 500 }
      ])
      expect(calls.flatMap((call) => call.ids)).toEqual(expected)
      expect((yield* investigatePosts).map((entry) => entry.status)).toEqual([200, 200, 200])
    }).pipe(Effect.provide(emulator())))

  it.effect("releases a RELEASE job's messages, with ids only", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({ action: "RELEASE", failed: 1200 })
      const results = yield* retry(jobId)
      expect(tags(results)).toEqual({ Released: 1200 })
      expect(bodies(yield* control.investigations)).toEqual([
        { action: "RELEASE", destination: null, ids: 1000 },
        { action: "RELEASE", destination: null, ids: 200 }
      ])
    }).pipe(Effect.provide(emulator())))

  it.effect("reports partial failures per message, with the reason the emulator gave", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({ failed: 2000, failOnRetry: 3 })
      const ids = idsOf(yield* failedOf(jobId))
      // Three more in the second call, chosen by the test.
      const chosen = new Set([ids[1000], ids[1500], ids[1999]])
      yield* control.failInvestigate((id) => chosen.has(id), "Quota exceeded for the mailbox")
      const results = yield* retry(jobId)

      expect(tags(results)).toEqual({ Moved: 1994, Failed: 6 })
      const failed = results.flatMap((result) => result._tag === "Failed" ? [result] : [])
      expect(failed.map((result) => result.investigateId)).toEqual([
        ids[0],
        ids[1],
        ids[2],
        ids[1000],
        ids[1500],
        ids[1999]
      ])
      expect(failed[0]?.reason).toContain("Mailbox not found for the recipient")
      expect(failed[3]?.reason).toContain("Quota exceeded for the mailbox")
      const recipientOf = (result: RetryResult & { readonly _tag: "Failed" }) =>
        result.message.message?.client_recipients[0] ?? "no recipient"
      expect(failed.every((result) => result.reason.includes(recipientOf(result)))).toBe(true)
      expect((yield* control.investigations).map((call) => call.ids.length)).toEqual([1000, 1000])
    }).pipe(Effect.provide(emulator())))

  it.effect("reports a failed release by its recipients", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({ action: "RELEASE", failed: 10, failOnRetry: 2 })
      const results = yield* retry(jobId)
      expect(tags(results)).toEqual({ Failed: 2, Released: 8 })
      const [first] = results
      if (first?._tag !== "Failed") return expect.fail(`expected a failure first, got ${first?._tag}`)
      expect(first.reason).toBe(`failed for ${first.message.message?.client_recipients[0]}`)
    }).pipe(Effect.provide(emulator())))

  it.effect("skips messages without an investigate id or not due yet, and never makes a call short", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({
        failed: 2500,
        withoutInvestigateId: 300,
        notYetDue: 200
      })
      const failed = yield* failedOf(jobId)
      const results = yield* retry(jobId)

      expect(tags(results)).toEqual({ Skipped: 500, Moved: 2000 })
      const skipped = results.flatMap((result) => result._tag === "Skipped" ? [result] : [])
      expect(skipped.map((result) => [result.message.message_id, result.reason])).toEqual(
        failed.slice(0, 500).map((message, position) => [
          message.message_id,
          position < 300 ? "NoInvestigateId" : "NotYetDue"
        ])
      )
      const calls = yield* control.investigations
      expect(calls.map((call) => call.ids.length)).toEqual([1000, 1000])
      expect(calls.flatMap((call) => call.ids)).toEqual(idsOf(failed.slice(500)))
    }).pipe(Effect.provide(emulator())))

  it.effect("sends nothing for a job whose messages have no investigate record (the older API)", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({ failed: 40, shape: "legacy" })
      const results = yield* retry(jobId)
      expect(results.map((result) => result._tag === "Skipped" ? result.reason : result._tag)).toEqual(
        Array(40).fill("NoInvestigateId")
      )
      expect(yield* investigatePosts).toEqual([])
    }).pipe(Effect.provide(emulator())))

  it.effect("a 429 in the middle: the call is sent again after the window, and no call inside it", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({ failed: 2500 })
      const expected = idsOf(yield* failedOf(jobId))
      yield* control.enqueue(Fault.RateLimited({ retryAfter: 30 }), { path: "/investigate/move", nth: 2 })
      const results = yield* retry(jobId)

      expect(tags(results)).toEqual({ Moved: 2500 })
      expect(results.map(idOf)).toEqual(expected)
      const posts = yield* investigatePosts
      expect(posts.map((entry) => entry.status)).toEqual([200, 429, 200, 200])
      const [, limited, resent] = posts
      expect((resent?.timestamp ?? 0) - (limited?.timestamp ?? 0)).toBeGreaterThanOrEqual(30_000)
      // Within the window, only reads of the FAILED listing, which runs ahead of the calls and had
      // requests under way while the 429 was being read; no call is sent in it.
      const inWindow = (yield* control.requests).filter((entry) =>
        limited !== undefined && entry.sequence > limited.sequence &&
        entry.timestamp < limited.timestamp + 30_000
      )
      expect(inWindow.filter((entry) => !/\/messages\?status=FAILED&/.test(entry.path))).toEqual([])
      // The refused call was not carried out: three calls, each id once.
      const calls = yield* control.investigations
      expect(calls.map((call) => call.ids.length)).toEqual([1000, 1000, 500])
      expect(calls.flatMap((call) => call.ids)).toEqual(expected)
    }).pipe(Effect.provide(emulator())))

  for (const as of ["ServerError", "Reset"] as const) {
    it.effect(`a call carried out whose answer is lost (${as}): sent once, its messages Unknown, the next sent`, () =>
      Effect.gen(function*() {
        const control = yield* EmulatorControl
        const jobId = yield* control.insertFailedJob({ failed: 2500 })
        const expected = idsOf(yield* failedOf(jobId))
        yield* control.enqueue(Fault.LoseAnswer({ as }), { path: "/investigate/move", nth: 2 })
        const results = yield* retry(jobId)

        expect(tags(results)).toEqual({ Moved: 1500, Unknown: 1000 })
        expect(results.map(idOf)).toEqual(expected)
        const unknown = results.slice(1000, 2000)
        expect(unknown.every((result) => result._tag === "Unknown")).toBe(true)
        const [first] = unknown
        if (first?._tag !== "Unknown") return expect.fail("no unknown result")
        expect(first.reason).toContain("it was not sent again")

        const posts = yield* investigatePosts
        expect(posts.map((entry) => [entry.status, entry.fault])).toEqual([
          [200, undefined],
          [as === "Reset" ? null : 503, "LoseAnswer"],
          [200, undefined]
        ])
        // The emulator did move the lost call's messages: the retry's Unknown is the honest answer.
        const calls = yield* control.investigations
        expect(calls.map((call) => call.sequence)).toEqual(posts.map((entry) => entry.sequence))
        expect(calls[1]?.ids).toEqual(expected.slice(1000, 2000))
        expect(calls[1]?.outcomes.every((outcome) => outcome.result === "Done")).toBe(true)
      }).pipe(Effect.provide(emulator())))
  }

  it.effect("an email to several recipients: its id once per call, each row its own recipient's outcome", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      // 1,500 emails to 2 recipients each: 3,000 FAILED rows, 1,500 investigate ids.
      const jobId = yield* control.insertFailedJob({ failed: 1500, failOnRetry: 1, recipientsPerMessage: 2 })
      const rows = yield* failedOf(jobId)
      expect(rows).toHaveLength(3000)
      const ids = [...new Set(idsOf(rows))]
      expect(ids).toHaveLength(1500)
      // One recipient of the eleventh email (rows 20 and 21) fails, the other does not.
      const eleventh = rows[20]
      const [failing, other] = [clientRecipient(eleventh), clientRecipient(rows[21])]
      const eleventhId = eleventh?.message?.id
      if (eleventhId === undefined || failing === undefined || other === undefined) {
        return expect.fail("the eleventh email's rows have no id or recipients")
      }
      yield* control.failInvestigate(
        (id, recipient) => id === eleventhId && recipient === failing,
        "Mailbox full"
      )
      const results = yield* retry(jobId)

      expect(results.map((result) => result._tag === "Skipped" ? undefined : result.message.message_id))
        .toEqual(
          rows.map((row) => row.message_id)
        )
      expect(tags(results)).toEqual({ Failed: 3, Moved: 2997 })
      const failed = results.flatMap((result) => result._tag === "Failed" ? [result] : [])
      // Both rows of the first email (its mailbox is gone), and only the failing recipient's row of the eleventh.
      expect(failed.map((result) => result.message.message_id)).toEqual(
        [rows[0], rows[1], eleventh].map((row) => row?.message_id)
      )
      expect(failed[2]?.reason).toContain("Mailbox full")
      expect(failed[2]?.reason).toContain(failing)
      expect(failed[2]?.reason).not.toContain(other)
      const calls = yield* control.investigations
      expect(calls.map((call) => call.ids.length)).toEqual([1000, 500])
      expect(calls.flatMap((call) => call.ids)).toEqual(ids)
    }).pipe(Effect.provide(emulator())))

  it.effect("a release of an email to several recipients: one recipient failed, the others released", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({ action: "RELEASE", failed: 4, recipientsPerMessage: 3 })
      const rows = yield* failedOf(jobId)
      // The second recipient of the second email (rows 3 to 5) fails.
      const second = rows[4]
      const secondId = second?.message?.id
      const recipient = clientRecipient(second)
      if (secondId === undefined || recipient === undefined) return expect.fail("no id or recipient")
      yield* control.failInvestigate((id, each) => id === secondId && each === recipient, "Mailbox full")
      const results = yield* retry(jobId)

      expect(results.map((result) => result._tag)).toEqual([
        ...Array.from({ length: 4 }, () => "Released"),
        "Failed",
        ...Array.from({ length: 7 }, () => "Released")
      ])
      const [failed] = results.filter((result) => result._tag === "Failed")
      expect(failed?._tag === "Failed" ? failed.reason : undefined).toBe(`failed for ${recipient}`)
      expect((yield* control.investigations).map((call) => call.ids.length)).toEqual([4])
    }).pipe(Effect.provide(emulator())))

  it.effect("a call refused with a 400 fails its messages with the API's message; the next is still sent", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({ failed: 1500 })
      yield* control.enqueue(
        Fault.Status({
          status: 400,
          body: JSON.stringify({
            success: false,
            errors: [{ code: 1002, message: "Mailbox integration is not active" }],
            messages: [],
            result: null
          })
        }),
        { path: "/investigate/move" }
      )
      const results = yield* retry(jobId)
      expect(tags(results)).toEqual({ Failed: 1000, Moved: 500 })
      const [first] = results
      if (first?._tag !== "Failed") return expect.fail("no failure first")
      expect(first.reason).toContain("Mailbox integration is not active")
      expect((yield* investigatePosts).map((entry) => entry.status)).toEqual([400, 200])
    }).pipe(Effect.provide(emulator())))

  it.effect("refused credentials end the retry: nothing is sent after a 401", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({ failed: 2500 })
      yield* control.enqueue(
        Fault.Status({
          status: 401,
          body: JSON.stringify({
            success: false,
            errors: [{ code: 10000, message: "Authentication error" }],
            messages: [],
            result: null
          })
        }),
        { path: "/investigate/move", nth: 2 }
      )
      const error = yield* Effect.flip(retry(jobId))
      expect(error._tag).toBe("AuthenticationError")
      expect((yield* investigatePosts).map((entry) => entry.status)).toEqual([200, 401])
    }).pipe(Effect.provide(emulator())))
})

describe("retryFailed on loopback", () => {
  it.scopedLive("sends the same calls of 1000 over a real socket", () =>
    Effect.gen(function*() {
      const running = yield* start({ rateLimit: false })
      const jobId = yield* running.control.insertFailedJob({
        failed: 2100,
        withoutInvestigateId: 50,
        failOnRetry: 5
      })
      const results = yield* Effect.flatMap(BulkJobs, (jobs) => Stream.runCollect(jobs.retryFailed(jobId)))
        .pipe(
          Effect.map(Chunk.toReadonlyArray),
          Effect.provide(
            BulkJobs.layer({
              credentials: { _tag: "ApiToken", token: Redacted.make(running.token) },
              accountId: running.accountId,
              baseUrl: running.url
            }).pipe(Layer.provide(FetchHttpClient.layer))
          )
        )
      expect(tags(results)).toEqual({ Skipped: 50, Failed: 5, Moved: 2045 })
      expect((yield* running.control.investigations).map((call) => call.ids.length)).toEqual([1000, 1000, 50])
    }))
})
