import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Ref from "effect/Ref"
import { readJobKey } from "../model/JobKey.js"
import type { JobPlan } from "../model/JobPlan.js"
import { isTerminal, type Snapshot, snapshotAt } from "../model/Progress.js"
import { seededJobIndex } from "../random/Uuid.js"
import { type SeedConfig, seededPlan } from "../seed/SeededJob.js"
import { utf8 } from "../wire/Bytes.js"
import { jobJson } from "../wire/JobWire.js"
import { createdPlan, type Lifecycle, type NewJob } from "./CreatedJob.js"
import { findMessage, type FoundMessage } from "./MessageLookup.js"
import { type MessageFilter, messagePage } from "./MessagePage.js"
import { type JsonPage, pageBounds, type PageWindow } from "./Paging.js"
import { type JobFilter, makeSeededCatalog } from "./SeededCatalog.js"
import { JobAlreadyEnded, JobNotFound, JobNotTerminal } from "./StoreErrors.js"
import { emptyState, isVisible, type Located, type StoreState } from "./StoreState.js"

export interface CreatedJob {
  readonly jobId: string
  readonly json: string
}

export type { FoundMessage } from "./MessageLookup.js"
export type { MessageFilter } from "./MessagePage.js"
export type { JsonPage, PageWindow } from "./Paging.js"
export type { JobFilter } from "./SeededCatalog.js"

/** The account's jobs: the seeded ones, generated on demand, plus what happened since. */
export interface JobStore {
  readonly list: (filter: JobFilter, window: PageWindow, now: number) => Effect.Effect<JsonPage>
  readonly get: (jobId: string, now: number) => Effect.Effect<Uint8Array, JobNotFound>
  /** Adds a job at the head of the listing, shown from `visibleFrom` (default: at once). */
  readonly create: (job: NewJob, now: number, visibleFrom?: number) => Effect.Effect<CreatedJob>
  readonly cancel: (jobId: string, now: number) => Effect.Effect<string, JobNotFound | JobAlreadyEnded>
  readonly delete: (jobId: string, now: number) => Effect.Effect<void, JobNotFound | JobNotTerminal>
  readonly messages: (
    jobId: string,
    filter: MessageFilter,
    window: PageWindow,
    now: number
  ) => Effect.Effect<JsonPage, JobNotFound>
  /** The message each investigate id names, as listed at `now`, or undefined where none has that id. */
  readonly findMessages: (
    ids: ReadonlyArray<string>,
    now: number
  ) => Effect.Effect<ReadonlyArray<FoundMessage | undefined>>
  /** Jobs in the account right now. */
  readonly count: Effect.Effect<number>
}

const matches = (plan: JobPlan, snapshot: Snapshot, filter: JobFilter): boolean =>
  (filter.status === undefined || snapshot.status === filter.status) &&
  (filter.actionType === undefined || plan.action === filter.actionType)

export const makeJobStore = (seed: SeedConfig, lifecycle: Lifecycle): Effect.Effect<JobStore> =>
  Effect.map(Ref.make<StoreState>(emptyState), (state) => {
    const catalog = makeSeededCatalog(seed)

    const locate = (current: StoreState, jobId: string, now: number): Located | undefined => {
      const id = jobId.toLowerCase()
      for (let position = 0; position < current.created.length; position++) {
        const plan = current.created[position]
        if (plan !== undefined && plan.jobId === id) {
          return isVisible(current, plan, now) ? { _tag: "Created", plan, position } : undefined
        }
      }
      const index = seededJobIndex(seed.seed, seed.jobs, id)
      if (index === undefined || current.deleted.has(index)) return undefined
      return { _tag: "Seeded", index, plan: current.overrides.get(index) ?? seededPlan(seed, index) }
    }

    /** The plan of the job a job key names, if the account shows it at `now`. */
    const planByKey = (current: StoreState, key: number, now: number): JobPlan | undefined => {
      const ref = readJobKey(key)
      if (ref._tag === "Seeded") {
        if (ref.index >= seed.jobs || current.deleted.has(ref.index)) return undefined
        return current.overrides.get(ref.index) ?? seededPlan(seed, ref.index)
      }
      const plan = current.created.find((each) => each.jobKey === key)
      return plan !== undefined && isVisible(current, plan, now) ? plan : undefined
    }

    const findMessages: JobStore["findMessages"] = (ids, now) =>
      Effect.map(Ref.get(state), (current) => {
        // A call names up to 1000 messages, often of one job: each job's plan is made once.
        const plans = new Map<number, JobPlan | undefined>()
        const planOf = (key: number) => {
          if (!plans.has(key)) plans.set(key, planByKey(current, key, now))
          return plans.get(key)
        }
        return ids.map((id) => findMessage(id, planOf, now))
      })

    const jsonOf = (current: StoreState, located: Located, now: number): Uint8Array =>
      located._tag === "Seeded" && !current.overrides.has(located.index)
        ? catalog.json(located.index)
        : utf8(jobJson(located.plan, snapshotAt(located.plan, now)))

    const find = (jobId: string, now: number) =>
      Effect.flatMap(Ref.get(state), (current) => {
        const located = locate(current, jobId, now)
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
        const created = current.created.filter((plan) =>
          isVisible(current, plan, now) && matches(plan, snapshotAt(plan, now), filter)
        )
        const seeded = catalog.view(current, filter)
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
            override === undefined ? catalog.json(index) : utf8(jobJson(override, snapshotAt(override, now)))
          )
        }
        return { items, total }
      })

    const create: JobStore["create"] = (job, now, visibleFrom) =>
      Ref.modify(state, (current): [CreatedJob, StoreState] => {
        const plan = createdPlan(lifecycle, current.creations, now, job)
        const hiddenUntil = visibleFrom === undefined || visibleFrom <= now
          ? current.hiddenUntil
          : new Map(current.hiddenUntil).set(plan.jobId, visibleFrom)
        return [
          { jobId: plan.jobId, json: jobJson(plan, snapshotAt(plan, now)) },
          { ...current, created: [plan, ...current.created], creations: current.creations + 1, hiddenUntil }
        ]
      })

    type Outcome<A, E> = readonly [Either.Either<A, E>, StoreState]

    const cancel: JobStore["cancel"] = (jobId, now) =>
      Effect.flatten(Ref.modify(state, (current): Outcome<string, JobNotFound | JobAlreadyEnded> => {
        const located = locate(current, jobId, now)
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
        const located = locate(current, jobId, now)
        if (located === undefined) return [Either.left(new JobNotFound({ jobId })), current]
        const snapshot = snapshotAt(located.plan, now)
        if (!isTerminal(snapshot)) {
          return [Either.left(new JobNotTerminal({ jobId, status: snapshot.status })), current]
        }
        return [Either.void, remove(current, located)]
      }))

    const messages: JobStore["messages"] = (jobId, filter, window, now) =>
      Effect.map(
        find(jobId, now),
        ({ located }) => messagePage(located.plan, snapshotAt(located.plan, now), filter, window)
      )

    return {
      list,
      get: (jobId, now) =>
        Effect.map(find(jobId, now), ({ current, located }) => jsonOf(current, located, now)),
      create,
      cancel,
      delete: remove_,
      messages,
      findMessages,
      count: Effect.map(
        Ref.get(state),
        (current) => current.created.length + seed.jobs - current.deleted.size
      )
    }
  })
