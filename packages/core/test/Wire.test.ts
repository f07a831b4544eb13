import { describe, expect, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { BulkJob, BulkJobMessage, DeletedJob, PageEnvelope, toWire, toWireJson } from "../src/index.js"

const equalsEncode = <A, I>(schema: Schema.Schema<A, I>) => {
  const encode = Schema.encodeSync(schema)
  FastCheck.assert(
    // Schema.encode itself drops an own "__proto__" key (it assigns keys), so such values are
    // compared separately below, where toWire is checked to keep the key.
    FastCheck.property(
      Arbitrary.make(schema).filter((value) => !JSON.stringify(value).includes("\"__proto__\"")),
      (value) => {
        expect(toWire(value)).toEqual(encode(value))
      }
    ),
    { numRuns: 300 }
  )
}

describe("toWire", () => {
  it("equals Schema.encode for any BulkJob", () => equalsEncode(BulkJob))
  it("equals Schema.encode for any BulkJobMessage", () => equalsEncode(BulkJobMessage))
  it("equals Schema.encode for any DeletedJob", () => equalsEncode(DeletedJob))

  it("keeps unknown properties and turns dates into ISO strings", () => {
    const job = { created_at: new Date("2026-01-02T03:04:05Z"), extra: { nested: [new Date(0)] } }
    expect(toWire(job)).toEqual({
      created_at: "2026-01-02T03:04:05.000Z",
      extra: { nested: ["1970-01-01T00:00:00.000Z"] }
    })
  })
})

const jsonEqualsEncode = <A, I>(schema: Schema.Schema<A, I>) => {
  const encode = Schema.encodeSync(schema)
  FastCheck.assert(
    FastCheck.property(Arbitrary.make(schema), (value) => {
      expect(toWireJson(value)).toBe(JSON.stringify(toWire(value)))
      if (!toWireJson(value).includes("\"__proto__\"")) {
        expect(toWireJson(value)).toBe(JSON.stringify(encode(value)))
      }
    }),
    { numRuns: 300 }
  )
}

describe("toWireJson", () => {
  it("is the JSON of Schema.encode for any BulkJob", () => jsonEqualsEncode(BulkJob))
  it("is the JSON of Schema.encode for any BulkJobMessage", () => jsonEqualsEncode(BulkJobMessage))
  it("is the JSON of Schema.encode for any page of jobs", () => jsonEqualsEncode(PageEnvelope(BulkJob)))
})

describe("toWire with hostile keys", () => {
  it("keeps a server-sent __proto__ key as data, never as the prototype", () => {
    const parsed: unknown = JSON.parse("{\"validation\":{\"__proto__\":{\"spf\":\"pass\"},\"dkim\":\"x\"}}")
    const wire = toWire(parsed)
    expect(JSON.stringify(wire)).toBe("{\"validation\":{\"__proto__\":{\"spf\":\"pass\"},\"dkim\":\"x\"}}")
    expect(Object.getPrototypeOf(wire)).toBe(Object.prototype)
    expect(toWireJson(parsed)).toBe(JSON.stringify(wire))
  })
})
