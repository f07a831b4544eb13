import { snapshotAt } from "../model/Progress.js"
import { type SeedConfig, seededAction, seededPlan, seededStatus } from "../seed/SeededJob.js"
import { utf8 } from "../wire/Bytes.js"
import { jobJson } from "../wire/JobWire.js"
import type { StoreState } from "./StoreState.js"

/** Filters of the jobs listing, by the API's values. */
export interface JobFilter {
  readonly status?: string | undefined
  readonly actionType?: string | undefined
}

/** The seeded jobs as the listing needs them: their JSON, and which of them a filter keeps. */
export interface SeededCatalog {
  /** The JSON of an unchanged seeded job, as UTF-8. */
  readonly json: (index: number) => Uint8Array
  /** The indices of the seeded jobs a filter keeps, in listing order (newest first). */
  readonly view: (state: StoreState, filter: JobFilter) => Int32Array
}

/**
 * Memoises the pure functions of the seed. Seeded jobs never change (a cancelled one moves to the
 * store's overrides), so each job's JSON is cached on first use, as bytes: the first pass over a
 * listing pays for generation, later passes only for copying. Filtered views are rebuilt when the
 * seeded part of the store changes; building one scans the jobs' statuses (one hash each), not the jobs.
 */
export const makeSeededCatalog = (seed: SeedConfig): SeededCatalog => {
  let jsonCache: Array<Uint8Array | undefined> | undefined
  const json = (index: number): Uint8Array => {
    jsonCache ??= new Array<Uint8Array | undefined>(seed.jobs)
    const cached = jsonCache[index]
    if (cached !== undefined) return cached
    const plan = seededPlan(seed, index)
    const bytes = utf8(jobJson(plan, snapshotAt(plan, seed.seedTime)))
    jsonCache[index] = bytes
    return bytes
  }

  const views = new Map<string, Int32Array>()
  let viewsVersion = -1
  const view = (state: StoreState, filter: JobFilter): Int32Array => {
    if (viewsVersion !== state.seededVersion) {
      views.clear()
      viewsVersion = state.seededVersion
    }
    const key = `${filter.status ?? "*"}|${filter.actionType ?? "*"}`
    const cached = views.get(key)
    if (cached !== undefined) return cached
    const indices = new Int32Array(seed.jobs)
    let count = 0
    for (let index = 0; index < seed.jobs; index++) {
      if (state.deleted.has(index)) continue
      if (filter.actionType !== undefined && seededAction(seed, index) !== filter.actionType) continue
      if (filter.status !== undefined) {
        const override = state.overrides.get(index)
        // Overrides are cancelled jobs, frozen: their status no longer depends on the time.
        const status = override === undefined
          ? seededStatus(seed, index)
          : snapshotAt(override, seed.seedTime).status
        if (status !== filter.status) continue
      }
      indices[count++] = index
    }
    const filtered = indices.subarray(0, count)
    views.set(key, filtered)
    return filtered
  }

  return { json, view }
}
