import * as Chunk from "effect/Chunk"
import * as Either from "effect/Either"
import * as HashSet from "effect/HashSet"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { InvestigateId } from "../schema/Investigate.js"
import type { BulkJobMessage } from "../schema/JobMessage.js"
import { type RetryBatch, RetryStep, type RetryTarget } from "../service/MessageRetry.js"
import type { RetryAction } from "./RetryAction.js"
import { classifyFailedMessage, type ClassifyRules } from "./RetryClassify.js"

/**
 * The call that sends `targets`, with the job's action. The body names each Investigate id once, in
 * the order first met: one email sent to several recipients is one id on several rows (one per
 * recipient), and one mention acts on the email for all of them.
 */
export const batchOf = (
  action: RetryAction,
  index: number,
  targets: ReadonlyArray<RetryTarget>
): RetryBatch => {
  const ids = Array.from(new Set<InvestigateId>(targets.map((target) => target.investigateId)))
  return action.action === "MOVE"
    ? { action: "MOVE", index, body: { destination: action.destination, ids }, targets }
    : { action: "RELEASE", index, body: { ids }, targets }
}

/** The rows met since the last call was made up: those left out, those to send, and their distinct ids. */
interface Group {
  readonly skips: Chunk.Chunk<RetryStep>
  readonly targets: Chunk.Chunk<RetryTarget>
  readonly ids: HashSet.HashSet<string>
}

const emptyGroup: Group = { skips: Chunk.empty(), targets: Chunk.empty(), ids: HashSet.empty() }

interface Planning {
  readonly index: number
  readonly group: Group
}

/** The group's skips, then its call if it has anything to send. */
const close = (
  action: RetryAction,
  { group, index }: Planning
): readonly [Planning, Chunk.Chunk<RetryStep>] =>
  Chunk.isEmpty(group.targets)
    ? [{ index, group: emptyGroup }, group.skips]
    : [
      { index: index + 1, group: emptyGroup },
      Chunk.append(
        group.skips,
        RetryStep.Send({ batch: batchOf(action, index, Chunk.toReadonlyArray(group.targets)) })
      )
    ]

/**
 * A job's FAILED messages as a retry's plan: each message left out as a `Skip`, the others in
 * `Send` steps of at most `batchSize` distinct Investigate ids (every one full but the last),
 * numbered from 1, sent with `action`. A batch's skips come before it. `rules` decide which messages
 * are left out. A skipped message counts for nothing, and neither does a row whose id the call
 * already names: a call is made up when a row with one id too many arrives (or the listing ends),
 * so the rows of one email listed next to each other are never split between two calls.
 */
export const planSteps =
  (action: RetryAction, batchSize: number, rules: ClassifyRules) =>
  <E, R>(failed: Stream.Stream<BulkJobMessage, E, R>): Stream.Stream<RetryStep, E, R> =>
    failed.pipe(
      Stream.map((message) =>
        Option.some(
          Either.mapLeft(
            classifyFailedMessage(message, rules),
            (reason) => RetryStep.Skip({ message, reason })
          )
        )
      ),
      // The end of the listing closes the last group.
      Stream.concat(Stream.make(Option.none())),
      Stream.mapAccum(
        { index: 1, group: emptyGroup },
        (planning: Planning, next): readonly [Planning, Chunk.Chunk<RetryStep>] => {
          if (Option.isNone(next)) return close(action, planning)
          const { group } = planning
          return Either.match(next.value, {
            onLeft: (
              skip
            ) => [
              { ...planning, group: { ...group, skips: Chunk.append(group.skips, skip) } },
              Chunk.empty()
            ],
            onRight: (target) => {
              const id = target.investigateId
              const joins = HashSet.has(group.ids, id) || HashSet.size(group.ids) < batchSize
              const [open, out] = joins ? [planning, Chunk.empty<RetryStep>()] : close(action, planning)
              const added: Group = {
                ...open.group,
                targets: Chunk.append(open.group.targets, target),
                ids: HashSet.add(open.group.ids, id)
              }
              return [{ ...open, group: added }, out]
            }
          })
        }
      ),
      Stream.flattenChunks
    )
