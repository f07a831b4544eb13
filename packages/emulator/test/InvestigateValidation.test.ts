// The bodies of investigate move and release are checked as the OpenAPI document declares them (not
// with cfbulk's stricter rules): anything else gets a 400 with the failure envelope naming, in plain
// words, what is wrong, is not carried out, and never brings the emulator down. An id that names no
// message is no reason for a 400: it gets a "not found" item.
import { FailureEnvelope } from "@cfbulk/core"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { EmulatorControl, layer } from "../src/index.js"
import { MovePath, ReleasePath, send } from "./support/Raw.js"

const decodeFailure = Schema.decodeUnknownSync(FailureEnvelope)

/** Posts `body` (sent as is) and checks the failure: status, code, pointer, and words of the message. */
const refused = (
  path: string,
  body: string,
  expected: { readonly code: number; readonly pointer?: string; readonly mentions: ReadonlyArray<string> }
) =>
  Effect.gen(function*() {
    const response = yield* send("POST", path, { body })
    expect(response.status).toBe(400)
    const [error, ...others] = decodeFailure(response.json()).errors
    expect(others).toEqual([])
    expect(error?.code).toBe(expected.code)
    expect(error?.source?.pointer).toBe(expected.pointer)
    for (const word of expected.mentions) expect(error?.message).toContain(word)
    // Plain words: no schema's type name, nor the schema library's own phrasing.
    expect(error?.message).not.toMatch(
      /ReadonlyArray|InvestigateId|MoveRequest|ReleaseRequest|Expected string|actual/
    )
  })

const manyIds = (count: number) => Array.from({ length: count }, (_, index) => `id-${index}`)

