import { type BulkJob, processedCount } from "@cfbulk/core"
import { paint, paintStatus } from "../io/Paint.js"
import { longUtc } from "./Dates.js"
import { printable } from "./FieldSet.js"
import { jobDestination } from "./JobFields.js"

const percent = (done: number, total: number): string =>
  total === 0 ? "" : ` (${Math.floor((done / total) * 100)}%)`

/** The search of a job as `key=value` pairs, in the API's names. */
export const describeSearch = (encodedSearch: unknown): string => {
  if (typeof encodedSearch !== "object" || encodedSearch === null) return "-"
  const pairs = Object.entries(encodedSearch).filter(([, value]) => value !== null && value !== undefined)
  return pairs.length === 0
    ? "(everything in the default range)"
    : pairs.map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`).join(
      "  "
    )
}

/** A job for people: one labelled line per aspect, counters spelled out. */
export const jobDetail = (job: BulkJob, encodedSearch: unknown, color: boolean): string => {
  const label = (text: string) => paint(color, "bold", text.padEnd(11))
  const processed = processedCount(job)
  const destination = jobDestination(job)
  const lines: Array<readonly [string, string]> = [
    ["Job", job.job_id],
    [
      "Status",
      paintStatus(color, job.status) +
      (job.status_message === null || job.status_message === "" ? "" : `: ${printable(job.status_message)}`)
    ],
    ["Action", destination === null ? job.action_type : `${job.action_type} to ${destination}`],
    [
      "Progress",
      `${processed} of ${job.total_messages_discovered} processed${
        percent(processed, job.total_messages_discovered)
      }`
    ],
    [
      "Messages",
      `${job.messages_successful} successful, ${job.messages_failed} failed, ${job.messages_skipped} skipped, ` +
      `${job.messages_cancelled} cancelled, ${job.messages_pending} pending`
    ],
    ["Created", longUtc(job.created_at)],
    ["Started", longUtc(job.started_at)],
    ["Completed", longUtc(job.completed_at)],
    ["Comment", job.comment === null || job.comment === "" ? "-" : printable(job.comment)],
    ["Search", printable(describeSearch(encodedSearch))]
  ]
  return lines.map(([name, value]) => `${label(name)} ${value}`).join("\n") + "\n"
}
