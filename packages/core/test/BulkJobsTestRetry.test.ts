// The in-memory BulkJobs retries a job's FAILED messages by the same rules as the real service, and
// records every move and release call it receives, so applications can test their retry code.
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { BulkJobs, type RetryBatch, type RetryResult } from "../src/index.js"
import { BulkJobsTest, makeTestJob, makeTestMessage, testInvestigateId } from "../src/testing/index.js"
import { recipientsOf, rowsOfEmail } from "./support/EmailRows.js"

const now = Date.parse("2026-02-01T12:00:00Z")
const moveJob = makeTestJob(1)
const releaseJob = makeTestJob(2, { action_type: "RELEASE", action_params: { type: "RELEASE" } })
const runningJob = makeTestJob(3, { status: "PROCESSING", completed_at: null })

const outcomes = (results: Chunk.Chunk<RetryResult>) =>
  Chunk.toReadonlyArray(results).map((result) =>
    result._tag === "Skipped"
      ? `${result.message.postfix_id} Skipped ${result.reason}`
      : `${result.investigateId} ${result._tag}`
  )

const layer = BulkJobsTest.layer({
  jobs: [runningJob, releaseJob, moveJob],
  messages: {
    [moveJob.job_id]: [
      makeTestMessage(1),
      makeTestMessage(2),
      makeTestMessage(3, {}, null),
      makeTestMessage(4, { retry_after: new Date(now + 60_000) }),
      makeTestMessage(5, { retry_after: new Date(now - 60_000) }),
      makeTestMessage(6, { status: "COMPLETED" })
    ],
    [releaseJob.job_id]: [makeTestMessage(7), makeTestMessage(8)]
  },
  failingIds: [testInvestigateId(2), testInvestigateId(8)]
})

