// What the CLI prints, read back without trusting it: `JSON.parse` gives `any`, so the tests parse to
// `unknown` and then either decode with core's schemas (a typed, checked `BulkJob`) or narrow to a plain
// JSON object where the printed wire form itself is under test.
import { BulkJob } from "@cfbulk/core"
import * as Schema from "effect/Schema"

/** Parses JSON text, typed as what it is: anything. */
export const parseJson = (text: string): unknown => {
  const value: unknown = JSON.parse(text)
  return value
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** `value` as a JSON object, or a thrown error saying what it was instead. */
export const recordOf = (value: unknown): Record<string, unknown> => {
  if (!isRecord(value)) throw new Error(`expected a JSON object, got ${JSON.stringify(value)}`)
  return value
}

/** One line of JSON as a JSON object. */
export const parseRecord = (text: string): Record<string, unknown> => recordOf(parseJson(text))

const decodeBulkJob = Schema.decodeUnknownSync(BulkJob)

/**
 * A job as the CLI prints it (the wire form), decoded: throws on anything that is not a valid job.
 * One argument only, so it can be given to `map` (which would pass the index as parse options).
 */
export const decodeJob = (value: unknown): BulkJob => decodeBulkJob(value)

/** A job printed as JSON, decoded. */
export const parseJob = (text: string): BulkJob => decodeJob(parseJson(text))

/** The non-empty lines of `text`. */
const lines = (text: string) => text.split("\n").filter((line) => line !== "")

/** NDJSON output of jobs, one decoded job per line. */
export const parseJobLines = (text: string): ReadonlyArray<BulkJob> => lines(text).map(parseJob)
