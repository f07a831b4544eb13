// A create whose answer is lost, in each way the emulator can lose it, through core's real client
// on the in-process emulator: the library finds the job it made (or says it could not), and the
// request log shows the create sent once. Time is the TestClock's.
import { BulkJobs, type CreateJobParams } from "@cfbulk/core"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { withTime } from "../../../test-support/Settle.js"
import { EmulatorControl, Fault } from "../src/index.js"
import { clientAndEmulator } from "./support/Layers.js"

const params: CreateJobParams = {
  action: "MOVE",
  destination: "JunkEmail",
  search_params: { sender: "phish@example.com", start: new Date("2026-11-01T00:00:00Z") },
  comment: "incident 42"
}

/** Creates with `fault` on the POST, moving the clock a second at a time until the create ends. */
const createWith = (fault: Fault | undefined) =>
  Effect.gen(function*() {
    const control = yield* EmulatorControl
    const jobs = yield* BulkJobs
    if (fault !== undefined) yield* control.enqueue(fault, { method: "POST" })
    const result = yield* withTime(Effect.either(jobs.create(params)))
    const posts = (yield* control.requests).filter((entry) => entry.method === "POST")
    return { result, posts, jobCount: yield* control.jobCount }
  })

const emulator = () => clientAndEmulator({ jobs: 30, rateLimit: false }, { maxRetries: 2 })

describe("a create whose answer the emulator loses", () => {
  it.effect("the job made, then a 503: the create returns that job", () =>
    Effect.gen(function*() {
      const { jobCount, posts, result } = yield* createWith(Fault.LoseAnswer({ as: "ServerError" }))
      expect(result._tag).toBe("Right")
      if (result._tag === "Right") expect(result.right.comment).toBe("incident 42")
      expect(posts.map((entry) => entry.status)).toEqual([503])
      expect(jobCount).toBe(31)
    }).pipe(Effect.provide(emulator())))

  it.effect("the job made, then the connection cut: the create returns that job", () =>
    Effect.gen(function*() {
      const { posts, result } = yield* createWith(Fault.LoseAnswer({ as: "Reset" }))
      expect(result._tag).toBe("Right")
      expect(posts).toHaveLength(1)
    }).pipe(Effect.provide(emulator())))

  it.effect("a 503 with no job made: an UnconfirmedCreateError after the search, nothing sent again", () =>
    Effect.gen(function*() {
      const { jobCount, posts, result } = yield* createWith(Fault.ServerError({ status: 503 }))
      expect(result._tag).toBe("Left")
      if (result._tag === "Left") {
        expect(result.left._tag).toBe("UnconfirmedCreateError")
        expect(result.left.message).toMatch(/no job matching it appeared within 10s/)
      }
      expect(posts).toHaveLength(1)
      expect(jobCount).toBe(30)
    }).pipe(Effect.provide(emulator())))

  it.effect("a job that appears 4 s late is found", () =>
    Effect.gen(function*() {
      const { posts, result } = yield* createWith(
        Fault.LoseAnswer({ as: "ServerError", visibleAfterMillis: 4_000 })
      )
      expect(result._tag).toBe("Right")
      expect(posts).toHaveLength(1)
    }).pipe(Effect.provide(emulator())))

  it.effect("a job that appears after the search time is not found, and the error says so", () =>
    Effect.gen(function*() {
      const { posts, result } = yield* createWith(
        Fault.LoseAnswer({ as: "ServerError", visibleAfterMillis: 60_000 })
      )
      expect(result._tag).toBe("Left")
      if (result._tag === "Left") expect(result.left._tag).toBe("UnconfirmedCreateError")
      expect(posts).toHaveLength(1)
    }).pipe(Effect.provide(emulator())))
})

describe("a job hidden by LoseAnswer", () => {
  it.effect("is neither listed nor found by id until its time, then both", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobs = yield* BulkJobs
      yield* control.enqueue(Fault.LoseAnswer({ as: "ServerError", visibleAfterMillis: 5_000 }), {
        method: "POST"
      })
      const before = (yield* jobs.listPage({ per_page: 5 })).items.map((job) => job.comment)
      // Looked for once (reconcileTimeout 0) while still hidden: not found.
      const result = yield* Effect.either(jobs.create(params))
      expect(result._tag).toBe("Left")
      const hidden = (yield* jobs.listPage({ per_page: 5 })).items.map((job) => job.comment)
      expect(hidden).toEqual(before)
      expect(yield* control.jobCount).toBe(31)
      yield* TestClock.adjust("5 seconds")
      const shown = (yield* jobs.listPage({ per_page: 5 })).items
      expect(shown[0]?.comment).toBe("incident 42")
      const byId = shown[0] === undefined ? undefined : yield* jobs.get(shown[0].job_id)
      expect(byId?.comment).toBe("incident 42")
    }).pipe(
      Effect.provide(
        clientAndEmulator({ jobs: 30, rateLimit: false }, { maxRetries: 0, reconcileTimeout: 0 })
      )
    ))
})
