import { describe, expect, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { readContractFile } from "../../../test-support/contract.js"
import {
  compileDecoder,
  compileFastPath,
  type CompileOptions,
  fastDecodeOptions
} from "../src/internal/FastDecode.js"
import { lenient } from "../src/internal/ResponseBody.js"
import { ActionParams } from "../src/schema/ActionParams.js"
import { BulkJob } from "../src/schema/BulkJob.js"
import { FailureEnvelope, PageEnvelope, ResultInfo, SingleEnvelope } from "../src/schema/Envelope.js"
import { BulkJobMessage } from "../src/schema/JobMessage.js"
import { SearchParams } from "../src/schema/SearchParams.js"

// The contract: for every input, the compiled decoder gives what Schema gives with the client's
// lenient options: a deep-equal value (same keys present or absent, Dates equal) or a failure.
// Every way of compiling is held to it: generated Struct decoders or closures only, for any input
// or (`fromJsonParse`) for what `JSON.parse` returns, where each input first goes through JSON.

interface Mode {
  readonly name: string
  readonly options: CompileOptions
  /** The input this mode accepts for `input`, if any. */
  readonly prepare: (input: unknown) => Option.Option<unknown>
}

const asIs = (input: unknown) => Option.some(input)

/** `JSON.parse`, typed as what it gives: a value not yet looked at. */
const parseJson = (text: string): unknown => JSON.parse(text)

/** A copy of `fields` on an object without a prototype. */
const withNullPrototype = (fields: object): unknown => Object.assign(Object.create(null), fields)

/** `input` through `JSON.stringify` and `JSON.parse`, where it has a JSON text at all. */
const throughJson = (input: unknown): Option.Option<unknown> => {
  try {
    const text: unknown = JSON.stringify(input)
    return typeof text === "string" ? Option.some(parseJson(text)) : Option.none()
  } catch {
    return Option.none()
  }
}

const modes: ReadonlyArray<Mode> = [
  { name: "generated code", options: { generateCode: true }, prepare: asIs },
  { name: "closures", options: { generateCode: false }, prepare: asIs },
  {
    name: "generated code, fromJsonParse",
    options: { generateCode: true, fromJsonParse: true },
    prepare: throughJson
  },
  {
    name: "closures, fromJsonParse",
    options: { generateCode: false, fromJsonParse: true },
    prepare: throughJson
  }
]

interface Case {
  readonly name: string
  readonly schema: Schema.Schema.AnyNoContext
  /** Inputs random generation is unlikely to find. */
  readonly inputs?: ReadonlyArray<unknown>
}

const cases: ReadonlyArray<Case> = [
  { name: "PageEnvelope(BulkJob)", schema: PageEnvelope(BulkJob) },
  { name: "PageEnvelope(BulkJobMessage)", schema: PageEnvelope(BulkJobMessage) },
  { name: "SingleEnvelope(BulkJob)", schema: SingleEnvelope(BulkJob) },
  { name: "BulkJob", schema: BulkJob },
  { name: "SearchParams", schema: SearchParams },
  { name: "ActionParams", schema: ActionParams },
  { name: "FailureEnvelope", schema: FailureEnvelope },
  { name: "ResultInfo", schema: ResultInfo }
]

/** Whether `key` is an own enumerable property of `o`. */
const isEnumerable = (o: object, key: PropertyKey): boolean =>
  Object.prototype.propertyIsEnumerable.call(o, key)

/**
 * The first difference between two decoded values, or `undefined`: the same prototypes, the same
 * own keys (symbols too, in any order) with the same enumerability, Dates by time, the rest by
 * `Object.is`. (Unlike `toStrictEqual`, not fooled by an own `constructor` key.)
 */
const difference = (a: unknown, b: unknown, path = "value"): string | undefined => {
  if (Object.is(a, b)) return undefined
  if (!isContainer(a) || !isContainer(b)) return `${path}: ${typeof a} and ${typeof b} differ`
  const [protoA, protoB] = [Reflect.getPrototypeOf(a), Reflect.getPrototypeOf(b)]
  if (protoA !== protoB) {
    // A `__proto__` key that Effect's copy assigned: the prototype is a value of the input, which
    // `fromJsonParse` modes give Schema a copy of.
    if (!isContainer(protoA) || !isContainer(protoB)) return `${path}: the prototypes differ`
    const found = difference(protoA, protoB, `${path}.[[Prototype]]`)
    if (found !== undefined) return found
  }
  if (a instanceof Date && b instanceof Date) {
    return Object.is(a.getTime(), b.getTime()) ? undefined : `${path}: the dates differ`
  }
  const keys = Reflect.ownKeys(a)
  if (keys.length !== Reflect.ownKeys(b).length || !keys.every((key) => Object.hasOwn(b, key))) {
    return `${path}: the keys differ (${keys.map(String).join(", ")} / ${
      Reflect.ownKeys(b).map(String).join(", ")
    })`
  }
  for (const key of keys) {
    const at = `${path}.${String(key)}`
    if (isEnumerable(a, key) !== isEnumerable(b, key)) return `${at}: the enumerability differs`
    const found = difference(Reflect.get(a, key), Reflect.get(b, key), at)
    if (found !== undefined) return found
  }
  return undefined
}

/** Runs both decoders on `input` and compares the outcomes. */
const expectSameOutcome = (
  schema: Schema.Schema.AnyNoContext,
  decode: (input: unknown) => Either.Either<unknown, ParseResult.ParseError>,
  original: unknown,
  prepare: Mode["prepare"] = asIs
): void => {
  const prepared = prepare(original)
  if (Option.isNone(prepared)) return
  const input = prepared.value
  // `fromJsonParse` decodes in place: Schema is given an input of its own.
  const schemaInput = Option.getOrThrow(prepare(original))
  const actual = decode(input)
  if (Either.isLeft(actual) && prepare === throughJson) {
    // A failed in-place decode leaves the input as it came, key order included.
    expect(JSON.stringify(input)).toBe(JSON.stringify(schemaInput))
  }
  let expected: Either.Either<unknown, ParseResult.ParseError>
  try {
    expected = Schema.decodeUnknownEither(schema, lenient)(schemaInput)
  } catch {
    // Schema itself throws on some odd input (`String(...)` of an object without a usable
    // `toString`); the compiled decoder returns a failure instead.
    expect(Either.isLeft(actual)).toBe(true)
    return
  }
  if (Either.isRight(expected)) {
    if (Either.isLeft(actual)) {
      expect.fail(`Schema decodes, the compiled decoder fails: ${actual.left.message}`)
    }
    expect(difference(actual.right, expected.right)).toBeUndefined()
  } else {
    if (Either.isRight(actual)) {
      expect.fail(`Schema fails (${expected.left.message}), the compiled decoder decodes`)
    }
    expect(actual.left.message).toBe(expected.left.message)
  }
}

/** Valid wire inputs: values of the schema's type, encoded. */
const wireInputs = (schema: Schema.Schema.AnyNoContext): fc.Arbitrary<unknown> => {
  const encode = Schema.encodeSync(schema)
  return Arbitrary.make(schema).map((value): unknown => encode(value))
}

// ---------------------------------------------------------------------------------------------
// Mutations of a wire input
// ---------------------------------------------------------------------------------------------

type Container = Record<PropertyKey, unknown> | Array<unknown>

const isContainer = (u: unknown): u is Container => typeof u === "object" && u !== null

/** Every slot (a container and one of its keys) of a tree of objects and arrays, depth first. */
const slotsOf = (root: Container): Array<{ readonly parent: Container; readonly key: string }> => {
  const slots: Array<{ readonly parent: Container; readonly key: string }> = []
  const visit = (parent: Container) => {
    for (const key of Object.keys(parent)) {
      slots.push({ parent, key })
      const child: unknown = Reflect.get(parent, key)
      if (isContainer(child)) visit(child)
    }
  }
  visit(root)
  return slots
}

/** Every object of a tree, the root included. */
const objectsOf = (root: unknown): Array<Record<PropertyKey, unknown>> => {
  const objects: Array<Record<PropertyKey, unknown>> = []
  const visit = (u: unknown) => {
    if (!isContainer(u)) return
    if (!Array.isArray(u)) objects.push(u)
    for (const child of Object.values(u)) visit(child)
  }
  visit(root)
  return objects
}

/** Sets an own, enumerable property, `__proto__` included (plain assignment would set the prototype). */
const define = (target: Container, key: PropertyKey, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** Strings this client and Schema treat specially: dates, ids, enum values. */
const specialStrings = fc.constantFrom(
  "2022-07-25T14:31:02Z",
  "2022-07-25T14:31:02.123Z",
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
  "PAUSED",
  "Inbox",
  "JunkEmail",
  "Archive",
  "COMPLETED",
  "SPAM",
  "delivered"
)

/**
 * Objects JSON cannot produce but a caller can pass: hidden (non-enumerable) keys, symbols, an own
 * `__proto__` key, a class instance, no prototype. Effect copies all own keys into plain objects.
 */
const exoticObject: fc.Arbitrary<unknown> = fc
  .record({
    kind: fc.constantFrom("hidden", "symbol", "hiddenSymbol", "proto", "instance", "nullPrototype"),
    fields: fc.dictionary(fc.constantFrom("a", "b", "type", "n"), fc.oneof(fc.string(), fc.integer()), {
      maxKeys: 3
    })
  })
  .map(({ fields, kind }): unknown => {
    switch (kind) {
      case "hidden":
        return Object.defineProperty({ ...fields }, "hidden", { value: 1, enumerable: false })
      case "symbol":
        return { ...fields, [Symbol.for("cfbulk.test")]: 1 }
      case "hiddenSymbol":
        return Object.defineProperty({ ...fields }, Symbol.for("cfbulk.test"), {
          value: 1,
          enumerable: false
        })
      case "proto":
        return Object.defineProperty({ ...fields }, "__proto__", { value: 1, enumerable: true })
      case "instance":
        return Object.assign(new (class Exotic {})(), fields)
      case "nullPrototype":
        return withNullPrototype(fields)
    }
  })

/** Any value a JSON body (or a careless caller) may put somewhere. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  exoticObject,
  specialStrings,
  fc.string(),
  fc.integer(),
  fc.constantFrom(0, -0, 1.5, -1, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 })
)

/** Keys to inject: random ones, and names that collide with prototypes, arrays and known fields. */
const anyKey = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "0",
    "length",
    "type",
    "destination",
    "job_id",
    "status",
    "result",
    "x_new_field"
  )
)

