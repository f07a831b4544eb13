import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Queue from "effect/Queue"
import * as Stream from "effect/Stream"
import { until } from "../../../test-support/Settle.js"
import { StubHttpClient, testJobId } from "../src/testing/index.js"
import { bulkJobsOn, jobsApi, wireJobs, withBulkJobs } from "./fixtures.js"

const idOf = (n: number) => testJobId(n)
/** Ids of `count` test jobs, newest first, as the API lists them. */
const expectedIds = (count: number) => Array.from({ length: count }, (_, i) => idOf(count - i))

/** Requests a one-page-at-a-time client needs: every page, plus the empty one after an exact multiple. */
const sequentialRequests = (count: number, perPage: number) => Math.floor(count / perPage) + 1

const listAll = (count: number, params: { per_page: number; concurrency?: number; limit?: number }) =>
  Effect.gen(function*() {
    const jobs = wireJobs(count)
    const api = jobsApi(() => jobs)
    const listed = yield* withBulkJobs(
      bulkJobsOn(api.handler),
      (service) => Stream.runCollect(service.list(params))
    )
    return { ids: Chunk.toReadonlyArray(listed).map((job) => job.job_id), requests: api.requests }
  })

describe("BulkJobs.list pagination", () => {
  it.effect("a list shorter than one page costs exactly one request", () =>
    Effect.gen(function*() {
      const { ids, requests } = yield* listAll(7, { per_page: 10 })
      expect(ids).toEqual(expectedIds(7))
      expect(requests).toHaveLength(1)
      expect(requests[0]?.url.searchParams.get("page")).toBe("1")
      expect(requests[0]?.url.searchParams.get("per_page")).toBe("10")
    }))

  it.effect("an empty list costs one request", () =>
    Effect.gen(function*() {
      const { ids, requests } = yield* listAll(0, { per_page: 10 })
      expect(ids).toEqual([])
      expect(requests).toHaveLength(1)
    }))

  it.effect("defaults to per_page 1000, the API's maximum", () =>
    Effect.gen(function*() {
      const { requests } = yield* listAll(3, { per_page: 1000 })
      const api = jobsApi(() => wireJobs(3))
      yield* withBulkJobs(bulkJobsOn(api.handler), (service) => Stream.runDrain(service.list()))
      expect(api.requests[0]?.url.searchParams.get("per_page")).toBe("1000")
      expect(requests).toHaveLength(1)
    }))

  for (const concurrency of [1, 2, 4, 8]) {
    it.effect(`never costs more than concurrency - 1 requests beyond one-at-a-time paging (concurrency ${concurrency})`, () =>
      Effect.gen(function*() {
        const perPage = 10
        for (const count of [0, 5, 10, 11, 19, 20, 21, 30, 35, 40, 50, 99, 100, 101, 250]) {
          const { ids, requests } = yield* listAll(count, { per_page: perPage, concurrency })
          expect(ids).toEqual(expectedIds(count))
          const sequential = sequentialRequests(count, perPage)
          expect(requests.length).toBeGreaterThanOrEqual(sequential)
          expect(requests.length - sequential, `count ${count}`).toBeLessThanOrEqual(concurrency - 1)
          const pages = requests.map((request) => Number(request.url.searchParams.get("page")))
          expect(new Set(pages).size).toBe(pages.length)
        }
      }))
  }

  it.effect("pipelines pages: after two full pages, `concurrency` requests are in flight at once, never more", () =>
    Effect.gen(function*() {
      const jobs = wireJobs(100)
      // Each request is held until the test lets it go, so what is in flight depends on the
      // paginator alone, never on how fast this machine is.
      const releases = yield* Queue.unbounded<void>()
      let started = 0
      let inFlight = 0
      let peak = 0
      const api = jobsApi(() => jobs)
      const handler = (request: Parameters<typeof api.handler>[0]) =>
        Effect.gen(function*() {
          started++
          inFlight++
          peak = Math.max(peak, inFlight)
          yield* Queue.take(releases)
          inFlight--
          return api.handler(request)
        })
      const listing = yield* Effect.fork(withBulkJobs(
        bulkJobsOn(handler),
        (service) => Stream.runCollect(service.list({ per_page: 10, concurrency: 4 }))
      ))
      for (const page of [1, 2]) {
        yield* until(`page ${page} alone in flight`, Effect.sync(() => inFlight === 1 && started === page))
        yield* Queue.offer(releases, undefined)
      }
      yield* until("four pages in flight", Effect.sync(() => inFlight === 4))
      yield* Queue.offerAll(releases, Array.from({ length: 20 }, () => undefined))
      const listed = yield* Fiber.join(listing)
      expect(Chunk.size(listed)).toBe(100)
      expect(peak).toBe(4)
    }))

  it.effect("starts at `page` and stops at `limit` without fetching pages it does not need", () =>
    Effect.gen(function*() {
      const jobs = wireJobs(100)
      const api = jobsApi(() => jobs)
      const limited = yield* withBulkJobs(
        bulkJobsOn(api.handler),
        (service) => Stream.runCollect(service.list({ per_page: 10, limit: 25, page: 3 }))
      )
      expect(Chunk.toReadonlyArray(limited).map((job) => job.job_id)).toEqual(expectedIds(100).slice(20, 45))
      // pages 3, 4 and 5 hold jobs 21..50: nothing past page 5 is needed
      expect(api.requests.map((request) => request.url.searchParams.get("page"))).toEqual(["3", "4", "5"])
    }))

  it.effect("keeps order and drops the duplicate when a job is created between page 1 and page 2", () =>
    Effect.gen(function*() {
      const jobs = wireJobs(25)
      const newJob = wireJobs(26)[0]
      let served = 0
      const api = jobsApi(() => {
        served++
        // the new job lands at the head of the list after page 1 was served: page 2 repeats job 16
        return served === 1 ? jobs : [newJob, ...jobs]
      })
      const listed = yield* withBulkJobs(
        bulkJobsOn(api.handler),
        (service) => Stream.runCollect(service.list({ per_page: 10, concurrency: 1 }))
      )
      const ids = Chunk.toReadonlyArray(listed).map((job) => job.job_id)
      expect(ids).toEqual(expectedIds(25))
      expect(new Set(ids).size).toBe(ids.length)
    }))

  it.effect("does not stop on `next: null` alone (the bulk endpoints always send it)", () =>
    Effect.gen(function*() {
      const { ids, requests } = yield* listAll(35, { per_page: 10, concurrency: 1 })
      expect(ids).toHaveLength(35)
      expect(requests).toHaveLength(4)
    }))

  it.effect("stops on a page shorter than the per_page the server echoes, even below the one requested", () =>
    Effect.gen(function*() {
      const jobs = wireJobs(12)
      const requests: Array<string> = []
      // a server that caps per_page at 5 and says so in result_info
      const layer = bulkJobsOn((request) => {
        const page = Number(request.url.searchParams.get("page"))
        requests.push(String(page))
        const items = jobs.slice((page - 1) * 5, page * 5)
        return StubHttpClient.page(items, 5)
      })
      const listed = yield* withBulkJobs(
        layer,
        (service) => Stream.runCollect(service.list({ per_page: 10, concurrency: 1 }))
      )
      expect(Chunk.size(listed)).toBe(12)
      expect(requests).toEqual(["1", "2", "3"])
    }))

  it.effect("passes the status and action_type filters to every page", () =>
    Effect.gen(function*() {
      const api = jobsApi(() => wireJobs(3))
      yield* withBulkJobs(
        bulkJobsOn(api.handler),
        (service) => Stream.runDrain(service.list({ status: "PROCESSING", action_type: "RELEASE" }))
      )
      expect(api.requests[0]?.url.searchParams.get("status")).toBe("PROCESSING")
      expect(api.requests[0]?.url.searchParams.get("action_type")).toBe("RELEASE")
      expect(api.requests[0]?.url.pathname).toBe(
        "/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/email-security/investigate/bulk"
      )
    }))
})
