import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Deferred from "effect/Deferred"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { sleepingFor, until, waitingOnClock, watchingSleeps } from "../../../test-support/Settle.js"
import type { BulkJobsError, ConfigurationError } from "../src/index.js"
import { StubHttpClient, testJobId } from "../src/testing/index.js"
import { bulkJobsOn, jobsApi, wireJobs, withBulkJobs } from "./fixtures.js"

// The stub answers through real promises, so a forked fiber needs turns of the event loop to reach
// its next wait. Each test waits for that wait (`sleepingFor`), for a request (`sent`) or for a fiber
// to end (`Fiber.join`, `ended`) before it moves the TestClock: none waits for an amount of real time.

const jobId = testJobId(1)
const [job] = wireJobs(1)
const createParams = { action: "RELEASE", search_params: { sender: "a@example.com" } } as const

/** A stub that answers the n-th request (0-based) with `answers[n]`, then with the last one. */
const scripted = (
  answers: ReadonlyArray<(request: StubHttpClient.StubRequest) => ReturnType<StubHttpClient.StubHandler>>
) => {
  const requests: Array<StubHttpClient.StubRequest> = []
  const handler: StubHttpClient.StubHandler = (request) => {
    const answer = answers[Math.min(requests.length, answers.length - 1)]
    requests.push(request)
    if (answer === undefined) throw new Error("no answer scripted")
    return answer(request)
  }
  return { requests, handler }
}

/** Waits until `requests` holds at least `count` requests. */
const sent = (requests: ReadonlyArray<unknown>, count: number) =>
  until(`request ${count} to be sent`, Effect.sync(() => requests.length >= count))

/** Waits until `fiber` has ended. */
const ended = <A, E>(fiber: Fiber.Fiber<A, E>) =>
  until("the fiber under test to end", Effect.map(Fiber.poll(fiber), (exit) => exit._tag === "Some"))

/** Moves the clock to the end of each backoff in turn, once the fiber sleeps within its window. */
const backOff = (...windows: ReadonlyArray<readonly [Duration.DurationInput, Duration.DurationInput]>) =>
  Effect.forEach(
    windows,
    ([min, max]) => Effect.flatMap(sleepingFor(min, max), (left) => TestClock.adjust(left)),
    { discard: true }
  )

const ok = () => StubHttpClient.single(job)
const rateLimited = (retryAfter: string) => () =>
  StubHttpClient.failure(429, [{ code: 10429, message: "Rate limited" }], { "retry-after": retryAfter })
const serverError = (status = 503) => () =>
  StubHttpClient.failure(status, [{ code: 10001, message: "Service unavailable" }])