type Mutation =
  | { readonly _tag: "Replace"; readonly at: number; readonly value: unknown }
  | { readonly _tag: "Delete"; readonly at: number }
  | { readonly _tag: "Null"; readonly at: number }
  | { readonly _tag: "AddKey"; readonly at: number; readonly key: string; readonly value: unknown }
  | { readonly _tag: "SwapContainer"; readonly at: number }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ _tag: fc.constant("Replace" as const), at: fc.nat(), value: anyValue }),
  fc.record({ _tag: fc.constant("Delete" as const), at: fc.nat() }),
  fc.record({ _tag: fc.constant("Null" as const), at: fc.nat() }),
  fc.record({ _tag: fc.constant("AddKey" as const), at: fc.nat(), key: anyKey, value: anyValue }),
  fc.record({ _tag: fc.constant("SwapContainer" as const), at: fc.nat() })
)

/** Applies a mutation to a copy of `input`; the root itself is a slot too (a `null` root, an array root). */
const mutate = (input: unknown, m: Mutation): unknown => {
  const box: Container = { root: structuredClone(input) }
  const slots = slotsOf(box)
  const slot = slots[m.at % slots.length]
  if (slot === undefined) return box["root" as keyof typeof box]
  const { key, parent } = slot
  const current: unknown = Reflect.get(parent, key)
  switch (m._tag) {
    case "Replace":
      define(parent, key, m.value)
      break
    case "Delete":
      Reflect.deleteProperty(parent, key)
      break
    case "Null":
      define(parent, key, null)
      break
    case "AddKey":
      if (isContainer(current) && !Array.isArray(current)) define(current, m.key, m.value)
      else define(parent, key, { [m.key]: m.value })
      break
    case "SwapContainer":
      // Arrays become objects (with index keys) and objects arrays (of their values).
      define(
        parent,
        key,
        Array.isArray(current) ? { ...current } : isContainer(current) ? Object.values(current) : [current]
      )
      break
  }
  return Reflect.get(box, "root")
}

