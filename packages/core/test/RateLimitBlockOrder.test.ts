// A 429 closes the rate-limit gate before the request's slot is given back: a request waiting for
// that slot must find the account blocked, not slip out between the answer and the block. The gate
// lets requests out freely, so to make "waiting for the slot" real this file wraps it (module mock)
// in one that lets one request through at a time and yields to the next one the moment a slot is
// given back: whatever runs in that instant sees the gate as the 429's request left it.
import { describe, expect, it } from "@effect/vitest"
import type * as DeferredTypes from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { vi } from "vitest"
import { sleepingFor, until, watchingSleeps } from "../../../test-support/Settle.js"
import type * as GateModule from "../src/internal/RateLimitGate.js"
import { StubHttpClient, testJobId } from "../src/testing/index.js"
import { bulkJobsOn, wireJobs, withBulkJobs } from "./fixtures.js"

vi.mock("../src/internal/RateLimitGate.js", async (importOriginal) => {
  const original = await importOriginal<typeof GateModule>()
  const { Deferred, Effect, Ref } = await import("effect")
  const makeRateLimitGate: typeof original.makeRateLimitGate = (reserve) =>
    Effect.gen(function*() {
      const gate = yield* original.makeRateLimitGate(reserve)
      const slot = yield* Ref.make<{
        readonly held: boolean
        readonly waiting: ReadonlyArray<DeferredTypes.Deferred<void>>
      }>({ held: false, waiting: [] })
      // The slot goes straight to the first request waiting for it, which runs at once (it was
      // woken before this fiber yields), before the request that gave it back goes on.
      const handOn = Effect.flatMap(
        Ref.modify(slot, ({ waiting: [next, ...rest] }) =>
          next === undefined
            ? [undefined, { held: false, waiting: [] }]
            : [next, { held: true, waiting: rest }]),
        (next) =>
          next === undefined
            ? Effect.void
            : Effect.zipRight(Deferred.succeed(next, undefined), Effect.yieldNow())
      )
      const acquire = (maxWait: Parameters<GateModule.RateLimitGate["acquire"]>[0]) =>
        Effect.gen(function*() {
          const turn = yield* Deferred.make<void>()
          const free = yield* Ref.modify(slot, (state) =>
            state.held
              ? [false, { ...state, waiting: [...state.waiting, turn] }]
              : [true, { ...state, held: true }])
          if (!free) yield* Deferred.await(turn)
          return yield* Effect.tapError(gate.acquire(maxWait), () => handOn)
        })
      return {
        acquire,
        release: (observed) => Effect.zipRight(gate.release(observed), handOn),
        block: gate.block
      }
    })
  return { ...original, makeRateLimitGate }
})

const [first, second] = wireJobs(2)

describe("a 429 and the request waiting for its slot", () => {
  it.effect("the waiting request finds the account blocked: it is sent after Retry-After, not in between", () =>
    watchingSleeps(Effect.gen(function*() {
      const paths: Array<string> = []
      const handler: StubHttpClient.StubHandler = (request) => {
        paths.push(request.url.pathname.split("/").at(-1) ?? "")
        const rateLimited = paths.length === 1
        return rateLimited
          // The first answer comes after 10 seconds, so the second request is waiting by then.
          ? Effect.delay(
            Effect.succeed(
              StubHttpClient.failure(429, [{ code: 10429, message: "Rate limited" }], { "retry-after": "30" })
            ),
            "10 seconds"
          )
          : StubHttpClient.single(request.url.pathname.endsWith(testJobId(2)) ? second : first)
      }
      yield* withBulkJobs(bulkJobsOn(handler), (jobs) =>
        Effect.gen(function*() {
          const a = yield* Effect.fork(jobs.get(testJobId(1)))
          yield* sleepingFor("10 seconds")
          const b = yield* Effect.fork(jobs.get(testJobId(2)))
          yield* until(
            "the second request to wait for the slot",
            Effect.map(Fiber.status(b), (s) => s._tag === "Suspended")
          )
          expect(paths).toEqual([testJobId(1)])

          yield* TestClock.adjust("10 seconds")
          // The waiting request got the slot and waits out the 30 seconds at the gate (the 429's
          // request, to be sent again, now waits for the slot in turn).
          yield* sleepingFor("30 seconds")
          expect(paths).toEqual([testJobId(1)])

          yield* TestClock.adjust("29 seconds")
          yield* sleepingFor("1 second")
          expect(paths).toEqual([testJobId(1)])
          yield* TestClock.adjust("1 second")
          yield* Fiber.join(a)
          yield* Fiber.join(b)
          expect(paths).toEqual([testJobId(1), testJobId(2), testJobId(1)])
        }))
    })))
})