describe("BulkJobsTest: moving and releasing messages, retrying a job's failures", () => {
  it.effect("retries a MOVE job's FAILED messages with its folder, failing the ids it was told to", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const jobs = yield* BulkJobs
      const results = yield* Stream.runCollect(jobs.retryFailed(moveJob.job_id))
      expect(outcomes(results)).toEqual([
        `${makeTestMessage(3).postfix_id} Skipped NoInvestigateId`,
        `${makeTestMessage(4).postfix_id} Skipped NotYetDue`,
        `${testInvestigateId(1)} Moved`,
        `${testInvestigateId(2)} Failed`,
        `${testInvestigateId(5)} Moved`
      ])
      const failed = Chunk.toReadonlyArray(results).find((result) => result._tag === "Failed")
      expect(failed?._tag === "Failed" ? failed.reason : "").toBe(
        "FAILED (user2@example.com, operation MOVE)"
      )
      expect(yield* BulkJobsTest.sentCalls).toEqual([{
        action: "MOVE",
        body: {
          destination: "JunkEmail",
          ids: [testInvestigateId(1), testInvestigateId(2), testInvestigateId(5)]
        }
      }])
    }).pipe(Effect.provide(layer)))

  it.effect("retries a RELEASE job's messages with release, in calls of batchSize", () =>
    Effect.gen(function*() {
      const jobs = yield* BulkJobs
      const results = yield* Stream.runCollect(jobs.retryFailed(releaseJob.job_id, { batchSize: 1 }))
      expect(outcomes(results)).toEqual([
        `${testInvestigateId(7)} Released`,
        `${testInvestigateId(8)} Failed`
      ])
      expect(yield* BulkJobsTest.sentCalls).toEqual([
        { action: "RELEASE", body: { ids: [testInvestigateId(7)] } },
        { action: "RELEASE", body: { ids: [testInvestigateId(8)] } }
      ])
    }).pipe(Effect.provide(layer)))

  it.effect("numbers each result with its call, and leaves out the excluded ids before batching", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const jobs = yield* BulkJobs
      const results = Chunk.toReadonlyArray(
        yield* Stream.runCollect(
          jobs.retryFailed(moveJob.job_id, { batchSize: 1, exclude: [testInvestigateId(1)] })
        )
      )
      expect(
        results.map((result) => result._tag === "Skipped" ? result.reason : `${result._tag} ${result.batch}`)
      )
        .toEqual(["Excluded", "NoInvestigateId", "NotYetDue", "Failed 1", "Moved 2"])
      expect(yield* BulkJobsTest.sentCalls).toEqual([
        { action: "MOVE", body: { destination: "JunkEmail", ids: [testInvestigateId(2)] } },
        { action: "MOVE", body: { destination: "JunkEmail", ids: [testInvestigateId(5)] } }
      ])
    }).pipe(Effect.provide(layer)))

  it.effect("runs onSend with each call's batch before the call is recorded, and not while planning", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const jobs = yield* BulkJobs
      const recorded = yield* BulkJobsTest.SentCalls
      const seen: Array<string> = []
      const onSend = (batch: RetryBatch) =>
        Effect.map(recorded.all, (calls) => {
          seen.push(`call ${batch.index} ${batch.body.ids.join(",")} after ${calls.length} recorded`)
        })
      yield* Stream.runDrain(jobs.planRetry(moveJob.job_id, { batchSize: 2, onSend }))
      expect(seen).toEqual([])
      yield* Stream.runDrain(jobs.retryFailed(moveJob.job_id, { batchSize: 2, onSend }))
      expect(seen).toEqual([
        `call 1 ${testInvestigateId(1)},${testInvestigateId(2)} after 0 recorded`,
        `call 2 ${testInvestigateId(5)} after 1 recorded`
      ])
    }).pipe(Effect.provide(layer)))

  it.effect("plans without sending, and refuses a job still running", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const jobs = yield* BulkJobs
      const plan = Chunk.toReadonlyArray(yield* Stream.runCollect(jobs.planRetry(moveJob.job_id)))
      expect(plan.map((step) => step._tag)).toEqual(["Skip", "Skip", "Send"])
      const refused = yield* Effect.flip(Stream.runCollect(jobs.retryFailed(runningJob.job_id)))
      expect(refused._tag).toBe("ValidationError")
      expect(refused.message).toContain("is PROCESSING")
      expect(yield* BulkJobsTest.sentCalls).toEqual([])
    }).pipe(Effect.provide(layer)))

  it.effect("answers an id no seeded message has as the emulator does: not found, no recipient", () =>
    Effect.gen(function*() {
      const jobs = yield* BulkJobs
      const stranger = testInvestigateId(999)
      const moved = yield* jobs.moveMessages({ destination: "Inbox", ids: [testInvestigateId(1), stranger] })
      expect(moved.map((item) => [item.message_id, item.success, item.recipient, item.status])).toEqual([
        [testInvestigateId(1), true, "user1@example.com", "SUCCESS"],
        [stranger, false, null, "Message not found"]
      ])
      const released = yield* jobs.releaseMessages({ ids: [stranger] })
      expect(released).toEqual([{ id: stranger, delivered: null, undelivered: null, failed: null }])
    }).pipe(Effect.provide(layer)))

  it.effect("one email on several rows: named once, each row answered for its recipient", () => {
    const job = makeTestJob(4)
    const rows = [...rowsOfEmail(1, 3), ...rowsOfEmail(2, 2)]
    return Effect.gen(function*() {
      const jobs = yield* BulkJobs
      const results = Chunk.toReadonlyArray(yield* Stream.runCollect(jobs.retryFailed(job.job_id)))
      expect(results.map((result) => result._tag)).toEqual(["Moved", "Moved", "Moved", "Failed", "Failed"])
      // Each moved row holds its own recipient's item only.
      expect(
        results.map((result) => result._tag === "Moved" ? result.items.map((item) => item.recipient) : [])
      )
        .toEqual([...recipientsOf(1, 3).map((recipient) => [recipient]), [], []])
      expect(yield* BulkJobsTest.sentCalls).toEqual([{
        action: "MOVE",
        body: { destination: "JunkEmail", ids: [testInvestigateId(1), testInvestigateId(2)] }
      }])
    }).pipe(
      Effect.provide(
        BulkJobsTest.layer({
          jobs: [job],
          messages: { [job.job_id]: rows },
          failingIds: [testInvestigateId(2)]
        })
      )
    )
  })

  it.effect("moves and releases explicit messages, validating the request first", () =>
    Effect.gen(function*() {
      const jobs = yield* BulkJobs
      const moved = yield* jobs.moveMessages({ destination: "Inbox", ids: [testInvestigateId(1)] })
      expect(moved).toMatchObject([{
        success: true,
        message_id: testInvestigateId(1),
        recipient: "user1@example.com"
      }])
      const released = yield* jobs.releaseMessages({ ids: [testInvestigateId(8)] })
      expect(released).toEqual([{
        id: testInvestigateId(8),
        delivered: [],
        undelivered: [],
        failed: ["user8@example.com"]
      }])
      const empty = yield* Effect.flip(jobs.releaseMessages({ ids: [] }))
      expect(empty.message).toBe("invalid input: release request: ids must name at least one message")
      expect((yield* BulkJobsTest.sentCalls).map((call) => call.action)).toEqual(["MOVE", "RELEASE"])
    }).pipe(Effect.provide(layer)))
})
