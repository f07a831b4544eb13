import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Ref from "effect/Ref"
import type { JobPlan } from "../model/JobPlan.js"
import { messageStateAt } from "../model/MessageState.js"
import { isTerminal, type Snapshot, snapshotAt } from "../model/Progress.js"
import { seededJobIndex } from "../random/Uuid.js"
import { type SeedConfig, seededAction, seededPlan, seededStatus } from "../seed/SeededJob.js"
import { utf8 } from "../wire/Bytes.js"
import { jobJson } from "../wire/JobWire.js"
import { messageWire } from "../wire/MessageWire.js"
import { createdPlan, type Lifecycle, type NewJob } from "./CreatedJob.js"
import { JobAlreadyEnded, JobNotFound, JobNotTerminal } from "./StoreErrors.js"
import { emptyState, type Located, type StoreState } from "./StoreState.js"

/** One page of a listing, each item already serialised (UTF-8 JSON). */
export interface JsonPage {
  readonly items: ReadonlyArray<Uint8Array>
  /** Items of the whole listing (sent only by the older API, as `total_count`). */
  readonly total: number
}

export interface CreatedJob {
  readonly jobId: string
  readonly json: string
}

export interface PageWindow {
  readonly page: number
  readonly perPage: number
}

export interface JobFilter {
  readonly status?: string | undefined
  readonly actionType?: string | undefined
}

export interface MessageFilter {
  readonly status?: string | undefined
}

/** The account's jobs: the seeded ones, generated on demand, plus what happened since. */
export interface JobStore {
  readonly list: (filter: JobFilter, window: PageWindow, now: number) => Effect.Effect<JsonPage>
  readonly get: (jobId: string, now: number) => Effect.Effect<Uint8Array, JobNotFound>
  /** Adds a job at the head of the listing. */
  readonly create: (job: NewJob, now: number) => Effect.Effect<CreatedJob>
  readonly cancel: (jobId: string, now: number) => Effect.Effect<string, JobNotFound | JobAlreadyEnded>
  readonly delete: (jobId: string, now: number) => Effect.Effect<void, JobNotFound | JobNotTerminal>
  readonly messages: (
    jobId: string,
    filter: MessageFilter,
    window: PageWindow,
    now: number
  ) => Effect.Effect<JsonPage, JobNotFound>
  /** Jobs in the account right now. */
  readonly count: Effect.Effect<number>
}

const matches = (plan: JobPlan, snapshot: Snapshot, filter: JobFilter): boolean =>
  (filter.status === undefined || snapshot.status === filter.status) &&
  (filter.actionType === undefined || plan.action === filter.actionType)

const pageBounds = (window: PageWindow, total: number) => {
  const start = Math.min((window.page - 1) * window.perPage, total)
  return { start, end: Math.min(start + window.perPage, total) }
}