describe("retries", () => {
  it.effect("honours Retry-After in seconds exactly", () =>
    watchingSleeps(Effect.gen(function*() {
      const api = scripted([rateLimited("7"), ok])
      const fiber = yield* Effect.fork(withBulkJobs(bulkJobsOn(api.handler), (jobs) => jobs.get(jobId)))
      // The retry waits at the gate for exactly the 7 seconds asked.
      yield* sleepingFor("7 seconds")
      expect(api.requests).toHaveLength(1)
      yield* TestClock.adjust("6999 millis")
      // Still asleep, a millisecond from the end: nothing could have been sent.
      yield* sleepingFor("1 millis")
      expect(api.requests).toHaveLength(1)
      yield* TestClock.adjust("1 millis")
      yield* sent(api.requests, 2)
      expect(api.requests).toHaveLength(2)
      const result = yield* Fiber.join(fiber)
      expect(result.job_id).toBe(jobId)
    })))

  it.effect("honours Retry-After as an HTTP date", () =>
    watchingSleeps(Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-11-28T10:00:00Z"))
      const api = scripted([rateLimited("Sat, 28 Nov 2026 10:00:30 GMT"), ok])
      const fiber = yield* Effect.fork(withBulkJobs(bulkJobsOn(api.handler), (jobs) => jobs.get(jobId)))
      yield* sleepingFor("30 seconds")
      yield* TestClock.adjust("29 seconds")
      yield* sleepingFor("1 second")
      expect(api.requests).toHaveLength(1)
      yield* TestClock.adjust("1 seconds")
      yield* Fiber.join(fiber)
      expect(api.requests).toHaveLength(2)
    })))

  it.effect("a 429 pauses every request made through the same layer, not just the fiber that got it", () =>
    watchingSleeps(Effect.gen(function*() {
      const api = scripted([rateLimited("10"), ok])
      const program = withBulkJobs(bulkJobsOn(api.handler), (jobs) =>
        Effect.gen(function*() {
          const first = yield* Effect.fork(jobs.get(jobId))
          yield* sleepingFor("10 seconds")
          expect(api.requests).toHaveLength(1)
          // a second fiber starts while the account is blocked: it must not send anything
          const second = yield* Effect.fork(Stream.runCollect(jobs.list()))
          const third = yield* Effect.fork(jobs.get(testJobId(2)))
          // all three wait at the gate until the same instant
          yield* sleepingFor("10 seconds", "10 seconds", 3)
          yield* TestClock.adjust("9 seconds")
          yield* sleepingFor("1 second", "1 second", 3)
          expect(api.requests).toHaveLength(1)
          yield* TestClock.adjust("1 seconds")
          // the retry, the listing's first page and the third fiber's request
          yield* sent(api.requests, 3)
          yield* Fiber.join(first)
          yield* Fiber.join(third)
          yield* Fiber.interrupt(second)
          expect(api.requests.length).toBeGreaterThanOrEqual(3)
        }))
      yield* program
    })))

  it.effect("a Retry-After longer than the allowed maximum fails at once with the wait", () =>
    Effect.gen(function*() {
      const api = scripted([rateLimited("600"), ok])
      const error = yield* withBulkJobs(
        bulkJobsOn(api.handler, { maxRetryAfter: "1 minute" }),
        (jobs) => jobs.get(jobId)
      ).pipe(Effect.flip)
      expect(error._tag).toBe("RateLimitedError")
      expect(error.message).toContain("10m")
      expect(api.requests).toHaveLength(1)
    }))

  it.effect("retries 5xx with exponential backoff, then gives up with every Cloudflare code and message", () =>
    watchingSleeps(Effect.gen(function*() {
      const api = scripted([serverError()])
      const fiber = yield* Effect.fork(
        withBulkJobs(bulkJobsOn(api.handler, { maxRetries: 3 }), (jobs) => jobs.get(jobId))
      )
      // 500 ms doubling, with equal jitter (half to all of it)
      yield* backOff(["250 millis", "500 millis"], ["500 millis", "1 second"], ["1 second", "2 seconds"])
      const error = yield* Fiber.join(fiber).pipe(Effect.flip)
      expect(api.requests).toHaveLength(4)
      expect(error._tag).toBe("CloudflareApiError")
      expect(error.message).toContain("503")
      expect(error.message).toContain("[10001] Service unavailable")
    })))

  it.effect("backs off before a retry: nothing is resent at once", () =>
    watchingSleeps(Effect.gen(function*() {
      const api = scripted([serverError(), ok])
      const fiber = yield* Effect.fork(withBulkJobs(bulkJobsOn(api.handler), (jobs) => jobs.get(jobId)))
      // base delay 500 ms with equal jitter: the retry waits between 250 and 500 ms
      yield* sleepingFor("250 millis", "500 millis")
      expect(api.requests).toHaveLength(1)
      yield* TestClock.adjust("249 millis")
      // still asleep: nothing could have been sent
      yield* sleepingFor("1 millis", "251 millis")
      expect(api.requests).toHaveLength(1)
      yield* TestClock.adjust("251 millis")
      yield* Fiber.join(fiber)
      expect(api.requests).toHaveLength(2)
    })))

  it.effect("retries Cloudflare's HTML 502 page on a GET, and reports it with the body's start if it persists", () =>
    watchingSleeps(Effect.gen(function*() {
      const html = "<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>"
      const api = scripted([
        () => new Response(html, { status: 502, headers: { "content-type": "text/html" } })
      ])
      const fiber = yield* Effect.fork(
        withBulkJobs(bulkJobsOn(api.handler, { maxRetries: 2 }), (jobs) => jobs.get(jobId))
      )
      yield* backOff(["250 millis", "500 millis"], ["500 millis", "1 second"])
      const error = yield* Fiber.join(fiber).pipe(Effect.flip)
      expect(api.requests).toHaveLength(3)
      expect(error._tag).toBe("ResponseDecodeError")
      expect(error._tag === "ResponseDecodeError" && error.body.startsWith("<html>")).toBe(true)
      expect(error._tag === "ResponseDecodeError" && error.status).toBe(502)
    })))

  it.effect("retries a truncated JSON body on a GET", () =>
    watchingSleeps(Effect.gen(function*() {
      const api = scripted([() => new Response("{\"success\":true,\"result\":{\"job_", { status: 200 }), ok])
      const fiber = yield* Effect.fork(withBulkJobs(bulkJobsOn(api.handler), (jobs) => jobs.get(jobId)))
      yield* sleepingFor("250 millis", "500 millis")
      yield* TestClock.adjust("1 second")
      const result = yield* Fiber.join(fiber)
      expect(result.job_id).toBe(jobId)
      expect(api.requests).toHaveLength(2)
    })))

  it.effect("a page read ahead whose body was cut off is sent again only when the stream reaches it", () =>
    watchingSleeps(Effect.gen(function*() {
      const jobs = wireJobs(25)
      const pages = jobsApi(() => jobs)
      let cutPage3 = true
      // How many answers the client has read whole (their text, not yet decoded).
      let answersRead = 0
      const counted = (response: Response): Response => {
        const text = response.text.bind(response)
        response.text = () => text().then((body) => (answersRead++, body))
        return response
      }
      const handler: StubHttpClient.StubHandler = (request) => {
        if (request.url.searchParams.get("page") === "3" && cutPage3) {
          cutPage3 = false
          pages.requests.push(request)
          return counted(new Response("{\"success\":true,\"result\":[{\"job_", { status: 200 }))
        }
        return counted(pages.handler(request))
      }
      const page3Requests = () =>
        pages.requests.filter((request) => request.url.searchParams.get("page") === "3").length
      // The consumer stops at the last job of page 2, while pages 3 to 6 are read ahead.
      const reachedPage2End = yield* Deferred.make<void>()
      const goOn = yield* Deferred.make<void>()
      const fiber = yield* Effect.fork(withBulkJobs(
        bulkJobsOn(handler),
        (service) =>
          Stream.runCollect(Stream.tap(
            service.list({ per_page: 10 }),
            (job) =>
              // Jobs come newest first: 25 to 16 on page 1, 15 to 6 on page 2.
              job.job_id === testJobId(6)
                ? Effect.zipRight(Deferred.succeed(reachedPage2End, undefined), Deferred.await(goOn))
                : Effect.void
          ))
      ))
      yield* Deferred.await(reachedPage2End)
      // Idle: the answers of pages 1 to 6 are read, and nothing waits on the clock (as a resend of
      // page 3 would, for its backoff): the consumer alone is left, waiting for `goOn`.
      const idle = Effect.map(waitingOnClock, (waiting) => answersRead === 6 && !waiting)
      yield* until("the read-ahead of pages 3 to 6 to finish", idle)
      yield* TestClock.adjust("1 minute")
      yield* until("the listing to be idle again", idle)
      // Read ahead and cut off, but not decoded yet: nothing is resent, however long it waits.
      expect(page3Requests()).toBe(1)
      yield* Deferred.succeed(goOn, undefined)
      // The stream reaches page 3, finds it cut off, and backs off before sending it again.
      yield* sleepingFor("1 millis", "1 minute")
      yield* TestClock.adjust("1 minute")
      const listed = yield* Fiber.join(fiber)
      expect(Chunk.toReadonlyArray(listed).map((job) => job.job_id)).toEqual(
        jobs.map((_, i) => testJobId(25 - i))
      )
      expect(page3Requests()).toBe(2)
    })))

  /**
   * Lists one page with 2 retries allowed, answered by `answers`, until the listing fails: the first
   * try and two retries, after the backoffs of any GET (500 ms, then 1 s, each with equal jitter).
   */
  const listUntilItFails = (answers: Parameters<typeof scripted>[0]) =>
    watchingSleeps(Effect.gen(function*() {
      const api = scripted(answers)
      const fiber = yield* Effect.fork(
        withBulkJobs(
          bulkJobsOn(api.handler, { maxRetries: 2 }),
          (jobs) => Stream.runCollect(jobs.list({ per_page: 10 }))
        ).pipe(Effect.flip)
      )
      yield* backOff(["250 millis", "500 millis"], ["500 millis", "1 second"])
      return { error: yield* Fiber.join(fiber), requests: api.requests }
    }))
  const cutOff = () => new Response("{\"success\":true,\"result\":[", { status: 200 })

  it.effect("a page read ahead that stays cut off fails after the same attempts as any GET", () =>
    Effect.gen(function*() {
      const { error, requests } = yield* listUntilItFails([cutOff])
      expect(error._tag).toBe("ResponseDecodeError")
      expect(error._tag === "ResponseDecodeError" && error.page).toBe(1)
      expect(requests).toHaveLength(3)
    }))

  it.effect("a page read ahead shares one retry budget between a 5xx before it and a cut-off body after", () =>
    Effect.gen(function*() {
      const { error, requests } = yield* listUntilItFails([serverError(), cutOff])
      expect(error._tag).toBe("ResponseDecodeError")
      // The first try and 2 retries, as for any GET: not 2 more after the 503.
      expect(requests).toHaveLength(3)
    }))

  it.effect("a page read ahead that is valid JSON of the wrong shape is not sent again", () =>
    Effect.gen(function*() {
      const api = scripted([() => StubHttpClient.page([{ job_id: 42 }], 10)])
      const error = yield* withBulkJobs(
        bulkJobsOn(api.handler),
        (jobs) => Stream.runCollect(jobs.list({ per_page: 10 }))
      ).pipe(Effect.flip)
      expect(error._tag).toBe("ResponseDecodeError")
      expect(error._tag === "ResponseDecodeError" && error.status).toBe(200)
      expect(api.requests).toHaveLength(1)
    }))

  it.effect("does not retry a 4xx other than 429", () =>
    Effect.gen(function*() {
      const api = scripted([() => StubHttpClient.failure(400, [{ code: 1001, message: "bad request" }]), ok])
      const error = yield* withBulkJobs(bulkJobsOn(api.handler), (jobs) => jobs.get(jobId)).pipe(Effect.flip)
      expect(error._tag).toBe("CloudflareApiError")
      expect(api.requests).toHaveLength(1)
    }))

  it.effect("interrupting a stream during a Retry-After wait returns at once and sends nothing more", () =>
    watchingSleeps(Effect.gen(function*() {
      const api = scripted([rateLimited("300"), ok])
      const fiber = yield* Effect.fork(
        withBulkJobs(bulkJobsOn(api.handler), (jobs) => Stream.runDrain(jobs.list()))
      )
      yield* sleepingFor("300 seconds")
      yield* TestClock.adjust("1 second")
      // Returns once the fiber, and every fiber it forked, has ended: nothing is left to send.
      yield* Fiber.interrupt(fiber)
      yield* TestClock.adjust("10 minutes")
      expect(api.requests).toHaveLength(1)
    })))
})

