import { type BulkJobMessage, type RetryBatch, type RetryResult, type RetrySkipReason } from "@cfbulk/core"
import { longUtc } from "./output/Dates.js"
import { formatCount, plural } from "./ProgressText.js"

// What `cfbulk retry` counts as results (or a plan's skips) go by: the progress line, the summary at
// the end and the exit code all read it.

/** Messages by outcome, so far. */
export interface RetryTally {
  readonly moved: number
  readonly released: number
  readonly failed: number
  readonly unknown: number
  readonly noInvestigateId: number
  readonly notYetDue: number
  /** Left out as sent by an earlier run (`--exclude-from`). */
  readonly excluded: number
  /** The latest `retry_after` of the messages skipped as not yet due: when running again sends them all. */
  readonly dueAfter: Date | undefined
  /**
   * The calls answered: the highest call number among the results, since core sends the calls one
   * after another and gives a call's results once it is answered.
   */
  readonly calls: number
}

export const emptyTally: RetryTally = {
  moved: 0,
  released: 0,
  failed: 0,
  unknown: 0,
  noInvestigateId: 0,
  notYetDue: 0,
  excluded: 0,
  dueAfter: undefined,
  calls: 0
}

const later = (current: Date | undefined, next: Date | null): Date | undefined =>
  next === null || (current !== undefined && current.getTime() >= next.getTime()) ? current : next

/** Counts a message left out. */
export const countSkip = (
  tally: RetryTally,
  message: BulkJobMessage,
  reason: RetrySkipReason
): RetryTally => {
  switch (reason) {
    case "NoInvestigateId":
      return { ...tally, noInvestigateId: tally.noInvestigateId + 1 }
    case "Excluded":
      return { ...tally, excluded: tally.excluded + 1 }
    case "NotYetDue":
      return {
        ...tally,
        notYetDue: tally.notYetDue + 1,
        dueAfter: later(tally.dueAfter, message.retry_after)
      }
  }
}

/** Counts one result of `retryFailed`. */
export const countResult = (tally: RetryTally, result: RetryResult): RetryTally => {
  if (result._tag === "Skipped") return countSkip(tally, result.message, result.reason)
  const counted = { ...tally, calls: Math.max(tally.calls, result.batch) }
  switch (result._tag) {
    case "Moved":
      return { ...counted, moved: tally.moved + 1 }
    case "Released":
      return { ...counted, released: tally.released + 1 }
    case "Failed":
      return { ...counted, failed: tally.failed + 1 }
    case "Unknown":
      return { ...counted, unknown: tally.unknown + 1 }
  }
}

/** Messages skipped: not sent, for want of an investigate id or because they are not yet due. */
export const skippedOf = (tally: RetryTally): number => tally.noInvestigateId + tally.notYetDue

/** Messages not sent, excluded ones too. */
export const leftOutOf = (tally: RetryTally): number => skippedOf(tally) + tally.excluded

/** Messages sent so far (whatever came of them). */
export const sentOf = (tally: RetryTally): number =>
  tally.moved + tally.released + tally.failed + tally.unknown

/** Every message counted. */
export const countedOf = (tally: RetryTally): number => sentOf(tally) + leftOutOf(tally)

/**
 * Whether every message was moved or released (true as well when there was none). Excluded
 * messages do not count against it: they were left out as asked, and the run that sent them said
 * what came of them.
 */
export const everySucceeded = (tally: RetryTally): boolean =>
  tally.failed + tally.unknown + skippedOf(tally) === 0

/** `1,200 moved, 20 failed, 3 skipped`: the outcomes that happened, in a fixed order. */
export const outcomeCounts = (tally: RetryTally): ReadonlyArray<string> => {
  const counts: ReadonlyArray<readonly [number, string]> = [
    [tally.moved, "moved"],
    [tally.released, "released"],
    [tally.failed, "failed"],
    [tally.unknown, "unknown"],
    [skippedOf(tally), "skipped"],
    [tally.excluded, "excluded"]
  ]
  return counts.flatMap(([count, word]) => count === 0 ? [] : [`${formatCount(count)} ${word}`])
}

/** How to run again without sending twice what a run sent: it does not change the job's listing. */
export const excludeHint = "run again with --exclude-from <this run's rows> to leave out what it sent"

/**
 * What to do about the messages left undone, one short line each, for people; when there is reason
 * to run again (by default: messages that failed or are not yet due), the last line says how to do it
 * without sending again what was sent.
 */
export const followUps = (
  tally: RetryTally,
  runAgain = tally.failed + tally.notYetDue > 0
): ReadonlyArray<string> => [
  ...(tally.failed === 0
    ? []
    : [`${formatCount(tally.failed)} failed: each row's reason says why; run again once that is fixed`]),
  ...(tally.unknown === 0
    ? []
    : [`${formatCount(tally.unknown)} unknown: check these messages before retrying them`]),
  ...(tally.notYetDue === 0
    ? []
    : [`${formatCount(tally.notYetDue)} not yet due: run again after ${longUtc(tally.dueAfter)}`]),
  ...(tally.noInvestigateId === 0 ? [] : [
    `${formatCount(tally.noInvestigateId)} without an investigate id: the API sent none to name ${
      tally.noInvestigateId === 1 ? "it" : "them"
    } by`
  ]),
  ...(tally.excluded === 0 ? [] : [`${formatCount(tally.excluded)} excluded: sent in an earlier run`]),
  ...(runAgain ? [excludeHint] : [])
]

/**
 * What a retry did, for stderr at the end: a line of counts, then a line for each kind of message
 * left undone saying what to do about it. Short enough for 80 columns in the usual cases.
 */
export const retrySummary = (tally: RetryTally, elapsed: string): string => {
  const counted = countedOf(tally)
  if (counted === 0) return "no FAILED messages: nothing to retry"
  const head = `${plural(counted, "message")}: ${outcomeCounts(tally).join(", ")} (${
    plural(tally.calls, "call")
  }, ${elapsed})`
  return [head, ...followUps(tally).map((line) => `  ${line}`)].join("\n")
}

/**
 * What a retry stopped early (refused credentials, Ctrl-C) had done, for stderr: the counts so far,
 * what to do about the messages left undone, and the call cut off by Ctrl-C, if one was: Cloudflare
 * may have acted on its messages, whose rows say `unknown` (they are not in the counts, which are
 * the answered calls'). Running again finishes the job, hence the hint.
 */
export const stoppedSummary = (tally: RetryTally, elapsed: string, cut: RetryBatch | undefined): string => {
  const counted = countedOf(tally)
  const head = counted === 0
    ? `stopped before any message was retried (${elapsed})`
    : `stopped after ${plural(counted, "message")}: ${outcomeCounts(tally).join(", ")} (${
      plural(tally.calls, "call")
    }, ${elapsed})`
  const cutLine: ReadonlyArray<string> = cut === undefined ? [] : [
    `call ${cut.index} was cut off: its ${plural(cut.targets.length, "message")} may have been ${
      cut.action === "MOVE" ? "moved" : "released"
    }; their rows say unknown`
  ]
  // Running again finishes what was stopped; the cut call's rows leave its messages out.
  const lines = [
    ...cutLine,
    ...followUps(tally, sentOf(tally) > 0 || tally.notYetDue > 0 || cut !== undefined)
  ]
  return [head, ...lines.map((line) => `  ${line}`)].join("\n")
}
