// Waiting in a test for what the test needs (a request made, a fiber asleep on the TestClock, a fiber
// ended) instead of for an amount of real time. Between two checks it yields one turn of the event
// loop (`setImmediate`), which lets pending promises (a stub's `Response.text()`) and I/O callbacks
// run; it never waits for a duration, so a loaded machine makes a test slower, never wrong. A
// condition that never comes fails the test with what it waited for, after `MaxTurns` turns.
//
// Shared by the core and emulator tests, as test-support/contract.ts is.
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"

/**
 * How many event-loop turns `until` waits before it fails. A step of the in-process stub takes a
 * handful (its promises settle in microtasks); the bound only turns a broken test into a clear
 * failure instead of a hang.
 */
export const MaxTurns = 10_000

/** One turn of the event loop: what was queued before it (promises, I/O callbacks) runs first. */
export const nextTurn: Effect.Effect<void> = Effect.async<void>((resume) => {
  const handle = setImmediate(() => resume(Effect.void))
  return Effect.sync(() => clearImmediate(handle))
})

/** Checks `condition` once per event-loop turn until it holds; dies naming `what` if it never does. */
export const until = <E, R>(
  what: string,
  condition: Effect.Effect<boolean, E, R>,
  maxTurns: number = MaxTurns
): Effect.Effect<void, E, R> =>
  Effect.gen(function*() {
    for (let turn = 0; turn < maxTurns; turn++) {
      if (yield* condition) return
      yield* nextTurn
    }
    if (yield* condition) return
    return yield* Effect.dieMessage(`still waiting for ${what} after ${maxTurns} turns of the event loop`)
  })

/**
 * The sleeps in progress on the TestClock, each as the instant it ends. `TestClock.sleeps()` is not
 * that: it keeps a sleep that was interrupted (every request's timeout, once the answer came) until
 * the clock passes it.
 */
export class Sleeps extends Context.Tag("cfbulk/test/Sleeps")<Sleeps, {
  readonly ends: Effect.Effect<ReadonlyArray<number>>
}>() {}

/**
 * Runs `effect` with the TestClock as its Clock (and the Clock of every fiber it forks), keeping
 * track of the sleeps in progress for `Sleeps`, `sleepingFor` and `waitingOnClock`.
 */
export const watchingSleeps = <A, E, R>(
  effect: Effect.Effect<A, E, R>
): Effect.Effect<A, E, Exclude<R, Sleeps>> =>
  Effect.flatMap(TestClock.testClock(), (testClock) => {
    const inProgress = new Set<{ readonly end: number }>()
    const recordedSleep = (duration: Duration.Duration) =>
      Effect.suspend(() => {
        const sleep = {
          end: testClock.unsafeCurrentTimeMillis() + Duration.toMillis(Duration.decode(duration))
        }
        inProgress.add(sleep)
        return Effect.ensuring(testClock.sleep(duration), Effect.sync(() => inProgress.delete(sleep)))
      })
    // The TestClock itself (`TestClock.adjust` and the rest find it in the Clock's place), but for
    // `sleep`, which records the sleep for as long as it lasts.
    const clock = new Proxy(testClock, {
      get: (target, key, receiver): unknown =>
        key === "sleep" ? recordedSleep : Reflect.get(target, key, receiver)
    })
    return effect.pipe(
      Effect.withClock(clock),
      Effect.provideService(Sleeps, { ends: Effect.sync(() => [...inProgress].map((sleep) => sleep.end)) })
    )
  })

/**
 * Waits until `count` sleeps in progress end between `min` and `max` from now (both included), and
 * gives the time left on the one that ends first: the fiber under test has reached its wait.
 */
export const sleepingFor = (
  min: Duration.DurationInput,
  max: Duration.DurationInput = min,
  count = 1
): Effect.Effect<Duration.Duration, never, Sleeps> =>
  Effect.gen(function*() {
    const { ends } = yield* Sleeps
    const [low, high] = [Duration.toMillis(min), Duration.toMillis(max)]
    const matching = Effect.gen(function*() {
      const now = yield* TestClock.currentTimeMillis
      return (yield* ends).map((end) => end - now).filter((left) => left >= low && left <= high)
    })
    const range = low === high ? Duration.format(min) : `${Duration.format(min)} to ${Duration.format(max)}`
    yield* until(
      `${count} sleep(s) on the TestClock ending in ${range}`,
      Effect.map(matching, (left) => left.length >= count)
    )
    return Duration.millis(Math.min(...yield* matching))
  })

/** Whether some fiber run by `watchingSleeps` is asleep on the TestClock. */
export const waitingOnClock: Effect.Effect<boolean, never, Sleeps> = Effect.flatMap(
  Sleeps,
  (sleeps) => Effect.map(sleeps.ends, (ends) => ends.length > 0)
)

/**
 * Runs `effect` in a fiber under `watchingSleeps` and moves the TestClock one second at a time,
 * each time the program waits on it, until the program ends; `onSecond` runs before each move (a
 * test's scripted change "at second n"). Fails clearly if it has not ended within an hour of test time.
 */
export const withTime = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  onSecond: (second: number) => void = () => {}
): Effect.Effect<A, E, Exclude<R, Sleeps>> =>
  watchingSleeps(Effect.gen(function*() {
    const fiber = yield* Effect.fork(effect)
    const ended = Effect.map(Fiber.poll(fiber), Option.isSome)
    for (let second = 1; second <= 3_600; second++) {
      yield* until(
        "the program to end or wait on the clock",
        Effect.zipWith(ended, waitingOnClock, (done, waiting) => done || waiting)
      )
      if (yield* ended) return yield* Fiber.join(fiber)
      onSecond(second)
      yield* TestClock.adjust("1 second")
    }
    return yield* Effect.dieMessage("the program did not end within an hour of test time")
  }))