/**
 * A create whose answer was lost is looked for among the newest jobs (Reconcile.test.ts): here once,
 * at once, finding nothing, so the failure that lost the answer is what the error reports.
 */
const lookOnce = { reconcileTimeout: 0 } as const
/** The newest jobs, as the look finds them: none. */
const noJobs = () => StubHttpClient.page([], 100)
const lostAnswer = (error: BulkJobsError | ConfigurationError) =>
  error._tag === "UnconfirmedCreateError" ? error.lost : undefined
const posts = (api: { readonly requests: ReadonlyArray<StubHttpClient.StubRequest> }) =>
  api.requests.filter((request) => request.method === "POST")

describe("create is never sent twice once it may have reached the server", () => {
  it.effect("a 5xx answer is reported, not retried", () =>
    Effect.gen(function*() {
      const api = scripted([serverError(500), () => StubHttpClient.single(job, 201)])
      const error = yield* withBulkJobs(
        bulkJobsOn(api.handler, lookOnce),
        (jobs) => jobs.create(createParams)
      ).pipe(
        Effect.flip
      )
      expect(lostAnswer(error)?._tag).toBe("CloudflareApiError")
      expect(posts(api)).toHaveLength(1)
    }))

  it.effect("a timeout is reported, not retried", () =>
    watchingSleeps(Effect.gen(function*() {
      const api = scripted([
        () => Effect.as(Effect.sleep("1 minute"), StubHttpClient.single(job, 201)),
        noJobs
      ])
      const fiber = yield* Effect.fork(
        withBulkJobs(
          bulkJobsOn(api.handler, { timeout: "5 seconds", ...lookOnce }),
          (jobs) => jobs.create(createParams)
        )
      )
      // The stub holds the answer for a minute; the client's timeout runs.
      yield* sleepingFor("1 minute")
      yield* sleepingFor("5 seconds")
      yield* TestClock.adjust("5 seconds")
      // A retry would wait on the clock: the create ends without one.
      yield* ended(fiber)
      yield* TestClock.adjust("2 minutes")
      const error = yield* Fiber.join(fiber).pipe(Effect.flip)
      expect(lostAnswer(error)?._tag).toBe("TransportError")
      expect(error.message).toContain("timed out")
      expect(posts(api)).toHaveLength(1)
    })))

  it.effect("a connection reset after sending is reported, not retried", () =>
    Effect.gen(function*() {
      const api = scripted([StubHttpClient.connectionReset, () => StubHttpClient.single(job, 201)])
      const error = yield* withBulkJobs(
        bulkJobsOn(api.handler, lookOnce),
        (jobs) => jobs.create(createParams)
      ).pipe(
        Effect.flip
      )
      expect(lostAnswer(error)?._tag).toBe("TransportError")
      expect(posts(api)).toHaveLength(1)
    }))

  it.effect("a 429 is retried after Retry-After (the server refused it, nothing was created)", () =>
    watchingSleeps(Effect.gen(function*() {
      const api = scripted([rateLimited("3"), () => StubHttpClient.single(job, 201)])
      const fiber = yield* Effect.fork(
        withBulkJobs(bulkJobsOn(api.handler), (jobs) => jobs.create(createParams))
      )
      yield* sleepingFor("3 seconds")
      yield* TestClock.adjust("3 seconds")
      const created = yield* Fiber.join(fiber)
      expect(created.job_id).toBe(jobId)
      expect(api.requests).toHaveLength(2)
      expect(api.requests[1]?.body).toEqual({ action: "RELEASE", search_params: { sender: "a@example.com" } })
    })))

  it.effect("a connection that never opened is retried", () =>
    watchingSleeps(Effect.gen(function*() {
      const api = scripted([StubHttpClient.connectionRefused, () => StubHttpClient.single(job, 201)])
      const fiber = yield* Effect.fork(
        withBulkJobs(bulkJobsOn(api.handler), (jobs) => jobs.create(createParams))
      )
      yield* sleepingFor("250 millis", "500 millis")
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fiber)
      expect(api.requests).toHaveLength(2)
    })))
})

