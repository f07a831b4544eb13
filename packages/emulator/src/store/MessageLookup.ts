import type { BulkJobMessageEncoded } from "@cfbulk/core"
import type { JobPlan } from "../model/JobPlan.js"
import { messageStateAt } from "../model/MessageState.js"
import { snapshotAt } from "../model/Progress.js"
import { messageWire } from "../wire/MessageWire.js"
import { readPostfixId } from "../wire/PostfixId.js"

/** A message found from its investigate id: its job, its place in the job, and its row as listed now. */
export interface FoundMessage {
  readonly jobId: string
  readonly index: number
  readonly message: BulkJobMessageEncoded
}

/**
 * The message an investigate id names, or undefined when no listed message has it. The id's postfix
 * encodes the job and the index (`PostfixId.ts`), so nothing is searched; the message is then built
 * again and must carry exactly this id, which rules out made-up and mistyped ids.
 */
export const findMessage = (
  id: string,
  planOf: (jobKey: number) => JobPlan | undefined,
  now: number
): FoundMessage | undefined => {
  const place = readPostfixId(id.slice(0, id.indexOf("-")))
  if (place === undefined) return undefined
  const plan = planOf(place.jobKey)
  if (plan === undefined) return undefined
  const snapshot = snapshotAt(plan, now)
  if (place.index >= snapshot.discovered) return undefined
  const message = messageWire(plan, snapshot, place.index, messageStateAt(plan, snapshot, place.index))
  return message.message?.id === id ? { jobId: plan.jobId, index: place.index, message } : undefined
}
