import { AuthenticationError, CloudflareApiError, ConfigurationError, ValidationError } from "@cfbulk/core"
import { makeTestJob } from "@cfbulk/core/testing"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as CliValidationError from "@effect/cli/ValidationError"
import { parse } from "csv-parse/sync"
import { Cause } from "effect"
import { readFileSync } from "node:fs"
import { afterEach, describe, expect, it } from "vitest"
import { exitOutcomeOf } from "../../src/ErrorRendering.js"
import { BrokenPipe, Declined, JobEndedUnsuccessfully, StdoutError, UsageError } from "../../src/Errors.js"
import { csvCell, csvRecords } from "../../src/output/Csv.js"
import { jsonArrayEnd, jsonArrayPiece } from "../../src/output/Json.js"
import { rateOf } from "../../src/ProgressText.js"
import { redact } from "../../src/Redact.js"
import { version } from "../../src/version.js"
import { liveLine } from "../../src/WatchProgress.js"
import { parseJson } from "../support/Json.js"

describe("exit codes", () => {
  const request = { method: "GET", path: "/x" }
  const code = (error: unknown) => exitOutcomeOf(Cause.fail(error), false).code
  it("maps each kind of failure", () => {
    expect(code(new UsageError({ issue: "x" }))).toBe(2)
    expect(code(new ValidationError({ issue: "x" }))).toBe(2)
    expect(code(new ConfigurationError({ issue: "x" }))).toBe(2)
    expect(code(CliValidationError.invalidValue(HelpDoc.p("x")))).toBe(2)
    expect(exitOutcomeOf(Cause.fail(CliValidationError.invalidValue(HelpDoc.p("x"))), false, "list").text)
      .toContain(
        "cfbulk list --help"
      )
    expect(code(new AuthenticationError({ request, status: 401, errors: [] }))).toBe(4)
    expect(code(new CloudflareApiError({ request, status: 500, errors: [] }))).toBe(1)
    expect(code(new JobEndedUnsuccessfully({ jobId: "j", status: "FAILED", statusMessage: null }))).toBe(3)
    expect(exitOutcomeOf(Cause.fail(new BrokenPipe()), false)).toEqual({ code: 0, text: undefined })
    // Declining sent nothing, like a usage error; 1 is for failures of the API or the network.
    expect(exitOutcomeOf(Cause.fail(new Declined({ what: "delete job j" })), false)).toEqual({
      code: 2,
      text: "cfbulk: delete job j: not confirmed, nothing was sent"
    })
    expect(exitOutcomeOf(Cause.fail(new StdoutError({ reason: "ENOSPC" })), false)).toEqual({
      code: 1,
      text: "cfbulk: cannot write to stdout: ENOSPC"
    })
    expect(exitOutcomeOf(Cause.die(new Error("boom")), false).code).toBe(1)
  })

  it("shows one line without --verbose, the stack with it", () => {
    const error = new CloudflareApiError({ request, status: 500, errors: [{ code: 1000, message: "down" }] })
    const quiet = exitOutcomeOf(Cause.fail(error), false).text ?? ""
    expect(quiet.split("\n")).toHaveLength(1)
    expect(quiet).toContain("[1000] down")
    expect((exitOutcomeOf(Cause.fail(error), true).text ?? "").split("\n").length).toBeGreaterThan(1)
  })
})

describe("redaction", () => {
  const saved = process.env.CLOUDFLARE_API_TOKEN
  afterEach(() => {
    if (saved === undefined) delete process.env.CLOUDFLARE_API_TOKEN
    else process.env.CLOUDFLARE_API_TOKEN = saved
  })
  it("scrubs the token's value from any text", () => {
    process.env.CLOUDFLARE_API_TOKEN = "tok-SECRET-123"
    expect(redact("Bearer tok-SECRET-123 and tok-SECRET-123")).toBe("Bearer [redacted] and [redacted]")
  })
})

describe("csv and json pieces", () => {
  it("round-trips nested values and awkward text through csv-parse", () => {
    const rows = [["a,b", "say \"hi\"", csvCell({ x: [1, 2] }), csvCell(null), csvCell(true)], [
      "line\nbreak",
      "",
      "",
      "",
      ""
    ]]
    const text = csvRecords([["h1", "h2", "h3", "h4", "h5"]]) + csvRecords(rows)
    expect(text).toContain("\r\n")
    const parsed: Array<Record<string, string>> = parse(text, { columns: true })
    expect(parsed[0]).toEqual({ h1: "a,b", h2: "say \"hi\"", h3: "{\"x\":[1,2]}", h4: "", h5: "true" })
    expect(parsed[1]?.h1).toBe("line\nbreak")
  })

  it("streams one JSON array", () => {
    const json = (n: number) => JSON.stringify(n)
    expect(parseJson(jsonArrayPiece([1, 2], json, 0) + jsonArrayPiece([3], json, 2) + jsonArrayEnd(3)))
      .toEqual([
        1,
        2,
        3
      ])
    expect(parseJson(jsonArrayEnd(0))).toEqual([])
  })
})

describe("progress", () => {
  const job = makeTestJob(1, {
    status: "PROCESSING",
    total_messages_discovered: 1000,
    messages_pending: 600,
    messages_successful: 380,
    messages_failed: 20,
    messages_skipped: 0,
    messages_cancelled: 0,
    completed_at: null
  })

  it("measures the rate over the recent samples", () => {
    expect(rateOf([{ at: 0, processed: 0 }, { at: 2000, processed: 100 }])).toBe(50)
    expect(rateOf([{ at: 0, processed: 0 }])).toBeUndefined()
  })

  for (const columns of [40, 80, 200]) {
    it(`draws a line that never wraps at ${columns} columns`, () => {
      const line = liveLine({ job, rate: 12.5, elapsedMs: 8000, tick: 3 }, columns, false)

      const visible = line.replace(/\r|\u001b\[[0-9;]*[A-Za-z]/g, "")
      expect(visible.length).toBeLessThan(columns)
      expect(visible).toContain("400/1000")
    })
  }
})

describe("version", () => {
  it("matches package.json", () => {
    const pkg = parseJson(readFileSync(new URL("../../package.json", import.meta.url), "utf8"))
    expect(pkg).toMatchObject({ version })
  })
})
