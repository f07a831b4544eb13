import { type RetryBatch, RetryResult, RetryStep, type RetryTarget } from "@cfbulk/core"
import { makeTestMessage, testInvestigateId } from "@cfbulk/core/testing"
import * as Cause from "effect/Cause"
import { describe, expect, it } from "vitest"
import { exitOutcomeOf } from "../../src/ErrorRendering.js"
import { RetryIncomplete, RetryRefused } from "../../src/Errors.js"
import { defaultTableFields } from "../../src/output/FieldSet.js"
import { retryFields, retryRow } from "../../src/output/RetryFields.js"
import { headerLine, layout, rowLine } from "../../src/output/Table.js"
import { addStep, confirmQuestion, dryRunText, emptyPlan, planLines } from "../../src/RetryPlanText.js"
import { retryLine } from "../../src/RetryProgress.js"
import {
  countResult,
  emptyTally,
  everySucceeded,
  retrySummary,
  type RetryTally,
  stoppedSummary
} from "../../src/RetryTally.js"
const target = (n: number): RetryTarget => ({
  message: makeTestMessage(n),
  investigateId: testInvestigateId(n)
})

const moveBatch = (index: number, from: number, count: number): RetryBatch => {
  const targets = Array.from({ length: count }, (_, i) => target(from + i))
  return {
    action: "MOVE",
    index,
    body: { destination: "JunkEmail", ids: targets.map((each) => each.investigateId) },
    targets
  }
}

const notYetDue = (n: number, retryAfter: string) => makeTestMessage(n, { retry_after: new Date(retryAfter) })
const withoutRecord = (n: number) => makeTestMessage(n, {}, null)

/** When the rows of these tests are made. */
const now = Date.parse("2025-01-05T10:00:00Z")

const tallyOf = (results: ReadonlyArray<RetryResult>): RetryTally => results.reduce(countResult, emptyTally)

describe("retry rows", () => {
  it("say what became of each message, under its ids and recipient", () => {
    const moved = retryRow(RetryResult.Moved({ ...target(1), batch: 1, items: [] }), now)
    const message = makeTestMessage(1)
    expect(moved).toEqual({
      message_id: message.message_id,
      postfix_id: message.postfix_id,
      investigate_id: testInvestigateId(1),
      recipient: "user1@example.com",
      outcome: "moved",
      reason: null,
      retry_after: null
    })
    expect(
      retryRow(RetryResult.Released({ ...target(2), batch: 1, item: { id: testInvestigateId(2) } }), now)
        .outcome
    )
      .toBe(
        "released"
      )
    expect(retryRow(RetryResult.Failed({ ...target(3), batch: 1, reason: "mailbox not found" }), now))
      .toMatchObject({
        outcome: "failed",
        reason: "mailbox not found"
      })
    expect(retryRow(RetryResult.Unknown({ ...target(4), batch: 1, reason: "the connection was cut" }), now))
      .toMatchObject({
        outcome: "unknown",
        investigate_id: testInvestigateId(4),
        reason: "the connection was cut"
      })
  })

  it("name a skipped message by its record's id when it has one, and say why it was skipped", () => {
    expect(retryRow(RetryResult.Skipped({ message: withoutRecord(5), reason: "NoInvestigateId" }), now))
      .toMatchObject({
        outcome: "skipped",
        investigate_id: null,
        reason: "no investigate id"
      })
    const due = notYetDue(6, "2025-01-05T11:30:15Z")
    expect(retryRow(RetryResult.Skipped({ message: due, reason: "NotYetDue" }), now)).toMatchObject({
      outcome: "skipped",
      investigate_id: testInvestigateId(6),
      reason: "not yet due: after 11:30:15 UTC",
      retry_after: "2025-01-05T11:30:15.000Z"
    })
    // A day or more away, the time of day alone would name the wrong day: the date comes too.
    const later = notYetDue(7, "2025-01-06T10:00:00Z")
    expect(retryRow(RetryResult.Skipped({ message: later, reason: "NotYetDue" }), now).reason).toBe(
      "not yet due: after 2025-01-06 10:00:00 UTC"
    )
    const almostADay = notYetDue(8, "2025-01-06T09:59:59Z")
    expect(retryRow(RetryResult.Skipped({ message: almostADay, reason: "NotYetDue" }), now).reason).toBe(
      "not yet due: after 09:59:59 UTC"
    )
  })

  it("fit 80 columns in a table, keeping the postfix id, recipient, outcome and reason", () => {
    const row = retryRow(
      RetryResult.Failed({ ...target(7), batch: 1, reason: "mailbox not found for this recipient" }),
      now
    )
    const columns = layout(defaultTableFields(retryFields), 80, false)
    const header = headerLine(columns, false)
    expect(header.split(/\s{2,}/)).toEqual(["POSTFIX ID", "RECIPIENT", "OUTCOME", "REASON"])
    const line = rowLine(columns, row, { ...row }, false)
    expect(line.length).toBeLessThanOrEqual(80)
    // The sample's postfix id is longer than the API's 16 characters, so it is cut.
    expect(line.startsWith(makeTestMessage(7).postfix_id.slice(0, 15))).toBe(true)
    expect(line).toContain("user7@example.com")
    expect(line).toContain("failed")
    // Wide enough, the ids come back.
    expect(headerLine(layout(defaultTableFields(retryFields), 200, false), false)).toContain("INVESTIGATE ID")
  })
})

