import { BulkJobs } from "@cfbulk/core"
import * as HttpClientError from "@effect/platform/HttpClientError"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"
import { EmulatorControl, type EmulatorOptions, Fault, layer } from "../src/index.js"
import { clientAndEmulator } from "./support/Layers.js"
import { anyString } from "./support/Matchers.js"
import { decodeRawPage, JobsPath, send } from "./support/Raw.js"

const enqueue = (...args: Parameters<EmulatorControl["Type"]["enqueue"]>) =>
  Effect.flatMap(EmulatorControl, (control) => control.enqueue(...args))

const list = send("GET", `${JobsPath}?per_page=3`)

describe("scripted faults", () => {
  it.effect("serve exactly the scripted status, headers and body, once", () =>
    Effect.gen(function*() {
      yield* enqueue(
        Fault.Status({
          status: 418,
          headers: { "x-test": "yes", "content-type": "text/plain" },
          body: "teapot"
        })
      )
      const scripted = yield* list
      expect(scripted.status).toBe(418)
      expect(scripted.headers["x-test"]).toBe("yes")
      expect(scripted.headers["content-type"]).toBe("text/plain")
      expect(scripted.text).toBe("teapot")
      expect((yield* list).status).toBe(200)
      // A status the web Response cannot carry fails the exchange in-process instead of crashing it.
      yield* enqueue(Fault.Status({ status: 700 }))
      expect(yield* Effect.flip(list)).toMatchObject({ _tag: "RequestError", reason: "Transport" })
      expect((yield* list).status).toBe(200)
    }).pipe(Effect.provide(layer())))

  it.effect("serve a JSON 5xx envelope, Cloudflare's HTML 502 page, and a 429 with the given Retry-After", () =>
    Effect.gen(function*() {
      yield* enqueue(Fault.ServerError({ status: 503 }))
      yield* enqueue(Fault.BadGateway())
      yield* enqueue(Fault.RateLimited({ retryAfter: 7 }))
      const unavailable = yield* list
      expect(unavailable.status).toBe(503)
      expect(unavailable.json()).toMatchObject({ success: false, errors: [{ code: 10503 }], result: null })
      const gateway = yield* list
      expect(gateway.status).toBe(502)
      expect(gateway.headers["content-type"]).toMatch(/^text\/html/)
      expect(gateway.text).toMatch(/^<html>[\s\S]*502 Bad Gateway[\s\S]*cloudflare[\s\S]*<\/html>\s*$/)
      const limited = yield* list
      expect(limited.status).toBe(429)
      expect(limited.headers["retry-after"]).toBe("7")
      expect(limited.json()).toMatchObject({ success: false, errors: [{ code: 10429 }] })
    }).pipe(Effect.provide(layer())))

  it.effect("cut the real body of a 200, by default in half", () =>
    Effect.gen(function*() {
      const whole = (yield* list).text
      yield* enqueue(Fault.Truncate({}))
      yield* enqueue(Fault.Truncate({ bytes: 10 }))
      const half = yield* list
      expect(half.status).toBe(200)
      expect(half.text).toBe(whole.slice(0, Math.floor(whole.length / 2)))
      expect(() => half.json()).toThrow()
      expect((yield* list).text).toBe(whole.slice(0, 10))
    }).pipe(Effect.provide(layer())))

  it.effect("reset the connection: the in-process client fails in transport, and core reports it", () =>
    Effect.gen(function*() {
      yield* enqueue(Fault.Reset())
      const error = yield* Effect.flip(list)
      expect(HttpClientError.isHttpClientError(error)).toBe(true)
      expect(error).toMatchObject({ _tag: "RequestError", reason: "Transport" })
      yield* enqueue(Fault.Reset())
      const jobs = yield* BulkJobs
      // A reset before the emulator made the job: the create is looked for once (reconcileTimeout 0),
      // not found, and reported with the transport failure that lost its answer.
      const created = yield* Effect.flip(jobs.create({ action: "RELEASE", search_params: {} }))
      expect(created._tag).toBe("UnconfirmedCreateError")
      expect(created._tag === "UnconfirmedCreateError" ? created.lost : undefined).toMatchObject({
        _tag: "TransportError",
        reason: "Connection"
      })
      expect((yield* list).status).toBe(200)
    }).pipe(Effect.provide(clientAndEmulator({}, { maxRetries: 0, reconcileTimeout: 0 }))))

  it.effect("delay the real answer by the scripted time, on the Clock", () =>
    Effect.gen(function*() {
      yield* enqueue(Fault.Delay({ millis: 500 }))
      const fiber = yield* Effect.fork(list)
      yield* TestClock.adjust("499 millis")
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust("1 millis")
      const response = yield* Fiber.join(fiber)
      expect(response.status).toBe(200)
    }).pipe(Effect.provide(layer())))

  it.effect("apply to the next request matching their method and path, in order", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      yield* control.enqueue(Fault.ServerError({ status: 500 }), { method: "POST" })
      yield* control.enqueue(Fault.BadGateway(), { path: /\/messages/ })
      yield* control.enqueue(Fault.Status({ status: 599 }))
      expect((yield* list).status).toBe(599)
      expect((yield* list).status).toBe(200)
      expect(yield* control.pendingFaults).toHaveLength(2)
      expect((yield* send("POST", JobsPath, { body: "{}" })).status).toBe(500)
      const first = String(decodeRawPage((yield* list).json()).result[0]?.job_id)
      expect((yield* send("GET", `${JobsPath}/${first}`)).status).toBe(200)
      expect((yield* send("GET", `${JobsPath}/${first}/messages`)).status).toBe(502)
      expect(yield* control.pendingFaults).toEqual([])
      yield* control.enqueue(Fault.BadGateway())
      yield* control.clearFaults
      expect((yield* list).status).toBe(200)
    }).pipe(Effect.provide(layer())))

  it.effect("with nth, wait for the nth matching request, counting those another fault got", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      yield* control.enqueue(Fault.ServerError({ status: 503 }), { method: "GET", nth: 3 })
      yield* control.enqueue(Fault.BadGateway(), { method: "GET" })
      expect(yield* control.pendingFaults).toMatchObject([{ passed: 0 }, { passed: 0 }])
      expect((yield* list).status).toBe(502)
      expect((yield* send("POST", JobsPath, { body: "{}" })).status).toBe(400)
      expect(yield* control.pendingFaults).toMatchObject([{ passed: 1, match: { nth: 3 } }])
      expect((yield* list).status).toBe(200)
      expect((yield* list).status).toBe(503)
      expect((yield* list).status).toBe(200)
      expect(yield* control.pendingFaults).toEqual([])
      // A bad nth is a typed failure, like insertFailedJob's counts, not a defect; nothing is queued.
      for (const nth of [0, -1, 1.5, Number.NaN]) {
        const invalid = yield* Effect.flip(control.enqueue(Fault.Reset(), { nth }))
        expect(invalid).toMatchObject({
          _tag: "InvalidOptions",
          issue: `FaultMatch.nth must be a whole number from 1 (got ${nth})`
        })
      }
      expect(yield* control.pendingFaults).toEqual([])
    }).pipe(Effect.provide(layer())))

  it.effect("core's client retries a 5xx on a read and gets the answer", () =>
    Effect.gen(function*() {
      yield* enqueue(Fault.ServerError({ status: 503 }))
      yield* enqueue(Fault.BadGateway())
      const jobs = yield* BulkJobs
      const fiber = yield* Effect.fork(jobs.listPage({ per_page: 4 }))
      yield* TestClock.adjust("10 seconds")
      const page = yield* Fiber.join(fiber)
      expect(page.items).toHaveLength(4)
      const log = yield* Effect.flatMap(EmulatorControl, (control) => control.requests)
      expect(log.map((entry) => entry.status)).toEqual([503, 502, 200])
    }).pipe(Effect.provide(clientAndEmulator())))
})

