// The decoders of the answers BulkJobs reads: the hand-written fast path where it is sure, else
// Schema, so a value is always Schema's value and an error always Schema's error. The fast path
// copies what this version of effect's Schema does; a canary, run as the layer is built, checks it,
// so another version of effect can make decoding slower, never different.
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { BulkJob, DeletedJob } from "../schema/BulkJob.js"
import { PageEnvelope, SingleEnvelope } from "../schema/Envelope.js"
import { BulkJobMessage } from "../schema/JobMessage.js"
import { canaryAnswers } from "./DecoderCanary.js"
import { fastPage, fastSingle } from "./FastEnvelope.js"
import { fastDeletedJob, fastJob } from "./FastJob.js"
import { fastMessage } from "./FastMessage.js"
import { Fail, type FastDecoder } from "./FieldChecks.js"
import { describeParseError, lenient } from "./ResponseBody.js"

export type Decode<A> = (json: unknown) => Either.Either<A, ParseResult.ParseError>

export const answerSchemas = {
  jobPage: PageEnvelope(BulkJob),
  messagePage: PageEnvelope(BulkJobMessage),
  job: SingleEnvelope(BulkJob),
  deleted: SingleEnvelope(DeletedJob)
}
type Answers = typeof answerSchemas

export type FastDecoders = { readonly [K in keyof Answers]: FastDecoder<Answers[K]["Type"]> }
export type AnswerDecoders = { readonly [K in keyof Answers]: Decode<Answers[K]["Type"]> }

export const fastDecoders: FastDecoders = {
  jobPage: fastPage(fastJob),
  messagePage: fastPage(fastMessage),
  job: fastSingle(fastJob),
  deleted: fastSingle(fastDeletedJob)
}

/**
 * Schema's decode with the client's options. It can throw on odd input (a `type` whose `toString`
 * is not a function meets a `String(...)` in its union dispatch): a failure too, never a defect.
 */
export const schemaDecoder = <A, I>(schema: Schema.Schema<A, I>): Decode<A> => {
  const decode = Schema.decodeUnknownEither(schema, lenient)
  return (json) => {
    try {
      return decode(json)
    } catch (error) {
      const message = `cannot be decoded: ${error instanceof Error ? error.message : String(error)}`
      return Either.left(ParseResult.parseError(new ParseResult.Type(schema.ast, json, message)))
    }
  }
}

/** The fast path, and where it gives up Schema, on the same input: the fast path never changes it. */
const withFallback = <A, I>(schema: Schema.Schema<A, I>, fast: FastDecoder<A>): Decode<A> => {
  const slow = schemaDecoder(schema)
  return (json) => {
    const value = fast(json)
    return value === Fail ? slow(json) : Either.right(value)
  }
}

/**
 * Where two decoded values differ, or `undefined`: the same prototypes, the same own keys in the same
 * order (the CLI prints them in that order), Dates by their time, anything else by `Object.is`.
 */
export const firstDifference = (a: unknown, b: unknown, path: string): string | undefined => {
  if (Object.is(a, b)) return undefined
  if (a instanceof Date && b instanceof Date) {
    return Object.is(a.getTime(), b.getTime()) ? undefined : `${path}: the dates differ`
  }
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return `${path}: the values differ`
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: the prototypes differ`
  const keys = Reflect.ownKeys(a)
  const others = Reflect.ownKeys(b)
  if (keys.length !== others.length || keys.some((key, i) => key !== others[i])) {
    return `${path}: the keys differ (${keys.map(String).join()} / ${others.map(String).join()})`
  }
  for (const key of keys) {
    const found = firstDifference(Reflect.get(a, key), Reflect.get(b, key), `${path}.${String(key)}`)
    if (found !== undefined) return found
  }
  return undefined
}

/** Why a fast decoder cannot be trusted, from its answer to the canary and Schema's; `undefined` if it can. */
const distrust = <A, I>(name: string, schema: Schema.Schema<A, I>, fast: FastDecoder<A>, canary: unknown) => {
  const expected = schemaDecoder(schema)(canary)
  if (Either.isLeft(expected)) {
    return `${name}: Schema rejects the canary (${describeParseError(expected.left)})`
  }
  const value = fast(canary)
  return value === Fail
    ? `${name}: the fast path gives up on the canary`
    : firstDifference(value, expected.right, name)
}

/**
 * The decoders, once the fast ones agree with Schema on the canary answers. If one does not, all
 * decode with Schema alone, and a debug log says why.
 */
export const makeAnswerDecoders = (fast: FastDecoders = fastDecoders): Effect.Effect<AnswerDecoders> =>
  Effect.gen(function*() {
    const canary = canaryAnswers()
    const problems = [
      distrust("jobPage", answerSchemas.jobPage, fast.jobPage, canary.jobPage),
      distrust("messagePage", answerSchemas.messagePage, fast.messagePage, canary.messagePage),
      distrust("job", answerSchemas.job, fast.job, canary.job),
      distrust("deleted", answerSchemas.deleted, fast.deleted, canary.deleted)
    ].filter((problem) => problem !== undefined)
    const decoders = (make: <A, I>(schema: Schema.Schema<A, I>, fastPath: FastDecoder<A>) => Decode<A>) => ({
      jobPage: make(answerSchemas.jobPage, fast.jobPage),
      messagePage: make(answerSchemas.messagePage, fast.messagePage),
      job: make(answerSchemas.job, fast.job),
      deleted: make(answerSchemas.deleted, fast.deleted)
    })
    if (problems.length === 0) return decoders(withFallback)
    yield* Effect.logDebug(
      `answers are decoded by Schema alone, the fast path differs: ${problems.join("; ")}`
    )
    return decoders(schemaDecoder)
  })
