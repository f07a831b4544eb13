/**
 * The faults a test scripted (`EmulatorControl.enqueue`), waiting for the requests they match.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
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
}

/**
 * Faults a test scripted, served in order to the next requests they match. Internal to the emulator
 * (not exported from `@cfbulk/emulator`): tests script faults through `EmulatorControl`.
 *
 * @since 0.1.0
 * @category internal
 */
export interface FaultQueue {
  readonly enqueue: (fault: Fault, match?: FaultMatch) => Effect.Effect<void>
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
    enqueue: (fault, match = {}) => Ref.update(queue, (faults) => [...faults, { fault, match }]),
    take: (method, url) =>
      Ref.modify(queue, (faults): [Fault | undefined, ReadonlyArray<QueuedFault>] => {
        const position = faults.findIndex((queued) => matchesRequest(queued.match, method, url))
        if (position === -1) return [undefined, faults]
        return [faults[position]?.fault, faults.filter((_, index) => index !== position)]
      }),
    pending: Ref.get(queue),
    clear: Ref.set(queue, [])
  })
)
