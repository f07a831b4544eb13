/**
 * The emulator before any transport: its HTTP app and its test controls. The in-process `layer`
 * and the loopback server `start` are both built on it.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type { EmulatorControlService } from "./Control.js"
import { type EmulatorOptions, type ResolvedOptions, resolveOptions } from "./EmulatorOptions.js"
import { makeEmulatorTime } from "./EmulatorTime.js"
import type { InvalidOptions } from "./Errors.js"
import { type EmulatorApp, makeApp } from "./http/App.js"
import { makeFaultQueue } from "./http/FaultQueue.js"
import { makeRequestBudget } from "./http/RequestBudget.js"
import { makeRequestLog } from "./http/RequestLog.js"
import { failedJobOf } from "./store/FailedJob.js"
import { makeInvestigations } from "./store/Investigations.js"
import { makeJobStore } from "./store/JobStore.js"

/**
 * The emulator, before any transport: its HTTP app and its test controls.
 *
 * @since 0.1.0
 * @category models
 */
export interface Emulator {
  readonly app: EmulatorApp
  readonly control: EmulatorControlService
  readonly options: ResolvedOptions
}

/**
 * Builds the emulator from checked options. Nothing is generated yet: seeded jobs are made on demand.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeFromResolved = (options: ResolvedOptions): Effect.Effect<Emulator> =>
  Effect.gen(function*() {
    const time = yield* makeEmulatorTime(options.seedTime)
    const store = yield* makeJobStore(
      { seed: options.seed, jobs: options.jobs, seedTime: options.seedTime, shape: options.apiShape },
      {
        seed: options.seed,
        duration: options.jobDuration,
        failureRate: options.jobFailureRate,
        shape: options.apiShape
      }
    )
    const limiter = yield* makeRequestBudget(options.rateLimit)
    const faults = yield* makeFaultQueue
    const log = yield* makeRequestLog(options.requestLogLimit)
    const investigations = yield* makeInvestigations(store, options.requestLogLimit)
    const app = makeApp({
      store,
      investigations,
      time,
      limiter,
      faults,
      log,
      credentials: options,
      shape: options.apiShape,
      seed: options.seed,
      failRate: options.failRate,
      latency: options.latency
    })
    const control: EmulatorControlService = {
      info: {
        accountId: options.accountId,
        token: options.token,
        email: options.email,
        apiKey: options.apiKey,
        jobs: options.jobs,
        seed: options.seed
      },
      enqueue: faults.enqueue,
      pendingFaults: faults.pending,
      clearFaults: faults.clear,
      requests: log.entries,
      requestCount: log.count,
      clearRequests: log.clear,
      insertJob: (job = {}) =>
        Effect.flatMap(time.now, (now) =>
          Effect.map(
            store.create({
              action: job.action ?? "MOVE",
              destination: job.destination ?? null,
              comment: job.comment ?? null,
              searchParams: job.searchParams ?? { detections_only: true, submissions: false },
              messages: job.messages,
              status: job.status,
              shape: job.shape,
              extraFields: job.extraFields
            }, now),
            (created) => created.jobId
          )),
      insertFailedJob: (job) =>
        Effect.flatMap(
          time.now,
          (now) =>
            Effect.flatMap(failedJobOf(job, now), (newJob) =>
              Effect.map(store.create(newJob, now), (created) => created.jobId))
        ),
      failInvestigate: investigations.failWhere,
      clearInvestigateFailures: investigations.clearFailures,
      investigations: investigations.calls,
      clearInvestigations: investigations.clearCalls,
      jobCount: store.count,
      now: time.now
    }
    return { app, control, options }
  })

/**
 * Builds the emulator, failing with `InvalidOptions` for options it cannot run with.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: EmulatorOptions = {}): Effect.Effect<Emulator, InvalidOptions> =>
  Effect.flatMap(resolveOptions(options), makeFromResolved)
