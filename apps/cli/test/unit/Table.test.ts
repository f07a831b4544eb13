import { makeTestJob } from "@cfbulk/core/testing"
import { Effect, Either } from "effect"
import { describe, expect, it } from "vitest"
import { defaultTableFields, parseFields } from "../../src/output/FieldSet.js"
import { jobFields } from "../../src/output/JobFields.js"
import {
  headerLine,
  hiddenColumnsNote,
  layout,
  rowLine,
  truncate,
  widthToShow
} from "../../src/output/Table.js"

const job = makeTestJob(1, {
  action_type: "MOVE",
  action_params: { type: "MOVE", destination: "RecoverableItemsDeletions" },
  search_params: { sender: "phish@example.com" },
  status: "PROCESSING",
  total_messages_discovered: 1200,
  messages_pending: 200,
  messages_successful: 950,
  messages_failed: 40,
  messages_skipped: 10,
  messages_cancelled: 0,
  created_at: new Date("2025-01-05T10:00:00Z"),
  comment: "Quarantine the\nphishing wave from example.com and everything that looks like it",
  started_at: new Date("2025-01-05T10:00:05Z"),
  completed_at: null,
  status_message: null
})

const encoded = { job_id: job.job_id, status: job.status, action_type: job.action_type, comment: job.comment }

describe("table layout", () => {
  it("truncates with an ellipsis", () => {
    expect(truncate("abcdef", 4)).toBe("abc…")
    expect(truncate("abc", 4)).toBe("abc")
  })

  for (const width of [40, 80, 120, 200]) {
    it(`fits ${width} columns with the default columns`, () => {
      const columns = layout(defaultTableFields(jobFields), width, false)
      const header = headerLine(columns, false)
      const row = rowLine(columns, job, encoded, false)
      expect(header.length).toBeLessThanOrEqual(width)
      expect(row.length).toBeLessThanOrEqual(width)
      // The id is never cut: it is what people copy into `cfbulk get`.
      expect(row).toContain(job.job_id)
    })
  }

  it("shows every default column at 200 columns, and drops the least important at 80", () => {
    const wide = layout(defaultTableFields(jobFields), 200, false).map((column) => column.field.name)
    expect(wide).toEqual([
      "job_id",
      "status",
      "action_type",
      "destination",
      "progress",
      "created_at",
      "comment"
    ])
    const narrow = layout(defaultTableFields(jobFields), 80, false).map((column) => column.field.name)
    expect(narrow).toContain("job_id")
    expect(narrow).toContain("status")
    expect(narrow).toContain("progress")
    expect(narrow.length).toBeLessThan(7)
  })

  it("keeps control characters out of cells", () => {
    const columns = layout(defaultTableFields(jobFields), 200, false)
    expect(rowLine(columns, job, encoded, false)).not.toContain("\n")
  })

  it("keeps every column the user chose and shrinks them to fit", () => {
    const chosen = Either.getOrThrow(
      Effect.runSync(Effect.either(parseFields(jobFields, "id,comment,search_params,status")))
    )
    const columns = layout(chosen, 60, true)
    expect(columns.map((column) => column.field.name)).toEqual([
      "job_id",
      "comment",
      "search_params",
      "status"
    ])
    expect(headerLine(columns, false).length).toBeLessThanOrEqual(60)
  })
})

describe("--fields", () => {
  it("accepts API names and the table's short names", () => {
    const fields = Either.getOrThrow(
      Effect.runSync(Effect.either(parseFields(jobFields, "id, status,progress,created_at")))
    )
    expect(fields.map((field) => field.name)).toEqual(["job_id", "status", "progress", "created_at"])
  })

  it("rejects an unknown field, listing the valid ones", () => {
    const result = Effect.runSync(Effect.either(parseFields(jobFields, "id,nope")))
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(result.left.message).toContain("nope")
      expect(result.left.message).toContain("job_id")
      expect(result.left.message).toContain("progress")
    }
  })
})

describe("hidden columns", () => {
  const fields = defaultTableFields(jobFields)

  it("names the default columns left out at 80 columns, in one 80-column line, by their --fields names", () => {
    const note = hiddenColumnsNote(fields, layout(fields, 80, false))
    expect(note).toBe(
      `3 columns hidden: destination, created_at, comment (widen to ${widthToShow(fields)}, or --fields)`
    )
    expect(note?.length).toBeLessThanOrEqual(80)
  })

  it("the width it names shows every default column, and one less does not", () => {
    const enough = widthToShow(fields)
    expect(layout(fields, enough, false).map((column) => column.field)).toEqual(fields)
    expect(hiddenColumnsNote(fields, layout(fields, enough, false))).toBeUndefined()
    expect(hiddenColumnsNote(fields, layout(fields, enough - 1, false))).toBeDefined()
  })
})