describe("proactive rate limiting from the Ratelimit header", () => {
  it.effect("waits for the window to reset once the budget is spent", () =>
    watchingSleeps(Effect.gen(function*() {
      const api = scripted([
        () =>
          StubHttpClient.single(job, 200, {
            ratelimit: "\"default\";r=2;t=30",
            "ratelimit-policy": "\"default\";q=1200;w=300"
          })
      ])
      const program = withBulkJobs(
        bulkJobsOn(api.handler, { rateLimitReserve: 2 }),
        (jobs) =>
          Effect.gen(function*() {
            yield* jobs.get(jobId)
            const second = yield* Effect.fork(jobs.get(jobId))
            // the window resets 30 s after the answer that spent the budget
            yield* sleepingFor("30 seconds")
            yield* TestClock.adjust("29 seconds")
            yield* sleepingFor("1 second")
            expect(api.requests).toHaveLength(1)
            yield* TestClock.adjust("1 second")
            yield* Fiber.join(second)
            expect(api.requests).toHaveLength(2)
          })
      )
      yield* program
    })))
})

describe("429 edge cases", () => {
  it.effect("a 429 on the last allowed attempt still pauses every other request of the layer", () =>
    watchingSleeps(Effect.gen(function*() {
      const api = scripted([rateLimited("3"), ok])
      const program = withBulkJobs(
        bulkJobsOn(api.handler, { maxRetries: 0 }),
        (jobs) =>
          Effect.gen(function*() {
            const error = yield* Effect.flip(jobs.get(jobId))
            expect(error._tag).toBe("RateLimitedError")
            const next = yield* Effect.fork(jobs.get(jobId))
            yield* sleepingFor("3 seconds")
            yield* TestClock.adjust("2999 millis")
            yield* sleepingFor("1 millis")
            expect(api.requests).toHaveLength(1)
            yield* TestClock.adjust("1 millis")
            yield* Fiber.join(next)
            expect(api.requests).toHaveLength(2)
          })
      )
      yield* program
    })))

  it.effect("while the account is blocked longer than allowed, other requests fail at once instead of hanging", () =>
    Effect.gen(function*() {
      const api = scripted([rateLimited("600"), ok])
      const program = withBulkJobs(
        bulkJobsOn(api.handler, { maxRetryAfter: "1 minute" }),
        (jobs) =>
          Effect.gen(function*() {
            yield* Effect.flip(jobs.get(jobId))
            const error = yield* Effect.flip(jobs.get(testJobId(2)))
            expect(error._tag).toBe("RateLimitedError")
            expect(error.message).toContain("10m")
            expect(api.requests).toHaveLength(1)
          })
      )
      yield* program
    }))
})

