// The bodies of investigate move and release are checked with core's schemas: anything else gets a
// 400 with the failure envelope naming what is wrong, is not carried out, and never brings the
// emulator down.
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
  })

const manyIds = (count: number) => Array.from({ length: count }, (_, index) => `id-${index}`)

describe("investigate bodies", () => {
  it.effect("refuse what is not a move request with 400 naming the field, and carry nothing out", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [string, number, string | undefined, ReadonlyArray<string>]> = [
        ["{\"destination\": \"Inbox\",", 1001, undefined, ["Malformed JSON"]],
        ["", 1001, undefined, ["Malformed JSON"]],
        ["[\"id\"]", 1002, "", ["JSON object (MoveRequest)"]],
        ["null", 1002, "", ["JSON object"]],
        ["{\"ids\": [\"a\"]}", 1002, "/destination", ["destination is required"]],
        [
          "{\"destination\": \"Trash\", \"ids\": [\"a\"]}",
          1002,
          "/destination",
          ["destination must be one of Inbox, JunkEmail, DeletedItems"]
        ],
        ["{\"destination\": \"Inbox\"}", 1002, "/ids", ["ids is required"]],
        ["{\"destination\": \"Inbox\", \"ids\": \"a\"}", 1002, "/ids", ["ids"]],
        ["{\"destination\": \"Inbox\", \"ids\": []}", 1002, "/ids", ["at least one message"]],
        ["{\"destination\": \"Inbox\", \"ids\": [\"a\", 7]}", 1002, "/ids/1", ["ids.1", "string"]],
        ["{\"destination\": \"Inbox\", \"ids\": [\"\"]}", 1002, "/ids/0", ["ids.0"]],
        ["{\"destination\": \"Inbox\", \"ids\": [\" a \"]}", 1002, "/ids/0", ["whitespace"]],
        ["{\"destination\": \"Inbox\", \"ids\": [null]}", 1002, "/ids/0", ["ids.0"]],
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
        mentions: ["JSON object (ReleaseRequest)"]
      })
      yield* refused(ReleasePath, "{}", { code: 1002, pointer: "/ids", mentions: ["ids is required"] })
      yield* refused(ReleasePath, "{\"ids\": []}", {
        code: 1002,
        pointer: "/ids",
        mentions: ["at least one"]
      })
      yield* refused(ReleasePath, JSON.stringify({ ids: manyIds(1001) }), {
        code: 1002,
        pointer: "/ids",
        mentions: ["at most 1000"]
      })
      yield* refused(ReleasePath, "{\"postfix_ids\": [\"x\"]}", {
        code: 1002,
        pointer: "/ids",
        mentions: ["postfix_ids is deprecated"]
      })
      const control = yield* EmulatorControl
      expect(yield* control.investigations).toEqual([])
    }).pipe(Effect.provide(layer())))

  it.effect("take exactly 1000 ids, and ignore the deprecated fields beside them", () =>
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
      const calls = yield* Effect.flatMap(EmulatorControl, (control) => control.investigations)
      expect(calls.map((call) => [call.action, call.ids.length])).toEqual([["MOVE", 1000], ["RELEASE", 1000]])
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
