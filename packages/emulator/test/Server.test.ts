import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"
import { sleepingFor, until, watchingSleeps } from "../../../test-support/Settle.js"
import { Defaults, Fault, resolveOptions, type RunningEmulator, start, startServer } from "../src/index.js"
import { stringContaining } from "./support/Matchers.js"

const jobsUrl = (url: string) => `${url}/accounts/${Defaults.accountId}/email-security/investigate/bulk`
const headers = { authorization: `Bearer ${Defaults.token}` }

/** Waits, turn by turn of the event loop, until the server has received `count` requests. */
const received = (running: RunningEmulator, count: number): Effect.Effect<void> =>
  until(
    `the server to receive ${count} request(s)`,
    Effect.map(running.control.requestCount, (seen) => seen >= count)
  )

describe("startServer (Promise API)", () => {
  it("serves on loopback, resets connections on demand, and stops on close", async () => {
    const server = await startServer({ jobs: 12 })
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/client/v4`)
    expect(server.port).toBeGreaterThan(0)
    expect(server.control.info).toMatchObject({
      accountId: Defaults.accountId,
      token: Defaults.token,
      jobs: 12
    })

    const ok = await fetch(jobsUrl(server.url), { headers })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ success: true, result_info: { count: 12 } })

    await server.control.enqueue(Fault.Reset())
    const reset = await fetch(jobsUrl(server.url), { headers }).then(
      () => "answered",
      (error: unknown) => error
    )
    expect(reset).toBeInstanceOf(TypeError)
    expect((await fetch(jobsUrl(server.url), { headers })).status).toBe(200)
    expect((await server.control.requests()).map((entry) => entry.status)).toEqual([200, null, 200])
    expect(await server.control.requestCount()).toBe(3)
    expect(await server.control.jobCount()).toBe(12)

    const jobId = await server.control.insertFailedJob({ failed: 3 })
    expect(await server.control.jobCount()).toBe(13)
    const refused = await server.control.insertFailedJob({ failed: 1, failOnRetry: 2 }).then(
      () => "inserted",
      (error: unknown) => error
    )
    expect(refused).toMatchObject({ _tag: "InvalidOptions", issue: stringContaining("more than failed (1)") })
    const badNth = await server.control.enqueue(Fault.Reset(), { nth: 0 }).then(
      () => "queued",
      (error: unknown) => error
    )
    expect(badNth).toMatchObject({
      _tag: "InvalidOptions",
      issue: stringContaining("nth must be a whole number")
    })
    expect(await server.control.pendingFaults()).toEqual([])
    const failed = await fetch(`${jobsUrl(server.url)}/${jobId}`, { headers })
    expect(await failed.json()).toMatchObject({ result: { messages_failed: 3 } })

    await server.close()
    const closed = await fetch(jobsUrl(server.url), { headers }).then(
      () => "answered",
      (error: unknown) => error
    )
    expect(closed).toBeInstanceOf(TypeError)
  })

  it("refuses a host that is not loopback, and names the host it bound in its URL", async () => {
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "example.com", "127.0.0.256"]) {
      const error = await startServer({ host }).then(() => undefined, (error: unknown) => error)
      expect(error).toMatchObject({
        _tag: "InvalidOptions",
        message: stringContaining("not loopback")
      })
    }
    // Loopback as a URL writes it is listened on as the address itself.
    expect(Either.map(resolveOptions({ host: "[::1]" }), (options) => options.host)).toEqual(
      Either.right("::1")
    )
    const server = await startServer({ host: "127.0.0.2" })
    try {
      expect(server.url).toBe(`http://127.0.0.2:${server.port}/client/v4`)
      expect((await fetch(jobsUrl(server.url), { headers })).status).toBe(200)
    } finally {
      await server.close()
    }
  })

  it("answers an oversized body over the socket with 413, and keeps serving", async () => {
    const server = await startServer({ jobs: 3 })
    try {
      const comment = "x".repeat(60 * 1024 * 1024)
      const response = await fetch(jobsUrl(server.url), {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ action: "RELEASE", search_params: {}, comment })
      })
      expect(response.status).toBe(413)
      expect(await response.json()).toMatchObject({ success: false, errors: [{ code: 1008 }] })
      expect(await server.control.jobCount()).toBe(3)
      expect((await fetch(jobsUrl(server.url), { headers })).status).toBe(200)
    } finally {
      await server.close()
    }
  })

  it("rejects with InvalidOptions for options it cannot run with", async () => {
    const error = await startServer({ failRate: 3 }).then(() => undefined, (error: unknown) => error)
    expect(error).toMatchObject({ _tag: "InvalidOptions", message: stringContaining("fail rate") })
  })
})

describe("start (Effect API)", () => {
  it.scopedLive("fails with ListenError when the port is taken", () =>
    Effect.gen(function*() {
      const first = yield* start()
      const error = yield* Effect.flip(start({ port: first.port }))
      expect(error._tag).toBe("ListenError")
      expect(error.message).toContain(String(first.port))
    }))

  it.scoped("serves with the caller's Clock: under TestClock, latency waits for the clock", () =>
    watchingSleeps(Effect.gen(function*() {
      const running = yield* start({ latency: 1500 })
      const fiber = yield* Effect.fork(
        Effect.promise(() => fetch(jobsUrl(running.url), { headers }).then((response) => response.status))
      )
      yield* received(running, 1)
      // the request is in the server's hands, its answer held for the latency
      yield* sleepingFor("1500 millis")
      yield* TestClock.adjust("1499 millis")
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust("1 millis")
      expect(yield* Fiber.join(fiber)).toBe(200)
    })))
})
