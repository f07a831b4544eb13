import type { JobPlan } from "../model/JobPlan.js"

/**
 * What changed since the seed: the seeded jobs themselves are never stored, only this overlay.
 * Immutable, kept in a `Ref`, so every change is one atomic update.
 */
export interface StoreState {
  /** Jobs created through the API or inserted by a test, newest first. */
  readonly created: ReadonlyArray<JobPlan>
  /** Seeded jobs changed since (cancelled), by index. */
  readonly overrides: ReadonlyMap<number, JobPlan>
  /** Seeded jobs deleted, by index. */
  readonly deleted: ReadonlySet<number>
  /** Jobs created so far: the next one's number, which seeds its id and plan. */
  readonly creations: number
  /** Bumped whenever the seeded part of the listing changes, to invalidate its cached views. */
  readonly seededVersion: number
  /**
   * Created jobs the API does not show before this time (epoch ms), by id: a job that appears late,
   * as after a create whose answer was lost (`Fault.LoseAnswer`).
   */
  readonly hiddenUntil: ReadonlyMap<string, number>
}

export const emptyState: StoreState = {
  created: [],
  overrides: new Map(),
  deleted: new Set(),
  creations: 0,
  seededVersion: 0,
  hiddenUntil: new Map()
}

/** Whether the API shows a created job at `now`. */
export const isVisible = (state: StoreState, plan: JobPlan, now: number): boolean =>
  now >= (state.hiddenUntil.get(plan.jobId) ?? 0)

/** Where a job lives: created (with its position) or seeded (with its index). */
export type Located =
  | { readonly _tag: "Created"; readonly plan: JobPlan; readonly position: number }
  | { readonly _tag: "Seeded"; readonly plan: JobPlan; readonly index: number }
