import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { type AuthenticationError, type BulkJobsError, ValidationError } from "../http/Errors.js"
import { MaxInvestigateIds } from "../schema/Investigate.js"
import type { BulkJobsService } from "../service/BulkJobs.js"
import {
  type RetryBatch,
  type RetryFailedOptions,
  type RetryPlannedOptions,
  RetryResult,
  RetryStep
} from "../service/MessageRetry.js"
import { retryActionOf } from "./RetryAction.js"
import { batchFailedResults, moveResults, releaseResults } from "./RetryAnswers.js"
import { planSteps } from "./RetryBatches.js"
import { type CheckedRetryOptions, isIterable, validateJobId, validateRetryOptions } from "./Validate.js"

/** The operations a retry is made of: the real service's, or the in-memory one's. */
export type RetrySources = Pick<BulkJobsService, "get" | "messages" | "moveMessages" | "releaseMessages">

/** A step `runSteps` can run, checked at run time for callers the types do not bind. */
const isKnownStep = (step: unknown): boolean => {
  if (typeof step !== "object" || step === null || !("_tag" in step)) return false
  if (step._tag === "Skip") return true
  if (step._tag !== "Send" || !("batch" in step)) return false
  const { batch } = step
  return typeof batch === "object" && batch !== null && "action" in batch &&
    (batch.action === "MOVE" || batch.action === "RELEASE")
}

const isBatchFailure = (error: BulkJobsError): error is Exclude<BulkJobsError, AuthenticationError> =>
  error._tag !== "AuthenticationError"

/** `planRetry`, `retryFailed` and `retryPlanned` on the given operations, with the same checks and rules for both services. */
export const makeRetryOperations = (sources: RetrySources) => {
  /** The plan from options already checked: `exclude` may be a one-shot iterator, read once. */
  const planFrom = (
    jobId: string,
    { batchSize, exclude }: CheckedRetryOptions
  ): Stream.Stream<RetryStep, BulkJobsError> =>
    Stream.unwrap(
      Effect.gen(function*() {
        const id = yield* validateJobId(jobId)
        const action = yield* retryActionOf(yield* sources.get(id))
        const now = yield* Clock.currentTimeMillis
        return sources.messages(id, { status: "FAILED" }).pipe(
          // The listing is asked for FAILED messages only; a server that ignored the filter must not
          // make cfbulk move or release again messages that already succeeded.
          Stream.filter((message) => message.status === "FAILED"),
          planSteps(action, batchSize ?? MaxInvestigateIds, { exclude, now })
        )
      })
    )

  const planRetry = (
    jobId: string,
    options: RetryFailedOptions = {}
  ): Stream.Stream<RetryStep, BulkJobsError> =>
    Stream.unwrap(Effect.map(validateRetryOptions(options), (checked) => planFrom(jobId, checked)))

  /** One call, and one result per message it named. Only refused credentials end the whole retry. */
  const sendBatch = (batch: RetryBatch): Effect.Effect<ReadonlyArray<RetryResult>, AuthenticationError> =>
    (batch.action === "MOVE"
      ? Effect.map(sources.moveMessages(batch.body), (items) => moveResults(batch, items))
      : Effect.map(sources.releaseMessages(batch.body), (items) => releaseResults(batch, items)))
      .pipe(
        Effect.catchIf(isBatchFailure, (error) => Effect.succeed(batchFailedResults(batch, error))),
        Effect.withSpan("BulkJobs.retryFailed.batch", {
          attributes: {
            "cfbulk.batch": batch.index,
            "cfbulk.action": batch.action,
            "cfbulk.ids": batch.body.ids.length,
            "cfbulk.messages": batch.targets.length
          }
        })
      )

  /** Runs steps in order, one call after the other: the results of one are out before the next is sent. */
  const runSteps = <E>(
    steps: Stream.Stream<RetryStep, E>,
    { onSend }: CheckedRetryOptions
  ): Stream.Stream<RetryResult, E | AuthenticationError> =>
    steps.pipe(
      Stream.mapEffect(
        RetryStep.$match({
          Skip: ({ message, reason }) => Effect.succeed([RetryResult.Skipped({ message, reason })]),
          // The caller hears of the call before it may reach the server (see `onSend`).
          Send: ({ batch }) => Effect.zipRight(onSend(batch), sendBatch(batch))
        })
      ),
      Stream.flattenIterables
    )

  const retryFailed = (
    jobId: string,
    options: RetryFailedOptions = {}
  ): Stream.Stream<RetryResult, BulkJobsError> =>
    Stream.unwrap(
      Effect.map(validateRetryOptions(options), (checked) => runSteps(planFrom(jobId, checked), checked))
    )

  const retryPlanned = (
    steps: Iterable<RetryStep>,
    options: RetryPlannedOptions = {}
  ): Stream.Stream<RetryResult, BulkJobsError> =>
    Stream.unwrap(Effect.suspend(() => {
      // Read once and checked whole before the first call goes out: a plan may be a one-shot
      // iterator, and plain JavaScript may pass anything.
      const plan = isIterable(steps) ? Array.from(steps) : undefined
      const wrong = plan === undefined ? -1 : plan.findIndex((step) => !isKnownStep(step))
      if (plan === undefined || wrong !== -1) {
        return Effect.fail(
          new ValidationError({
            issue: "retryPlanned: expected the steps of a plan (what planRetry streamed)" +
              (wrong === -1 ? "" : `; step ${wrong + 1} is neither a Skip nor a Send of a MOVE or RELEASE`)
          })
        )
      }
      return Effect.map(
        validateRetryOptions({ onSend: options.onSend }),
        (checked) => runSteps(Stream.fromIterable(plan), checked)
      )
    }))

  return { planRetry, retryFailed, retryPlanned }
}