export const makeJobStore = (seed: SeedConfig, lifecycle: Lifecycle): Effect.Effect<JobStore> =>
  Effect.map(Ref.make<StoreState>(emptyState), (state) => {
    // Seeded jobs never change (a cancelled one moves to `overrides`), so their JSON is cached on
    // first use, as bytes: the first pass over a listing pays for generation, later passes only for copying.
    let seededJsonCache: Array<Uint8Array | undefined> | undefined
    const seededJson = (index: number): Uint8Array => {
      seededJsonCache ??= new Array<Uint8Array | undefined>(seed.jobs)
      const cached = seededJsonCache[index]
      if (cached !== undefined) return cached
      const plan = seededPlan(seed, index)
      const json = utf8(jobJson(plan, snapshotAt(plan, seed.seedTime)))
      seededJsonCache[index] = json
      return json
    }

    // The seeded part of each filtered listing, as job indices; rebuilt when a seeded job changes.
    const views = new Map<string, Int32Array>()
    let viewsVersion = -1
    const seededView = (current: StoreState, filter: JobFilter): Int32Array => {
      if (viewsVersion !== current.seededVersion) {
        views.clear()
        viewsVersion = current.seededVersion
      }
      const key = `${filter.status ?? "*"}|${filter.actionType ?? "*"}`
      const cached = views.get(key)
      if (cached !== undefined) return cached
      const indices = new Int32Array(seed.jobs)
      let count = 0
      for (let index = 0; index < seed.jobs; index++) {
        if (current.deleted.has(index)) continue
        if (filter.actionType !== undefined && seededAction(seed, index) !== filter.actionType) continue
        if (filter.status !== undefined) {
          const override = current.overrides.get(index)
          const status = override === undefined
            ? seededStatus(seed, index)
            : snapshotAt(override, seed.seedTime).status
          if (status !== filter.status) continue
        }
        indices[count++] = index
      }
      const view = indices.subarray(0, count)
      views.set(key, view)
      return view
    }

    const locate = (current: StoreState, jobId: string): Located | undefined => {
      const id = jobId.toLowerCase()
      for (let position = 0; position < current.created.length; position++) {
        const plan = current.created[position]
        if (plan !== undefined && plan.jobId === id) return { _tag: "Created", plan, position }
      }
      const index = seededJobIndex(seed.seed, seed.jobs, id)
      if (index === undefined || current.deleted.has(index)) return undefined
      return { _tag: "Seeded", index, plan: current.overrides.get(index) ?? seededPlan(seed, index) }
    }

    const jsonOf = (current: StoreState, located: Located, now: number): Uint8Array =>
      located._tag === "Seeded" && !current.overrides.has(located.index)
        ? seededJson(located.index)
        : utf8(jobJson(located.plan, snapshotAt(located.plan, now)))

    const find = (jobId: string) =>
      Effect.flatMap(Ref.get(state), (current) => {
        const located = locate(current, jobId)
        return located === undefined
          ? Effect.fail(new JobNotFound({ jobId }))
          : Effect.succeed({ current, located })
      })

    /** Replaces a job's plan, wherever it lives. */
    const replace = (current: StoreState, located: Located, plan: JobPlan): StoreState =>
      located._tag === "Created"
        ? {
          ...current,
          created: current.created.map((each, position) => position === located.position ? plan : each)
        }
        : {
          ...current,
          overrides: new Map(current.overrides).set(located.index, plan),
          seededVersion: current.seededVersion + 1
        }

    const remove = (current: StoreState, located: Located): StoreState => {
      if (located._tag === "Created") {
        return { ...current, created: current.created.filter((_, position) => position !== located.position) }
      }
      const overrides = new Map(current.overrides)
      overrides.delete(located.index)
      return {
        ...current,
        overrides,
        deleted: new Set(current.deleted).add(located.index),
        seededVersion: current.seededVersion + 1
      }
    }

    const list: JobStore["list"] = (filter, window, now) =>
      Effect.map(Ref.get(state), (current) => {
        const created = current.created.filter((plan) => matches(plan, snapshotAt(plan, now), filter))
        const seeded = seededView(current, filter)
        const total = created.length + seeded.length
        const { end, start } = pageBounds(window, total)
        const items: Array<Uint8Array> = []
        for (let position = start; position < end; position++) {
          const plan = created[position]
          if (plan !== undefined) {
            items.push(utf8(jobJson(plan, snapshotAt(plan, now))))
            continue
          }
          const index = seeded[position - created.length]
          if (index === undefined) continue
          const override = current.overrides.get(index)
          items.push(
            override === undefined ? seededJson(index) : utf8(jobJson(override, snapshotAt(override, now)))
          )
        }
        return { items, total }
      })

    const create: JobStore["create"] = (job, now) =>
      Ref.modify(state, (current): [CreatedJob, StoreState] => {
        const plan = createdPlan(lifecycle, current.creations, now, job)
        return [
          { jobId: plan.jobId, json: jobJson(plan, snapshotAt(plan, now)) },
          { ...current, created: [plan, ...current.created], creations: current.creations + 1 }
        ]
      })

    type Outcome<A, E> = readonly [Either.Either<A, E>, StoreState]

    const cancel: JobStore["cancel"] = (jobId, now) =>
      Effect.flatten(Ref.modify(state, (current): Outcome<string, JobNotFound | JobAlreadyEnded> => {
        const located = locate(current, jobId)
        if (located === undefined) return [Either.left(new JobNotFound({ jobId })), current]
        const snapshot = snapshotAt(located.plan, now)
        if (isTerminal(snapshot)) {
          return [Either.left(new JobAlreadyEnded({ jobId, status: snapshot.status })), current]
        }
        // A frozen (seeded) job is cancelled in its own frozen moment, so it never jumps ahead in time.
        const at = located.plan.frozenAt ?? now
        const plan: JobPlan = {
          ...located.plan,
          termination: { at, status: "CANCELLED", message: null },
          frozenAt: at
        }
        return [Either.right(jobJson(plan, snapshotAt(plan, now))), replace(current, located, plan)]
      }))

    const remove_: JobStore["delete"] = (jobId, now) =>
      Effect.flatten(Ref.modify(state, (current): Outcome<void, JobNotFound | JobNotTerminal> => {
        const located = locate(current, jobId)
        if (located === undefined) return [Either.left(new JobNotFound({ jobId })), current]
        const snapshot = snapshotAt(located.plan, now)
        if (!isTerminal(snapshot)) {
          return [Either.left(new JobNotTerminal({ jobId, status: snapshot.status })), current]
        }
        return [Either.void, remove(current, located)]
      }))

    const messages: JobStore["messages"] = (jobId, filter, window, now) =>
      Effect.map(find(jobId), ({ located }) => {
        const plan = located.plan
        const snapshot = snapshotAt(plan, now)
        const stateOf = (index: number) => messageStateAt(plan, snapshot, index)
        let indices: ReadonlyArray<number> | undefined
        if (filter.status !== undefined) {
          const matching: Array<number> = []
          for (let index = 0; index < snapshot.discovered; index++) {
            if (stateOf(index).status === filter.status) matching.push(index)
          }
          indices = matching
        }
        const total = indices === undefined ? snapshot.discovered : indices.length
        const { end, start } = pageBounds(window, total)
        const items: Array<Uint8Array> = []
        for (let position = start; position < end; position++) {
          const index = indices === undefined ? position : indices[position]
          if (index === undefined) continue
          items.push(utf8(JSON.stringify(messageWire(plan, snapshot, index, stateOf(index)))))
        }
        return { items, total }
      })

    return {
      list,
      get: (jobId, now) => Effect.map(find(jobId), ({ current, located }) => jsonOf(current, located, now)),
      create,
      cancel,
      delete: remove_,
      messages,
      count: Effect.map(
        Ref.get(state),
        (current) => current.created.length + seed.jobs - current.deleted.size
      )
    }
  })
