import { describe, expect, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import {
  type AnswerDecoders,
  answerSchemas,
  type FastDecoders,
  fastDecoders,
  firstDifference,
  makeAnswerDecoders,
  schemaDecoder
} from "../src/internal/AnswerDecoders.js"
import { canaryAnswers } from "../src/internal/DecoderCanary.js"
import { Fail } from "../src/internal/FieldChecks.js"
import { decodeWireDate } from "../src/internal/WireDate.js"
import { MessageMoveParams } from "../src/schema/ActionParams.js"
import { BulkJob } from "../src/schema/BulkJob.js"
import { ApiMessage, PageEnvelope, ResultInfo } from "../src/schema/Envelope.js"
import { BulkJobMessage, MessageDetails } from "../src/schema/JobMessage.js"
import { SearchParams } from "../src/schema/SearchParams.js"
import { makeTestJob } from "../src/testing/index.js"
import { sampleListResponse } from "./fixtures.js"

// The contract: on any JSON input, the fast decoders either give up (`Fail`) or give exactly the
// value Schema decodes with the client's options (same keys in the same order, Dates equal), and
// the decoders BulkJobs uses give Schema's value or Schema's error. On valid input the fast path
// must not give up, or it would be no fast path at all.

/** `JSON.parse`, typed as what it gives: a value not yet looked at. */
const parseJson = (text: string): unknown => JSON.parse(text)
/** `value` as the JSON text of it parses back (`undefined`, which has none, as it is). */
const throughJson = (value: unknown): unknown =>
  value === undefined ? value : parseJson(JSON.stringify(value))

interface Case {
  readonly name: keyof typeof answerSchemas
  readonly schema: Schema.Schema.AnyNoContext
  readonly fast: (json: unknown) => unknown
}
const jobPage: Case = { name: "jobPage", schema: answerSchemas.jobPage, fast: fastDecoders.jobPage }
const messagePage: Case = {
  name: "messagePage",
  schema: answerSchemas.messagePage,
  fast: fastDecoders.messagePage
}
const cases: ReadonlyArray<Case> = [
  jobPage,
  messagePage,
  { name: "job", schema: answerSchemas.job, fast: fastDecoders.job },
  { name: "deleted", schema: answerSchemas.deleted, fast: fastDecoders.deleted }
]

const decoders = Effect.runSync(makeAnswerDecoders())

/** What one of the decoders BulkJobs uses gives. */
const decode = (
  name: Case["name"],
  json: unknown,
  from: AnswerDecoders = decoders
): Either.Either<unknown, ParseResult.ParseError> => from[name](json)

/** What Schema decodes, with the client's options. */
const schemaOutcome = (c: Case, json: unknown): Either.Either<unknown, ParseResult.ParseError> =>
  schemaDecoder(c.schema)(json)

/**
 * Checks both decoders against Schema on `json`; returns what the fast path gave. Values are
 * compared twice: by `firstDifference` (key order included) and by vitest (its own deep equality).
 */
const expectAgreement = (c: Case, json: unknown): unknown => {
  const expected = schemaOutcome(c, json)
  const fast = c.fast(json)
  if (fast !== Fail) {
    if (Either.isLeft(expected)) expect.fail(`Schema fails (${expected.left.message}), the fast path decodes`)
    expect(firstDifference(fast, expected.right, c.name)).toBeUndefined()
    expect(fast).toStrictEqual(expected.right)
  }
  const actual = decode(c.name, json)
  if (Either.isRight(expected)) {
    if (Either.isLeft(actual)) expect.fail(`Schema decodes, the decoder fails: ${actual.left.message}`)
    expect(firstDifference(actual.right, expected.right, c.name)).toBeUndefined()
  } else {
    if (Either.isRight(actual)) expect.fail(`Schema fails (${expected.left.message}), the decoder decodes`)
    expect(actual.left.message).toBe(expected.left.message)
  }
  return fast
}

/** Valid answers in their wire form, through JSON: values of the schema's type, encoded. */
const wireAnswers = (schema: Schema.Schema.AnyNoContext): fc.Arbitrary<unknown> => {
  const encode = Schema.encodeSync(schema)
  return Arbitrary.make(schema).map((value) => throughJson(encode(value)))
}

type Json = Record<string, unknown> | Array<unknown>
const isContainer = (u: unknown): u is Json => typeof u === "object" && u !== null

/** Every object of a tree, the root included. */
const objectsOf = (root: unknown): Array<Record<string, unknown>> => {
  const objects: Array<Record<string, unknown>> = []
  const visit = (u: unknown) => {
    if (!isContainer(u)) return
    if (!Array.isArray(u)) objects.push(u)
    Object.values(u).forEach(visit)
  }
  visit(root)
  return objects
}

/** A `__proto__` key anywhere: Schema's copy turns it into a prototype, so the fast path leaves it to Schema. */
const hasProtoKey = (root: unknown): boolean => objectsOf(root).some((o) => Object.hasOwn(o, "__proto__"))

/** Sets an own key (`__proto__` too, as `JSON.parse` would). */
const define = (target: object, key: string, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** Strings the decoders treat specially: dates, ids, enum values, action types. */
const specialString = fc.constantFrom(
  "2022-07-25T14:31:02Z",
  "2022-07-25T14:31:02.123+05:30",
  "2022-02-30T00:00:00Z",
  "2022-07-25T24:00:00Z",
  "2022-07-25",
  "not a date",
  "",
  "f174e90a-fafe-4643-bbbc-4a0ed4fc8415",
  "F174E90A-FAFE-4643-BBBC-4A0ED4FC8415",
  "f174e90a-fafe-4643-bbbc-4a0ed4fc841",
  "MOVE",
  "RELEASE",
  "PURGE",
  "JunkEmail",
  "PAUSED"
)
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  specialString,
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, 0, 1.5, -1, 2 ** 53, true, [], {})
)
const anyKey = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "__proto__",
    "constructor",
    "toString",
    "0",
    "type",
    "destination",
    "job_id",
    "result",
    "x_new"
  )
)

