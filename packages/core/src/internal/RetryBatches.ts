import * as Chunk from "effect/Chunk"
import * as Either from "effect/Either"
import * as Sink from "effect/Sink"
import * as Stream from "effect/Stream"
import type { BulkJobMessage } from "../schema/JobMessage.js"
import { type RetryBatch, RetryStep, type RetryTarget } from "../service/MessageRetry.js"
import type { RetryAction } from "./RetryAction.js"
import { classifyFailedMessage, type ClassifyRules } from "./RetryClassify.js"

/** The call that sends `targets`, with the job's action: the body names them in their order. */
export const batchOf = (
  action: RetryAction,
  index: number,
  targets: ReadonlyArray<RetryTarget>
): RetryBatch => {
  const ids = targets.map((target) => target.investigateId)
  return action.action === "MOVE"
    ? { action: "MOVE", index, body: { destination: action.destination, ids }, targets }
    : { action: "RELEASE", index, body: { ids }, targets }
}

/** The messages met since the last full batch: those left out, and those to send. */
interface Group {
  readonly skips: Chunk.Chunk<RetryStep>
  readonly targets: Chunk.Chunk<RetryTarget>
}

const emptyGroup: Group = { skips: Chunk.empty(), targets: Chunk.empty() }

/**
 * Takes classified messages until `batchSize` of them are to be sent, and ends right there, so a
 * full batch goes out without waiting for the next message. A skipped message counts for nothing:
 * skips in between never make a batch short.
 */
const upToBatch = (batchSize: number) =>
  Sink.fold<Group, Either.Either<RetryTarget, RetryStep>>(
    emptyGroup,
    (group) => Chunk.size(group.targets) < batchSize,
    (group, classified) =>
      Either.match(classified, {
        onLeft: (skip) => ({ ...group, skips: Chunk.append(group.skips, skip) }),
        onRight: (target) => ({ ...group, targets: Chunk.append(group.targets, target) })
      })
  )

/**
 * A job's FAILED messages as a retry's plan: each message left out as a `Skip`, the others in
 * `Send` steps of at most `batchSize` (every one full but the last), numbered from 1, sent with
 * `action`. A batch's skips come before it. `rules` decide which messages are left out.
 */
export const planSteps =
  (action: RetryAction, batchSize: number, rules: ClassifyRules) =>
  <E, R>(failed: Stream.Stream<BulkJobMessage, E, R>): Stream.Stream<RetryStep, E, R> =>
    failed.pipe(
      Stream.map((message) =>
        Either.mapLeft(classifyFailedMessage(message, rules), (reason) => RetryStep.Skip({ message, reason }))
      ),
      Stream.transduce(upToBatch(batchSize)),
      Stream.mapAccum(1, (index, group): readonly [number, Chunk.Chunk<RetryStep>] =>
        Chunk.isEmpty(group.targets)
          ? [index, group.skips]
          : [
            index + 1,
            Chunk.append(
              group.skips,
              RetryStep.Send({ batch: batchOf(action, index, Chunk.toReadonlyArray(group.targets)) })
            )
          ]),
      Stream.flattenChunks
    )