describe("retry summary and exit", () => {
  it("is one line and a success when every message was moved", () => {
    const tally = tallyOf([
      RetryResult.Moved({ ...target(1), batch: 1, items: [] }),
      RetryResult.Moved({ ...target(2), batch: 1, items: [] })
    ])
    expect(everySucceeded(tally)).toBe(true)
    expect(retrySummary(tally, "2s")).toBe("2 messages: 2 moved (1 call, 2s)")
  })

  it("says there was nothing to retry, as a success", () => {
    expect(everySucceeded(emptyTally)).toBe(true)
    expect(retrySummary(emptyTally, "0s")).toBe("no FAILED messages: nothing to retry")
  })

  it("counts each outcome and says what to do about unknown and not-yet-due messages", () => {
    const tally = tallyOf([
      RetryResult.Moved({ ...target(1), batch: 1, items: [] }),
      RetryResult.Failed({ ...target(2), batch: 1, reason: "no such mailbox" }),
      RetryResult.Unknown({ ...target(3), batch: 1, reason: "cut" }),
      RetryResult.Skipped({ message: notYetDue(4, "2025-01-05T11:00:00Z"), reason: "NotYetDue" }),
      RetryResult.Skipped({ message: notYetDue(5, "2025-01-05T12:45:30Z"), reason: "NotYetDue" }),
      RetryResult.Skipped({ message: withoutRecord(6), reason: "NoInvestigateId" })
    ])
    expect(everySucceeded(tally)).toBe(false)
    const lines = retrySummary(tally, "1s").split("\n")
    expect(lines[0]).toBe("6 messages: 1 moved, 1 failed, 1 unknown, 3 skipped (1 call, 1s)")
    expect(lines.slice(1).join("\n")).toContain("1 failed: each row's reason says why")
    expect(lines.slice(1).join("\n")).toContain("check these messages before retrying them")
    // The latest retry_after of the two: running again then sends both.
    expect(lines.slice(1).join("\n")).toContain(
      "2 not yet due: run again after 2025-01-05 12:45:30 UTC"
    )
    expect(lines.slice(1).join("\n")).toContain("1 without an investigate id")
    for (const line of lines.slice(1)) expect(line.startsWith("  ")).toBe(true)
  })

  it("makes a retry with messages left undone exit 1, with the summary as its line", () => {
    const outcome = exitOutcomeOf(
      Cause.fail(new RetryIncomplete({ summary: "retried 2 …: 1 failed" })),
      false
    )
    expect(outcome).toEqual({ code: 1, text: "cfbulk: retried 2 …: 1 failed" })
  })

  it("counts messages excluded by --exclude-from apart, and not against success", () => {
    const excluded = RetryResult.Skipped({ message: makeTestMessage(2), reason: "Excluded" })
    expect(retryRow(excluded, now)).toMatchObject({
      outcome: "excluded",
      investigate_id: testInvestigateId(2),
      reason: "sent in an earlier run"
    })
    const tally = tallyOf([RetryResult.Moved({ ...target(1), batch: 1, items: [] }), excluded])
    expect(everySucceeded(tally)).toBe(true)
    expect(retrySummary(tally, "1s")).toBe(
      "2 messages: 1 moved, 1 excluded (1 call, 1s)\n  1 excluded: sent in an earlier run"
    )
  })

  it("makes a refused job a usage error that says what it is, not invalid input", () => {
    const issue = "job j-1 is PROCESSING: Cloudflare may still retry its failed messages"
    expect(exitOutcomeOf(Cause.fail(new RetryRefused({ issue })), false)).toEqual({
      code: 2,
      text: `cfbulk: cannot retry: ${issue}`
    })
  })

  it("fails each outcome other than moved or released", () => {
    for (
      const result of [
        RetryResult.Failed({ ...target(1), batch: 1, reason: "x" }),
        RetryResult.Unknown({ ...target(1), batch: 1, reason: "x" }),
        RetryResult.Skipped({ message: makeTestMessage(1), reason: "NoInvestigateId" })
      ]
    ) expect(everySucceeded(tallyOf([result]))).toBe(false)
    expect(
      everySucceeded(
        tallyOf([RetryResult.Released({ ...target(1), batch: 1, item: { id: testInvestigateId(1) } })])
      )
    ).toBe(true)
  })
})