type Mutation =
  | { readonly _tag: "Replace"; readonly at: number; readonly value: unknown }
  | { readonly _tag: "Delete"; readonly at: number }
  | { readonly _tag: "Null"; readonly at: number }
  | { readonly _tag: "AddKey"; readonly at: number; readonly key: string; readonly value: unknown }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ _tag: fc.constant<"Replace">("Replace"), at: fc.nat(), value: anyJson }),
  fc.record({ _tag: fc.constant<"Delete">("Delete"), at: fc.nat() }),
  fc.record({ _tag: fc.constant<"Null">("Null"), at: fc.nat() }),
  fc.record({ _tag: fc.constant<"AddKey">("AddKey"), at: fc.nat(), key: anyKey, value: anyJson })
)

/** Applies `m` to a slot (a key of an object or array) of a copy of `answer`, picked by `m.at`. */
const mutate = (answer: unknown, m: Mutation): unknown => {
  const box = { root: structuredClone(answer) }
  const slots = objectsOf(box).flatMap((parent) => Object.keys(parent).map((key) => ({ parent, key })))
  const arrays: Array<{ parent: object; key: string }> = []
  const visit = (u: unknown) => {
    if (!isContainer(u)) return
    if (Array.isArray(u)) u.forEach((_, i) => arrays.push({ parent: u, key: String(i) }))
    Object.values(u).forEach(visit)
  }
  visit(box.root)
  const all = [...slots, ...arrays]
  const slot = all[m.at % all.length]
  if (slot === undefined) return box.root
  const { key, parent } = slot
  const current: unknown = Reflect.get(parent, key)
  if (m._tag === "Replace") define(parent, key, m.value)
  if (m._tag === "Null") define(parent, key, null)
  if (m._tag === "Delete") Reflect.deleteProperty(parent, key)
  if (m._tag === "AddKey") {
    if (isContainer(current) && !Array.isArray(current)) define(current, m.key, m.value)
    else define(parent, key, { [m.key]: m.value })
  }
  return box.root
}

