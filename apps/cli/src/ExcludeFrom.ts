import type { PlatformError } from "@effect/platform/Error"
import * as FileSystem from "@effect/platform/FileSystem"
import { parse } from "csv-parse/sync"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { UsageError } from "./Errors.js"
import { type RetryOutcome, retryOutcomes } from "./output/RetryFields.js"

// `cfbulk retry --exclude-from <file>`: the rows an earlier retry printed, read back so that the
// messages it sent are not sent again. A retry does not change the job's listing, so without them
// a second run moves those messages again and, for a release, delivers them again.

/**
 * The outcomes of messages that an earlier run sent: done, or perhaps done (unknown), or left out
 * because a run before it had sent them (excluded), so that each run's rows cover every run before.
 */
const sentOutcomes: ReadonlySet<RetryOutcome> = new Set<RetryOutcome>([
  "moved",
  "released",
  "unknown",
  "excluded"
])

/** The two columns read: what names the message in a call, and what came of it. */
interface ReadRow {
  readonly investigateId: string | null
  readonly outcome: RetryOutcome
}

/** What the file holds for --exclude-from. */
export interface ExcludeList {
  /** The Investigate ids of the messages the earlier runs sent. */
  readonly ids: ReadonlySet<string>
  /** Rows read, whatever their outcome. */
  readonly rows: number
}

const expected = "the rows of an earlier 'cfbulk retry' as it prints them in ndjson, json or csv"

const isOutcome = (value: unknown): value is RetryOutcome =>
  typeof value === "string" && retryOutcomes.some((outcome) => outcome === value)

/** One row read from a JSON object (a line of ndjson, an item of a json array); `where` names it in errors. */
const rowOf = (value: unknown, where: string): Either.Either<ReadRow, string> => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return Either.left(`${where} is not an object`)
  }
  if (!("investigate_id" in value) || !("outcome" in value)) {
    return Either.left(`${where} has no ${"investigate_id" in value ? "outcome" : "investigate_id"} field`)
  }
  const id = value.investigate_id
  if (id !== null && typeof id !== "string") return Either.left(`${where}: investigate_id is not text`)
  if (!isOutcome(value.outcome)) {
    return Either.left(
      `${where}: outcome ${JSON.stringify(value.outcome)} is not one of ${retryOutcomes.join(", ")}`
    )
  }
  return Either.right({ investigateId: id === "" ? null : id, outcome: value.outcome })
}

const parseJson = (text: string, where: string): Either.Either<unknown, string> =>
  Either.try({
    try: (): unknown => JSON.parse(text),
    catch: (error) => `${where} is not JSON (${error instanceof Error ? error.message : String(error)})`
  })

const ndjsonRows = (text: string): Either.Either<ReadonlyArray<ReadRow>, string> =>
  Either.all(
    text.split("\n").flatMap((line, index) =>
      line.trim() === ""
        ? []
        : [Either.flatMap(parseJson(line, `line ${index + 1}`), (value) => rowOf(value, `line ${index + 1}`))]
    )
  )

const jsonRows = (text: string): Either.Either<ReadonlyArray<ReadRow>, string> =>
  Either.flatMap(parseJson(text, "the file"), (value) =>
    Array.isArray(value)
      ? Either.all(value.map((item: unknown, index) => rowOf(item, `item ${index + 1}`)))
      : Either.left("the file is JSON but not an array"))

const csvRows = (text: string): Either.Either<ReadonlyArray<ReadRow>, string> =>
  Either.flatMap(
    Either.try({
      try: () => parse(text, { bom: true, skip_empty_lines: true }),
      catch: (error) => `the file is not CSV (${error instanceof Error ? error.message : String(error)})`
    }),
    ([header, ...records]) => {
      if (header === undefined) return Either.right([])
      const idColumn = header.indexOf("investigate_id")
      const outcomeColumn = header.indexOf("outcome")
      if (idColumn < 0 || outcomeColumn < 0) {
        return Either.left(`its header has no ${idColumn < 0 ? "investigate_id" : "outcome"} column`)
      }
      // Line numbers as a reader counts them: the header is line 1.
      return Either.all(records.map((record, index) =>
        rowOf({ investigate_id: record[idColumn] ?? "", outcome: record[outcomeColumn] }, `line ${index + 2}`)
      ))
    }
  )

/** The rows of a file in any of the formats a retry prints, told apart by their first character. */
const rowsOf = (text: string): Either.Either<ReadonlyArray<ReadRow>, string> => {
  const first = text.trimStart().charAt(0)
  return first === "[" ? jsonRows(text) : first === "{" ? ndjsonRows(text) : csvRows(text)
}

/** Why a file could not be read, in a few words. */
const readProblem = (error: PlatformError): string => {
  if (error._tag !== "SystemError") return error.message
  switch (error.reason) {
    case "NotFound":
      return "no such file"
    case "PermissionDenied":
      return "permission denied"
    default:
      return error.description ?? error.reason
  }
}

/** The ids to leave out, from rows read: those of the messages sent. */
const sentIds = (rows: ReadonlyArray<ReadRow>): Either.Either<ReadonlySet<string>, string> => {
  const ids = new Set<string>()
  for (const [index, row] of rows.entries()) {
    if (!sentOutcomes.has(row.outcome)) continue
    // A message is sent under its investigate id: a sent row without one is no retry's row.
    if (row.investigateId === null) {
      return Either.left(`row ${index + 1} is ${row.outcome} but has no investigate_id`)
    }
    ids.add(row.investigateId)
  }
  return Either.right(ids)
}

/**
 * Reads `path` for `--exclude-from`: the Investigate ids of the messages that the run which printed
 * it moved, released, could not confirm (unknown), or left out as sent by a run before. A message
 * sent to several recipients has one row per recipient under one id: the id is left out if any of
 * them was sent, since a release sent again delivers again. A file that cannot be read, or is not a
 * retry's rows, is a usage error, before any request.
 */
export const readExcludeFrom = (
  path: string
): Effect.Effect<ExcludeList, UsageError, FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const refuse = (issue: string) =>
      new UsageError({ issue: `--exclude-from ${path}: ${issue}; it takes ${expected}` })
    const text = yield* Effect.mapError(fs.readFileString(path), (error) =>
      new UsageError({ issue: `--exclude-from ${path}: cannot read it (${readProblem(error)})` }))
    const rows = yield* Effect.mapError(rowsOf(text), refuse)
    const ids = yield* Effect.mapError(sentIds(rows), refuse)
    return { ids, rows: rows.length }
  })
