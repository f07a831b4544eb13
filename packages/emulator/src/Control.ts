/**
 * Test controls of a running emulator: script faults, read the request log, insert jobs, fail and
 * read back investigate moves and releases, and read the emulator's clock. The `EmulatorControl`
 * service comes with the in-process `layer`; the loopback server returns the same controls from `start`.
 *
 * @since 0.1.0
 */
import type { ActionType, Destination, JobStatus, SearchParamsEncoded } from "@cfbulk/core"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type { InvalidOptions } from "./Errors.js"
import type { QueuedFault } from "./http/FaultQueue.js"
import type { Fault, FaultMatch } from "./http/Faults.js"
import type { RequestLogEntry } from "./http/RequestLog.js"
import type { ApiShape } from "./model/JobPlan.js"
import type { InvestigateCall, InvestigateFailureSelector } from "./store/Investigations.js"

/**
 * A job a test puts at the head of the listing (e.g. between two pages, to make the pages shift).
 *
 * @since 0.1.0
 * @category models
 */
export interface InsertJob {
  readonly action?: ActionType | undefined
  /** For MOVE (default `JunkEmail`). */
  readonly destination?: Destination | undefined
  readonly comment?: string | null | undefined
  /** Echoed as the job's `search_params` (default `{ detections_only: true, submissions: false }`). */
  readonly searchParams?: SearchParamsEncoded | undefined
  /** Messages the job finds (default: seeded, 5 to 600). */
  readonly messages?: number | undefined
  /** Show this status for ever; without it the job runs its lifecycle like a created one. */
  readonly status?: JobStatus | undefined
  /** `"legacy"`: served without `messages_skipped`/`messages_cancelled`, as the older API did. */
  readonly shape?: ApiShape | undefined
  /** Merged over the job's JSON: unknown fields, or `{ status: "PAUSED" }` for a status the client does not know. */
  readonly extraFields?: Readonly<Record<string, unknown>> | undefined
}

/**
 * A finished (COMPLETED) job with exactly `failed` FAILED messages, for tests of retrying them. Its
 * FAILED messages are laid out in listing order, range by range: first `withoutInvestigateId`, then
 * `notYetDue`, then `failOnRetry`, then the rest, which a move or release carries out. No message is
 * skipped or cancelled; the failed ones are spread evenly among the `succeeded` ones.
 *
 * With `recipientsPerMessage` above 1, every message (failed or not) went to that many recipients
 * and the job lists it once per recipient, as the API does (one `client_recipient` a row): on
 * consecutive rows with the same status and investigate id, each with its own
 * `action_params.client_recipient`. The counts above are of messages, so the job lists
 * `failed * recipientsPerMessage` FAILED rows; a move answers one item per recipient, a release
 * lists each recipient under `delivered` or `failed`.
 *
 * @since 0.1.0
 * @category models
 */
export interface InsertFailedJob {
  /** Default MOVE. */
  readonly action?: ActionType | undefined
  /** For MOVE (default `JunkEmail`). */
  readonly destination?: Destination | undefined
  readonly comment?: string | null | undefined
  /** Echoed as the job's `search_params` (default `{ detections_only: true, submissions: false }`). */
  readonly searchParams?: SearchParamsEncoded | undefined
  /** `"legacy"`: no message has an investigate record, and the job has no skipped/cancelled counters. */
  readonly shape?: ApiShape | undefined
  /** FAILED messages, exactly (0 to 1,000,000). */
  readonly failed: number
  /** COMPLETED messages beside them (default 0). */
  readonly succeeded?: number | undefined
  /** The first failed messages, sent with no investigate record (`message`), so nothing names them (default 0). */
  readonly withoutInvestigateId?: number | undefined
  /** The next ones carry a `retry_after` `retryAfter` from now (default 0). */
  readonly notYetDue?: number | undefined
  /** How far in the future their `retry_after` is (default 1 hour). */
  readonly retryAfter?: Duration.DurationInput | undefined
  /** The next ones failed because their mailbox is gone: moving or releasing them fails again (default 0). */
  readonly failOnRetry?: number | undefined
  /** Recipients of every message, each listed on its own row (1 to 100, default 1). */
  readonly recipientsPerMessage?: number | undefined
}

/**
 * Who the emulator lets in (the account and the accepted credentials), and what it was seeded with.
 *
 * @since 0.1.0
 * @category models
 */
export interface EmulatorInfo {
  readonly accountId: string
  readonly token: string
  readonly email: string
  readonly apiKey: string
  readonly jobs: number
  readonly seed: number
}

/**
 * Test controls of a running emulator: scripted faults, the request log, and the job store.
 *
 * @since 0.1.0
 * @category models
 */
export interface EmulatorControlService {
  readonly info: EmulatorInfo
  /**
   * The next request matching `match` (default: any) gets exactly this fault. Queued faults apply in
   * order. Fails with `InvalidOptions` when `match.nth` is not a whole number from 1.
   */
  readonly enqueue: (fault: Fault, match?: FaultMatch) => Effect.Effect<void, InvalidOptions>
  /** Faults queued and not served yet. */
  readonly pendingFaults: Effect.Effect<ReadonlyArray<QueuedFault>>
  readonly clearFaults: Effect.Effect<void>
  /** The request log, oldest first (the most recent entries, up to `requestLogLimit`). */
  readonly requests: Effect.Effect<ReadonlyArray<RequestLogEntry>>
  /** Requests received since start. */
  readonly requestCount: Effect.Effect<number>
  readonly clearRequests: Effect.Effect<void>
  /** Puts a job at the head of the listing, as if just created; returns its id. */
  readonly insertJob: (job?: InsertJob) => Effect.Effect<string>
  /**
   * Puts a finished job with exactly this many FAILED messages at the head of the listing; returns its
   * id. Fails with `InvalidOptions` for counts that do not add up.
   */
  readonly insertFailedJob: (job: InsertFailedJob) => Effect.Effect<string, InvalidOptions>
  /**
   * Makes move and release fail, from now on, with `reason` (default "Mailbox not found for the
   * recipient"): for every recipient of the messages a list of investigate ids names, or for the
   * (id, recipient) pairs a predicate accepts, e.g. `(id, recipient) => id === x && recipient === y`
   * to fail one recipient of a message and not the others; `(id) => ...` fails whole messages.
   * Adds to the earlier calls.
   */
  readonly failInvestigate: (selector: InvestigateFailureSelector, reason?: string) => Effect.Effect<void>
  /** Forgets every `failInvestigate`. */
  readonly clearInvestigateFailures: Effect.Effect<void>
  /**
   * The move and release calls carried out, oldest first (at most `requestLogLimit`), with what
   * became of each id: a call whose answer a fault lost is here too.
   */
  readonly investigations: Effect.Effect<ReadonlyArray<InvestigateCall>>
  readonly clearInvestigations: Effect.Effect<void>
  /** Jobs in the account right now (seeded, plus created, minus deleted). */
  readonly jobCount: Effect.Effect<number>
  /** The emulator's current time (ms), which stamps new jobs. */
  readonly now: Effect.Effect<number>
}

/**
 * The test controls of the emulator as a service, provided by the in-process `layer`.
 *
 * @since 0.1.0
 * @category services
 */
export class EmulatorControl extends Context.Tag("@cfbulk/emulator/EmulatorControl")<
  EmulatorControl,
  EmulatorControlService
>() {}
