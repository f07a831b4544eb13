/**
 * The model of retrying the messages a bulk job left FAILED: which of them would be sent (and in
 * which calls), and what became of each one.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import type * as Effect from "effect/Effect"
import type {
  InvestigateId,
  MoveRequest,
  MoveResponseItem,
  ReleaseRequest,
  ReleaseResponseItem
} from "../schema/Investigate.js"
import type { BulkJobMessage } from "../schema/JobMessage.js"

/**
 * Options of `planRetry` and `retryFailed`.
 *
 * @since 0.1.0
 * @category models
 */
export interface RetryFailedOptions {
  /** Investigate ids per move or release call, 1 to 1000 (default 1000). */
  readonly batchSize?: number | undefined
  /**
   * Investigate ids to leave out, reported as `Skipped` with the reason `Excluded`: typically those
   * an earlier run moved, released or could not confirm. A retry does not change the job's listing,
   * so without them a second run sends those messages again, and a release delivers them again.
   * Any iterable of strings (an array, a `Set`); a lone string is refused, as it would be read as
   * its characters. Left out before the calls are made up, so they never make a call short.
   */
  readonly exclude?: Iterable<string> | undefined
  /**
   * Run by `retryFailed` (and `retryPlanned`) right before each move or release call is sent, with the call's exact
   * batch (body and rows), once per call, in the order the calls go out; `planRetry` never runs it.
   * It exists for a caller that may be interrupted (Ctrl-C) while a call is in flight: no result
   * names that call's messages, yet the call may have reached the server and acted on them. Kept
   * from here, the batch tells the caller which messages to report as of unknown outcome.
   */
  readonly onSend?: ((batch: RetryBatch) => Effect.Effect<void>) | undefined
}

/**
 * The options of `retryPlanned`: a plan's calls are made up already, so only `onSend` applies.
 *
 * @since 0.1.0
 * @category models
 */
export type RetryPlannedOptions = Pick<RetryFailedOptions, "onSend">

/**
 * Why a FAILED message is not sent:
 *
 * - `NoInvestigateId`: the API sent no investigate record for it (the older API never does), so there
 *   is nothing to name it by;
 * - `Excluded`: its Investigate id is one of `RetryFailedOptions.exclude`;
 * - `NotYetDue`: its `retry_after` is still in the future.
 *
 * A message gets the first of these that applies, in this order.
 *
 * @since 0.1.0
 * @category models
 */
export type RetrySkipReason = "NoInvestigateId" | "Excluded" | "NotYetDue"

/**
 * A FAILED message that will be sent, under the Investigate id that names it.
 *
 * @since 0.1.0
 * @category models
 */
export interface RetryTarget {
  readonly message: BulkJobMessage
  readonly investigateId: InvestigateId
}

/**
 * One move or release call of a retry: the exact body that is sent, and the job's rows it acts on
 * (`targets`). A job has one row per email and recipient, so the rows of an email sent to several
 * recipients share one Investigate id: the body names each id once, and a call holds at most
 * `batchSize` distinct ids, whatever the number of rows.
 *
 * @since 0.1.0
 * @category models
 */
export type RetryBatch =
  | {
    readonly action: "MOVE"
    /** 1-based, in the order the calls are sent. */
    readonly index: number
    readonly body: MoveRequest
    readonly targets: ReadonlyArray<RetryTarget>
  }
  | {
    readonly action: "RELEASE"
    readonly index: number
    readonly body: ReleaseRequest
    readonly targets: ReadonlyArray<RetryTarget>
  }

/**
 * One step of a retry's plan: a message left out, or a call to send.
 *
 * @since 0.1.0
 * @category models
 */
export type RetryStep = Data.TaggedEnum<{
  Skip: { readonly message: BulkJobMessage; readonly reason: RetrySkipReason }
  Send: { readonly batch: RetryBatch }
}>

/**
 * Constructors and matchers of `RetryStep`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const RetryStep = Data.taggedEnum<RetryStep>()

/**
 * What became of one FAILED message:
 *
 * - `Moved` / `Released`: the API reported it done, with the items it answered for it;
 * - `Failed`: the API reported a failure for it, or refused its whole call (a 4xx), or the call
 *   never reached the API; `reason` says which;
 * - `Unknown`: its call may have reached the server but no answer came (a cut connection, a
 *   timeout, a 5xx), or the answer did not mention it, or a release's answer listed no recipient
 *   for it. It was not sent again: check the message before retrying it;
 * - `Skipped`: it was not sent (see `RetrySkipReason`).
 *
 * Every result but `Skipped` carries `batch`, the number of the call that named the message
 * (`RetryBatch.index`: 1 for the first call sent), so a caller counts calls by their results.
 *
 * @since 0.1.0
 * @category models
 */
export type RetryResult = Data.TaggedEnum<{
  Moved: RetryTarget & { readonly batch: number; readonly items: ReadonlyArray<MoveResponseItem> }
  Released: RetryTarget & { readonly batch: number; readonly item: ReleaseResponseItem }
  Failed: RetryTarget & { readonly batch: number; readonly reason: string }
  Unknown: RetryTarget & { readonly batch: number; readonly reason: string }
  Skipped: { readonly message: BulkJobMessage; readonly reason: RetrySkipReason }
}>

/**
 * Constructors and matchers of `RetryResult`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const RetryResult = Data.taggedEnum<RetryResult>()