describe("the answer decoders", () => {
  for (const c of cases) {
    describe(c.name, () => {
      it("decode valid answers like Schema, on the fast path", () => {
        fc.assert(
          fc.property(wireAnswers(c.schema), (json) => {
            const fast = expectAgreement(c, json)
            if (!hasProtoKey(json)) expect(fast).not.toBe(Fail)
          }),
          { numRuns: 80 }
        )
      })

      it("keep unknown keys of any object, first, still on the fast path", () => {
        fc.assert(
          fc.property(
            wireAnswers(c.schema),
            fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
            (json, picks) => {
              const objects = objectsOf(json)
              picks.forEach((pick, i) => {
                const target = objects[pick % objects.length]
                if (target !== undefined) define(target, `x_unknown_${i}`, { nested: [i, null] })
              })
              const fast = expectAgreement(c, json)
              if (!hasProtoKey(json)) expect(fast).not.toBe(Fail)
            }
          ),
          { numRuns: 80 }
        )
      })

      it("agree with Schema on damaged answers (values replaced, removed, nulled, keys added)", () => {
        fc.assert(
          fc.property(
            wireAnswers(c.schema),
            fc.array(mutation, { minLength: 1, maxLength: 3 }),
            (json, ms) => {
              expectAgreement(c, throughJson(ms.reduce(mutate, json)))
            }
          ),
          { numRuns: 300 }
        )
      })

      it("agree with Schema on any JSON", () => {
        fc.assert(fc.property(fc.jsonValue(), (json) => void expectAgreement(c, json)), { numRuns: 100 })
      })
    })
  }
})

/** The first job of the sample response, as the wire has it, to change field by field. */
const sampleJob = (): Record<string, unknown> => {
  const [job] = objectsOf(structuredClone(sampleListResponse)).filter((o) => "job_id" in o)
  return { ...job }
}
const pageOf = (...jobs: ReadonlyArray<unknown>): unknown => throughJson({ success: true, result: jobs })

