import { type BulkJob, processedCount, toWire } from "@cfbulk/core"
import { shortUtc } from "./Dates.js"
import { type Encoded, field, type FieldSet, wireField } from "./FieldSet.js"

/**
 * A job in its JSON wire form, which the fields read. core's `toWire` is `Schema.encode` for these
 * types (a property test there says so), much faster: the CLI encodes every job of a listing.
 */
export const encodeJob = (job: BulkJob): Encoded => toWire(job)

/** The mailbox a MOVE job moves to; nothing for other actions. */
export const jobDestination = (job: BulkJob): string | null =>
  "destination" in job.action_params ? job.action_params.destination : null

const dateColumn = { width: 16 }

const counter = (name: string, header: string) =>
  wireField<BulkJob>(name, { header, width: Math.max(header.length, 7), align: "right", priority: 20 })

/** Every field of a job: the API's own names, plus the table's short names and two derived ones. */
export const jobFields: FieldSet<BulkJob> = {
  noun: "job",
  tableDefault: ["job_id", "status", "action_type", "destination", "progress", "created_at", "comment"],
  fields: [
    wireField("job_id", { aliases: ["id"], header: "ID", width: 36, priority: 1 }),
    wireField("action_type", { aliases: ["action"], header: "ACTION", width: 7, priority: 3 }),
    wireField("action_params", { header: "ACTION PARAMS", width: 24, priority: 20 }),
    wireField("search_params", {
      header: "SEARCH PARAMS",
      width: 30,
      flex: true,
      maxWidth: 80,
      priority: 20
    }),
    wireField("status", { header: "STATUS", width: 11, priority: 1, status: (job) => job.status }),
    counter("total_messages_discovered", "DISCOVERED"),
    counter("messages_pending", "PENDING"),
    counter("messages_successful", "SUCCESSFUL"),
    counter("messages_failed", "FAILED"),
    counter("messages_skipped", "SKIPPED"),
    counter("messages_cancelled", "CANCELLED"),
    wireField("created_at", {
      ...dateColumn,
      aliases: ["created"],
      header: "CREATED (UTC)",
      priority: 4,
      cell: (job) => shortUtc(job.created_at)
    }),
    wireField("comment", { header: "COMMENT", width: 8, flex: true, maxWidth: 120, priority: 6 }),
    wireField("started_at", {
      ...dateColumn,
      aliases: ["started"],
      header: "STARTED (UTC)",
      priority: 20,
      cell: (job) => shortUtc(job.started_at)
    }),
    wireField("completed_at", {
      ...dateColumn,
      aliases: ["completed"],
      header: "COMPLETED (UTC)",
      priority: 20,
      cell: (job) => shortUtc(job.completed_at)
    }),
    wireField("status_message", {
      header: "STATUS MESSAGE",
      width: 14,
      flex: true,
      maxWidth: 60,
      priority: 20
    }),
    field({
      name: "destination",
      header: "DESTINATION",
      width: 12,
      flex: true,
      maxWidth: 25,
      priority: 5,
      value: (job) => jobDestination(job)
    }),
    field({
      name: "processed",
      header: "PROCESSED",
      width: 9,
      align: "right",
      priority: 20,
      value: (job) => processedCount(job)
    }),
    field({
      name: "progress",
      header: "PROGRESS",
      width: 13,
      align: "right",
      priority: 2,
      value: (job) => `${processedCount(job)}/${job.total_messages_discovered}`
    })
  ]
}
