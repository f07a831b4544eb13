import { type BulkJob, isTerminalStatus, processedCount } from "@cfbulk/core"
import { formatShort } from "./DurationText.js"
import { paint, paintStatus } from "./io/Paint.js"
import { formatRate, spinnerFrame } from "./ProgressText.js"

export const etaOf = (job: BulkJob, rate: number | undefined): number | undefined =>
  rate === undefined || rate <= 0 || job.status === "DISCOVERING" || job.status === "PENDING" ||
    isTerminalStatus(job.status)
    ? undefined
    : ((job.total_messages_discovered - processedCount(job)) / rate) * 1000

const fraction = (job: BulkJob): number =>
  job.total_messages_discovered === 0 ? 0 : Math.min(1, processedCount(job) / job.total_messages_discovered)

export const bar = (done: number, width: number): string => {
  const filled = Math.round(done * width)
  return "█".repeat(filled) + "░".repeat(Math.max(0, width - filled))
}

export interface View {
  readonly job: BulkJob
  readonly rate: number | undefined
  readonly elapsedMs: number
  readonly tick: number
}

/** The numbers after the bar, each padded to a fixed width so the bar does not jump as they change. */
const facts = (view: View): ReadonlyArray<string> => {
  const { job } = view
  const eta = etaOf(job, view.rate)
  const total = String(job.total_messages_discovered)
  return [
    `${Math.floor(fraction(job) * 100)}%`.padStart(4),
    `${processedCount(job)}/${total}`.padStart(total.length * 2 + 1),
    formatRate(view.rate).padStart(7),
    (eta === undefined ? (isTerminalStatus(job.status) ? "done" : "ETA -") : `ETA ${formatShort(eta)}`)
      .padEnd(10),
    formatShort(view.elapsedMs).padStart(7)
  ]
}

/**
 * The live line on a terminal: spinner, status, a bar as wide as the room allows, and the numbers.
 * It is kept one column short of the width, so the terminal never wraps it and `\r` can redraw it
 * (io/LiveLine.ts draws it).
 */
export const liveLine = (view: View, columns: number, color: boolean): string => {
  const { job } = view
  const done = job.status === "COMPLETED" || job.status === "FAILED" || job.status === "CANCELLED"
  const mark = done ? " " : spinnerFrame(view.tick)
  const status = job.status.padEnd(11)
  const width = columns - 1
  const all = facts(view)
  // On a narrow terminal the least useful facts go first (elapsed, ETA, rate), then the bar.
  for (let kept = all.length; kept >= 2; kept--) {
    const tail = all.slice(0, kept).join("  ")
    const fixed = `${mark} ${status} `.length + tail.length
    const barWidth = Math.min(40, width - fixed - 2)
    if (barWidth >= 10 || (kept === 2 && fixed <= width)) {
      const drawn = barWidth >= 10 ? `${paint(color, "cyan", bar(fraction(job), barWidth))}  ` : ""
      return `${mark} ${paintStatus(color, job.status, status)} ${drawn}${tail}`
    }
  }
  return `${mark} ${job.status} ${all[1] ?? ""}`.slice(0, width)
}

/** The line for a log or a pipe: no bar, no escape codes. */
export const plainLine = (view: View): string =>
  [view.job.job_id, view.job.status, ...facts(view).map((fact) => fact.trim())].join(" ")

/** How long the job ran, from the server's dates when it has them. */
export const jobDuration = (job: BulkJob, watchedMs: number): number => {
  const from = job.started_at ?? job.created_at
  return job.completed_at !== null ? job.completed_at.getTime() - from.getTime() : watchedMs
}

export const summary = (job: BulkJob, watchedMs: number, color: boolean): string =>
  `Job ${job.job_id} ${paintStatus(color, job.status)} in ${formatShort(jobDuration(job, watchedMs))}` +
  (job.status_message === null || job.status_message === ""
    ? ""
    : `: ${job.status_message.replace(/[\u0000-\u001f]+/g, " ")}`) +
  "\n" +
  `  ${job.total_messages_discovered} discovered: ${job.messages_successful} successful, ${job.messages_failed} failed, ` +
  `${job.messages_skipped} skipped, ${job.messages_cancelled} cancelled, ${job.messages_pending} pending\n`
