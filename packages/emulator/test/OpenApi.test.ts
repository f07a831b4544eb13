import { FailureEnvelope } from "@cfbulk/core"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import { EmulatorControl, Fault, layer } from "../src/index.js"
import { makeValidators, type Operation } from "./support/OpenApi.js"
import {
  decodeRawList,
  decodeRawPage,
  decodeRawSingle,
  JobsPath,
  MovePath,
  ReleasePath,
  send
} from "./support/Raw.js"

// Every response the emulator sends is checked against the OpenAPI document of the API (the current
// API of docs/wire-contract.md §0), with the nullable-enum leniency of §12.6; so are the move and
// release request bodies, the emulator taking exactly those the document accepts.

const validate = makeValidators({ lenient: true })
const decodeFailure = Schema.decodeUnknownSync(FailureEnvelope)

const expectValid = (operation: Operation, status: number, request: ReturnType<typeof send>) =>
  Effect.gen(function*() {
    const response = yield* request
    expect(response.status).toBe(status)
    const body = response.json()
    const result = validate(operation, body)
    expect(result.errors).toBe("")
    expect(result.valid).toBe(true)
    return body
  })

const jobsOf = (body: unknown) => decodeRawPage(body).result.map((job) => ({ id: String(job.job_id), job }))

describe("responses against the OpenAPI document", () => {
  it.effect("list pages of every kind of seeded job", () =>
    Effect.gen(function*() {
      for (
        const query of [
          "per_page=1000",
          "per_page=1000&page=3",
          "status=PROCESSING",
          "action_type=RELEASE&per_page=500"
        ]
      ) {
        yield* expectValid("list", 200, send("GET", `${JobsPath}?${query}`))
      }
      const beyond = yield* expectValid("list", 200, send("GET", `${JobsPath}?page=999`))
      expect(decodeRawPage(beyond).result).toEqual([])
    }).pipe(Effect.provide(layer({ jobs: 5000 }))))

  it.effect("get, messages, create, cancel and delete", () =>
    Effect.gen(function*() {
      const page = yield* expectValid("list", 200, send("GET", `${JobsPath}?per_page=60`))
      const jobs = jobsOf(page)
      const statuses = new Set(jobs.map(({ job }) => job.status))
      expect(statuses.size).toBeGreaterThan(3)
      for (const status of statuses) {
        const sample = jobs.filter(({ job }) => job.status === status).slice(0, 2)
        for (const { id } of sample) {
          yield* expectValid("get", 200, send("GET", `${JobsPath}/${id}`))
          yield* expectValid("messages", 200, send("GET", `${JobsPath}/${id}/messages?per_page=200`))
        }
      }
      const running = jobs.find(({ job }) => job.status === "PROCESSING")
      if (running === undefined) return expect.fail("no running job")
      for (const status of ["FAILED", "SKIPPED", "CANCELLED", "PROCESSING"]) {
        yield* expectValid(
          "messages",
          200,
          send("GET", `${JobsPath}/${running.id}/messages?status=${status}`)
        )
      }

      const created = yield* expectValid(
        "create",
        201,
        send("POST", JobsPath, {
          body: JSON.stringify({
            action: "MOVE",
            destination: "RecoverableItemsPurges",
            expected_disposition: null,
            comment: null,
            search_params: { delivery_status: null, subject: "invoice", action_log: false }
          })
        })
      )
      const freshId = String(decodeRawSingle(created).result.job_id)
      yield* TestClock.adjust("15 seconds")
      yield* expectValid("messages", 200, send("GET", `${JobsPath}/${freshId}/messages`))
      yield* expectValid("cancel", 200, send("POST", `${JobsPath}/${freshId}/cancel`))
      yield* expectValid("get", 200, send("GET", `${JobsPath}/${freshId}`))
      yield* expectValid("delete", 200, send("DELETE", `${JobsPath}/${freshId}`))
    }).pipe(Effect.provide(layer())))

  it.effect("4xx failure envelopes", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const unknown = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
      yield* expectValid("clientError", 404, send("GET", `${JobsPath}/${unknown}`))
      yield* expectValid("clientError", 404, send("GET", "/nowhere"))
      yield* expectValid("clientError", 405, send("PUT", JobsPath))
      yield* expectValid("clientError", 400, send("GET", `${JobsPath}?per_page=0`))
      yield* expectValid("clientError", 400, send("POST", JobsPath, { body: "{" }))
      yield* expectValid(
        "clientError",
        400,
        send("POST", JobsPath, { body: "{\"action\":\"MOVE\",\"search_params\":{}}" })
      )
      yield* expectValid("clientError", 401, send("GET", JobsPath, { headers: {} }))
      yield* expectValid("clientError", 403, send("GET", "/accounts/other/email-security/investigate/bulk"))
      const running = yield* control.insertJob({ status: "PROCESSING" })
      yield* expectValid("clientError", 409, send("DELETE", `${JobsPath}/${running}`))
      yield* control.enqueue(Fault.RateLimited({ retryAfter: 30 }))
      yield* expectValid("clientError", 429, send("GET", JobsPath))
    }).pipe(Effect.provide(layer())))
})

