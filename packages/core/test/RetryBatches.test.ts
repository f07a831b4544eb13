// A retry's plan: the FAILED messages to send go out in calls of exactly batchSize (the last one
// shorter), however many skipped messages lie between them.
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { RetryStep } from "../src/index.js"
import { planSteps } from "../src/internal/RetryBatches.js"
import { makeTestMessage, testInvestigateId } from "../src/testing/index.js"
import { rowsOfEmail } from "./support/EmailRows.js"

const now = Date.parse("2026-02-01T12:00:00Z")
const move = { action: "MOVE", destination: "DeletedItems" } as const

/** Message n: without an investigate id when n % 7 is 0, not yet due when n % 11 is 0, else to send. */
const mixed = (count: number) =>
  Array.from({ length: count }, (_, i) => {
    const n = i + 1
    if (n % 7 === 0) return makeTestMessage(n, {}, null)
    if (n % 11 === 0) return makeTestMessage(n, { retry_after: new Date(now + 60_000) })
    return makeTestMessage(n)
  })

const plan = (
  messages: ReadonlyArray<ReturnType<typeof makeTestMessage>>,
  batchSize: number,
  chunkSize = 100,
  exclude: ReadonlySet<string> = new Set()
) =>
  Stream.fromIterable(messages).pipe(
    Stream.rechunk(chunkSize),
    planSteps(move, batchSize, { exclude, now }),
    Stream.runCollect,
    Effect.map(Chunk.toReadonlyArray)
  )

const sends = (steps: ReadonlyArray<RetryStep>) =>
  steps.flatMap((step) => step._tag === "Send" ? [step.batch] : [])

describe("planning a retry", () => {
  it.effect("groups the messages to send in batches of exactly batchSize, skips in between costing nothing", () =>
    Effect.gen(function*() {
      const messages = mixed(2_600)
      const steps = yield* plan(messages, 1_000)
      const toSend = messages.filter((_, i) => (i + 1) % 7 !== 0 && (i + 1) % 11 !== 0)
      const batches = sends(steps)
      expect(batches.map((batch) => batch.targets.length)).toEqual([1_000, 1_000, toSend.length - 2_000])
      expect(batches.map((batch) => batch.index)).toEqual([1, 2, 3])
      // Every message to send once, in order, each batch's body naming its targets.
      expect(batches.flatMap((batch) => batch.body.ids)).toEqual(
        toSend.map((message) => message.message?.id)
      )
      for (const batch of batches) {
        expect(batch.body).toEqual({
          destination: "DeletedItems",
          ids: batch.targets.map((t) => t.investigateId)
        })
      }
      const skips = steps.flatMap((step) => step._tag === "Skip" ? [step] : [])
      expect(skips).toHaveLength(messages.length - toSend.length)
      expect(skips.filter((skip) => skip.reason === "NoInvestigateId")).toHaveLength(Math.floor(2_600 / 7))
    }))

  it.effect("a call is made up when a row of one id too many arrives, its skips before it", () =>
    Effect.gen(function*() {
      const messages = [
        makeTestMessage(1),
        makeTestMessage(2),
        makeTestMessage(3, {}, null),
        makeTestMessage(4)
      ]
      const steps = yield* plan(messages, 2, 1)
      expect(steps.map((step) => step._tag === "Send" ? `Send ${step.batch.body.ids.join(",")}` : "Skip"))
        .toEqual([
          "Skip",
          `Send ${testInvestigateId(1)},${testInvestigateId(2)}`,
          `Send ${testInvestigateId(4)}`
        ])
    }))

  it.effect("the rows of one email (one id, several recipients) count once and are never split between calls", () =>
    Effect.gen(function*() {
      // Emails 1 to 5 with 1, 3, 2, 1 and 2 recipients; email 3's second row comes after email 4's.
      const [three, threeToo] = rowsOfEmail(3, 2)
      const messages = [
        ...rowsOfEmail(1, 1),
        ...rowsOfEmail(2, 3),
        ...(three === undefined ? [] : [three]),
        ...rowsOfEmail(4, 1),
        ...(threeToo === undefined ? [] : [threeToo]),
        ...rowsOfEmail(5, 2)
      ]
      for (const chunkSize of [1, 3, 100]) {
        const batches = sends(yield* plan(messages, 2, chunkSize))
        expect(batches.map((batch) => batch.body.ids)).toEqual([
          [testInvestigateId(1), testInvestigateId(2)],
          [testInvestigateId(3), testInvestigateId(4)],
          [testInvestigateId(5)]
        ])
        expect(batches.map((batch) => batch.targets.length)).toEqual([4, 3, 2])
        // Every row once, in the listing's order.
        expect(batches.flatMap((batch) => batch.targets.map((target) => target.message))).toEqual(messages)
      }
    }))

  it.effect("the same batches whatever the chunks the messages arrive in", () =>
    Effect.gen(function*() {
      const messages = mixed(300)
      const ids = (steps: ReadonlyArray<RetryStep>) => sends(steps).map((batch) => batch.body.ids)
      const reference = ids(yield* plan(messages, 64, 1))
      const toSend = messages.filter((_, i) => (i + 1) % 7 !== 0 && (i + 1) % 11 !== 0).length
      expect(reference.map((batch) => batch.length)).toEqual([64, 64, 64, toSend - 3 * 64])
      for (const chunkSize of [7, 64, 300]) {
        expect(ids(yield* plan(messages, 64, chunkSize))).toEqual(reference)
      }
    }))

  it.effect("excluded messages are skipped before batching: calls stay full", () =>
    Effect.gen(function*() {
      const messages = mixed(1_300)
      // Every third message that would be sent was done by an earlier run.
      const toSendBefore = messages.filter((_, i) => (i + 1) % 7 !== 0 && (i + 1) % 11 !== 0)
      const done = toSendBefore.filter((_, i) => i % 3 === 0).map((message) => message.message?.id ?? "")
      const steps = yield* plan(messages, 500, 64, new Set(done))
      const batches = sends(steps)
      const toSend = toSendBefore.filter((_, i) => i % 3 !== 0)
      expect(batches.map((batch) => batch.targets.length)).toEqual([500, toSend.length - 500])
      expect(batches.flatMap((batch) => batch.body.ids)).toEqual(toSend.map((message) => message.message?.id))
      const excluded = steps.flatMap((step) =>
        step._tag === "Skip" && step.reason === "Excluded" ? [step] : []
      )
      expect(excluded.map((skip) => skip.message.message?.id)).toEqual(done)
    }))

  it.effect("only skips, or nothing at all: no call", () =>
    Effect.gen(function*() {
      expect(yield* plan([], 1_000)).toEqual([])
      const onlySkips = yield* plan([makeTestMessage(1, {}, null), makeTestMessage(2, {}, null)], 1_000)
      expect(onlySkips.map((step) => step._tag)).toEqual(["Skip", "Skip"])
    }))
})