describe("what Schema does, and the fast path with it", () => {
  const decodeOne = (job: unknown) => {
    expect(expectAgreement(jobPage, pageOf(job))).not.toBe(Fail)
    const [decoded] = Either.getOrThrow(decoders.jobPage(pageOf(job))).result
    expect(decoded).toBeDefined()
    return decoded ?? makeTestJob(0)
  }

  it("decodes the sample response", () => {
    expect(expectAgreement(jobPage, throughJson(sampleListResponse))).not.toBe(Fail)
  })

  it("writes unknown keys first, then the schema's fields in the schema's order", () => {
    const { comment, created_at, ...rest } = sampleJob()
    const job = decodeOne({ x_before: 1, ...rest, comment, created_at, x_after: { a: [1] } })
    expect(Object.keys(job)).toStrictEqual(["x_before", "x_after", ...Object.keys(BulkJob.fields)])
    expect(Reflect.get(job, "x_after")).toStrictEqual({ a: [1] })
  })

  it("fills defaults: counters to 0, nullable fields to null, while exact optionals stay absent", () => {
    const {
      comment: _c,
      completed_at: _e,
      messages_cancelled: _m,
      messages_skipped: _k,
      started_at: _s,
      status_message: _t,
      ...rest
    } = sampleJob()
    const job = decodeOne({
      ...rest,
      action_params: { type: "MOVE", destination: "Inbox" },
      search_params: {}
    })
    expect(job.messages_skipped).toBe(0)
    expect(job.messages_cancelled).toBe(0)
    expect([job.comment, job.started_at, job.completed_at, job.status_message]).toStrictEqual([
      null,
      null,
      null,
      null
    ])
    expect(Object.keys(job.action_params)).toStrictEqual(["type", "destination"])
    expect(job.search_params).toStrictEqual({})
    const page = decoders.jobPage({ success: true, result: [] })
    expect(Either.getOrThrow(page)).toStrictEqual({ success: true, errors: [], messages: [], result: [] })
  })

  it("keeps unknown enum values and unknown actions, whose other keys come before `type`", () => {
    const job = decodeOne({ ...sampleJob(), status: "PAUSED", action_params: { type: "PURGE", folder: "x" } })
    expect(job.status).toBe("PAUSED")
    expect(job.action_params).toStrictEqual({ folder: "x", type: "PURGE" })
    expect(Object.keys(job.action_params)).toStrictEqual(["folder", "type"])
  })

  it("accepts upper-case UUIDs and any ISO date `new Date` accepts", () => {
    const job = decodeOne({
      ...sampleJob(),
      job_id: "F174E90A-FAFE-4643-BBBC-4A0ED4FC8415",
      created_at: "2022-02-30"
    })
    expect(job.created_at).toStrictEqual(new Date("2022-03-02T00:00:00Z"))
  })

  const invalid: ReadonlyArray<readonly [string, (job: Record<string, unknown>) => unknown]> = [
    ["a counter sent as a string", (job) => ({ ...job, messages_failed: "3" })],
    ["a counter that is not an integer", (job) => ({ ...job, messages_pending: 1.5 })],
    ["a null counter of the newer API", (job) => ({ ...job, messages_skipped: null })],
    ["a missing required counter", ({ messages_successful: _, ...job }) => job],
    ["an invalid date", (job) => ({ ...job, created_at: "2022-13-01T00:00:00Z" })],
    ["a date that is no date", (job) => ({ ...job, started_at: "yesterday" })],
    ["a job id that is not a UUID", (job) => ({ ...job, job_id: "f174e90a-fafe-4643-bbbc" })],
    [
      "a job id a digit short of a UUID",
      (job) => ({ ...job, job_id: "f174e90a-fafe-4643-bbbc-4a0ed4fc841" })
    ],
    [
      "a job id with a letter beyond f",
      (job) => ({ ...job, job_id: "g174e90a-fafe-4643-bbbc-4a0ed4fc8415" })
    ],
    [
      "a job id with a character between the digits and the letters",
      (job) => ({ ...job, job_id: "f174e90a-fafe-4643-bbbc-4a0ed4fc841:" })
    ],
    [
      "a job id with a control character that is a digit once lower-cased",
      (job) => ({ ...job, job_id: "f174e90a-fafe-4643-bbbc-4a0ed4fc841\u0010" })
    ],
    [
      "a job id with its dashes elsewhere",
      (job) => ({ ...job, job_id: "f174e90af-afe-4643-bbbc-4a0ed4fc8415" })
    ],
    ["a MOVE without its destination", (job) => ({ ...job, action_params: { type: "MOVE" } })],
    ["an action type that is not a string", (job) => ({ ...job, action_params: { type: 5 } })],
    [
      "an action whose type has no usable toString",
      (job) => ({ ...job, action_params: { type: { toString: [] } } })
    ],
    ["a null search", (job) => ({ ...job, search_params: null })],
    ["a search flag that is not a boolean", (job) => ({ ...job, search_params: { detections_only: "yes" } })],
    ["a null exact optional", (job) => ({ ...job, search_params: { start: null } })],
    ["an enum that is not a string", (job) => ({ ...job, status: 3 })],
    ["a `__proto__` key", (job) => parseJson(`{"__proto__":{"x":1},${JSON.stringify(job).slice(1)}`)]
  ]
  for (const [label, damage] of invalid) {
    it(`leaves ${label} to Schema, with Schema's outcome`, () => {
      const json = pageOf(damage(sampleJob()))
      expect(jobPage.fast(json)).toBe(Fail)
      expectAgreement(jobPage, json)
    })
  }

  it("fails an answer whose `type` has no usable toString, where Schema itself throws", () => {
    const json = pageOf({ ...sampleJob(), action_params: { type: { toString: [] } } })
    expect(() => Schema.decodeUnknownEither(answerSchemas.jobPage)(json)).toThrow()
    expect(Either.isLeft(decoders.jobPage(json))).toBe(true)
  })

  it("leaves a message MOVE without its recipient, and a record without its id, to Schema", () => {
    const canary = canaryAnswers().messagePage
    const [first = {}] = objectsOf(canary).filter((o) => "message_id" in o)
    const { client_recipient: _, ...move } = objectsOf(first["action_params"])[0] ?? {}
    expect(messagePage.fast({ success: true, result: [{ ...first, action_params: move }] })).toBe(Fail)
    const { id: _id, ...record } = objectsOf(first["message"])[0] ?? {}
    const json = { success: true, result: [{ ...first, message: record }] }
    expect(messagePage.fast(json)).toBe(Fail)
    expectAgreement(messagePage, json)
  })

  it("decodes like Schema while Object.prototype has an enumerable key", () => {
    Object.defineProperty(Object.prototype, "polluted", {
      value: 1,
      enumerable: true,
      configurable: true,
      writable: true
    })
    try {
      expect(expectAgreement(jobPage, pageOf(sampleJob()))).not.toBe(Fail)
    } finally {
      Reflect.deleteProperty(Object.prototype, "polluted")
    }
  })
})

