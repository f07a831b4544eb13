/**
 * How the emulator models a job: everything about it that does not depend on the time it is looked
 * at. Only `ApiShape` is exported from `@cfbulk/emulator`.
 *
 * @since 0.1.0
 */
import type { ActionType, Destination, Disposition, JobStatus, SearchParamsEncoded } from "@cfbulk/core"
import type { FailedLayout } from "./FailedLayout.js"

/**
 * Which version of the wire contract a job is served in (docs/wire-contract.md §0 and §11).
 *
 * @since 0.1.0
 * @category models
 */
export type ApiShape = "current" | "legacy"

/**
 * How a job ended early: failed, cancelled, or (older API only) skipped. Internal to the emulator
 * (not exported from `@cfbulk/emulator`).
 *
 * @since 0.1.0
 * @category internal
 */
export interface Termination {
  readonly at: number
  readonly status: Extract<JobStatus, "FAILED" | "CANCELLED" | "SKIPPED">
  readonly message: string | null
}

/**
 * Everything about a job that does not depend on the time it is looked at. Its state at any
 * instant is derived from this plan (see `Progress.ts`), so a running job needs no timer: reading
 * it under a later `Clock` is what moves it forward. Internal to the emulator (not exported from
 * `@cfbulk/emulator`).
 *
 * @since 0.1.0
 * @category internal
 */
export interface JobPlan {
  readonly jobId: string
  /** The job as its messages' investigate ids name it (`JobKey.ts`). */
  readonly jobKey: number
  /** The root of every seeded choice about the job's messages. */
  readonly seed: number
  readonly action: ActionType
  readonly destination: Destination | null
  /** The deprecated `expected_disposition` of a MOVE, echoed when the request sent it. */
  readonly expectedDisposition: Disposition | null | undefined
  readonly comment: string | null
  readonly searchParams: SearchParamsEncoded
  readonly createdAt: number
  /** Messages the search will discover. */
  readonly total: number
  /** Of those, messages discovery skips (phish submissions). */
  readonly skipped: number
  /** Of the messages left to process, those whose action fails. */
  readonly failing: number
  /** Discovery starts (the job leaves PENDING). */
  readonly startAt: number
  /** Discovery ends and processing starts. */
  readonly discoveredAt: number
  /** Processing would end here, unless the job terminates earlier. */
  readonly endAt: number
  readonly termination: Termination | null
  /** The job always shows its state at this instant: seeded jobs are a fixed picture of the past. */
  readonly frozenAt: number | null
  readonly shape: ApiShape
  /** Fields merged over the job's JSON: unknown fields, or a status this API does not know (drift tests). */
  readonly extraFields: Readonly<Record<string, unknown>> | undefined
  /** What retrying each FAILED message meets, for a job a test inserted with `insertFailedJob`. */
  readonly failedLayout: FailedLayout | undefined
}