describe("request log", () => {
  it.effect("records method, path and query, status, time and fault of every request", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const start = yield* control.now
      yield* list
      yield* TestClock.adjust("3 seconds")
      yield* enqueue(Fault.Reset())
      yield* Effect.ignore(send("DELETE", `${JobsPath}/f174e90a-fafe-4643-bbbc-4a0ed4fc8415`))
      yield* send("GET", "/nowhere?x=1", { headers: {} })
      expect(yield* control.requests).toEqual([
        {
          sequence: 1,
          method: "GET",
          path: `/client/v4${JobsPath}?per_page=3`,
          status: 200,
          timestamp: start
        },
        {
          sequence: 2,
          method: "DELETE",
          path: `/client/v4${JobsPath}/f174e90a-fafe-4643-bbbc-4a0ed4fc8415`,
          status: null,
          timestamp: start + 3000,
          fault: "Reset"
        },
        { sequence: 3, method: "GET", path: "/client/v4/nowhere?x=1", status: 404, timestamp: start + 3000 }
      ])
      expect(yield* control.requestCount).toBe(3)
      yield* control.clearRequests
      expect(yield* control.requests).toEqual([])
      expect(yield* control.requestCount).toBe(3)
    }).pipe(Effect.provide(layer())))

  it.effect("keeps only the most recent entries past its limit", () =>
    Effect.gen(function*() {
      for (let request = 0; request < 5; request++) yield* list
      const control = yield* EmulatorControl
      expect((yield* control.requests).map((entry) => entry.sequence)).toEqual([4, 5])
      expect(yield* control.requestCount).toBe(5)
    }).pipe(Effect.provide(layer({ requestLogLimit: 2 }))))
})

