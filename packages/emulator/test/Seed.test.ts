import { BulkJob, BulkJobMessage, countersAreConsistent, isTerminalStatus } from "@cfbulk/core"
import { describe, expect, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import { messageStateAt } from "../src/model/MessageState.js"
import { countersOf, snapshotAt } from "../src/model/Progress.js"
import { seededJobId, seededJobIndex } from "../src/random/Uuid.js"
import { type SeedConfig, seededCreatedAt, seededPlan, seededStatus } from "../src/seed/SeededJob.js"
import { isoString } from "../src/wire/Iso.js"
import { jobWire } from "../src/wire/JobWire.js"
import { messageWire } from "../src/wire/MessageWire.js"

const config = (overrides: Partial<SeedConfig> = {}): SeedConfig => ({
  seed: 1,
  jobs: 100_000,
  seedTime: Date.parse("2026-11-01T00:00:00Z"),
  shape: "current",
  ...overrides
})

const wireOf = (seed: SeedConfig, index: number) => {
  const plan = seededPlan(seed, index)
  return jobWire(plan, snapshotAt(plan, seed.seedTime))
}

const decodeJob = Schema.decodeUnknownSync(BulkJob, { onExcessProperty: "error" })
const encodeJob = Schema.encodeSync(BulkJob)
const decodeMessage = Schema.decodeUnknownSync(BulkJobMessage, { onExcessProperty: "error" })
const encodeMessage = Schema.encodeSync(BulkJobMessage)

describe("seeded jobs", () => {
  it("are identical for the same seed and different for another", () => {
    const first = Array.from({ length: 300 }, (_, index) => JSON.stringify(wireOf(config(), index)))
    const again = Array.from({ length: 300 }, (_, index) => JSON.stringify(wireOf(config(), index)))
    const other = Array.from(
      { length: 300 },
      (_, index) => JSON.stringify(wireOf(config({ seed: 2 }), index))
    )
    expect(again).toEqual(first)
    expect(other.filter((json, index) => json === first[index])).toEqual([])
  })

  it("have unique ids that give their index back, and unknown ids give nothing", () => {
    const seed = config()
    const ids = new Set<string>()
    const misread: Array<number> = []
    for (let index = 0; index < seed.jobs; index++) {
      const id = seededJobId(seed.seed, index)
      ids.add(id)
      if (seededJobIndex(seed.seed, seed.jobs, id) !== index) misread.push(index)
    }
    expect(misread).toEqual([])
    expect(ids.size).toBe(seed.jobs)
    expect(seededJobIndex(seed.seed, seed.jobs, "f174e90a-fafe-4643-bbbc-4a0ed4fc8415")).toBeUndefined()
    expect(seededJobIndex(2, seed.jobs, seededJobId(1, 5))).toBeUndefined()
    expect(seededJobIndex(seed.seed, 10, seededJobId(seed.seed, 10))).toBeUndefined()
  })

  it("are created newest first, all before the seed time", () => {
    const seed = config()
    let previous = seed.seedTime
    const outOfOrder: Array<number> = []
    for (let index = 0; index < seed.jobs; index++) {
      const createdAt = seededCreatedAt(seed, index)
      if (createdAt >= previous) outOfOrder.push(index)
      previous = createdAt
    }
    expect(outOfOrder).toEqual([])
  })

  it("mix mostly terminal jobs with a few running ones, and only the legacy shape has SKIPPED", () => {
    const count = (seed: SeedConfig, jobs: number) => {
      const statuses = new Map<string, number>()
      for (let index = 0; index < jobs; index++) {
        const status = seededStatus(seed, index)
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
      }
      return statuses
    }
    const small = count(config(), 50)
    const running = (small.get("PENDING") ?? 0) + (small.get("DISCOVERING") ?? 0) +
      (small.get("PROCESSING") ?? 0)
    expect(running).toBeGreaterThan(0)
    expect(running).toBeLessThan(25)
    const large = count(config(), 20_000)
    expect(large.get("COMPLETED") ?? 0).toBeGreaterThan(15_000)
    expect(large.get("FAILED") ?? 0).toBeGreaterThan(0)
    expect(large.get("CANCELLED") ?? 0).toBeGreaterThan(0)
    expect(large.get("SKIPPED")).toBeUndefined()
    expect(count(config({ shape: "legacy" }), 20_000).get("SKIPPED") ?? 0).toBeGreaterThan(0)
  })

  it("keep the counter invariant and the status's timestamps", () => {
    const seed = config()
    const broken: Array<string> = []
    for (let index = 0; index < 5000; index++) {
      const job = decodeJob(wireOf(seed, index))
      // A job cancelled before it started has no start time; any other job has one unless PENDING.
      const startedAsExpected = job.status === "CANCELLED" ||
        (job.started_at === null) === (job.status === "PENDING")
      if (
        !countersAreConsistent(job) || !startedAsExpected ||
        (job.completed_at !== null) !== isTerminalStatus(job.status) ||
        job.action_params.type !== job.action_type ||
        job.created_at.getTime() >= seed.seedTime ||
        (job.started_at !== null && job.started_at < job.created_at) ||
        (job.completed_at !== null && job.completed_at < job.created_at)
      ) broken.push(`${index}: ${JSON.stringify(wireOf(seed, index))}`)
    }
    expect(broken).toEqual([])
  })

  it("are exactly what core's BulkJob schema encodes, in both API shapes", () => {
    for (const shape of ["current", "legacy"] as const) {
      for (let index = 0; index < 1000; index++) {
        const wire = wireOf(config({ shape }), index)
        const decoded = decodeJob(wire)
        const reencoded = encodeJob(decoded)
        if (shape === "current") {
          expect(reencoded).toEqual(wire)
        } else {
          // The schema fills the counters the older API leaves out with 0; everything else is unchanged.
          expect(wire).not.toHaveProperty("messages_skipped")
          expect(reencoded).toEqual({ ...wire, messages_skipped: 0, messages_cancelled: 0 })
        }
      }
    }
  })
})

describe("seeded messages", () => {
  it("are exactly what core's BulkJobMessage schema encodes, and agree with their job's counters", () => {
    const seed = config()
    let checked = 0
    for (let index = 0; index < 150; index++) {
      const plan = seededPlan(seed, index)
      const snapshot = snapshotAt(plan, seed.seedTime)
      const counters = countersOf(plan, snapshot)
      const byStatus = new Map<string, number>()
      let checkedInJob = 0
      for (let message = 0; message < snapshot.discovered; message++) {
        const state = messageStateAt(plan, snapshot, message)
        byStatus.set(state.status, (byStatus.get(state.status) ?? 0) + 1)
        // Every status shows up early in some job; schema round trips are slow, so a sample suffices.
        if (checkedInJob < 12 && (message < 3 || state.status !== "COMPLETED")) {
          checkedInJob++
          const wire = messageWire(plan, snapshot, message, state)
          expect(encodeMessage(decodeMessage(wire))).toEqual(wire)
          expect(wire.status).toBe(state.status)
          checked++
        }
      }
      expect(byStatus.get("COMPLETED") ?? 0).toBe(counters.messages_successful)
      expect(byStatus.get("FAILED") ?? 0).toBe(counters.messages_failed)
      expect(byStatus.get("SKIPPED") ?? 0).toBe(counters.messages_skipped)
      expect(byStatus.get("CANCELLED") ?? 0).toBe(counters.messages_cancelled)
      expect((byStatus.get("PENDING") ?? 0) + (byStatus.get("PROCESSING") ?? 0)).toBe(
        counters.messages_pending
      )
    }
    expect(checked).toBeGreaterThan(300)
  })
})

describe("isoString", () => {
  it("formats like Date#toISOString", () => {
    let state = 12345
    for (let sample = 0; sample < 20_000; sample++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0
      const millis = Math.floor((state / 2 ** 32) * 253_402_300_799_999)
      expect(isoString(millis)).toBe(new Date(millis).toISOString())
    }
    expect(isoString(0)).toBe("1970-01-01T00:00:00.000Z")
    expect(isoString(Date.parse("2024-02-29T23:59:59.999Z"))).toBe("2024-02-29T23:59:59.999Z")
  })
})
