// What the hand-written decoders of the API's answers share: checks of the leaf schemas, each
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
 * The checks of one object. A failed check returns a placeholder of its type and clears `ok`, so a
 * decoder reads as a list of fields and `finish` gives `Fail`. Each field a check sees is counted:
 * `finish` compares the count with the object's keys, to find the keys the schema does not name,
 * which Schema keeps ("preserve"), before the known ones.
 */
export interface Reading {
  ok: boolean
  seen: number
}
/** `seen`: the fields the caller checked itself. */
export const reading = (seen = 0): Reading => ({ ok: true, seen })

const got = <T>(r: Reading, value: T): T => {
  r.seen++
  return value
}
const fail = <T>(r: Reading, placeholder: T): T => {
  r.ok = false
  return placeholder
}
/** Absent (left absent, or decoded as a default) or `null` (a field seen). */
const none = (r: Reading, v: unknown): v is null | undefined => (v === null ? got(r, true) : v === undefined)

export const str = (r: Reading, v: unknown): string => typeof v === "string" ? got(r, v) : fail(r, "")
export const bool = (r: Reading, v: unknown): boolean => typeof v === "boolean" ? got(r, v) : fail(r, false)
/** `Schema.Int`. */
export const int = (r: Reading, v: unknown): number =>
  typeof v === "number" && Number.isSafeInteger(v) ? got(r, v) : fail(r, 0)
/** `optionalWith(Schema.Int, { default: () => 0 })`: absent is 0, `null` fails. */
export const counter = (r: Reading, v: unknown): number => v === undefined ? 0 : int(r, v)
export const date = (r: Reading, v: unknown): Date => {
  const decoded = typeof v === "string" ? decodeWireDate(v) : undefined
  return decoded === undefined ? fail(r, new Date(Number.NaN)) : got(r, decoded)
}
export const jobId = (r: Reading, v: unknown): JobId =>
  toJobId(typeof v === "string" && uuid.test(v) ? got(r, v) : fail(r, ""))
/** `OpenEnum(...)`: any string, kept as it is. */
export const openEnum = (r: Reading, v: unknown): UnknownValue => toUnknownValue(str(r, v))
export const strings = (r: Reading, v: unknown): ReadonlyArray<string> =>
  isStrings(v) ? got(r, v) : fail(r, [])
export const openEnums = (r: Reading, v: unknown): ReadonlyArray<UnknownValue> =>
  isStrings(v) ? got(r, v.map(toUnknownValue)) : fail(r, [])
/** `Schema.Array(Schema.Unknown)`. */
export const unknowns = (r: Reading, v: unknown): ReadonlyArray<unknown> =>
  isArray(v) ? got(r, v) : fail(r, [])
/**
 * `Schema.Record({ key: Schema.String, value: Schema.Unknown })`. Schema assigns each key to a fresh
 * object, where `__proto__` would set the prototype: left to Schema.
 */
export const record = (r: Reading, v: unknown): Readonly<Record<string, unknown>> =>
  isRecord(v) && !Object.hasOwn(v, "__proto__") ? got(r, v) : fail(r, {})

// For `nullable(x)` (absent decodes to null) and `optionalNullable(x)` (called for a key that is there).
export const nullStr = (r: Reading, v: unknown) => none(r, v) ? null : str(r, v)
export const nullDate = (r: Reading, v: unknown) => none(r, v) ? null : date(r, v)
export const nullEnum = (r: Reading, v: unknown) => none(r, v) ? null : openEnum(r, v)
export const nullStrings = (r: Reading, v: unknown) => none(r, v) ? null : strings(r, v)
export const nullEnums = (r: Reading, v: unknown) => none(r, v) ? null : openEnums(r, v)
export const nullUnknowns = (r: Reading, v: unknown) => none(r, v) ? null : unknowns(r, v)
export const nullRecord = (r: Reading, v: unknown) => none(r, v) ? null : record(r, v)

/** `out`, or `Fail`; where `input` has keys that are not `fields` of its Struct, those first, as in Schema. */
export const finish = <T extends object>(
  r: Reading,
  input: Readonly<Record<string, unknown>>,
  fields: object,
  out: T
): T | Fail => {
  if (!r.ok) return Fail
  let keys = 0
  // Also counts enumerable keys of `Object.prototype`, if some code added any: then the exact path runs.
  for (const _ in input) keys++
  if (keys === r.seen) return out
  const unknown: Record<string, unknown> = {}
  for (const key of Object.keys(input)) {
    // Assigning it would set the prototype, and Schema drops it in its second pass.
    if (key === "__proto__") return Fail
    if (!Object.hasOwn(fields, key)) unknown[key] = input[key]
  }
  return Object.assign(unknown, out)
}
