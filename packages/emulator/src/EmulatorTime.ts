import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"

/** The emulator's notion of now: the Effect `Clock`, so a `TestClock` drives jobs, limits and delays. */
export interface EmulatorTime {
  readonly now: Effect.Effect<number>
}

/** How far after the seed time a clock that starts before it (a `TestClock` reads 1970) is moved. */
const StartAfterSeed = 60 * 60 * 1000

/**
 * Reads the `Clock`, shifted by a constant when the clock starts before the seeded history ends:
 * jobs created under a `TestClock` then still come after the seeded ones, and every duration
 * (lifecycles, rate-limit windows) is exactly what the clock measures.
 */
export const makeEmulatorTime = (seedTime: number): Effect.Effect<EmulatorTime> =>
  Effect.map(Clock.currentTimeMillis, (start) => {
    const shift = start < seedTime ? seedTime + StartAfterSeed - start : 0
    return { now: Effect.map(Clock.currentTimeMillis, (millis) => millis + shift) }
  })
