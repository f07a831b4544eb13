/**
 * The move and release calls the emulator carried out, and the failures a test asked for. Tests read
 * the calls back through `EmulatorControl.investigations`.
 *
 * @since 0.1.0
 */
import type { Destination } from "@cfbulk/core"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import { PermanentFailureReasons, UnreachableMailboxReason } from "../seed/Vocabulary.js"
import type { FoundMessage, JobStore } from "./JobStore.js"

/**
 * What a move or release did for one recipient of a message.
 *
 * @since 0.1.0
 * @category models
 */
export interface RecipientOutcome {
  readonly recipient: string
  /** Why acting failed for this recipient, or null when it worked. */
  readonly reason: string | null
}

/**
 * What one id of a move or release call came to:
 *
 * - `Done`: moved or released, for every recipient;
 * - `Failed`: the message exists, but acting on it failed for at least one recipient (`byRecipient`
 *   says which, `reason` says why for the first): a FAILED row whose failure is permanent (its
 *   mailbox is gone...), or an id (or id and recipient) a test named in `failInvestigate`;
 * - `NotFound`: no message of the account has this id.
 *
 * @since 0.1.0
 * @category models
 */
export interface InvestigateOutcome {
  readonly id: string
  readonly result: "Done" | "Failed" | "NotFound"
  /** Why it failed (the first failing recipient's reason; null when done); for `NotFound`, "Message not found". */
  readonly reason: string | null
  /** The job whose message it is (null when not found). */
  readonly jobId: string | null
  /** The message's place in its job's listing, 0-based: its first row when it has one per recipient (null when not found). */
  readonly index: number | null
  /** The message's recipients (the answer has one move item per recipient). */
  readonly recipients: ReadonlyArray<string>
  /** What became of each recipient, in the order of `recipients` (empty when not found). */
  readonly byRecipient: ReadonlyArray<RecipientOutcome>
}

/**
 * One move or release call the emulator carried out: its answer may still have been lost (a
 * `Fault.LoseAnswer`), which is what this record is for.
 *
 * @since 0.1.0
 * @category models
 */
export interface InvestigateCall {
  /** The request's `sequence` in the request log. */
  readonly sequence: number
  /** Emulator time (ms since the epoch) it was carried out. */
  readonly timestamp: number
  readonly action: "MOVE" | "RELEASE"
  /** Where a move put the messages (null for a release). */
  readonly destination: Destination | null
  /** The body's `ids`, in order. */
  readonly ids: ReadonlyArray<string>
  /** One per id, in the same order. */
  readonly outcomes: ReadonlyArray<InvestigateOutcome>
}

/**
 * What a test wants move and release to fail for: a list of investigate ids (every recipient of
 * those messages), or a predicate of an investigate id and one of its message's recipients (asked
 * once per recipient; a predicate of the id alone fails whole messages).
 *
 * @since 0.1.0
 * @category models
 */
export type InvestigateFailureSelector =
  | ReadonlyArray<string>
  | ((id: string, recipient: string) => boolean)

/**
 * What `investigate/move` and `investigate/release` act on. Internal to the emulator (not exported
 * from `@cfbulk/emulator`): tests use `EmulatorControl`.
 *
 * @since 0.1.0
 * @category internal
 */
export interface Investigations {
  /** Carries out a call (records it, bounded like the request log) and says what became of each id. */
  readonly act: (
    request: {
      readonly action: "MOVE" | "RELEASE"
      readonly destination: Destination | null
      readonly ids: ReadonlyArray<string>
    },
    at: { readonly sequence: number; readonly timestamp: number }
  ) => Effect.Effect<InvestigateCall>
  readonly calls: Effect.Effect<ReadonlyArray<InvestigateCall>>
  readonly clearCalls: Effect.Effect<void>
  readonly failWhere: (selector: InvestigateFailureSelector, reason?: string) => Effect.Effect<void>
  readonly clearFailures: Effect.Effect<void>
}

interface ForcedFailure {
  readonly applies: (id: string, recipient: string) => boolean
  readonly reason: string
}

const NotFoundReason = "Message not found"

const isPermanent = (reason: string | null | undefined): boolean =>
  reason !== null && reason !== undefined && PermanentFailureReasons.includes(reason)

/**
 * The rule of what a call does to one message, recipient by recipient: a test's forced failure
 * first; then a row its job left FAILED for a permanent reason fails again (moving a message whose
 * mailbox is gone cannot work now either); anything else works, whatever the row's status, since
 * moving a message twice is harmless.
 */
const outcomeOf = (
  id: string,
  found: FoundMessage | undefined,
  forced: ReadonlyArray<ForcedFailure>
): InvestigateOutcome => {
  if (found === undefined) {
    return {
      id,
      result: "NotFound",
      reason: NotFoundReason,
      jobId: null,
      index: null,
      recipients: [],
      byRecipient: []
    }
  }
  const recipients = found.message.message?.client_recipients ?? []
  const permanent = found.message.status === "FAILED" && isPermanent(found.message.status_message)
    ? found.message.status_message ?? null
    : null
  const byRecipient = recipients.map((recipient): RecipientOutcome => ({
    recipient,
    reason: forced.find((failure) => failure.applies(id, recipient))?.reason ?? permanent
  }))
  const reason = byRecipient.find((outcome) => outcome.reason !== null)?.reason ?? null
  return {
    id,
    result: reason === null ? "Done" : "Failed",
    reason,
    jobId: found.jobId,
    index: found.index,
    recipients,
    byRecipient
  }
}

/**
 * Move and release over a job store, keeping at most `limit` calls (0 keeps none). Internal to the
 * emulator (not exported from `@cfbulk/emulator`).
 *
 * @since 0.1.0
 * @category internal
 */
export const makeInvestigations = (store: JobStore, limit: number): Effect.Effect<Investigations> =>
  Effect.map(
    Effect.all([Ref.make<ReadonlyArray<InvestigateCall>>([]), Ref.make<ReadonlyArray<ForcedFailure>>([])]),
    ([calls, failures]) => ({
      act: (request, at) =>
        Effect.gen(function*() {
          const found = yield* store.findMessages(request.ids, at.timestamp)
          const forced = yield* Ref.get(failures)
          const call: InvestigateCall = {
            ...at,
            ...request,
            outcomes: request.ids.map((id, position) => outcomeOf(id, found[position], forced))
          }
          if (limit > 0) {
            yield* Ref.update(calls, (kept) => [...kept.slice(Math.max(0, kept.length - limit + 1)), call])
          }
          return call
        }),
      calls: Ref.get(calls),
      clearCalls: Ref.set(calls, []),
      failWhere: (selector, reason = UnreachableMailboxReason) => {
        const applies = typeof selector === "function"
          ? selector
          : ((ids: ReadonlySet<string>) => (id: string) => ids.has(id))(new Set(selector))
        return Ref.update(failures, (kept) => [...kept, { applies, reason }])
      },
      clearFailures: Ref.set(failures, [])
    })
  )