describe("investigate move and release answers against the OpenAPI document", () => {
  it.effect("moved, failed and unknown messages", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({ failed: 20, succeeded: 5, failOnRetry: 4 })
      const page = decodeRawPage((yield* send("GET", `${JobsPath}/${jobId}/messages?per_page=100`)).json())
      const ids = page.result.flatMap((message) => {
        const details = message.message
        return typeof details === "object" && details !== null && "id" in details ? [String(details.id)] : []
      })
      expect(ids).toHaveLength(25)
      const body = (extra: object) => JSON.stringify({ ids: [...ids, "4Njp3P0STMz2c02Q-unknown"], ...extra })
      const moved = yield* expectValid(
        "move",
        200,
        send("POST", MovePath, { body: body({ destination: "Inbox" }) })
      )
      const released = yield* expectValid("release", 200, send("POST", ReleasePath, { body: body({}) }))
      expect(decodeRawList(moved).result.map((item) => item.success)).toContain(false)
      expect(decodeRawList(released).result).toHaveLength(26)
      yield* expectValid("clientError", 400, send("POST", MovePath, { body: "{\"ids\": []}" }))
    }).pipe(Effect.provide(layer())))
})

/** What the document says of a request body. */
type Verdict = "accepts" | "rejects"

describe("investigate move and release requests against the OpenAPI document", () => {
  // Each body is sent as is: the emulator must answer 200 to exactly the bodies the document accepts
  // (whatever their ids name), and 400 with a pointer to the others. The verdicts are written out so
  // that a case the document judges otherwise than intended fails too.
  const many = (count: number) => Array.from({ length: count }, (_, index) => `id-${index}`)
  const moveCases = (known: string): ReadonlyArray<readonly [Verdict, unknown]> => [
    ["accepts", { destination: "Inbox", ids: [known] }],
    ["accepts", { destination: "RecoverableItemsPurges", ids: [known, "4Njp3P0STMz2c02Q-unknown"] }],
    ["accepts", { destination: "Inbox", ids: ["", " a ", known] }],
    ["accepts", { destination: "Inbox", ids: many(1000) }],
    ["accepts", { destination: "Inbox", ids: [known], postfix_ids: ["4Njp3P0STMz2c02Q"] }],
    ["accepts", { destination: "Inbox", ids: [known], expected_disposition: "SPAM" }],
    ["accepts", { destination: "Inbox", ids: [known], expected_disposition: null }],
    ["accepts", { destination: "Inbox", ids: [known], note: "fields the document does not name" }],
    ["rejects", { destination: "Inbox", ids: many(1001) }],
    ["rejects", { destination: "Inbox", ids: [] }],
    ["rejects", { destination: "Inbox", ids: "abc" }],
    ["rejects", { destination: "Inbox", ids: [known, 7] }],
    ["rejects", { destination: "Inbox", ids: [null] }],
    ["rejects", { ids: [known] }],
    ["rejects", { destination: "Trash", ids: [known] }],
    ["rejects", { destination: "Inbox" }],
    ["rejects", { destination: "Inbox", postfix_ids: [known] }],
    ["rejects", { destination: "Inbox", ids: [known], postfix_ids: "x" }],
    ["rejects", { destination: "Inbox", ids: [known], expected_disposition: "GOOD" }],
    ["rejects", [known]],
    ["rejects", null]
  ]
  const releaseCases = (known: string): ReadonlyArray<readonly [Verdict, unknown]> => [
    ["accepts", { ids: [known] }],
    ["accepts", { ids: ["", "\t", known, "4Njp3P0STMz2c02Q-unknown"] }],
    ["accepts", { ids: many(1001) }],
    ["accepts", { ids: many(1500) }],
    ["accepts", { ids: [known], destination: "Trash" }],
    ["rejects", { ids: [] }],
    ["rejects", { ids: "abc" }],
    ["rejects", { ids: [known, { id: known }] }],
    ["rejects", {}],
    ["rejects", { postfix_ids: [known] }],
    ["rejects", "ids"]
  ]

  const check = (
    operation: "move" | "release",
    path: string,
    cases: ReadonlyArray<readonly [Verdict, unknown]>
  ) =>
    Effect.gen(function*() {
      const request = operation === "move" ? "moveRequest" : "releaseRequest"
      for (const [verdict, body] of cases) {
        const judged = validate(request, body)
        expect([verdict, judged.valid ? "accepts" : "rejects"], JSON.stringify(body).slice(0, 120)).toEqual([
          verdict,
          verdict
        ])
        const answer = yield* send("POST", path, { body: JSON.stringify(body) })
        const json = answer.json()
        if (verdict === "accepts") {
          expect(answer.status).toBe(200)
          expect(validate(operation, json).errors).toBe("")
        } else {
          expect(answer.status).toBe(400)
          expect(validate("clientError", json).errors).toBe("")
          const [error] = decodeFailure(json).errors
          expect(typeof error?.source?.pointer).toBe("string")
        }
      }
    })

  it.effect("the emulator takes exactly the bodies the document accepts", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({ failed: 2 })
      const page = decodeRawPage((yield* send("GET", `${JobsPath}/${jobId}/messages`)).json())
      const [known] = page.result.flatMap((message) => {
        const details = message.message
        return typeof details === "object" && details !== null && "id" in details ? [String(details.id)] : []
      })
      if (known === undefined) return expect.fail("the inserted job's messages have no investigate id")
      yield* check("move", MovePath, moveCases(known))
      yield* check("release", ReleasePath, releaseCases(known))
      const calls = yield* control.investigations
      expect(calls.map((call) => call.action)).toEqual([
        ...moveCases(known).filter(([verdict]) => verdict === "accepts").map(() => "MOVE"),
        ...releaseCases(known).filter(([verdict]) => verdict === "accepts").map(() => "RELEASE")
      ])
    }).pipe(Effect.provide(layer({ rateLimit: false }))))
})

