import * as FileSystem from "@effect/platform/FileSystem"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { describe, expect, it } from "vitest"
import { readExcludeFrom } from "../../src/ExcludeFrom.js"
import { csvCell, csvRecords } from "../../src/output/Csv.js"

// What --exclude-from reads back from a file of an earlier retry's rows, in each format it prints.

/** Reads `text` as if it were the file `rows`. */
const read = (text: string) =>
  Effect.runSync(
    Effect.either(
      readExcludeFrom("rows").pipe(
        Effect.provide(FileSystem.layerNoop({ readFileString: () => Effect.succeed(text) }))
      )
    )
  )

const ids = (text: string): ReadonlyArray<string> => {
  const result = read(text)
  if (Either.isLeft(result)) throw new Error(`refused: ${result.left.message}`)
  return [...result.right.ids].sort()
}

const problem = (text: string): string => {
  const result = read(text)
  if (Either.isRight(result)) throw new Error(`read ${result.right.rows} rows`)
  return result.left.message
}

const rows = [
  { investigate_id: "a", outcome: "moved", reason: null },
  { investigate_id: "b", outcome: "failed", reason: "Mailbox not found, for \"bob\"\nreally" },
  { investigate_id: "c", outcome: "unknown", reason: "the answer was lost" },
  { investigate_id: "d", outcome: "released", reason: null },
  { investigate_id: null, outcome: "skipped", reason: "no investigate id" },
  { investigate_id: "e", outcome: "skipped", reason: "not yet due: after 14:05:30 UTC" },
  { investigate_id: "f", outcome: "excluded", reason: "sent in an earlier run" }
]
const sent = ["a", "c", "d", "f"]

describe("--exclude-from", () => {
  it("leaves out the messages sent: moved, released, unknown, or excluded as sent before", () => {
    expect(ids(rows.map((row) => JSON.stringify(row)).join("\n") + "\n")).toEqual(sent)
    expect(ids(JSON.stringify(rows, null, 2))).toEqual(sent)
    const header = ["message_id", "investigate_id", "outcome", "reason"]
    const csv = csvRecords([
      header,
      ...rows.map((row) => [csvCell("m"), csvCell(row.investigate_id), row.outcome, csvCell(row.reason)])
    ])
    expect(ids(csv)).toEqual(sent)
    // Whatever the columns' order, and with a byte-order mark from a spreadsheet.
    expect(ids("\ufeffoutcome,investigate_id\r\nmoved,x\r\nfailed,y\r\n")).toEqual(["x"])
  })

  it("takes an id once when several recipients' rows share it, left out if any of them was sent", () => {
    const text = [
      { investigate_id: "m", outcome: "failed" },
      { investigate_id: "m", outcome: "released" },
      { investigate_id: "n", outcome: "failed" }
    ].map((row) => JSON.stringify(row)).join("\n")
    expect(ids(text)).toEqual(["m"])
  })

  it("reads an empty run as nothing to leave out", () => {
    expect(ids("")).toEqual([])
    expect(ids("[]")).toEqual([])
    expect(ids("message_id,investigate_id,outcome\r\n")).toEqual([])
  })

  it("refuses what is not a retry's rows, saying where", () => {
    expect(problem("message_id,outcome\r\nx,moved\r\n")).toBe(
      "--exclude-from rows: its header has no investigate_id column; it takes the rows of an earlier " +
        "'cfbulk retry' as it prints them in ndjson, json or csv"
    )
    expect(problem("{\"investigate_id\":\"a\"}\n")).toMatch(
      /^--exclude-from rows: line 1 has no outcome field; /
    )
    expect(problem("{\"investigate_id\":\"a\",\"outcome\":\"moved\"}\n{broken\n")).toMatch(
      /: line 2 is not JSON \(/
    )
    expect(problem("[{\"investigate_id\":7,\"outcome\":\"moved\"}]")).toMatch(
      /: item 1: investigate_id is not text;/
    )
    expect(problem("{\"job_id\":\"x\",\"status\":\"FAILED\"}")).toMatch(
      /: line 1 has no investigate_id field;/
    )
    expect(problem("{\"a\":1}")).toMatch(/: line 1 has no investigate_id field;/)
    expect(problem("investigate_id,outcome\r\n,moved\r\n")).toMatch(
      /: row 1 is moved but has no investigate_id;/
    )
    expect(problem("investigate_id,outcome\r\n\"a,moved\r\n")).toMatch(/: the file is not CSV \(/)
  })
})
