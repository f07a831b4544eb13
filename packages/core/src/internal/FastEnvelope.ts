// The success envelopes around a page or one object, as Schema decodes them with the client's
// options (see FieldChecks).
import type { Mutable } from "effect/Types"
import { ApiMessage, PageEnvelope, ResultInfo, SingleEnvelope } from "../schema/Envelope.js"
import * as Field from "./FieldChecks.js"
import { Fail, type FastDecoder, isArray, isRecord } from "./FieldChecks.js"

/** `SingleEnvelope(result)` decoded, and with `result_info` when it is a page (`PageEnvelope(item)`). */
export interface Envelope<A> {
  readonly success: true
  readonly errors: ReadonlyArray<ApiMessage>
  readonly messages: ReadonlyArray<ApiMessage>
  readonly result: A
  readonly result_info?: ResultInfo
}

// The names of the fields, whatever the result's schema.
const singleFields = SingleEnvelope(ApiMessage).fields
const pageFields = PageEnvelope(ApiMessage).fields

const fastEnvelope = <A>(decodeResult: FastDecoder<A>, page: boolean): FastDecoder<Envelope<A>> => (u) => {
  if (!isRecord(u) || u.success !== true) return Fail
  const errors = u.errors === undefined ? [] : list(u.errors, apiMessage)
  const messages = u.messages === undefined ? [] : list(u.messages, apiMessage)
  const result = decodeResult(u.result)
  const info = page && u.result_info !== undefined ? resultInfo(u.result_info) : undefined
  if (errors === Fail || messages === Fail || result === Fail || info === Fail) return Fail
  const envelope: Mutable<Envelope<A>> = { success: true, errors, messages, result }
  if (info !== undefined) envelope.result_info = info
  const seen = 2 + Number(u.errors !== undefined) + Number(u.messages !== undefined) +
    Number(info !== undefined)
  return Field.finish(Field.reading(seen), u, page ? pageFields : singleFields, envelope)
}

export const fastSingle = <A>(decodeResult: FastDecoder<A>) => fastEnvelope(decodeResult, false)
export const fastPage = <A>(item: FastDecoder<A>) => fastEnvelope((u) => list(u, item), true)

/** `Schema.Array(item)`. */
const list = <A>(u: unknown, item: FastDecoder<A>): ReadonlyArray<A> | Fail => {
  if (!isArray(u)) return Fail
  const out: Array<A> = []
  for (const element of u) {
    const decoded = item(element)
    if (decoded === Fail) return Fail
    out.push(decoded)
  }
  return out
}

const apiMessage = (u: unknown): ApiMessage | Fail => {
  if (!isRecord(u)) return Fail
  const source = u.source === undefined ? undefined : apiMessageSource(u.source)
  if (source === Fail) return Fail
  const r = Field.reading(Number(source !== undefined))
  const out: Mutable<ApiMessage> = { code: Field.int(r, u.code), message: Field.str(r, u.message) }
  if (u.documentation_url !== undefined) out.documentation_url = Field.str(r, u.documentation_url)
  if (source !== undefined) out.source = source
  return Field.finish(r, u, ApiMessage.fields, out)
}

const apiMessageSource = (u: unknown): { readonly pointer?: string } | Fail => {
  if (!isRecord(u)) return Fail
  const r = Field.reading()
  return Field.finish(
    r,
    u,
    { pointer: null },
    u.pointer === undefined ? {} : { pointer: Field.str(r, u.pointer) }
  )
}

const resultInfo = (u: unknown): ResultInfo | Fail => {
  if (!isRecord(u)) return Fail
  const r = Field.reading()
  const out: Mutable<ResultInfo> = {}
  if (u.count !== undefined) out.count = Field.int(r, u.count)
  if (u.per_page !== undefined) out.per_page = Field.int(r, u.per_page)
  if (u.total_count !== undefined) out.total_count = Field.int(r, u.total_count)
  if (u.page !== undefined) out.page = Field.int(r, u.page)
  if (u.next !== undefined) out.next = Field.nullStr(r, u.next)
  if (u.previous !== undefined) out.previous = Field.nullStr(r, u.previous)
  return Field.finish(r, u, ResultInfo.fields, out)
}
