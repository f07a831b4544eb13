/**
 * The emulator's test controls for plain async code, as `startServer` returns them.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { EmulatorControlService, EmulatorInfo, InsertFailedJob, InsertJob } from "./Control.js"
import type { QueuedFault } from "./http/FaultQueue.js"
import type { Fault, FaultMatch } from "./http/Faults.js"
import type { RequestLogEntry } from "./http/RequestLog.js"
import type { InvestigateCall, InvestigateFailureSelector } from "./store/Investigations.js"

/**
 * `EmulatorControl` for plain async code: every operation returns a Promise.
 *
 * @since 0.1.0
 * @category models
 */
export interface PromiseControl {
  readonly info: EmulatorInfo
  /** Rejects with `InvalidOptions` for a `match.nth` that is not a whole number from 1. */
  readonly enqueue: (fault: Fault, match?: FaultMatch) => Promise<void>
  readonly pendingFaults: () => Promise<ReadonlyArray<QueuedFault>>
  readonly clearFaults: () => Promise<void>
  readonly requests: () => Promise<ReadonlyArray<RequestLogEntry>>
  readonly requestCount: () => Promise<number>
  readonly clearRequests: () => Promise<void>
  readonly insertJob: (job?: InsertJob) => Promise<string>
  /** Rejects with `InvalidOptions` for counts that do not add up. */
  readonly insertFailedJob: (job: InsertFailedJob) => Promise<string>
  readonly failInvestigate: (selector: InvestigateFailureSelector, reason?: string) => Promise<void>
  readonly clearInvestigateFailures: () => Promise<void>
  readonly investigations: () => Promise<ReadonlyArray<InvestigateCall>>
  readonly clearInvestigations: () => Promise<void>
  readonly jobCount: () => Promise<number>
  readonly now: () => Promise<number>
}

/** Runs a control operation; the promise rejects with its typed error itself (not a FiberFailure). */
const settle = <A, E>(operation: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(Effect.either(operation)).then(Either.getOrThrowWith((error) => error))

/**
 * The Promise version of a running emulator's controls. Internal to the emulator (not exported from
 * `@cfbulk/emulator`): `startServer` returns its result as `control`.
 *
 * @since 0.1.0
 * @category internal
 */
export const promiseControl = (control: EmulatorControlService): PromiseControl => ({
  info: control.info,
  enqueue: (fault, match) => settle(control.enqueue(fault, match)),
  pendingFaults: () => Effect.runPromise(control.pendingFaults),
  clearFaults: () => Effect.runPromise(control.clearFaults),
  requests: () => Effect.runPromise(control.requests),
  requestCount: () => Effect.runPromise(control.requestCount),
  clearRequests: () => Effect.runPromise(control.clearRequests),
  insertJob: (job) => Effect.runPromise(control.insertJob(job)),
  insertFailedJob: (job) => settle(control.insertFailedJob(job)),
  failInvestigate: (selector, reason) => Effect.runPromise(control.failInvestigate(selector, reason)),
  clearInvestigateFailures: () => Effect.runPromise(control.clearInvestigateFailures),
  investigations: () => Effect.runPromise(control.investigations),
  clearInvestigations: () => Effect.runPromise(control.clearInvestigations),
  jobCount: () => Effect.runPromise(control.jobCount),
  now: () => Effect.runPromise(control.now)
})
