import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { BulkJobsError, CreateJobParams, ListJobsParams } from "../src/index.js"
import { StubHttpClient, testJobId } from "../src/testing/index.js"
import { bulkJobsOn, withBulkJobs } from "./fixtures.js"

/** A stub that fails the test's expectations if anything is sent. */
const noRequests = () => {
  const sent: Array<string> = []
  const handler = (request: StubHttpClient.StubRequest) => {
    sent.push(request.url.href)
    return StubHttpClient.page([], 20)
  }
  return { sent, handler }
}

const badListParams: ReadonlyArray<[string, ListJobsParams, string]> = [
  ["per_page 0", { per_page: 0 }, "per_page must be a whole number from 1 to 1000"],
  ["per_page 1001", { per_page: 1001 }, "per_page must be a whole number from 1 to 1000"],
  ["per_page 2.5", { per_page: 2.5 }, "per_page: Expected an integer, actual 2.5"],
  ["page 0", { page: 0 }, "page must be a whole number from 1"],
  ["limit 0", { limit: 0 }, "limit"],
  ["concurrency 0", { concurrency: 0 }, "concurrency"]
]

describe("invalid input fails before any request", () => {
  for (const [name, params, message] of badListParams) {
    it.effect(`list with ${name}`, () =>
      Effect.gen(function*() {
        const api = noRequests()
        const error = yield* withBulkJobs(
          bulkJobsOn(api.handler),
          (jobs) => Stream.runDrain(jobs.list(params))
        )
          .pipe(Effect.flip)
        expect(error._tag).toBe("ValidationError")
        expect(error.message).toContain(message)
        // The field is named once, and an optional field's `undefined` alternative is no second problem.
        expect(error.message).not.toMatch(/\(and \d+ more\)|(\w+): \1 /)
        expect(api.sent).toEqual([])
      }))
  }

  it.effect("a status the API does not accept as a filter", () =>
    Effect.gen(function*() {
      const api = noRequests()
      const params: Record<string, unknown> = { status: "DONE" }
      const error = yield* withBulkJobs(bulkJobsOn(api.handler), (jobs) => jobs.listPage(params)).pipe(
        Effect.flip
      )
      expect(error._tag).toBe("ValidationError")
      expect(api.sent).toEqual([])
    }))

  for (const jobId of ["", "123", "not-a-uuid", "f174e90a-fafe-4643-bbbc-4a0ed4fc841", "../../accounts"]) {
    it.effect(`a malformed job id ${JSON.stringify(jobId)} for get, cancel, delete and messages`, () =>
      Effect.gen(function*() {
        const api = noRequests()
        const layer = bulkJobsOn(api.handler)
        for (const operation of ["get", "cancel", "delete"] as const) {
          const error = yield* withBulkJobs(
            layer,
            (jobs): Effect.Effect<unknown, BulkJobsError> => jobs[operation](jobId)
          ).pipe(Effect.flip)
          expect(error._tag).toBe("ValidationError")
          expect(error.message).toContain("is not a job id")
        }
        const error = yield* withBulkJobs(layer, (jobs) => Stream.runDrain(jobs.messages(jobId))).pipe(
          Effect.flip
        )
        expect(error._tag).toBe("ValidationError")
        expect(api.sent).toEqual([])
      }))
  }

  const badCreates: ReadonlyArray<[string, CreateJobParams, string]> = [
    [
      "MOVE without a destination",
      { action: "MOVE", search_params: {} },
      "destination is required when action is MOVE"
    ],
    [
      "RELEASE with a destination",
      { action: "RELEASE", search_params: {}, destination: "Inbox" },
      "only applies to MOVE"
    ],
    [
      "start after end",
      { action: "RELEASE", search_params: { start: new Date("2026-02-01"), end: new Date("2026-01-01") } },
      "start must not be after end"
    ]
  ]
  for (const [name, params, message] of badCreates) {
    it.effect(`create: ${name}`, () =>
      Effect.gen(function*() {
        const api = noRequests()
        const error = yield* withBulkJobs(bulkJobsOn(api.handler), (jobs) => jobs.create(params)).pipe(
          Effect.flip
        )
        expect(error._tag).toBe("ValidationError")
        expect(error.message).toContain(message)
        expect(api.sent).toEqual([])
      }))
  }

  it.effect("create sends the exact body: dates as ISO strings, no deprecated fields", () =>
    Effect.gen(function*() {
      const bodies: Array<unknown> = []
      const layer = bulkJobsOn((request) => {
        bodies.push(request.body)
        return StubHttpClient.single({
          job_id: testJobId(9),
          action_type: "MOVE",
          action_params: { type: "MOVE", destination: "JunkEmail" },
          search_params: {},
          status: "PENDING",
          total_messages_discovered: 0,
          messages_pending: 0,
          messages_successful: 0,
          messages_failed: 0,
          created_at: "2026-11-28T00:00:00Z"
        }, 201)
      })
      const created = yield* withBulkJobs(layer, (jobs) =>
        jobs.create({
          action: "MOVE",
          destination: "JunkEmail",
          search_params: { sender: "spam@example.com", start: new Date("2026-11-01T00:00:00Z") },
          comment: "cleanup"
        }))
      expect(created.status).toBe("PENDING")
      expect(bodies).toEqual([{
        action: "MOVE",
        destination: "JunkEmail",
        search_params: { sender: "spam@example.com", start: "2026-11-01T00:00:00.000Z" },
        comment: "cleanup"
      }])
    }))
})
