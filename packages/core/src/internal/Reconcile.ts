import type { BulkJob } from "../schema/BulkJob.js"
import type { CreateJobParams } from "../schema/Params.js"

/**
 * How far a job's `created_at` (Cloudflare's clock) may precede the moment the create was sent (this
 * machine's clock) and still be its job: clocks disagree by seconds, rarely by more.
 */
export const ClockSkewMillis = 60_000

/**
 * A failure that may have come after the server acted: a create's (the job may exist), a move's or a
 * release's (the messages may have been acted on). Such a request is never sent again.
 */
export const outcomeUnknown = (error: { readonly _tag: string }): boolean =>
  "outcomeUnknown" in error && error.outcomeUnknown === true

const sameValue = (sent: unknown, stored: unknown): boolean =>
  sent instanceof Date && stored instanceof Date
    ? sent.getTime() === stored.getTime()
    : sent === stored

/**
 * Whether `job` is what the create `params`, sent at `sentAt` (epoch ms), made: the same action,
 * destination and comment, every search field that was sent equal (fields left out may hold the
 * server's defaults), and created no earlier than `ClockSkewMillis` before the request was sent.
 * Two identical creates sent within that margin cannot be told apart: both then match.
 */
export const matchesCreate = (params: CreateJobParams, sentAt: number) => (job: BulkJob): boolean => {
  if (job.action_type !== params.action) return false
  if (job.created_at.getTime() < sentAt - ClockSkewMillis) return false
  if ((job.comment ?? null) !== (params.comment ?? null)) return false
  const destination = "destination" in job.action_params ? job.action_params.destination : undefined
  if (params.destination !== undefined && destination !== params.destination) return false
  const stored: Record<string, unknown> = job.search_params
  return Object.entries(params.search_params).every(([key, value]) =>
    value === undefined || sameValue(value, stored[key])
  )
}
