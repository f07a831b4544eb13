import { MoveRequest, ReleaseRequest, type RetryBatch, type RetryStep } from "@cfbulk/core"
import * as Schema from "effect/Schema"
import { formatCount, plural } from "./ProgressText.js"
import { countSkip, emptyTally, followUps, leftOutOf, type RetryTally } from "./RetryTally.js"

// What `cfbulk retry` would do, from core's `planRetry`, summed up step by step: `--dry-run` folds
// the steps as they come and holds one call's body, not every message.

/** A retry's plan, summed up. */
export interface RetryPlan {
  /** Messages that would be sent. */
  readonly messages: number
  readonly calls: number
  /** The first call: its action, its destination for a move, and the body exactly as it would be sent. */
  readonly first: RetryBatch | undefined
  /** The messages left out, by reason. */
  readonly skips: RetryTally
}

export const emptyPlan: RetryPlan = { messages: 0, calls: 0, first: undefined, skips: emptyTally }

/** Adds one step of `planRetry` to the plan. */
export const addStep = (plan: RetryPlan, step: RetryStep): RetryPlan =>
  step._tag === "Skip"
    ? { ...plan, skips: countSkip(plan.skips, step.message, step.reason) }
    : {
      ...plan,
      messages: plan.messages + step.batch.targets.length,
      calls: plan.calls + 1,
      first: plan.first ?? step.batch
    }

const encodeMove = Schema.encodeSync(MoveRequest)
const encodeRelease = Schema.encodeSync(ReleaseRequest)

/** A call's body as the client encodes it for the wire. */
export const wireBody = (batch: RetryBatch): unknown =>
  batch.action === "MOVE" ? encodeMove(batch.body) : encodeRelease(batch.body)

/** `move them to JunkEmail`, `release them`: what the calls do, from the first one. */
const whatCallsDo = (batch: RetryBatch): string =>
  batch.action === "MOVE" ? `move them to ${batch.body.destination}` : "release them from quarantine"

/**
 * The plan for people, one fact a line: what would be sent, in how many calls, doing what, and
 * what would be left out and why.
 */
export const planLines = (jobId: string, plan: RetryPlan): ReadonlyArray<string> => {
  const total = plan.messages + leftOutOf(plan.skips)
  if (total === 0) return [`Job ${jobId} has no FAILED messages: nothing to retry.`]
  const head = `Job ${jobId} has ${plural(total, "FAILED message")}.`
  const send = plan.first === undefined
    ? "None can be sent again."
    : `${formatCount(plan.messages)} would be sent again in ${plural(plan.calls, "call")}, to ${
      whatCallsDo(plan.first)
    }.`
  const skipped = leftOutOf(plan.skips)
  const skips = skipped === 0 ? [] : [
    `${formatCount(skipped)} would be left out:`,
    ...followUps(plan.skips).map((line) => `  ${line}`)
  ]
  return [head, send, ...skips]
}

/** The dry run's report: the plan, then the first call's body exactly as it would be sent. */
export const dryRunText = (jobId: string, plan: RetryPlan): string => {
  const lines = [...planLines(jobId, plan)]
  if (plan.first !== undefined) {
    const first = plan.first
    lines.push(
      "",
      `First request body (${first.action}, call 1 of ${formatCount(plan.calls)}, ${
        plural(first.targets.length, "id")
      }):`,
      JSON.stringify(wireBody(first), null, 2)
    )
  }
  return lines.join("\n") + "\n"
}

/** The question asked before sending. */
export const confirmQuestion = (plan: RetryPlan): string =>
  plan.first === undefined
    ? ""
    : plan.first.action === "MOVE"
    ? `Move these ${plural(plan.messages, "message")} to ${plan.first.body.destination} again?`
    : `Release these ${plural(plan.messages, "message")} again?`