describe("a retry stopped early", () => {
  const releaseBatch = (index: number, from: number, count: number): RetryBatch => {
    const targets = Array.from({ length: count }, (_, i) => target(from + i))
    return { action: "RELEASE", index, body: { ids: targets.map((each) => each.investigateId) }, targets }
  }

  it("says what it did so far, the call cut off, and how to run again", () => {
    const tally = tallyOf([
      RetryResult.Moved({ ...target(1), batch: 1, items: [] }),
      RetryResult.Failed({ ...target(2), batch: 1, reason: "no such mailbox" })
    ])
    expect(stoppedSummary(tally, "4s", releaseBatch(2, 3, 1000)).split("\n")).toEqual([
      "stopped after 2 messages: 1 moved, 1 failed (1 call, 4s)",
      "  call 2 was cut off: its 1,000 messages may have been released; their rows say unknown",
      "  1 failed: each row's reason says why; run again once that is fixed",
      "  run again with --exclude-from <this run's rows> to leave out what it sent"
    ])
    expect(stoppedSummary(tally, "4s", undefined)).not.toContain("cut off")
  })

  it("before any result, names the first call, and how to run again without it", () => {
    expect(stoppedSummary(emptyTally, "1s", moveBatch(1, 1, 1)).split("\n")).toEqual([
      "stopped before any message was retried (1s)",
      "  call 1 was cut off: its 1 message may have been moved; their rows say unknown",
      "  run again with --exclude-from <this run's rows> to leave out what it sent"
    ])
  })

  it("a call cut off counts the rows it acts on, an email's recipients each", () => {
    const batch = moveBatch(3, 1, 2)
    const sibling = { ...target(1), message: makeTestMessage(9) }
    expect(stoppedSummary(emptyTally, "1s", { ...batch, targets: [...batch.targets, sibling] })).toContain(
      "call 3 was cut off: its 3 messages may have been moved"
    )
  })
})

