import { BulkJobs } from "@cfbulk/core"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { EmulatorControl, layer } from "../src/index.js"
import { clientAndEmulator } from "./support/Layers.js"
import { JobsPath, send } from "./support/Raw.js"

describe("rate limit", () => {
  it.effect("sends Ratelimit and Ratelimit-Policy on every response, counting down the budget", () =>
    Effect.gen(function*() {
      const first = yield* send("GET", JobsPath)
      expect(first.headers["ratelimit"]).toBe("\"default\";r=3;t=60")
      expect(first.headers["ratelimit-policy"]).toBe("\"default\";q=4;w=60")
      yield* TestClock.adjust("10 seconds")
      const notFound = yield* send("GET", "/nowhere")
      expect(notFound.status).toBe(404)
      expect(notFound.headers["ratelimit"]).toBe("\"default\";r=2;t=50")
      const unauthorized = yield* send("GET", JobsPath, { headers: {} })
      expect(unauthorized.status).toBe(401)
      expect(unauthorized.headers["ratelimit"]).toBe("\"default\";r=1;t=50")
      expect(unauthorized.headers["retry-after"]).toBeUndefined()
    }).pipe(Effect.provide(layer({ rateLimit: { requests: 4, windowSeconds: 60 } }))))

  it.effect("past the budget answers 429 with Retry-After, and blocks every request until the window ends", () =>
    Effect.gen(function*() {
      for (let request = 0; request < 3; request++) expect((yield* send("GET", JobsPath)).status).toBe(200)
      yield* TestClock.adjust("20500 millis")
      const limited = yield* send("GET", JobsPath)
      expect(limited.status).toBe(429)
      expect(limited.headers["retry-after"]).toBe("40")
      expect(limited.headers["ratelimit"]).toBe("\"default\";r=0;t=40")
      expect(limited.json()).toMatchObject({
        success: false,
        errors: [{ code: 10429 }],
        messages: [],
        result: null
      })
      const create = yield* send("POST", JobsPath, { body: "{}" })
      expect(create.status).toBe(429)
      yield* TestClock.adjust("39 seconds")
      const stillBlocked = yield* send("GET", `${JobsPath}/f174e90a-fafe-4643-bbbc-4a0ed4fc8415`)
      expect(stillBlocked.status).toBe(429)
      expect(stillBlocked.headers["retry-after"]).toBe("1")
      yield* TestClock.adjust("1 second")
      const open = yield* send("GET", JobsPath)
      expect(open.status).toBe(200)
      expect(open.headers["ratelimit"]).toBe("\"default\";r=2;t=60")
    }).pipe(Effect.provide(layer({ rateLimit: "3/60" }))))

  it.effect("core's client reads the headers and waits out the window instead of failing", () =>
    Effect.gen(function*() {
      const jobs = yield* BulkJobs
      const fiber = yield* Effect.fork(
        Effect.forEach([1, 2, 3, 4, 5], (page) => jobs.listPage({ page, per_page: 5 }))
      )
      yield* TestClock.adjust("61 seconds")
      yield* TestClock.adjust("61 seconds")
      const pages = yield* fiber.await
      expect(pages._tag).toBe("Success")
      const log = yield* Effect.flatMap(EmulatorControl, (control) => control.requests)
      expect(log.map((entry) => entry.status)).toEqual([200, 200, 200, 200, 200])
      // Three in the first window, two after it: the client waited rather than hitting the limit.
      expect(log[3]?.timestamp).toBeGreaterThanOrEqual((log[0]?.timestamp ?? 0) + 60_000)
    }).pipe(Effect.provide(clientAndEmulator({ rateLimit: "3/60" }, { rateLimitReserve: 0 }))))

  it.effect("can be turned off: no headers, no limit", () =>
    Effect.gen(function*() {
      for (let request = 0; request < 30; request++) {
        const response = yield* send("GET", JobsPath)
        expect(response.status).toBe(200)
        expect(response.headers["ratelimit"]).toBeUndefined()
      }
    }).pipe(Effect.provide(layer({ rateLimit: false }))))
})