/** Adds unknown keys (never known ones, never `__proto__`) to objects picked at random. */
const withUnknownKeys = (input: unknown, picks: ReadonlyArray<number>): unknown => {
  const copy: unknown = structuredClone(input)
  const objects = objectsOf(copy)
  picks.forEach((pick, i) => {
    const target = objects[pick % Math.max(objects.length, 1)]
    if (target !== undefined) define(target, `x_unknown_${i}`, { nested: [i, "kept as is"] })
  })
  return copy
}

// ---------------------------------------------------------------------------------------------
// The client's schemas
// ---------------------------------------------------------------------------------------------

describe("compileDecoder", () => {
  it("reproduces the client's lenient parse options", () => {
    expect(fastDecodeOptions).toStrictEqual(lenient)
  })

  for (const mode of modes) {
    describe(mode.name, () => {
      for (const { name, schema } of cases) {
        describe(name, () => {
          const decode = compileDecoder(schema, mode.options)
          const fastPath = compileFastPath(schema, mode.options)

          it("decodes valid input like Schema, on the fast path", () => {
            fc.assert(
              fc.property(wireInputs(schema), (input) => {
                expectSameOutcome(schema, decode, input, mode.prepare)
                const json = parseJson(JSON.stringify(input))
                expectSameOutcome(schema, decode, json, mode.prepare)
                expect(Option.isSome(fastPath(json))).toBe(true)
                expect(Option.isSome(fastPath(Option.getOrThrow(mode.prepare(input))))).toBe(true)
              }),
              { numRuns: 60 }
            )
          })

          it("keeps unknown keys at any level, still on the fast path", () => {
            fc.assert(
              fc.property(
                wireInputs(schema),
                fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
                (input, picks) => {
                  const extended = withUnknownKeys(input, picks)
                  expectSameOutcome(schema, decode, extended, mode.prepare)
                  expect(Option.isSome(fastPath(Option.getOrThrow(mode.prepare(extended))))).toBe(true)
                }
              ),
              { numRuns: 60 }
            )
          })

          it("agrees with Schema on mutated input (removed, nulled, replaced, added, swapped)", () => {
            fc.assert(
              fc.property(
                wireInputs(schema),
                fc.array(mutation, { minLength: 1, maxLength: 3 }),
                (input, ms) => {
                  expectSameOutcome(schema, decode, ms.reduce(mutate, input), mode.prepare)
                }
              ),
              { numRuns: 250 }
            )
          })

          it("agrees with Schema on arbitrary values", () => {
            fc.assert(
              fc.property(fc.anything(), (input) => expectSameOutcome(schema, decode, input, mode.prepare)),
              { numRuns: 60 }
            )
          })
        })
      }

      describe("targeted inputs", () => {
        const sample = parseJson(readContractFile("sample-list-response.json"))
        const jobs = PageEnvelope(BulkJob)
        const decodeJobs = compileDecoder(jobs, mode.options)
        const decodeJob = compileDecoder(BulkJob, mode.options)
        const firstJob = (): Record<string, unknown> => {
          const page = structuredClone(sample)
          const job: unknown = isContainer(page) && !Array.isArray(page) && Array.isArray(page["result"])
            ? page["result"][0]
            : undefined
          return isContainer(job) && !Array.isArray(job) ? job : {}
        }

        /** An input of its own (a fresh `JSON.parse` result in the `fromJsonParse` modes, which decode in place). */
        const own = (input: unknown): unknown => Option.getOrThrow(mode.prepare(input))

        it("decodes the sample list response like Schema, on the fast path", () => {
          expectSameOutcome(jobs, decodeJobs, sample, mode.prepare)
          expect(Option.isSome(compileFastPath(jobs, mode.options)(own(sample)))).toBe(true)
          const decoded = decodeJobs(own(sample))
          expect(Either.isRight(decoded) && decoded.right.result.length).toBe(3)
        })

        it("fills defaults: counters to 0, nullable fields to null, exact optionals stay absent", () => {
          const job = firstJob()
          for (
            const key of ["messages_skipped", "messages_cancelled", "comment", "started_at", "status_message"]
          ) {
            delete job[key]
          }
          job["completed_at"] = null
          expectSameOutcome(BulkJob, decodeJob, job, mode.prepare)
          const decoded = decodeJob(own(job))
          if (Either.isLeft(decoded)) return expect.fail(decoded.left.message)
          expect(decoded.right).toMatchObject({
            messages_skipped: 0,
            messages_cancelled: 0,
            comment: null,
            started_at: null,
            completed_at: null,
            status_message: null
          })
          expect("expected_disposition" in decoded.right.action_params).toBe(false)
        })

        it("keeps unknown enum values and unknown action types", () => {
          const job = firstJob()
          job["status"] = "PAUSED"
          job["action_type"] = "ARCHIVE"
          job["action_params"] = { type: "ARCHIVE", folder: "x" }
          expectSameOutcome(BulkJob, decodeJob, job, mode.prepare)
          expect(Either.isRight(decodeJob(own(job)))).toBe(true)
        })

        const invalid: ReadonlyArray<readonly [string, (job: Record<string, unknown>) => unknown]> = [
          ["an invalid date", (job) => ({ ...job, created_at: "2022-02-30T25:00:00Z" })],
          ["a date that is not a string", (job) => ({ ...job, created_at: 1658759462000 })],
          ["a job id that is not a UUID", (job) => ({ ...job, job_id: "not-a-uuid" })],
          ["MOVE without a destination", (job) => ({ ...job, action_params: { type: "MOVE" } })],
          ["a RELEASE spelt as an unknown type", (job) => ({ ...job, action_params: { type: 1 } })],
          ["a counter that is not an integer", (job) => ({ ...job, messages_failed: 1.5 })],
          ["an array instead of search params", (job) => ({ ...job, search_params: [] })],
          ["a null job", () => null],
          ["an array job", (job) => [job]]
        ]
        for (const [label, make] of invalid) {
          it(`rejects ${label}, with Schema's error`, () => {
            const input = make(firstJob())
            expectSameOutcome(BulkJob, decodeJob, input, mode.prepare)
            expect(Either.isLeft(decodeJob(own(input)))).toBe(true)
          })
        }

        it("puts the input back after a failure, even one found after dates and defaults were written", () => {
          const page = (result: ReadonlyArray<unknown>): Record<string, unknown> => ({
            success: true,
            result
          })
          const noDefaults = firstJob()
          for (const key of ["messages_skipped", "comment", "started_at"]) delete noDefaults[key]
          const inputs: ReadonlyArray<unknown> = [
            page([firstJob(), noDefaults, { ...firstJob(), messages_failed: 1.5 }]),
            page([noDefaults, { ...firstJob(), search_params: { start: "2022-07-25T14:31:02Z", end: 1 } }]),
            page([firstJob(), { ...firstJob(), action_params: { type: "MOVE", destination: 1 } }]),
            { ...page([firstJob()]), success: false }
          ]
          for (const input of inputs) {
            expectSameOutcome(jobs, decodeJobs, input, mode.prepare)
            const owned = own(input)
            const before = JSON.stringify(owned)
            expect(Either.isLeft(decodeJobs(owned))).toBe(true)
            expect(JSON.stringify(owned)).toBe(before)
          }
        })

        it("decodes like Schema while Object.prototype has an enumerable key", () => {
          const polluted: object = Object.prototype
          try {
            Reflect.set(polluted, "start", "2022-07-25T14:31:02Z")
            Reflect.set(polluted, "success", true)
            const input = { errors: [], messages: [], result: [firstJob()] }
            expectSameOutcome(jobs, decodeJobs, input, mode.prepare)
            expectSameOutcome(BulkJob, decodeJob, firstJob(), mode.prepare)
          } finally {
            Reflect.deleteProperty(polluted, "start")
            Reflect.deleteProperty(polluted, "success")
          }
        })

        it("treats exotic objects as Schema does (symbols, hidden keys, getters, prototypes, holes)", () => {
          const hidden = firstJob()
          Object.defineProperty(hidden, "x_hidden", { value: 1, enumerable: false })
          const hiddenSymbol = firstJob()
          Object.defineProperty(hiddenSymbol, Symbol.for("x"), { value: 1, enumerable: false })
          const withGetter = firstJob()
          Object.defineProperty(withGetter, "comment", { get: () => "from a getter", enumerable: true })
          const nullPrototype = withNullPrototype(firstJob())
          class Job {
            constructor(fields: Record<string, unknown>) {
              Object.assign(this, fields)
            }
          }
          const page = (result: unknown): unknown => ({ success: true, errors: [], messages: [], result })
          const sparse: Array<unknown> = [firstJob()]
          sparse[2] = firstJob()
          const extraKey = Object.assign([firstJob()], { extra: 1 })
          const inputs: ReadonlyArray<unknown> = [
            { ...firstJob(), [Symbol.for("x")]: 1 },
            hidden,
            hiddenSymbol,
            withGetter,
            nullPrototype,
            new Job(firstJob()),
            parseJson(JSON.stringify({ ...firstJob(), x: 1 }).replace("\"x\"", "\"__proto__\"")),
            parseJson("{\"__proto__\": {\"job_id\": 1}}"),
            new Date(0),
            "a string",
            42
          ]
          for (const input of inputs) expectSameOutcome(BulkJob, decodeJob, input, mode.prepare)
          for (const input of [page(sparse), page(extraKey), page(new Array(2))]) {
            expectSameOutcome(jobs, decodeJobs, input, mode.prepare)
          }
        })
      })
    })
  }
})

