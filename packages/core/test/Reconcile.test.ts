// A create whose answer was lost finds the job it made among the newest jobs, or fails saying what
// it saw; it is never sent twice. Time is the TestClock's.
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import { withTime } from "../../../test-support/Settle.js"
import { BulkJob, type CreateJobParams } from "../src/index.js"
import { makeTestJob, StubHttpClient } from "../src/testing/index.js"
import { bulkJobsOn, withBulkJobs } from "./fixtures.js"

const now = Date.parse("2026-11-29T10:00:00Z")
const params: CreateJobParams = {
  action: "MOVE",
  destination: "JunkEmail",
  search_params: { sender: "phish@example.com", start: new Date("2026-11-01T00:00:00Z") },
  comment: "incident 42"
}
const encodeJob = Schema.encodeSync(BulkJob)

/** The job the create would make, created `atMillis`, with fields overridden. */
const madeJob = (n: number, atMillis: number, overrides: Partial<BulkJob> = {}): unknown =>
  encodeJob(makeTestJob(n, {
    status: "PENDING",
    action_type: "MOVE",
    action_params: { type: "MOVE", destination: "JunkEmail" },
    search_params: {
      detections_only: true,
      submissions: false,
      sender: "phish@example.com",
      start: new Date("2026-11-01T00:00:00Z")
    },
    comment: "incident 42",
    created_at: new Date(atMillis),
    ...overrides
  }))

/**
 * A stub API: `POST` answers with `postAnswer` and may make `made` jobs, `GET` lists what exists
 * newest first. Records every request.
 */
const api = (postAnswer: () => Response) => {
  const jobs: Array<unknown> = []
  const requests: Array<StubHttpClient.StubRequest> = []
  const handler: StubHttpClient.StubHandler = (request) => {
    requests.push(request)
    if (request.method === "POST") return postAnswer()
    const perPage = Number(request.url.searchParams.get("per_page") ?? "20")
    return StubHttpClient.page(jobs.slice(0, perPage), perPage)
  }
  const posts = () => requests.filter((request) => request.method === "POST").length
  const lists = () => requests.filter((request) => request.method === "GET").length
  return { jobs, requests, handler, posts, lists }
}

const unavailable = () => StubHttpClient.failure(503, [{ code: 10503, message: "Service unavailable" }])

/** Runs `create` against `stub`, moving the clock a second at a time until it ends. */
const createAgainst = (stub: ReturnType<typeof api>, onSecond: (second: number) => void = () => {}) =>
  Effect.zipRight(
    TestClock.setTime(now),
    withTime(
      withBulkJobs(bulkJobsOn(stub.handler, { maxRetries: 0 }), (jobs) => Effect.either(jobs.create(params))),
      onSecond
    )
  )

