import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { testJobId } from "../src/testing/index.js"
import { accountId, bulkJobsOn, jobsApi, recordingTracer, wireJobs, withBulkJobs } from "./fixtures.js"

describe("tracing", () => {
  it.effect("each page of a listing runs in a span with the account, page, page size and filters", () =>
    Effect.gen(function*() {
      const jobs = wireJobs(25)
      const api = jobsApi(() => jobs)
      const { spans, tracer } = recordingTracer()
      yield* withBulkJobs(
        bulkJobsOn(api.handler),
        (service) => Stream.runDrain(service.list({ per_page: 10, status: "COMPLETED", concurrency: 1 }))
      ).pipe(Effect.withTracer(tracer))
      const pages = spans.filter((span) => span.name === "BulkJobs.list.page")
      expect(pages.map((span) => span.attributes.get("cfbulk.page"))).toEqual([1, 2, 3])
      for (const span of pages) {
        expect(span.attributes.get("cloudflare.account_id")).toBe(accountId)
        expect(span.attributes.get("cfbulk.per_page")).toBe(10)
        expect(span.attributes.get("cfbulk.filter.status")).toBe("COMPLETED")
        expect(span.attributes.has("cfbulk.filter.action_type")).toBe(false)
      }
      // Each page is read ahead under that span, then decoded under its own when the stream reaches it.
      const decodes = spans.filter((span) => span.name === "BulkJobs.list.page.decode")
      expect(decodes.map((span) => span.attributes.get("cfbulk.page"))).toEqual([1, 2, 3])
    }))

  it.effect("single operations run in their own span", () =>
    Effect.gen(function*() {
      const [job] = wireJobs(1)
      const { spans, tracer } = recordingTracer()
      yield* withBulkJobs(
        bulkJobsOn(() => Response.json({ success: true, errors: [], messages: [], result: job })),
        (service) => service.get(testJobId(1))
      ).pipe(Effect.withTracer(tracer))
      const get = spans.find((span) => span.name === "BulkJobs.get")
      expect(get?.attributes.get("cloudflare.account_id")).toBe(accountId)
    }))
})