describe("the canary", () => {
  it("holds every field of every answer the decoders read", () => {
    const keys = new Set(objectsOf(canaryAnswers()).flatMap((o) => Object.keys(o)))
    const structs = [
      BulkJob,
      SearchParams,
      MessageMoveParams,
      BulkJobMessage,
      MessageDetails,
      ApiMessage,
      ResultInfo
    ]
    const fields = [...structs, PageEnvelope(BulkJob)].flatMap((struct) => Object.keys(struct.fields))
    expect(fields.filter((field) => !keys.has(field))).toStrictEqual([])
  })

  it("decodes with the fast path, equal to Schema", () => {
    const canary = canaryAnswers()
    for (const c of cases) expect(expectAgreement(c, canary[c.name])).not.toBe(Fail)
  })

  const debugLogs = (fast: FastDecoders) =>
    Effect.gen(function*() {
      const logs: Array<string> = []
      const logger = Logger.make(({ logLevel, message }) => logs.push(`${logLevel.label} ${String(message)}`))
      const made = yield* makeAnswerDecoders(fast).pipe(
        Logger.withMinimumLogLevel(LogLevel.All),
        Effect.provide(Logger.replace(Logger.defaultLogger, logger))
      )
      return { made, logs }
    })

  it.effect("uses the fast path once it agrees with Schema, and says nothing", () =>
    Effect.gen(function*() {
      let calls = 0
      const counted: FastDecoders["jobPage"] = (json) => {
        calls++
        return fastDecoders.jobPage(json)
      }
      const { logs, made } = yield* debugLogs({ ...fastDecoders, jobPage: counted })
      const before = calls
      made.jobPage(pageOf(sampleJob()))
      expect(calls).toBe(before + 1)
      expect(logs).toStrictEqual([])
    }))

  const wrong: ReadonlyArray<readonly [string, FastDecoders]> = [
    ["a value", {
      ...fastDecoders,
      job: (json) => {
        const answer = fastDecoders.job(json)
        return answer === Fail ? Fail : { ...answer, result: { ...answer.result, comment: "wrong" } }
      }
    }],
    ["the key order", {
      ...fastDecoders,
      deleted: (json) => {
        const answer = fastDecoders.deleted(json)
        return answer === Fail ? Fail : { result: answer.result, success: true, errors: [], messages: [] }
      }
    }],
    ["a fast path that gives up", { ...fastDecoders, messagePage: () => Fail }]
  ]
  for (const [label, fast] of wrong) {
    it.effect(`falls back to Schema alone, and says why at debug level, when it gets ${label} wrong`, () =>
      Effect.gen(function*() {
        const { logs, made } = yield* debugLogs(fast)
        expect(logs).toHaveLength(1)
        expect(logs[0]).toMatch(
          /^DEBUG answers are decoded by Schema alone, the fast path differs: (job|deleted|messagePage)/
        )
        const canary = canaryAnswers()
        for (const c of cases) {
          const expected = Either.getOrThrow(schemaOutcome(c, canary[c.name]))
          expect(firstDifference(Either.getOrThrow(decode(c.name, canary[c.name], made)), expected, c.name))
            .toBeUndefined()
        }
      }))
  }
})