describe("a create whose answer was lost", () => {
  it.effect("returns the job it made when exactly one new job matches (the job made, then a 503)", () =>
    Effect.gen(function*() {
      const stub = api(() => {
        stub.jobs.unshift(madeJob(7, now + 300))
        return unavailable()
      })
      stub.jobs.push(madeJob(6, now - 3_600_000)) // the same create an hour ago: not this one
      const result = yield* createAgainst(stub)
      expect(result._tag).toBe("Right")
      if (result._tag === "Right") expect(result.right.comment).toBe("incident 42")
      if (result._tag === "Right") expect(result.right.created_at.getTime()).toBe(now + 300)
      expect(stub.posts()).toBe(1)
      expect(stub.lists()).toBe(1)
    }))

  it.effect("finds a job that appears late, and still sends the create once", () =>
    Effect.gen(function*() {
      const stub = api(unavailable)
      const result = yield* createAgainst(stub, (second) => {
        if (second === 4) stub.jobs.unshift(madeJob(7, now + 200))
      })
      expect(result._tag).toBe("Right")
      expect(stub.posts()).toBe(1)
      expect(stub.lists()).toBeGreaterThanOrEqual(4)
    }))

  it.effect("fails after the search time when no job appears, saying how to check", () =>
    Effect.gen(function*() {
      const stub = api(unavailable)
      stub.jobs.push(madeJob(5, now + 100, { comment: "another incident" }))
      stub.jobs.push(madeJob(4, now + 100, { action_params: { type: "MOVE", destination: "Inbox" } }))
      const result = yield* createAgainst(stub)
      expect(result._tag).toBe("Left")
      if (result._tag === "Left") {
        expect(result.left._tag).toBe("UnconfirmedCreateError")
        expect(result.left.message).toMatch(/no job matching it appeared within 10s: the job may exist/)
        expect(result.left.message).toMatch(/list the newest MOVE jobs before creating it again/)
        // One sentence naming the request once: `POST … lost its answer (failed with 503 …)`.
        expect(result.left.message).toMatch(/^POST \S+ lost its answer \(failed with 503/)
        expect(result.left.message.split("/email-security/")).toHaveLength(2)
      }
      expect(stub.posts()).toBe(1)
      // A look a second for 10 s: the one due at 10 s may or may not start before the time is up.
      expect(stub.lists()).toBeGreaterThanOrEqual(10)
      expect(stub.lists()).toBeLessThanOrEqual(11)
    }))

  it.effect("fails listing the jobs when more than one matches (two identical creates a second apart)", () =>
    Effect.gen(function*() {
      const stub = api(() => {
        stub.jobs.unshift(madeJob(8, now + 400))
        return unavailable()
      })
      stub.jobs.push(madeJob(7, now - 1_000))
      const result = yield* createAgainst(stub)
      expect(result._tag).toBe("Left")
      if (result._tag === "Left" && result.left._tag === "UnconfirmedCreateError") {
        expect(result.left.matches).toHaveLength(2)
        expect(result.left.message).toMatch(/2 jobs created since match it/)
      }
      expect(stub.posts()).toBe(1)
    }))

  it.effect("a connection cut after sending is reconciled too", () =>
    Effect.gen(function*() {
      const stub = api(() => new Response(null, { status: 204 }))
      const cut: StubHttpClient.StubHandler = (request) => {
        if (request.method !== "POST") return stub.handler(request)
        stub.requests.push(request)
        stub.jobs.unshift(madeJob(9, now + 50))
        return StubHttpClient.connectionReset(request)
      }
      yield* TestClock.setTime(now)
      const result = yield* withBulkJobs(bulkJobsOn(cut, { maxRetries: 0 }), (jobs) =>
        Effect.either(jobs.create(params)))
      expect(result._tag).toBe("Right")
      expect(stub.posts()).toBe(1)
    }))

  it.effect("a refusal the server certainly made (400) is not reconciled", () =>
    Effect.gen(function*() {
      const stub = api(() => StubHttpClient.failure(400, [{ code: 10400, message: "bad search" }]))
      stub.jobs.push(madeJob(7, now + 100))
      const result = yield* createAgainst(stub)
      expect(result._tag).toBe("Left")
      if (result._tag === "Left") expect(result.left._tag).toBe("CloudflareApiError")
      expect(stub.lists()).toBe(0)
    }))
})

describe("reconcileTimeout", () => {
  it.effect("0 looks once, at once", () =>
    Effect.gen(function*() {
      const stub = api(unavailable)
      yield* TestClock.setTime(now)
      const result = yield* withBulkJobs(
        bulkJobsOn(stub.handler, { maxRetries: 0, reconcileTimeout: 0 }),
        (jobs) => Effect.either(jobs.create(params))
      )
      expect(result._tag).toBe("Left")
      if (result._tag === "Left") {
        expect(result.left.message).toMatch(/no job matching it appeared within 0s: /)
      }
      expect(stub.posts()).toBe(1)
      expect(stub.lists()).toBe(1)
    }))
})