// ---------------------------------------------------------------------------------------------
// Dates: the fast ISO path against `new Date(s)`
// ---------------------------------------------------------------------------------------------

describe("Schema.Date", () => {
  const pad = (n: number, width: number) => String(n).padStart(width, "0")
  /** Strings in (or near) ECMAScript's date-time format, with out-of-range fields now and then. */
  const isoLike = fc
    .record({
      year: fc.oneof(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 1969, max: 2100 }),
        fc.integer({ min: 0, max: 120 }),
        fc.constantFrom(1600, 1900, 2000, 2024, 2100, 2400)
      ),
      month: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 13 })),
      day: fc.oneof(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 32 })),
      hours: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 25 })),
      minutes: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 60 })),
      seconds: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 61 })),
      fraction: fc.oneof(fc.constantFrom("", ".000", ".123", ".999"), fc.constantFrom(".1", ".1234", ".12a")),
      zone: fc.oneof(fc.constant("Z"), fc.constantFrom("z", "+01:00", "", " Z"))
    })
    .map(({ day, fraction, hours, minutes, month, seconds, year, zone }) =>
      `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hours, 2)}:${pad(minutes, 2)}:${
        pad(seconds, 2)
      }${fraction}${zone}`
    )
  const strings = fc.oneof(
    isoLike,
    fc.date().map((date) => Number.isNaN(date.getTime()) ? "Invalid Date" : date.toISOString()),
    fc.string()
  )
  for (const mode of modes) {
    it(`decodes like new Date(s) (${mode.name})`, () => {
      const schema = Schema.Struct({ at: Schema.Date })
      const decode = compileDecoder(schema, mode.options)
      fc.assert(fc.property(strings, (at) => expectSameOutcome(schema, decode, { at }, mode.prepare)), {
        numRuns: 1000
      })
    })
  }
})