describe("retry plan", () => {
  const steps = [
    RetryStep.Skip({ message: withoutRecord(90), reason: "NoInvestigateId" }),
    RetryStep.Send({ batch: moveBatch(1, 1, 3) }),
    RetryStep.Skip({ message: notYetDue(91, "2025-01-05T13:00:00Z"), reason: "NotYetDue" }),
    RetryStep.Send({ batch: moveBatch(2, 4, 1) })
  ]
  const plan = steps.reduce(addStep, emptyPlan)

  it("counts messages and calls, keeps the first call, and counts the skips by reason", () => {
    expect(plan.messages).toBe(4)
    expect(plan.calls).toBe(2)
    expect(plan.first?.index).toBe(1)
    expect(plan.skips.noInvestigateId).toBe(1)
    expect(plan.skips.notYetDue).toBe(1)
  })

  it("prints the plan and the first body exactly as it would be sent", () => {
    const text = dryRunText("job-1", plan)
    expect(text).toContain("Job job-1 has 6 FAILED messages.")
    expect(text).toContain("4 would be sent again in 2 calls, to move them to JunkEmail.")
    expect(text).toContain("2 would be left out:")
    expect(text).toContain("run again after 2025-01-05 13:00:00 UTC")
    const body = text.slice(text.indexOf("{"))
    expect(JSON.parse(body)).toEqual({ destination: "JunkEmail", ids: [1, 2, 3].map(testInvestigateId) })
    expect(text).toContain("First request body (MOVE, call 1 of 2, 3 ids):")
    expect(confirmQuestion(plan)).toBe("Move these 4 messages to JunkEmail again?")
  })

  it("says when nothing would be sent, and prints no body", () => {
    expect(planLines("job-2", emptyPlan)).toEqual(["Job job-2 has no FAILED messages: nothing to retry."])
    const skipsOnly = [steps[0], steps[2]].flatMap((step) => step === undefined ? [] : [step]).reduce(
      addStep,
      emptyPlan
    )
    const text = dryRunText("job-3", skipsOnly)
    expect(text).toContain("None can be sent again.")
    expect(text).not.toContain("{")
  })
})

describe("retry progress line", () => {
  const tally = tallyOf([
    ...Array.from(
      { length: 1200 },
      (_, i) => RetryResult.Moved({ ...target(i), batch: i < 1000 ? 1 : 2, items: [] })
    ),
    RetryResult.Failed({ ...target(2000), batch: 2, reason: "x" })
  ])
  const view = { tally, total: 5000, elapsedMs: 3_000, tick: 0, wait: undefined }

  it("shows messages done of the total, by outcome, the calls and the time", () => {
    expect(retryLine(view, 80, false)).toBe(
      "⠋ 1,201/5,000 messages retried: 1,200 moved, 1 failed  2 calls  3s"
    )
  })

  it("fits any width, the count staying longest", () => {
    for (const width of [20, 40, 60, 80, 120]) {
      const line = retryLine(
        { ...view, wait: { leftMs: 47_000, why: " for the rate-limit window (Ratelimit: 0 left)" } },
        width,
        false
      )
      expect(line.length).toBeLessThan(width)
      expect(line).toContain("1,201")
    }
  })

  it("says the wait under way, in yellow, dropping its parenthesis first", () => {
    const wait = { leftMs: 5_000, why: ": Cloudflare answered 429 (Retry-After)" }
    expect(retryLine({ ...view, wait }, 120, true)).toContain(
      "\u001b[33mwaiting 5s: Cloudflare answered 429 (Retry-After)\u001b[39m"
    )
    expect(retryLine({ ...view, wait }, 110, false)).toBe(
      "⠋ 1,201/5,000 messages retried: 1,200 moved, 1 failed  2 calls  3s  waiting 5s: Cloudflare answered 429"
    )
  })

  it("keeps the countdown and the counts before the wait's reason, which the line above says", () => {
    const wait = { leftMs: 5_200, why: ": Cloudflare answered 429 Too Many Requests (Retry-After)" }
    expect(retryLine({ ...view, wait }, 80, false)).toBe(
      "⠋ 1,201/5,000 messages retried: 1,200 moved, 1 failed  2 calls  3s  waiting 6s"
    )
  })
})

describe("retry calls", () => {
  it("are counted by the call numbers of the results, not by the messages sent", () => {
    // Call 2 was refused before it was sent (its messages failed), call 3 named one message.
    const tally = tallyOf([
      RetryResult.Moved({ ...target(1), batch: 1, items: [] }),
      RetryResult.Failed({ ...target(2), batch: 2, reason: "refused" }),
      RetryResult.Skipped({ message: withoutRecord(3), reason: "NoInvestigateId" }),
      RetryResult.Unknown({ ...target(4), batch: 3, reason: "cut" })
    ])
    expect(tally.calls).toBe(3)
    expect(retrySummary(tally, "1s").split("\n")[0]).toBe(
      "4 messages: 1 moved, 1 failed, 1 unknown, 1 skipped (3 calls, 1s)"
    )
    expect(tallyOf([RetryResult.Skipped({ message: withoutRecord(5), reason: "NoInvestigateId" })]).calls)
      .toBe(0)
  })
})