describe("investigate bodies", () => {
  it.effect("refuse what is not a move request with 400 naming the field, and carry nothing out", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [string, number, string | undefined, ReadonlyArray<string>]> = [
        ["{\"destination\": \"Inbox\",", 1001, undefined, ["Malformed JSON"]],
        ["", 1001, undefined, ["Malformed JSON"]],
        ["[\"id\"]", 1002, "", ["JSON object (a move request)"]],
        ["null", 1002, "", ["JSON object"]],
        ["{\"ids\": [\"a\"]}", 1002, "/destination", ["destination is required"]],
        [
          "{\"destination\": \"Trash\", \"ids\": [\"a\"]}",
          1002,
          "/destination",
          ["destination must be one of Inbox, JunkEmail, DeletedItems"]
        ],
        ["{\"destination\": \"Inbox\"}", 1002, "/ids", ["ids is required"]],
        [
          "{\"destination\": \"Inbox\", \"ids\": \"abc\"}",
          1002,
          "/ids",
          ["Invalid request body: ids must be an array of investigate ids"]
        ],
        ["{\"destination\": \"Inbox\", \"ids\": {}}", 1002, "/ids", [
          "ids must be an array of investigate ids"
        ]],
        ["{\"destination\": \"Inbox\", \"ids\": []}", 1002, "/ids", ["ids must name at least one message"]],
        [
          "{\"destination\": \"Inbox\", \"ids\": [\"a\", 7]}",
          1002,
          "/ids/1",
          ["ids.1: an investigate id must be a string, not 7"]
        ],
        ["{\"destination\": \"Inbox\", \"ids\": [null]}", 1002, "/ids/0", ["ids.0", "not null"]],
        [
          "{\"destination\": \"Inbox\", \"ids\": [\"a\"], \"expected_disposition\": \"GOOD\"}",
          1002,
          "/expected_disposition",
          ["expected_disposition must be one of MALICIOUS"]
        ],
        [
          "{\"destination\": \"Inbox\", \"ids\": [\"a\"], \"postfix_ids\": \"x\"}",
          1002,
          "/postfix_ids",
          ["postfix_ids must be an array of strings"]
        ],
        [JSON.stringify({ destination: "Inbox", ids: manyIds(1001) }), 1002, "/ids", ["at most 1000"]],
        [
          JSON.stringify({ destination: "Inbox", postfix_ids: ["4Njp3P0STMz2c02Q"] }),
          1002,
          "/ids",
          ["ids is required", "postfix_ids is deprecated"]
        ]
      ]
      for (const [body, code, pointer, mentions] of cases) {
        yield* refused(
          MovePath,
          body,
          pointer === undefined ? { code, mentions } : { code, pointer, mentions }
        )
      }
      const control = yield* EmulatorControl
      expect(yield* control.investigations).toEqual([])
    }).pipe(Effect.provide(layer())))

  it.effect("refuse what is not a release request the same way", () =>
    Effect.gen(function*() {
      yield* refused(ReleasePath, "{", { code: 1001, mentions: ["Malformed JSON"] })
      yield* refused(ReleasePath, "7", {
        code: 1002,
        pointer: "",
        mentions: ["JSON object (a release request)"]
      })
      yield* refused(ReleasePath, "{}", { code: 1002, pointer: "/ids", mentions: ["ids is required"] })
      yield* refused(ReleasePath, "{\"ids\": []}", {
        code: 1002,
        pointer: "/ids",
        mentions: ["at least one"]
      })
      yield* refused(ReleasePath, "{\"ids\": \"abc\"}", {
        code: 1002,
        pointer: "/ids",
        mentions: ["ids must be an array of investigate ids"]
      })
      yield* refused(ReleasePath, "{\"ids\": [\"a\", false]}", {
        code: 1002,
        pointer: "/ids/1",
        mentions: ["ids.1: an investigate id must be a string, not false"]
      })
      yield* refused(ReleasePath, "{\"postfix_ids\": [\"x\"]}", {
        code: 1002,
        pointer: "/ids",
        mentions: ["postfix_ids is deprecated"]
      })
      const control = yield* EmulatorControl
      expect(yield* control.investigations).toEqual([])
    }).pipe(Effect.provide(layer())))

  it.effect("take 1000 ids a move and any number a release, and ignore the deprecated fields beside them", () =>
    Effect.gen(function*() {
      const move = yield* send("POST", MovePath, {
        body: JSON.stringify({
          destination: "JunkEmail",
          ids: manyIds(1000),
          postfix_ids: ["x"],
          expected_disposition: null
        })
      })
      expect(move.status).toBe(200)
      const release = yield* send("POST", ReleasePath, { body: JSON.stringify({ ids: manyIds(1000) }) })
      expect(release.status).toBe(200)
      // The document declares no maxItems for release: the 1000 a call is cfbulk's own rule.
      const longRelease = yield* send("POST", ReleasePath, { body: JSON.stringify({ ids: manyIds(1500) }) })
      expect(longRelease.status).toBe(200)
      const calls = yield* Effect.flatMap(EmulatorControl, (control) => control.investigations)
      expect(calls.map((call) => [call.action, call.ids.length])).toEqual([
        ["MOVE", 1000],
        ["RELEASE", 1000],
        ["RELEASE", 1500]
      ])
    }).pipe(Effect.provide(layer())))

  it.effect("are only read once the caller is authenticated, for this account, with POST", () =>
    Effect.gen(function*() {
      const body = JSON.stringify({ ids: ["a"] })
      const anonymous = yield* send("POST", ReleasePath, { headers: {}, body })
      expect(anonymous.status).toBe(401)
      const other = yield* send(
        "POST",
        "/accounts/0123456789abcdef0123456789abcdef/email-security/investigate/move",
        {
          body: "not even JSON"
        }
      )
      expect(other.status).toBe(403)
      const get = yield* send("GET", MovePath)
      expect(get.status).toBe(405)
      expect(get.headers["allow"]).toBe("POST")
      expect((yield* send("DELETE", ReleasePath)).status).toBe(405)
      const control = yield* EmulatorControl
      expect(yield* control.investigations).toEqual([])
      const ok = yield* send("POST", ReleasePath, { body })
      expect(ok.status).toBe(200)
    }).pipe(Effect.provide(layer())))
})
