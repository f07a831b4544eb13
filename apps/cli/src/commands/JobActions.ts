import { processedCount } from "@cfbulk/core"
import { jobActionCommand } from "./Confirmed.js"

export const cancel = jobActionCommand({
  name: "cancel",
  question: (jobId) => `Cancel job ${jobId}? Messages not yet processed stay as they are.`,
  call: (jobs, jobId) => jobs.cancel(jobId),
  render: (job) => ({
    tty: `Job ${job.job_id} is ${job.status}: ${
      processedCount(job)
    } of ${job.total_messages_discovered} messages were processed.`,
    plain: `${job.job_id}\t${job.status}`
  })
})

export const deleteJob = jobActionCommand({
  name: "delete",
  question: (jobId) => `Delete job ${jobId}? It disappears from every listing.`,
  call: (jobs, jobId) => jobs.delete(jobId),
  render: (deleted) => ({ tty: `Deleted job ${deleted.id}.`, plain: deleted.id })
})