describe("a create that may have reached the server says so", () => {
  it.effect("after a 5xx, the error warns that the job may exist", () =>
    Effect.gen(function*() {
      const api = scripted([serverError(500), noJobs])
      const error = yield* withBulkJobs(
        bulkJobsOn(api.handler, lookOnce),
        (jobs) => jobs.create(createParams)
      ).pipe(
        Effect.flip
      )
      expect(error.message).toContain("the job may exist")
    }))

  it.effect("after a 4xx, it does not (Cloudflare refused it)", () =>
    Effect.gen(function*() {
      const api = scripted([() => StubHttpClient.failure(400, [{ code: 1001, message: "bad search" }])])
      const error = yield* withBulkJobs(bulkJobsOn(api.handler), (jobs) => jobs.create(createParams)).pipe(
        Effect.flip
      )
      expect(error.message).not.toContain("may exist")
    }))

  it.effect("a 201 whose body was cut off: the job exists, and the error says so", () =>
    Effect.gen(function*() {
      const api = scripted([
        () => new Response("{\"success\":true,\"result\":{\"job_id\":\"f1", { status: 201 }),
        noJobs
      ])
      const error = yield* withBulkJobs(
        bulkJobsOn(api.handler, lookOnce),
        (jobs) => jobs.create(createParams)
      ).pipe(
        Effect.flip
      )
      expect(lostAnswer(error)?._tag).toBe("ResponseDecodeError")
      expect(error.message).toContain("the job may exist")
      expect(posts(api)).toHaveLength(1)
    }))

  it.effect("a GET that fails the same way carries no such warning", () =>
    Effect.gen(function*() {
      const api = scripted([serverError(500)])
      const error = yield* withBulkJobs(bulkJobsOn(api.handler, { maxRetries: 0 }), (jobs) => jobs.get(jobId))
        .pipe(
          Effect.flip
        )
      expect(error.message).not.toContain("may exist")
    }))
})
