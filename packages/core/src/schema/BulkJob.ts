/**
 * A bulk action job as the API returns it, with helpers to read its message counters.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { counter, DateTime, nullable } from "../internal/schemaFields.js"
import { ActionParams } from "./ActionParams.js"
import { ActionTypeOpen, JobStatusOpen } from "./Enums.js"
import { JobId } from "./Ids.js"
import { SearchParams } from "./SearchParams.js"

/**
 * A bulk action job (`BulkJobDetail`, docs/wire-contract.md §4), field names exactly as on the wire.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BulkJob = Schema.Struct({
  job_id: JobId,
  action_type: ActionTypeOpen,
  action_params: ActionParams,
  search_params: SearchParams,
  status: JobStatusOpen,
  total_messages_discovered: Schema.Int,
  messages_pending: Schema.Int,
  messages_successful: Schema.Int,
  messages_failed: Schema.Int,
  messages_skipped: counter,
  messages_cancelled: counter,
  created_at: DateTime,
  comment: nullable(Schema.String),
  started_at: nullable(DateTime),
  completed_at: nullable(DateTime),
  status_message: nullable(Schema.String)
}).annotations({ identifier: "BulkJob" })

/**
 * A decoded bulk action job: dates are `Date`s, enums are open (see `OpenEnum`), and the counters an
 * older API leaves out are 0.
 *
 * @since 0.1.0
 * @category models
 */
export type BulkJob = typeof BulkJob.Type

/**
 * A bulk action job in its wire form (JSON before decoding): what the API sends and what a stub or
 * the emulator serves.
 *
 * @since 0.1.0
 * @category models
 */
export type BulkJobEncoded = typeof BulkJob.Encoded

/**
 * Messages the job has finished with, whatever the outcome.
 *
 * @since 0.1.0
 * @category utils
 */
export const processedCount = (job: BulkJob): number =>
  job.messages_successful + job.messages_failed + job.messages_skipped + job.messages_cancelled

/**
 * The spec's counter invariant (docs/wire-contract.md §4). Counts move while a job runs, so this is a soft
 * check for logs and tests, never a decode failure.
 *
 * @since 0.1.0
 * @category utils
 */
export const countersAreConsistent = (job: BulkJob): boolean =>
  job.total_messages_discovered === job.messages_pending + processedCount(job)

/**
 * The result of deleting a job: its id, under the key `id`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeletedJob = Schema.Struct({ id: JobId }).annotations({ identifier: "DeletedJob" })

/**
 * The decoded result of deleting a job.
 *
 * @since 0.1.0
 * @category models
 */
export type DeletedJob = typeof DeletedJob.Type