// ---------------------------------------------------------------------------------------------
// Other node kinds and fallbacks, beyond the client's schemas
// ---------------------------------------------------------------------------------------------

interface Category {
  readonly name: string
  readonly children: ReadonlyArray<Category>
}
const Category: Schema.Schema<Category> = Schema.Struct({
  name: Schema.String,
  children: Schema.Array(Schema.suspend(() => Category))
})

class Person
  extends Schema.Class<Person>("Person")({ name: Schema.String, age: Schema.optional(Schema.Int) })
{}

const others: ReadonlyArray<Case> = [
  { name: "a transformation (NumberFromString)", schema: Schema.Struct({ n: Schema.NumberFromString }) },
  { name: "a record", schema: Schema.Record({ key: Schema.String, value: Schema.Number }) },
  {
    name: "properties and an index signature",
    schema: Schema.Struct(
      { a: Schema.NumberFromString },
      Schema.Record({ key: Schema.String, value: Schema.Unknown })
    )
  },
  {
    name: "a tuple with an optional element",
    schema: Schema.Tuple(Schema.String, Schema.optionalElement(Schema.Number))
  },
  { name: "a tuple with a rest element", schema: Schema.Tuple([Schema.Literal("head")], Schema.Number) },
  { name: "a recursive schema (Suspend)", schema: Category },
  {
    name: "a renamed key (fromKey)",
    schema: Schema.Struct({ a: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("b")) })
  },
  {
    name: "a tagged union with a catch-all",
    schema: Schema.Union(
      Schema.Struct({ kind: Schema.Literal("a"), x: Schema.Number }),
      Schema.Struct({
        kind: Schema.Literal("b"),
        x: Schema.optionalWith(Schema.Number, { default: () => 1 })
      }),
      Schema.Struct({ kind: Schema.String }),
      Schema.String
    )
  },
  {
    name: "an untagged union of Structs",
    schema: Schema.Union(
      Schema.Struct({ a: Schema.String }),
      Schema.Struct({ a: Schema.Unknown, b: Schema.Number })
    )
  },
  {
    name: "a required Unknown property",
    schema: Schema.Struct({ a: Schema.Unknown, b: Schema.optionalWith(Schema.String, { default: () => "" }) })
  },
  {
    name: "a union of Structs behind defaults, with Unknown members",
    schema: Schema.Struct({
      d: Schema.optionalWith(Schema.Number, { default: () => 0 }),
      u: Schema.Union(
        Schema.Struct({ a: Schema.Unknown }),
        Schema.Struct({ a: Schema.Struct({ b: Schema.String }) }),
        Schema.Array(Schema.Unknown)
      ),
      r: Schema.optionalWith(Schema.NullOr(Schema.Record({ key: Schema.String, value: Schema.Unknown })), {
        exact: true
      })
    })
  },
  {
    // Effect's second pass over a Struct with defaults decodes `u` on the type side, where the first
    // member (now `{ n: number, extra: unknown }`) accepts `{ n: 5 }` and adds `extra: undefined`.
    name: "a union whose type side picks another member",
    schema: Schema.Struct({
      d: Schema.optionalWith(Schema.Number, { default: () => 0 }),
      u: Schema.Union(
        Schema.Struct({ n: Schema.NumberFromString, extra: Schema.Unknown }),
        Schema.Struct({ n: Schema.Number })
      )
    }),
    inputs: [{ u: { n: 5 } }, { d: 1, u: { n: "5" } }, { u: { n: 5, extra: undefined } }]
  },
  {
    // Here the type side of the first member looks into the object the second passed through
    // unchanged, and Effect's copy keeps what a plain check would miss (hidden keys, symbols).
    name: "a union whose type side looks into a passed-through object",
    schema: Schema.Struct({
      d: Schema.optionalWith(Schema.Number, { default: () => 0 }),
      u: Schema.Union(
        Schema.Struct({ a: Schema.Struct({ n: Schema.NumberFromString }) }),
        Schema.Struct({ a: Schema.Unknown })
      )
    }),
    inputs: [
      { u: { a: { n: 5 } } },
      { u: { a: Object.defineProperty({ n: 5 }, "hidden", { value: 1, enumerable: false }) } },
      { u: { a: { n: 5, [Symbol.for("cfbulk.test")]: 1 } } },
      { u: { a: parseJson("{\"__proto__\": 1, \"n\": 5}") } },
      { u: { a: withNullPrototype({ n: 5 }) } }
    ]
  },
  {
    // What a transformation returns is no `JSON.parse` output, even when the input is.
    name: "a transformation returning an object with a hidden key",
    schema: Schema.transform(Schema.String, Schema.Struct({ a: Schema.String }), {
      strict: true,
      decode: (a) => Object.defineProperty({ a }, "hidden", { value: 1, enumerable: false }),
      encode: ({ a }) => a
    })
  },
  {
    name: "a default with a hidden key",
    schema: Schema.Struct({
      o: Schema.optionalWith(Schema.Struct({ a: Schema.String }), {
        default: () => Object.defineProperty({ a: "default" }, "hidden", { value: 1, enumerable: false })
      })
    }),
    inputs: [{}, { o: { a: "given" } }]
  },
  {
    name: "parse options on a Struct",
    schema: Schema.Struct({
      a: Schema.Struct({ b: Schema.String }).annotations({ parseOptions: { onExcessProperty: "error" } })
    })
  },
  { name: "a class", schema: Schema.Struct({ person: Person }) },
  {
    name: "dates from self",
    schema: Schema.Struct({ at: Schema.DateFromSelf, valid: Schema.ValidDateFromSelf })
  },
  {
    name: "enums and template literals",
    schema: Schema.Tuple(Schema.Enums({ A: "a", B: 1 }), Schema.TemplateLiteral("id-", Schema.Number))
  },
  {
    name: "an effectful transformation",
    schema: Schema.transformOrFail(Schema.String, Schema.Number, {
      strict: true,
      decode: (s) => Effect.succeed(s.length),
      encode: (n) => ParseResult.succeed(String(n))
    })
  },
  {
    name: "literals of all kinds",
    schema: Schema.Union(
      Schema.Literal(1, "1", true, null),
      Schema.Literal(2n),
      Schema.Undefined,
      Schema.Boolean
    )
  }
]

describe("compileDecoder on other schemas", () => {
  for (const mode of modes) {
    describe(mode.name, () => {
      for (const { inputs = [], name, schema } of others) {
        it(`agrees with Schema: ${name}`, () => {
          const decode = compileDecoder(schema, mode.options)
          for (const input of inputs) expectSameOutcome(schema, decode, input, mode.prepare)
          fc.assert(
            fc.property(
              fc.oneof(wireInputs(schema), fc.anything()),
              fc.array(mutation, { maxLength: 2 }),
              (input, ms) => expectSameOutcome(schema, decode, ms.reduce(mutate, input), mode.prepare)
            ),
            { numRuns: 150 }
          )
        })
      }
    })
  }
})
