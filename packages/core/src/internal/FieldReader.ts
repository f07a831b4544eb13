// What the hand-written decoders of the API's answers share: the checks of the leaf schemas, each
// accepting and returning exactly what Schema does. Their input is always a fresh `JSON.parse` result
// (plain objects and arrays, no `undefined`, no getters): an absent key and `undefined` are one here.
import * as Brand from "effect/Brand"
import type { UnknownActionParams } from "../schema/ActionParams.js"
import type { JobId } from "../schema/Ids.js"
import type { UnknownValue } from "../schema/OpenEnum.js"
import { decodeWireDate } from "./WireDate.js"

/** What a fast decoder returns on any doubt: the caller then decodes with Schema, for its value or its error. */
export const Fail: unique symbol = Symbol("cfbulk/FastDecoder/Fail")
export type Fail = typeof Fail
export type FastDecoder<A> = (json: unknown) => A | Fail

/** Schema's test for a Struct's input (`Predicate.isRecord`). */
export const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === "object" && u !== null && !Array.isArray(u)
export const isArray = (u: unknown): u is ReadonlyArray<unknown> => Array.isArray(u)
const isStrings = (u: unknown): u is ReadonlyArray<string> =>
  isArray(u) && u.every((s) => typeof s === "string")

/** `Schema.UUID`'s pattern. */
const uuid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/i
// Brands only type a value: Schema returns the string itself.
const toJobId = Brand.nominal<JobId>()
const toUnknownValue = Brand.nominal<UnknownValue>()
export const toUnknownActionType = Brand.nominal<UnknownActionParams["type"]>()

/**
 * Checks the fields of one object. A failed check returns a placeholder of its type and marks the
 * reader, so a decoder reads as a list of fields and `finish` gives `Fail`. Each field a check sees
 * is counted: `finish` compares the count with the object's keys, to find the keys the schema does
 * not name, which Schema's "preserve" keeps, before the known ones.
 */
export class FieldReader {
  ok = true
  /** Starts with the fields the caller checked itself. */
  constructor(public seen = 0) {}

  private counted<T>(value: T): T {
    this.seen++
    return value
  }
  private fail<T>(placeholder: T): T {
    this.ok = false
    return placeholder
  }
  /** True for absent (decoded as absent or as a default) and for `null` (a field seen). */
  private none(v: unknown): v is null | undefined {
    if (v === null) this.seen++
    return v == null
  }
  string(v: unknown): string {
    return typeof v === "string" ? this.counted(v) : this.fail("")
  }
  boolean(v: unknown): boolean {
    return typeof v === "boolean" ? this.counted(v) : this.fail(false)
  }
  /** `Schema.Int`. */
  int(v: unknown): number {
    return Number.isSafeInteger(v) && typeof v === "number" ? this.counted(v) : this.fail(0)
  }
  /** `optionalWith(Schema.Int, { default: () => 0 })`: absent is 0, `null` fails. */
  counter(v: unknown): number {
    return v === undefined ? 0 : this.int(v)
  }
  date(v: unknown): Date {
    this.seen++
    return (typeof v === "string" ? decodeWireDate(v) : undefined) ?? this.fail(new Date(Number.NaN))
  }
  jobId(v: unknown): JobId {
    return toJobId(typeof v === "string" && uuid.test(v) ? this.counted(v) : this.fail(""))
  }
  /** `OpenEnum(...)`: any string, kept as it is. */
  openEnum(v: unknown): UnknownValue {
    return toUnknownValue(this.string(v))
  }
  strings(v: unknown): ReadonlyArray<string> {
    return isStrings(v) ? this.counted(v) : this.fail([])
  }
  openEnums(v: unknown): ReadonlyArray<UnknownValue> {
    return isStrings(v) ? this.counted(v.map(toUnknownValue)) : this.fail([])
  }
  /** `Schema.Array(Schema.Unknown)`. */
  unknowns(v: unknown): ReadonlyArray<unknown> {
    return isArray(v) ? this.counted(v) : this.fail([])
  }
  /**
   * `Schema.Record({ key: Schema.String, value: Schema.Unknown })`. Schema assigns each key to a
   * fresh object, where `__proto__` would set the prototype: left to Schema.
   */
  record(v: unknown): Readonly<Record<string, unknown>> {
    return isRecord(v) && !Object.hasOwn(v, "__proto__") ? this.counted(v) : this.fail({})
  }

  // For `nullable(x)` (absent decodes to null) and `optionalNullable(x)` (called for a key that is there).
  nullString(v: unknown): string | null {
    return this.none(v) ? null : this.string(v)
  }
  nullDate(v: unknown): Date | null {
    return this.none(v) ? null : this.date(v)
  }
  nullEnum(v: unknown): UnknownValue | null {
    return this.none(v) ? null : this.openEnum(v)
  }
  nullStrings(v: unknown): ReadonlyArray<string> | null {
    return this.none(v) ? null : this.strings(v)
  }
  nullEnums(v: unknown): ReadonlyArray<UnknownValue> | null {
    return this.none(v) ? null : this.openEnums(v)
  }
  nullUnknowns(v: unknown): ReadonlyArray<unknown> | null {
    return this.none(v) ? null : this.unknowns(v)
  }
  nullRecord(v: unknown): Readonly<Record<string, unknown>> | null {
    return this.none(v) ? null : this.record(v)
  }

  /** `out`, or `Fail`; where `input` has keys that are not `fields` of its Struct, those first, as in Schema. */
  finish<T extends object>(input: Readonly<Record<string, unknown>>, fields: object, out: T): T | Fail {
    if (!this.ok) return Fail
    let keys = 0
    // Also counts enumerable keys of `Object.prototype`, if some code added any: then the exact path runs.
    for (const _ in input) keys++
    if (keys === this.seen) return out
    const unknown: Record<string, unknown> = {}
    for (const key of Object.keys(input)) {
      // Assigning it would set the prototype, and Schema drops it in its second pass.
      if (key === "__proto__") return Fail
      if (!Object.hasOwn(fields, key)) unknown[key] = input[key]
    }
    return Object.assign(unknown, out)
  }
}
