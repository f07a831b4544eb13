// moveMessages and releaseMessages through the real client: the endpoints beside the bulk jobs,
// validated before sending, sent once, decoded leniently; and the spans of a retry.
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { InvestigateId, type MoveRequest, type RepeatRisk, TransportError } from "../src/index.js"
import { makeTestJob, makeTestMessage, StubHttpClient, testInvestigateId } from "../src/testing/index.js"
import { accountId, bulkJobsOn, recordingTracer, withBulkJobs } from "./fixtures.js"
import { investigateApi, wireJob } from "./support/InvestigateApi.js"

const investigateId = Schema.decodeSync(InvestigateId)
const base = `/client/v4/accounts/${accountId}/email-security/investigate`

/** A stub answering every request with `answer`, recording them. */
const answering = (
  answer: (request: StubHttpClient.StubRequest) => ReturnType<StubHttpClient.StubHandler>
) => {
  const requests: Array<StubHttpClient.StubRequest> = []
  const handler: StubHttpClient.StubHandler = (request) => {
    requests.push(request)
    return answer(request)
  }
  return { requests, handler }
}

describe("moveMessages and releaseMessages", () => {
  it.effect("POST …/investigate/move and …/investigate/release with the exact body, answers decoded", () =>
    Effect.gen(function*() {
      const api = answering((request) =>
        StubHttpClient.single(
          request.url.pathname.endsWith("/move")
            ? [{ success: true, message_id: "m-1", completed_at: "2026-02-01T12:00:00Z", extra: "kept" }]
            : [{ id: "m-1", delivered: ["a@example.com"], undelivered: null, failed: null }]
        )
      )
      const [moved, released] = yield* withBulkJobs(bulkJobsOn(api.handler), (jobs) =>
        Effect.all([
          jobs.moveMessages({ destination: "Inbox", ids: [investigateId("m-1")] }),
          jobs.releaseMessages({ ids: [investigateId("m-1")] })
        ]))
      expect(api.requests.map((request) => [request.method, request.url.pathname, request.body])).toEqual([
        ["POST", `${base}/move`, { destination: "Inbox", ids: ["m-1"] }],
        ["POST", `${base}/release`, { ids: ["m-1"] }]
      ])
      expect(moved).toEqual([
        { success: true, message_id: "m-1", completed_at: new Date("2026-02-01T12:00:00Z"), extra: "kept" }
      ])
      expect(released).toEqual([{ id: "m-1", delivered: ["a@example.com"], undelivered: null, failed: null }])
    }))

  it.effect("the bulk job endpoints keep their paths", () =>
    Effect.gen(function*() {
      const job = makeTestJob(1)
      const api = answering(() => StubHttpClient.single(wireJob(job)))
      yield* withBulkJobs(bulkJobsOn(api.handler), (jobs) =>
        Effect.all([jobs.get(job.job_id), jobs.cancel(job.job_id)]))
      expect(api.requests.map((request) =>
        request.url.pathname
      )).toEqual([
        `${base}/bulk/${job.job_id}`,
        `${base}/bulk/${job.job_id}/cancel`
      ])
    }))

  it.effect("a bad request fails with ValidationError and sends nothing", () =>
    Effect.gen(function*() {
      const api = answering(() => StubHttpClient.single([]))
      const tooMany = Array.from({ length: 1_001 }, (_, i) => testInvestigateId(i))
      const bad: ReadonlyArray<readonly [MoveRequest, string]> = [
        [{ destination: "Inbox", ids: [] }, "move request: ids must name at least one message"],
        [{ destination: "Inbox", ids: tooMany }, "ids takes at most 1000 messages a call"]
      ]
      for (const [request, issue] of bad) {
        const error = yield* Effect.flip(
          withBulkJobs(bulkJobsOn(api.handler), (jobs) => jobs.moveMessages(request))
        )
        expect(error._tag).toBe("ValidationError")
        expect(error.message).toContain(issue)
      }
      const release = yield* Effect.flip(
        withBulkJobs(bulkJobsOn(api.handler), (jobs) => jobs.releaseMessages({ ids: tooMany }))
      )
      expect(release.message).toContain("release request: ids takes at most 1000 messages a call")
      expect(api.requests).toEqual([])
    }))

  it.effect("a 503 is not resent, and the error says the messages may have been acted on", () =>
    Effect.gen(function*() {
      const api = answering(() =>
        StubHttpClient.failure(503, [{ code: 10503, message: "Service unavailable" }])
      )
      const error = yield* Effect.flip(
        withBulkJobs(bulkJobsOn(api.handler), (jobs) => jobs.releaseMessages({ ids: [investigateId("m-1")] }))
      )
      expect(api.requests).toHaveLength(1)
      expect(error._tag === "CloudflareApiError" ? error.outcomeUnknown : undefined).toBe(true)
      expect(error._tag === "CloudflareApiError" ? error.request.repeatRisk : undefined).toBe(
        "ActsOnMessages"
      )
      expect(error.message).toBe(
        `POST ${base}/release failed with 503: [10503] Service unavailable; the request may have reached ` +
          "Cloudflare and acted on the messages: check them before sending it again"
      )
    }))
})

describe("what an error with an unknown outcome tells to check", () => {
  it("follows what the request would repeat, whatever its path", () => {
    const path = `${base}/bulk`
    const lost = (repeatRisk?: RepeatRisk) =>
      new TransportError({
        request: { method: "POST", path, ...(repeatRisk === undefined ? {} : { repeatRisk }) },
        reason: "Connection",
        detail: "socket hang up",
        outcomeUnknown: true
      }).message
    expect(lost("CreatesJob")).toContain(
      "so the job may exist: list the newest jobs before creating it again"
    )
    expect(lost("ActsOnMessages")).toContain("acted on the messages: check them before sending it again")
    expect(lost()).toBe(
      `POST ${path} broke off: socket hang up; the request may have reached Cloudflare and acted: check before sending it again`
    )
  })
})

describe("tracing a retry", () => {
  it.effect("the retry, each of its calls and each move run in spans, with counts and no credentials", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-02-01T12:00:00Z"))
      const job = makeTestJob(1)
      const api = investigateApi({
        job: wireJob(job),
        messages: Array.from({ length: 1_500 }, (_, i) => makeTestMessage(i + 1))
      })
      const { spans, tracer } = recordingTracer()
      yield* withBulkJobs(bulkJobsOn(api.handler), (jobs) => Stream.runDrain(jobs.retryFailed(job.job_id)))
        .pipe(
          Effect.withTracer(tracer)
        )
      const named = (name: string) => spans.filter((span) => span.name === name)
      const [retry] = named("BulkJobs.retryFailed")
      expect(retry?.attributes.get("cfbulk.job_id")).toBe(job.job_id)
      expect(retry?.attributes.get("cloudflare.account_id")).toBe(accountId)
      expect(
        named("BulkJobs.retryFailed.batch").map((
          span
        ) => [span.attributes.get("cfbulk.batch"), span.attributes.get("cfbulk.ids")])
      )
        .toEqual([[1, 1_000], [2, 500]])
      expect(
        named("BulkJobs.moveMessages").map((span) => [
          span.attributes.get("cfbulk.ids"),
          span.attributes.get("cfbulk.destination"),
          span.attributes.get("url.path")
        ])
      ).toEqual([[1_000, "JunkEmail", "/move"], [500, "JunkEmail", "/move"]])
      const everything = JSON.stringify(spans.map((span) => [...span.attributes.entries()]))
      expect(everything).not.toContain("tok-SECRET")
    }))
})
