import type { JobPlan } from "../model/JobPlan.js"
import { messageStateAt } from "../model/MessageState.js"
import type { Snapshot } from "../model/Progress.js"
import { utf8 } from "../wire/Bytes.js"
import { messageWire } from "../wire/MessageWire.js"
import { type JsonPage, pageBounds, type PageWindow } from "./Paging.js"

export interface MessageFilter {
  readonly status?: string | undefined
}

/**
 * One page of a job's messages at a given state. Messages are generated for the page only; a
 * status filter scans the discovered messages' statuses, which cost O(1) each.
 */
export const messagePage = (
  plan: JobPlan,
  snapshot: Snapshot,
  filter: MessageFilter,
  window: PageWindow
): JsonPage => {
  const stateOf = (index: number) => messageStateAt(plan, snapshot, index)
  let indices: ReadonlyArray<number> | undefined
  if (filter.status !== undefined) {
    const matching: Array<number> = []
    for (let index = 0; index < snapshot.discovered; index++) {
      if (stateOf(index).status === filter.status) matching.push(index)
    }
    indices = matching
  }
  const total = indices === undefined ? snapshot.discovered : indices.length
  const { end, start } = pageBounds(window, total)
  const items: Array<Uint8Array> = []
  for (let position = start; position < end; position++) {
    const index = indices === undefined ? position : indices[position]
    if (index === undefined) continue
    items.push(utf8(JSON.stringify(messageWire(plan, snapshot, index, stateOf(index)))))
  }
  return { items, total }
}
