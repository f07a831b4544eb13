import { FailureEnvelope } from "@cfbulk/core"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { Defaults, EmulatorControl, layer } from "../src/index.js"
import { JobsPath, send, TokenHeader } from "./support/Raw.js"

const decodeFailure = Schema.decodeUnknownSync(FailureEnvelope)

/** Sends a request and checks the failure envelope: status, code, and the words the message names. */
const expectFailure = (
  request: ReturnType<typeof send>,
  status: number,
  code: number,
  mentions: ReadonlyArray<string> = []
) =>
  Effect.gen(function*() {
    const response = yield* request
    expect(response.status).toBe(status)
    expect(response.headers["content-type"]).toBe("application/json")
    const body = response.json()
    expect(body).toMatchObject({ success: false, messages: [], result: null })
    const [error, ...others] = decodeFailure(body).errors
    expect(others).toEqual([])
    expect(error?.code).toBe(code)
    for (const word of mentions) expect(error?.message).toContain(word)
    return error
  })

const jobId = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
const create = (body: string) => send("POST", JobsPath, { body })

describe("validation", () => {
  it.effect("rejects bad paging and filter values with 400 naming the parameter", () =>
    Effect.gen(function*() {
      yield* expectFailure(send("GET", `${JobsPath}?per_page=5000`), 400, 1003, ["per_page", "1000"])
      yield* expectFailure(send("GET", `${JobsPath}?per_page=0`), 400, 1003, ["per_page"])
      yield* expectFailure(send("GET", `${JobsPath}?per_page=2.5`), 400, 1003, ["per_page"])
      yield* expectFailure(send("GET", `${JobsPath}?page=0`), 400, 1003, ["page"])
      yield* expectFailure(send("GET", `${JobsPath}?page=abc`), 400, 1003, ["page", "abc"])
      yield* expectFailure(send("GET", `${JobsPath}?status=DONE`), 400, 1003, ["status", "COMPLETED"])
      yield* expectFailure(send("GET", `${JobsPath}?action_type=DELETE`), 400, 1003, ["action_type", "MOVE"])
      yield* expectFailure(send("GET", `${JobsPath}/${jobId}/messages?per_page=1001`), 400, 1003, [
        "per_page"
      ])
      yield* expectFailure(send("GET", `${JobsPath}/${jobId}/messages?status=LOST`), 400, 1003, ["status"])
      const edge = yield* send("GET", `${JobsPath}?per_page=1000&page=1&unknown=1`)
      expect(edge.status).toBe(200)
    }).pipe(Effect.provide(layer())))

  it.effect("rejects malformed ids in the path with 400, and unknown jobs with 404", () =>
    Effect.gen(function*() {
      yield* expectFailure(send("GET", `${JobsPath}/not-a-uuid`), 400, 1004, ["not-a-uuid", "UUID"])
      yield* expectFailure(send("DELETE", `${JobsPath}/123`), 400, 1004, ["123"])
      yield* expectFailure(send("POST", `${JobsPath}/xyz/cancel`), 400, 1004, ["xyz"])
      yield* expectFailure(send("GET", `${JobsPath}/${jobId}`), 404, 1005, [jobId])
      yield* expectFailure(send("POST", `${JobsPath}/${jobId}/cancel`), 404, 1005)
      yield* expectFailure(send("GET", `${JobsPath}/${jobId}/messages`), 404, 1005)
      yield* expectFailure(
        send("GET", `/accounts/${"a".repeat(33)}/email-security/investigate/bulk`),
        400,
        1004,
        ["account"]
      )
    }).pipe(Effect.provide(layer())))

  it.effect("rejects create bodies that are not JSON, not objects, or miss what MOVE needs", () =>
    Effect.gen(function*() {
      yield* expectFailure(create("{\"action\": \"MOVE\","), 400, 1001, ["Malformed JSON"])
      yield* expectFailure(create(""), 400, 1001)
      yield* expectFailure(create("[1, 2]"), 400, 1002, ["JSON object"])
      yield* expectFailure(create("null"), 400, 1002)
      const missingAction = yield* expectFailure(create("{\"search_params\": {}}"), 400, 1002, ["action"])
      expect(missingAction?.source?.pointer).toBe("/action")
      yield* expectFailure(create("{\"action\": \"DELETE\", \"search_params\": {}}"), 400, 1002, [
        "MOVE, RELEASE"
      ])
      yield* expectFailure(create("{\"action\": \"RELEASE\"}"), 400, 1002, ["search_params"])
      yield* expectFailure(
        create("{\"action\": \"RELEASE\", \"search_params\": 7}"),
        400,
        1002,
        ["search_params must be an object"]
      )
      const destination = yield* expectFailure(
        create("{\"action\": \"MOVE\", \"search_params\": {}}"),
        400,
        1002,
        ["destination is required when action is MOVE"]
      )
      expect(destination?.source?.pointer).toBe("/destination")
      yield* expectFailure(
        create("{\"action\": \"MOVE\", \"destination\": \"Trash\", \"search_params\": {}}"),
        400,
        1002,
        ["destination", "JunkEmail"]
      )
      yield* expectFailure(
        create("{\"action\": \"RELEASE\", \"search_params\": {\"final_disposition\": \"EVIL\"}}"),
        400,
        1002,
        ["final_disposition"]
      )
      yield* expectFailure(
        create("{\"action\": \"RELEASE\", \"search_params\": {\"start\": \"yesterday-ish\"}}"),
        400,
        1002,
        ["search_params.start", "date-time"]
      )
      yield* expectFailure(
        create(JSON.stringify({
          action: "RELEASE",
          search_params: { start: "2026-07-01T00:00:00Z", end: "2026-06-01T00:00:00Z" }
        })),
        400,
        1002,
        ["must not be after"]
      )
      const accepted = yield* create(
        "{\"action\": \"RELEASE\", \"search_params\": {\"delivery_status\": null, \"action_log\": false}, \"comment\": null}"
      )
      expect(accepted.status).toBe(201)
      expect(yield* Effect.flatMap(EmulatorControl, (control) => control.jobCount)).toBe(51)
    }).pipe(Effect.provide(layer())))

  it.effect("answers unknown routes with 404 (7003) and known routes with a wrong method with 405", () =>
    Effect.gen(function*() {
      const noRoute = yield* expectFailure(send("GET", "/accounts/x/email-security/nothing"), 404, 7003)
      expect(noRoute?.message).toBe("No route for the URI")
      yield* expectFailure(send("GET", "/"), 404, 7003)
      yield* expectFailure(send("GET", `${JobsPath}/${jobId}/cancel/extra`), 404, 7003)
      yield* expectFailure(send("GET", `${JobsPath}/%E0%A4%A`), 404, 7003)
      const wrong = yield* send("PUT", JobsPath)
      expect(wrong.status).toBe(405)
      expect(wrong.headers["allow"]).toBe("GET, POST")
      yield* expectFailure(send("PATCH", `${JobsPath}/${jobId}`), 405, 7001, ["PATCH"])
      yield* expectFailure(send("GET", `${JobsPath}/${jobId}/cancel`), 405, 7001)
      yield* expectFailure(send("DELETE", `${JobsPath}/${jobId}/messages`), 405, 7001)
    }).pipe(Effect.provide(layer())))

  it.effect("authenticates with the token or the legacy email and key, and nothing else", () =>
    Effect.gen(function*() {
      const refused = ["Authentication error"]
      yield* expectFailure(send("GET", JobsPath, { headers: {} }), 401, 10000, refused)
      yield* expectFailure(
        send("GET", JobsPath, { headers: { authorization: "Bearer wrong" } }),
        401,
        10000,
        refused
      )
      yield* expectFailure(send("GET", JobsPath, { headers: { authorization: Defaults.token } }), 401, 10000)
      yield* expectFailure(
        send("GET", JobsPath, { headers: { "x-auth-email": Defaults.email, "x-auth-key": "wrong" } }),
        401,
        10000
      )
      yield* expectFailure(send("POST", JobsPath, { headers: {}, body: "{}" }), 401, 10000)
      const legacy = yield* send("GET", JobsPath, {
        headers: { "x-auth-email": Defaults.email, "x-auth-key": Defaults.apiKey }
      })
      expect(legacy.status).toBe(200)
      yield* expectFailure(
        send("GET", "/accounts/0123456789abcdef0123456789abcdef/email-security/investigate/bulk"),
        403,
        9109,
        ["Unauthorized"]
      )
    }).pipe(Effect.provide(layer())))

  it.effect("takes any page up to the safe-integer limit, and refuses larger ones plainly", () =>
    Effect.gen(function*() {
      const last = yield* send("GET", `${JobsPath}?page=${Number.MAX_SAFE_INTEGER}`)
      expect(last.status).toBe(200)
      expect(last.json()).toMatchObject({ success: true, result: [] })
      for (const page of ["9007199254740992", "1" + "0".repeat(400)]) {
        const error = yield* expectFailure(send("GET", `${JobsPath}?page=${page}`), 400, 1003)
        expect(error?.message).toMatch(/: page must be a whole number from 1$/)
      }
    }).pipe(Effect.provide(layer())))

  it.effect("refuses a comment over 1000 characters with 400, and keeps one of 1000", () =>
    Effect.gen(function*() {
      const body = (comment: string) => JSON.stringify({ action: "RELEASE", search_params: {}, comment })
      yield* expectFailure(create(body("x".repeat(1001))), 400, 1002, ["comment", "1000"])
      const kept = yield* create(body("x".repeat(1000)))
      expect(kept.status).toBe(201)
    }).pipe(Effect.provide(layer())))

  it.effect("refuses a body over 1 MB with 413 and the failure envelope, then keeps serving", () =>
    Effect.gen(function*() {
      const huge = JSON.stringify({ action: "RELEASE", search_params: {}, comment: "x".repeat(1024 * 1024) })
      yield* expectFailure(create(huge), 413, 1008, ["too large"])
      const control = yield* EmulatorControl
      expect(yield* control.jobCount).toBe(Defaults.jobs)
      const ok = yield* send("GET", JobsPath)
      expect(ok.status).toBe(200)
    }).pipe(Effect.provide(layer())))

  it.effect("keeps serving after every kind of bad request", () =>
    Effect.gen(function*() {
      const bad = [
        send("POST", JobsPath, { body: "{{{{" }),
        send("GET", `${JobsPath}?per_page=-1`),
        send("GET", `${JobsPath}?page=99999999999999999999`),
        send("GET", `${JobsPath}/%E0%A4%A`),
        send("DELETE", JobsPath),
        send("POST", JobsPath, { body: "\"just a string\"" }),
        send("POST", JobsPath, { body: JSON.stringify({ action: "MOVE", search_params: { end: 5 } }) }),
        send("GET", JobsPath, { headers: { authorization: "Bearer" } })
      ]
      for (const request of bad) {
        const response = yield* request
        expect(response.status).toBeGreaterThanOrEqual(400)
        expect(response.status).toBeLessThan(500)
        expect(response.json()).toMatchObject({ success: false })
      }
      const ok = yield* send("GET", JobsPath, { headers: TokenHeader })
      expect(ok.status).toBe(200)
      expect(ok.json()).toMatchObject({ success: true, result_info: { count: 20 } })
    }).pipe(Effect.provide(layer())))
})