describe("the validation itself", () => {
  it.effect("rejects the older API shape, which lacks required counters", () =>
    Effect.gen(function*() {
      const body = (yield* send("GET", `${JobsPath}?per_page=5`)).json()
      const result = validate("list", body)
      expect(result.valid).toBe(false)
      expect(result.errors).toContain("messages_skipped")
    }).pipe(Effect.provide(layer({ apiShape: "legacy" }))))

  it.effect("needs the §12.6 leniency: a strict check rejects the nulls the API sends in enum fields", () =>
    Effect.gen(function*() {
      const strict = makeValidators({ lenient: false })
      const body = (yield* send("GET", `${JobsPath}?per_page=1000`)).json()
      const jobs = decodeRawPage(body).result
      const nullableEnums = ["final_disposition", "delivery_status", "message_action"]
      const withNullEnum = jobs.find((job) => {
        const search = job.search_params
        return typeof search === "object" && search !== null &&
          Object.entries(search).some(([key, value]) => nullableEnums.includes(key) && value === null)
      })
      if (withNullEnum === undefined) return expect.fail("the seed has no job with a null enum field")
      const single = { success: true, errors: [], messages: [], result: withNullEnum }
      expect(strict("get", single).valid).toBe(false)
      expect(validate("get", single).valid).toBe(true)
    }).pipe(Effect.provide(layer({ jobs: 1000 }))))
})