describe("random faults", () => {
  const statuses = (options: EmulatorOptions) =>
    Effect.gen(function*() {
      const out: Array<string> = []
      for (let request = 0; request < 60; request++) {
        const response = yield* Effect.either(list)
        out.push(
          response._tag === "Left"
            ? "reset"
            : response.right.status === 200 && !response.right.text.endsWith("}")
            ? "truncated"
            : String(response.right.status)
        )
      }
      return out
    }).pipe(Effect.provide(layer(options)))

  it.effect("hit the configured fraction of requests, deterministically from the seed", () =>
    Effect.gen(function*() {
      const first = yield* statuses({ seed: 7, failRate: 0.5 })
      expect(yield* statuses({ seed: 7, failRate: 0.5 })).toEqual(first)
      expect(yield* statuses({ seed: 8, failRate: 0.5 })).not.toEqual(first)
      const faulted = first.filter((status) => status !== "200")
      expect(faulted.length).toBeGreaterThan(15)
      expect(faulted.length).toBeLessThan(45)
      expect(new Set(faulted).size).toBeGreaterThanOrEqual(3)
      const always = yield* statuses({ seed: 7, failRate: 1 })
      expect(always.filter((status) => status === "200")).toEqual([])
      expect(new Set(always)).toEqual(new Set(["500", "503", "502", "truncated", "reset"]))
      expect((yield* statuses({ seed: 7, failRate: 0 })).every((status) => status === "200")).toBe(true)
    }))

  it.effect("give way to the rate limit, which scripted faults override", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      // The one request of the budget gets a random fault (failRate 1); every later one the 429.
      const first = yield* Effect.either(list)
      expect(first._tag === "Left" || first.right.status !== 429).toBe(true)
      expect((yield* control.requests)[0]?.fault).toEqual(anyString)
      for (let request = 0; request < 10; request++) {
        const response = yield* list
        expect(response.status).toBe(429)
      }
      yield* control.enqueue(Fault.Status({ status: 204 }))
      expect((yield* list).status).toBe(204)
    }).pipe(Effect.provide(layer({ seed: 7, failRate: 1, rateLimit: "1/60" }))))
})