describe("firstDifference", () => {
  it("tells values apart by key order, keys, dates, prototypes and nested values", () => {
    const date = new Date(0)
    expect(firstDifference({ a: 1, b: [date] }, { a: 1, b: [new Date(0)] }, "v")).toBeUndefined()
    expect(firstDifference({ a: 1, b: 2 }, { b: 2, a: 1 }, "v")).toMatch(/keys differ/)
    expect(firstDifference({ a: 1 }, { a: 1, b: undefined }, "v")).toMatch(/keys differ/)
    expect(firstDifference({ a: [date] }, { a: [new Date(1)] }, "v")).toBe("v.a.0: the dates differ")
    expect(firstDifference({ a: "2024" }, { a: new Date(0) }, "v")).toBe("v.a: the values differ")
    expect(firstDifference({}, Object.create(null), "v")).toBe("v: the prototypes differ")
    expect(firstDifference({ a: { b: 1 } }, { a: { b: 2 } }, "v")).toBe("v.a.b: the values differ")
  })
})

describe("decodeWireDate", () => {
  const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"))
  const isoLike = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, "0")),
      two(13),
      two(32),
      fc.constantFrom("T", "t", " "),
      two(24),
      two(60),
      fc.option(two(60), { nil: "" }).map((s) => (s === "" ? "" : `:${s}`)),
      fc.option(fc.stringMatching(/^[0-9]{0,12}$/), { nil: "" }).map((s) => (s === "" ? "" : `.${s}`)),
      fc.constantFrom("Z", "z", "", "+00:00", "-05:30", "+14:00", "+24:00", "+0530", "-23:59", "+05:60")
    )
    .map(([y, mo, d, t, h, mi, s, f, z]) => `${y}-${mo}-${d}${t}${h}:${mi}${s}${f}${z}`)
  const timeOf = (s: string) => {
    const time = new Date(s).getTime()
    return Number.isNaN(time) ? undefined : time
  }

  it("gives the time new Date(s) gives, or undefined where that is invalid", () => {
    fc.assert(
      fc.property(isoLike, (s) => {
        expect(decodeWireDate(s)?.getTime()).toBe(timeOf(s))
      }),
      { numRuns: 5000 }
    )
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (d) => {
        const s = d.toISOString()
        expect(decodeWireDate(s)?.getTime()).toBe(d.getTime())
      }),
      { numRuns: 1000 }
    )
    fc.assert(fc.property(fc.string(), (s) => {
      expect(decodeWireDate(s)?.getTime()).toBe(timeOf(s))
    }))
  })

  it("reads the years 0 to 99 as such, and the fraction's first three digits", () => {
    for (
      const s of [
        "0050-01-05T10:00:00Z",
        "0000-02-29T10:00:00-11:00",
        "2024-01-05T10:00:00.9999Z",
        "2024-01-05T10:00:00.1+01:00",
        "+275760-09-13T00:00:00.000Z",
        "2024-01-05T10:00:00"
      ]
    ) expect(decodeWireDate(s)?.getTime()).toBe(timeOf(s))
    expect(decodeWireDate("0050-01-05T10:00:00Z")?.getUTCFullYear()).toBe(50)
  })
})
