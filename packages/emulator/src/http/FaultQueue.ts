/**
 * The faults a test scripted (`EmulatorControl.enqueue`), waiting for the requests they match.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import { InvalidOptions } from "../Errors.js"
import { type Fault, type FaultMatch, matchesRequest } from "./Faults.js"

/**
 * A scripted fault not served yet, with the requests it applies to.
 *
 * @since 0.1.0
 * @category models
 */
export interface QueuedFault {
  readonly fault: Fault
  readonly match: FaultMatch
  /** Matching requests let through so far, while waiting for the `nth` (`FaultMatch.nth`). */
  readonly passed: number
}

/**
 * Faults a test scripted, served in order to the next requests they match. Internal to the emulator
 * (not exported from `@cfbulk/emulator`): tests script faults through `EmulatorControl`.
 *
 * @since 0.1.0
 * @category internal
 */
export interface FaultQueue {
  /** Queues `fault`; fails with `InvalidOptions` when `match.nth` is not a whole number from 1. */
  readonly enqueue: (fault: Fault, match?: FaultMatch) => Effect.Effect<void, InvalidOptions>
  /** Removes and returns the first fault matching the request. */
  readonly take: (method: string, url: string) => Effect.Effect<Fault | undefined>
  readonly pending: Effect.Effect<ReadonlyArray<QueuedFault>>
  readonly clear: Effect.Effect<void>
}

/**
 * An empty fault queue. Internal to the emulator (not exported from `@cfbulk/emulator`).
 *
 * @since 0.1.0
 * @category internal
 */
export const makeFaultQueue: Effect.Effect<FaultQueue> = Effect.map(
  Ref.make<ReadonlyArray<QueuedFault>>([]),
  (queue) => ({
    enqueue: (fault, match = {}) =>
      match.nth === undefined || (Number.isInteger(match.nth) && match.nth >= 1)
        ? Ref.update(queue, (faults) => [...faults, { fault, match, passed: 0 }])
        : Effect.fail(
          new InvalidOptions({ issue: `FaultMatch.nth must be a whole number from 1 (got ${match.nth})` })
        ),
    // The first queued fault that matches and is due is served; every matching fault still waiting
    // for its nth request counts this one, whichever fault it gets.
    take: (method, url) =>
      Ref.modify(queue, (faults): [Fault | undefined, ReadonlyArray<QueuedFault>] => {
        let served: QueuedFault | undefined
        const kept: Array<QueuedFault> = []
        for (const queued of faults) {
          if (!matchesRequest(queued.match, method, url)) {
            kept.push(queued)
          } else if (queued.passed + 1 < (queued.match.nth ?? 1)) {
            kept.push({ ...queued, passed: queued.passed + 1 })
          } else if (served === undefined) {
            served = queued
          } else {
            kept.push(queued)
          }
        }
        return [served?.fault, kept]
      }),
    pending: Ref.get(queue),
    clear: Ref.set(queue, [])
  })
)
