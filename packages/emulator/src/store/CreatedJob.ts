import type { ActionType, Destination, Disposition, JobStatus, SearchParamsEncoded } from "@cfbulk/core"
import type { FailedLayout } from "../model/FailedLayout.js"
import { createdJobKey } from "../model/JobKey.js"
import type { ApiShape, JobPlan } from "../model/JobPlan.js"
import { hash3, makeRng } from "../random/SeededRandom.js"
import { uuidFrom } from "../random/Uuid.js"
import { scheduleFor } from "../seed/JobSchedule.js"
import { JobFailureReasons } from "../seed/Vocabulary.js"

/** What a create request (or a test inserting a job) decides about a new job. */
export interface NewJob {
  readonly action: ActionType
  readonly destination: Destination | null
  readonly expectedDisposition?: Disposition | null | undefined
  readonly comment: string | null
  readonly searchParams: SearchParamsEncoded
  /** Messages the search finds (default: a seeded number from 5 to 600). */
  readonly messages?: number | undefined
  /** Show this status for ever instead of running the lifecycle. */
  readonly status?: JobStatus | undefined
  readonly shape?: ApiShape | undefined
  readonly extraFields?: Readonly<Record<string, unknown>> | undefined
  /** Exactly this many of `messages` (rows) fail, laid out so (and none is skipped). */
  readonly failedMessages?: { readonly count: number; readonly layout: FailedLayout } | undefined
}

/** How created jobs run. */
export interface Lifecycle {
  readonly seed: number
  readonly duration: number
  readonly failureRate: number
  readonly shape: ApiShape
}

const SALT_CREATED_JOB = 31
const SALT_CREATED_ID = 32

/** A fixed-status job looks like one that ran for a few seconds. */
const LongestInsertedJob = 10_000

/**
 * The plan of the `creation`-th job created on this emulator. A job with no fixed status spends
 * the first 10% of `duration` PENDING, the next 20% DISCOVERING and the rest PROCESSING, then
 * ends COMPLETED; a deterministic `failureRate` of jobs fails 72% of the way through instead.
 */
export const createdPlan = (lifecycle: Lifecycle, creation: number, now: number, job: NewJob): JobPlan => {
  const rng = makeRng(hash3(lifecycle.seed, creation, SALT_CREATED_JOB))
  const shape = job.shape ?? lifecycle.shape
  const fails = rng.next() < lifecycle.failureRate
  const total = job.messages ?? 4 + Math.floor(Math.exp(rng.next() * Math.log(600)))
  const exact = job.failedMessages
  const skipped = shape === "legacy" || exact !== undefined ? 0 : Math.floor(total * 0.03 * rng.next())
  const processable = total - skipped
  const failing = exact?.count ?? Math.floor(processable * (fails ? 0.2 : 0.02) * rng.next())
  const reason = rng.pick(JobFailureReasons)
  const { duration } = lifecycle
  const schedule = job.status === undefined
    ? {
      startAt: now + Math.round(duration * 0.1),
      discoveredAt: now + Math.round(duration * 0.3),
      endAt: now + duration,
      termination: fails
        ? { at: now + Math.round(duration * 0.72), status: "FAILED" as const, message: reason }
        : null,
      frozenAt: null
    }
    : scheduleFor(rng, {
      status: job.status,
      createdAt: now,
      at: now,
      total: job.status === "SKIPPED" ? 0 : total,
      skipped,
      longest: LongestInsertedJob
    })
  return {
    jobId: uuidFrom(lifecycle.seed, creation, SALT_CREATED_ID),
    jobKey: createdJobKey(creation),
    seed: rng.uint32(),
    action: job.action,
    destination: job.action === "MOVE" ? job.destination ?? "JunkEmail" : null,
    expectedDisposition: job.action === "MOVE" ? job.expectedDisposition : undefined,
    comment: job.comment,
    searchParams: job.searchParams,
    createdAt: now,
    total: job.status === "SKIPPED" ? 0 : total,
    skipped: job.status === "SKIPPED" ? 0 : skipped,
    failing: job.status === "SKIPPED" ? 0 : failing,
    ...schedule,
    shape,
    extraFields: job.extraFields,
    failedLayout: exact?.layout
  }
}
