import type { JobStatus } from "@cfbulk/core"
import type { JobPlan, Termination } from "../model/JobPlan.js"
import type { Rng } from "../random/SeededRandom.js"
import { JobFailureReasons, SkippedJobReason } from "./Vocabulary.js"

/** The time-related part of a job's plan: when it starts, discovers, ends, and stops changing. */
export type JobSchedule = Pick<JobPlan, "startAt" | "discoveredAt" | "endAt" | "termination" | "frozenAt">

export interface JobScheduleInput {
  readonly status: JobStatus
  readonly createdAt: number
  /** The instant the job must show `status` (seeded jobs: the seed time), not before `createdAt`. */
  readonly at: number
  readonly total: number
  readonly skipped: number
  /** The longest a finished job may have run, from creation to its end. */
  readonly longest: number
}

const second = 1000

/**
 * Times for a job that shows `status` at `at`, and never changes again (`frozenAt`): a terminal
 * job is frozen at its end, a running one at `at`. Durations grow with the number of messages,
 * as they do for a real job.
 */
export const scheduleFor = (rng: Rng, input: JobScheduleInput): JobSchedule => {
  const { at, createdAt, status, total } = input
  const processable = total - input.skipped
  const discoveryMs = 3 * second + total * rng.between(5, 20)
  const perMessageMs = rng.between(150, 1500)

  const finished = (): JobSchedule => {
    const startAt = createdAt + rng.between(2, 8) * second
    const discoveredAt = startAt + discoveryMs
    const processing = Math.max(
      second,
      Math.min(processable * perMessageMs, input.longest - (discoveredAt - createdAt))
    )
    const endAt = discoveredAt + processing
    const terminate = (termination: Termination): JobSchedule => ({
      startAt,
      discoveredAt,
      endAt,
      termination,
      frozenAt: termination.at
    })
    switch (status) {
      case "FAILED":
        return terminate({
          at: Math.round(discoveredAt + (endAt - discoveredAt) * (0.2 + 0.7 * rng.next())),
          status: "FAILED",
          message: rng.pick(JobFailureReasons)
        })
      case "CANCELLED":
        return terminate({
          at: Math.round(createdAt + (endAt - createdAt) * (0.05 + 0.9 * rng.next())),
          status: "CANCELLED",
          message: null
        })
      case "SKIPPED":
        return terminate({ at: startAt + second, status: "SKIPPED", message: SkippedJobReason })
      default:
        return { startAt, discoveredAt, endAt, termination: null, frozenAt: endAt }
    }
  }

  // A running job: started (or not) so that `at` falls in the phase its status names.
  const startedBy = Math.min(createdAt + rng.between(2, 8) * second, createdAt + (at - createdAt) / 2)
  switch (status) {
    case "PENDING": {
      const startAt = at + rng.between(30, 600) * second
      const discoveredAt = startAt + discoveryMs
      return {
        startAt,
        discoveredAt,
        endAt: discoveredAt + Math.max(second, processable * perMessageMs),
        termination: null,
        frozenAt: at
      }
    }
    case "DISCOVERING": {
      const discoveredAt = at + rng.between(10, 300) * second
      return {
        startAt: Math.round(startedBy),
        discoveredAt,
        endAt: discoveredAt + Math.max(second, processable * perMessageMs),
        termination: null,
        frozenAt: at
      }
    }
    case "PROCESSING": {
      const discoveredAt = Math.round(startedBy + (at - startedBy) * (0.1 + 0.4 * rng.next()))
      const done = 0.05 + 0.9 * rng.next()
      return {
        startAt: Math.round(startedBy),
        discoveredAt,
        endAt: Math.max(at + second, Math.round(discoveredAt + (at - discoveredAt) / done)),
        termination: null,
        frozenAt: at
      }
    }
    default:
      return finished()
  }
}
