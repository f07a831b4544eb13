import { type ActionType, type Destination, type JobStatus } from "@cfbulk/core"
import { seededJobKey } from "../model/JobKey.js"
import type { ApiShape, JobPlan } from "../model/JobPlan.js"
import { hash3, makeRng, type NonEmpty, unit, weighted } from "../random/SeededRandom.js"
import { seededJobId } from "../random/Uuid.js"
import { scheduleFor } from "./JobSchedule.js"
import { seededComment, seededSearch } from "./SeededSearch.js"

/** What the seeded jobs are a pure function of. */
export interface SeedConfig {
  readonly seed: number
  readonly jobs: number
  /** The instant the seeded history ends: job 0 was created just before it. */
  readonly seedTime: number
  readonly shape: ApiShape
}

// Independent streams, so the status and action of a job (needed to filter 100,000 jobs) cost one
// hash each, without generating the rest of the job.
const SALT_STATUS = 11
const SALT_ACTION = 12
const SALT_JOB = 13
const SALT_CREATED = 14

/** Average time between two seeded jobs. */
const Spacing = 7 * 60 * 1000
/** Seeded jobs finish within this, so none ends long after the seed time. */
const LongestSeededJob = 45 * 60 * 1000

/** Only the newest jobs are still running: old jobs have long finished. */
const runningChance = (index: number): number => index < 8 ? 0.5 : index < 40 ? 0.12 : 0

export const seededStatus = (config: SeedConfig, index: number): JobStatus => {
  const u = unit(hash3(config.seed, index, SALT_STATUS))
  const running = runningChance(index)
  if (u < running) {
    return weighted(u / running, [["PROCESSING", 2], ["DISCOVERING", 1], ["PENDING", 1]])
  }
  const v = (u - running) / (1 - running)
  return config.shape === "legacy"
    ? weighted(v, [["COMPLETED", 81], ["FAILED", 6], ["CANCELLED", 8], ["SKIPPED", 5]])
    : weighted(v, [["COMPLETED", 86], ["FAILED", 6], ["CANCELLED", 8]])
}

export const seededAction = (config: SeedConfig, index: number): ActionType =>
  unit(hash3(config.seed, index, SALT_ACTION)) < 0.6 ? "MOVE" : "RELEASE"

/** Strictly decreasing in `index` (gaps between 0.1 and 1.9 spacings), and O(1) to compute. */
export const seededCreatedAt = (config: SeedConfig, index: number): number => {
  const jitter = unit(hash3(config.seed, index, SALT_CREATED))
  const at = config.seedTime - index * Spacing - (0.1 + 0.8 * jitter) * Spacing
  return Math.floor(at / 1000) * 1000
}

const MoveDestinations: NonEmpty<readonly [Destination, number]> = [
  ["JunkEmail", 40],
  ["DeletedItems", 20],
  ["RecoverableItemsDeletions", 15],
  ["RecoverableItemsPurges", 10],
  ["Inbox", 15]
]

/** Messages a search finds: often none or a few, sometimes thousands (log-uniform up to 2,500). */
const messageCount = (u: number, v: number): number => u < 0.06 ? 0 : Math.floor(Math.exp(v * Math.log(2500)))

/** The seeded job at `index` (0 is the newest), a pure function of the seed config and the index. */
export const seededPlan = (config: SeedConfig, index: number): JobPlan => {
  const rng = makeRng(hash3(config.seed, index, SALT_JOB))
  const status = seededStatus(config, index)
  const action = seededAction(config, index)
  const createdAt = seededCreatedAt(config, index)
  const running = status === "PENDING" || status === "DISCOVERING" || status === "PROCESSING"
  const found = messageCount(rng.next(), rng.next())
  const total = status === "SKIPPED" ? 0 : running ? Math.max(found, 10) : found
  const skipped = config.shape === "legacy" || rng.chance(0.6)
    ? 0
    : Math.floor(total * 0.08 * rng.next())
  const processable = total - skipped
  const failing = Math.floor(
    processable * (status === "FAILED" ? 0.05 + 0.3 * rng.next() : 0.04 * rng.next())
  )
  const destination = action === "MOVE" ? weighted(rng.next(), MoveDestinations) : null
  const search = seededSearch(rng, createdAt, config.shape, action)
  const schedule = scheduleFor(rng, {
    status,
    createdAt,
    at: config.seedTime,
    total,
    skipped,
    longest: LongestSeededJob
  })
  // Fields listed one by one rather than spread: this runs for every job of a fresh listing page.
  return {
    jobId: seededJobId(config.seed, index),
    jobKey: seededJobKey(index),
    seed: rng.uint32(),
    action,
    destination,
    expectedDisposition: undefined,
    comment: seededComment(rng, action, destination, search),
    searchParams: search.params,
    createdAt,
    total,
    skipped,
    failing,
    startAt: schedule.startAt,
    discoveredAt: schedule.discoveredAt,
    endAt: schedule.endAt,
    termination: schedule.termination,
    frozenAt: schedule.frozenAt,
    shape: config.shape,
    extraFields: undefined,
    failedLayout: undefined
  }
}
