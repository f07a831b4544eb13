import { Fault, type InvestigateCall } from "@cfbulk/emulator"
import { parse } from "csv-parse/sync"
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cliPath, type CliResult, runCli } from "../support/Cli.js"
import { startEmulator, type TestEmulator } from "../support/Emulator.js"
import { parseJson, parseRecord, recordOf } from "../support/Json.js"
import { runOnTerminal, screenPieces } from "../support/Terminal.js"

// `cfbulk retry` through the built CLI against the emulator on loopback: jobs with an exact number of
// FAILED messages, the move and release calls the emulator carried out (its `investigations`), and
// the request log, which proves what was sent and what was not.

const secret = "cfbulk-test-SECRET-retry-5c2e"

let emulator: TestEmulator
let env: Record<string, string>
/** Where the runs' rows are saved for --exclude-from. */
let folder: string
const outputs: Array<CliResult> = []

const cfbulk = async (args: ReadonlyArray<string>): Promise<CliResult> => {
  const result = await runCli(args, { env, killAfterMs: 60_000 })
  outputs.push(result)
  return result
}

const lines = (text: string) => text.split("\n").filter((line) => line !== "")

interface Row {
  readonly message_id: string
  readonly postfix_id: string
  readonly investigate_id: string | null
  readonly recipient: string | null
  readonly outcome: string
  readonly reason: string | null
  readonly retry_after: string | null
}

const text = (value: unknown): string | null => (typeof value === "string" ? value : null)

/** The fields of a printed row by default, in the order printed. */
const rowFields = [
  "message_id",
  "postfix_id",
  "investigate_id",
  "recipient",
  "outcome",
  "reason",
  "retry_after"
]

/** A row as printed, read back field by field (and refused if a field is missing). */
const rowOf = (value: unknown): Row => {
  const record = recordOf(value)
  for (const key of rowFields) {
    if (!(key in record)) throw new Error(`a row without ${key}: ${JSON.stringify(record)}`)
  }
  return {
    message_id: text(record.message_id) ?? "",
    postfix_id: text(record.postfix_id) ?? "",
    investigate_id: text(record.investigate_id),
    recipient: text(record.recipient),
    outcome: text(record.outcome) ?? "",
    reason: text(record.reason),
    retry_after: text(record.retry_after)
  }
}

const ndjsonRows = (stdout: string): ReadonlyArray<Row> =>
  lines(stdout).map((line) => rowOf(parseRecord(line)))

const countBy = (rows: ReadonlyArray<Row>): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (const row of rows) counts[row.outcome] = (counts[row.outcome] ?? 0) + 1
  return counts
}

/** The investigate ids of a job's FAILED messages, in listing order (null where the API sent no record). */
const failedIds = async (jobId: string): Promise<ReadonlyArray<string | null>> => {
  const listed = await cfbulk(["messages", jobId, "--status", "FAILED", "--format", "ndjson"])
  expect(listed.code).toBe(0)
  return lines(listed.stdout).map((line) => {
    const record = parseRecord(line).message
    return record === undefined ? null : text(recordOf(record).id)
  })
}

/** Runs `body`, and says which requests and investigate calls it made. */
const observed = async <A>(body: () => Promise<A>) => {
  const requestsBefore = (await emulator.requests()).length
  const callsBefore = (await emulator.investigations()).length
  const result = await body()
  const requests = (await emulator.requests()).slice(requestsBefore)
  const calls: ReadonlyArray<InvestigateCall> = (await emulator.investigations()).slice(callsBefore)
  const posts = requests.filter((request) => request.method === "POST")
  return { result, requests, posts, calls }
}

beforeAll(async () => {
  // A short request log would drop the entries a test reads back.
  emulator = await startEmulator({ jobs: 5, token: secret, requestLogLimit: 100_000 })
  env = { ...emulator.env }
  folder = mkdtempSync(join(tmpdir(), "cfbulk-retry-"))
})

afterAll(async () => {
  await emulator?.stop()
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true })
  // No output of any run ever shows the token.
  for (const output of outputs) expect(output.stdout + output.stderr).not.toContain(secret)
})

describe("cfbulk retry sends", () => {
  it("calls of exactly 1000 ids, one after another, and prints one row per message", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 2345, succeeded: 20, destination: "DeletedItems" })
    const ids = await failedIds(jobId)
    const { calls, posts, result } = await observed(() =>
      cfbulk(["retry", jobId, "--yes", "--format", "ndjson"])
    )
    expect(result.code).toBe(0)
    expect(calls.map((call) => call.ids.length)).toEqual([1000, 1000, 345])
    expect(calls.every((call) => call.action === "MOVE" && call.destination === "DeletedItems")).toBe(true)
    // In the listing's order, each id once.
    expect(calls.flatMap((call) => call.ids)).toEqual(ids)
    expect(posts.map((post) => post.path)).toEqual(
      Array(3).fill(expect.stringMatching(/\/investigate\/move$/))
    )
    const rows = ndjsonRows(result.stdout)
    expect(rows.map((row) => row.investigate_id)).toEqual(ids)
    expect(countBy(rows)).toEqual({ moved: 2345 })
    expect(new Set(rows.map((row) => row.message_id)).size).toBe(2345)
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(/^cfbulk: 2,345 messages: 2,345 moved \(3 calls, \d+s\)$/)
    ])
  })

  it("releases a RELEASE job's messages, with the same batches", async () => {
    const jobId = await emulator.insertFailedJob({ action: "RELEASE", failed: 1001 })
    const { calls, result } = await observed(() => cfbulk(["retry", jobId, "--yes", "--quiet"]))
    expect(result.code).toBe(0)
    expect(calls.map((call) => [call.action, call.ids.length])).toEqual([["RELEASE", 1000], ["RELEASE", 1]])
    expect(countBy(ndjsonRows(result.stdout))).toEqual({ released: 1001 })
    expect(result.stderr).toBe("")
  })

  it("--batch-size sets the ids per call; out of 1-1000 it is a usage error before any request", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 25 })
    const { calls, result } = await observed(() => cfbulk(["retry", jobId, "--yes", "--batch-size", "10"]))
    expect(result.code).toBe(0)
    expect(calls.map((call) => call.ids.length)).toEqual([10, 10, 5])
    for (const size of ["0", "1001", "-3"]) {
      const { requests, result: refused } = await observed(() =>
        cfbulk(["retry", jobId, "--yes", "--batch-size", size])
      )
      expect({ size, code: refused.code }).toEqual({ size, code: 2 })
      // Core's check, in core's words.
      expect(refused.stderr).toMatch(
        /^cfbulk: cannot retry: retry options: .*batchSize must be a whole number from 1 to 1000/
      )
      expect(requests).toHaveLength(0)
    }
  })
})

describe("cfbulk retry reports what it could not do, and exits 1", () => {
  it("partial failures: rows say failed, with the API's reason", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 40, failOnRetry: 3 })
    const ids = await failedIds(jobId)
    const chosen = [ids[10], ids[20]].flatMap((id) => (id === null || id === undefined ? [] : [id]))
    expect(chosen).toHaveLength(2)
    await emulator.failInvestigate(chosen, "test: the mailbox is locked")
    const { calls, result } = await observed(() => cfbulk(["retry", jobId, "--yes", "--format", "json"]))
    expect(result.code).toBe(1)
    expect(calls).toHaveLength(1)
    const printed = parseJson(result.stdout)
    if (!Array.isArray(printed)) throw new Error(`expected a JSON array, got ${result.stdout}`)
    const rows = printed.map(rowOf)
    expect(rows).toHaveLength(40)
    expect(countBy(rows)).toEqual({ moved: 35, failed: 5 })
    for (const row of rows.filter((candidate) => candidate.outcome === "failed")) {
      expect(row.reason ?? "").not.toBe("")
    }
    for (const id of chosen) {
      expect(rows.find((row) => row.investigate_id === id)?.reason).toContain("test: the mailbox is locked")
    }
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(/^cfbulk: 40 messages: 35 moved, 5 failed \(1 call, \d+s\)$/),
      "  5 failed: each row's reason says why; run again once that is fixed",
      "  run again with --exclude-from <this run's rows> to leave out what it sent"
    ])
  })

  it("messages without an investigate id: skipped, never sent", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 12, withoutInvestigateId: 5 })
    const { calls, result } = await observed(() => cfbulk(["retry", jobId, "--yes", "--format", "csv"]))
    expect(result.code).toBe(1)
    expect(calls.map((call) => call.ids.length)).toEqual([7])
    const records: Array<Record<string, string>> = parse(result.stdout, { columns: true })
    expect(records).toHaveLength(12)
    const skipped = records.filter((record) => record.outcome === "skipped")
    expect(skipped).toHaveLength(5)
    for (const record of skipped) {
      expect(record.investigate_id).toBe("")
      expect(record.reason).toBe("no investigate id")
    }
    const stderr = lines(result.stderr)
    expect(stderr[0]).toMatch(/^cfbulk: 12 messages: 7 moved, 5 skipped \(1 call, \d+s\)$/)
    expect(stderr[1]).toMatch(/^ {2}5 without an investigate id/)
  })

  it("a job of the older API, whose messages have no investigate record: every one skipped, no call", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 8, shape: "legacy" })
    const { posts, result } = await observed(() => cfbulk(["retry", jobId, "--yes"]))
    expect(result.code).toBe(1)
    expect(posts).toHaveLength(0)
    expect(countBy(ndjsonRows(result.stdout))).toEqual({ skipped: 8 })
    expect(result.stderr).toContain("cfbulk: 8 messages: 8 skipped (0 calls, ")
  })

  it("messages not yet due: skipped, and the summary says when to run again", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 10, notYetDue: 3, retryAfter: "1 hour" })
    const { calls, result } = await observed(() => cfbulk(["retry", jobId, "--yes"]))
    expect(result.code).toBe(1)
    expect(calls.map((call) => call.ids.length)).toEqual([7])
    const rows = ndjsonRows(result.stdout)
    expect(countBy(rows)).toEqual({ moved: 7, skipped: 3 })
    for (const row of rows.filter((candidate) => candidate.outcome === "skipped")) {
      // An hour away: the time of day alone, to the second, in UTC.
      expect(row.reason).toBe(`not yet due: after ${row.retry_after?.slice(11, 19)} UTC`)
    }
    expect(result.stderr).toMatch(
      /\n {2}3 not yet due: run again after \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\n/
    )
    // Run again as it says, a run would send the 7 moved ones again: the last line says how not to.
    expect(lines(result.stderr).at(-1)).toBe(
      "  run again with --exclude-from <this run's rows> to leave out what it sent"
    )
  })

  it("an unknown outcome on one call: not resent, its messages reported unknown, the next calls still sent", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 2100 })
    await emulator.enqueue(Fault.LoseAnswer({ as: "ServerError" }), {
      method: "POST",
      path: "/investigate/move",
      nth: 2
    })
    const { calls, posts, result } = await observed(() => cfbulk(["retry", jobId, "--yes"]))
    expect(await emulator.pendingFaults()).toBe(0)
    expect(result.code).toBe(1)
    // The lost call was carried out and sent once: three POSTs for three calls.
    expect(posts.map((post) => post.status)).toEqual([200, 503, 200])
    expect(calls.map((call) => call.ids.length)).toEqual([1000, 1000, 100])
    const rows = ndjsonRows(result.stdout)
    expect(rows.slice(0, 1000).every((row) => row.outcome === "moved")).toBe(true)
    expect(rows.slice(1000, 2000).every((row) => row.outcome === "unknown")).toBe(true)
    expect(rows.slice(2000).every((row) => row.outcome === "moved")).toBe(true)
    expect(rows.slice(1000, 2000).map((row) => row.investigate_id)).toEqual(calls[1]?.ids)
    expect(rows[1000]?.reason).toContain("not sent again")
    const stderr = lines(result.stderr)
    expect(stderr[0]).toMatch(
      /^cfbulk: 2,100 messages: 1,100 moved, 1,000 unknown \(3 calls, \d+s\)$/
    )
    expect(stderr[1]).toMatch(/^ {2}1,000 unknown: check these messages before retrying them$/)
  })

  it("a connection cut after the call was sent: the same, one POST for that call", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 25 })
    await emulator.enqueue(Fault.LoseAnswer({ as: "Reset" }), { method: "POST", path: "/investigate/move" })
    const { calls, posts, result } = await observed(() =>
      cfbulk(["retry", jobId, "--yes", "--batch-size", "10", "--quiet"])
    )
    expect(result.code).toBe(1)
    expect(posts).toHaveLength(3)
    expect(calls.map((call) => call.ids.length)).toEqual([10, 10, 5])
    expect(countBy(ndjsonRows(result.stdout))).toEqual({ unknown: 10, moved: 15 })
    // --quiet keeps the summary: a retry that left messages undone is an error.
    expect(lines(result.stderr)[0]).toMatch(
      /^cfbulk: 25 messages: 15 moved, 10 unknown \(3 calls, \d+s\)$/
    )
  })
})

describe("cfbulk retry --exclude-from", () => {
  const save = (name: string, text: string): string => {
    const path = join(folder, name)
    writeFileSync(path, text)
    return path
  }

  it("a second run sends none of the messages the first one moved or could not confirm", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 30, failOnRetry: 4 })
    // The second call's answer is lost: its 10 messages are unknown after the first run.
    await emulator.enqueue(Fault.LoseAnswer({ as: "ServerError" }), {
      method: "POST",
      path: "/investigate/move",
      nth: 2
    })
    const first = await observed(() => cfbulk(["retry", jobId, "--yes", "--batch-size", "10", "--quiet"]))
    expect(first.result.code).toBe(1)
    const firstRows = ndjsonRows(first.result.stdout)
    // The 4 that fail again come first in the listing, so in the first call.
    expect(countBy(firstRows)).toEqual({ moved: 16, failed: 4, unknown: 10 })
    const idsWith = (rows: ReadonlyArray<Row>, outcomes: ReadonlyArray<string>) =>
      rows.flatMap((row) =>
        outcomes.includes(row.outcome) && row.investigate_id !== null ? [row.investigate_id] : []
      )
    const sent = idsWith(firstRows, ["moved", "unknown"])
    expect(sent).toHaveLength(26)
    const rows1 = save("first.ndjson", first.result.stdout)

    const second = await observed(() =>
      cfbulk(["retry", jobId, "--yes", "--exclude-from", rows1, "--format", "csv"])
    )
    expect(second.result.code).toBe(1)
    // Exactly the failed ones are sent again, in one call.
    const secondIds = second.calls.flatMap((call) => call.ids)
    expect(secondIds.filter((id) => sent.includes(id))).toEqual([])
    expect([...secondIds].sort()).toEqual(idsWith(firstRows, ["failed"]).sort())
    const records: Array<Record<string, string>> = parse(second.result.stdout, { columns: true })
    expect(records).toHaveLength(30)
    for (const record of records.filter((each) => sent.includes(each.investigate_id ?? ""))) {
      expect([record.outcome, record.reason]).toEqual(["excluded", "sent in an earlier run"])
    }
    expect(lines(second.result.stderr)[0]).toMatch(
      /^cfbulk: 30 messages: 4 failed, 26 excluded \(1 call, \d+s\)$/
    )

    // The second run's rows cover the first's too: a third run given them alone sends the same 4.
    const rows2 = save("second.csv", second.result.stdout)
    const third = await observed(() =>
      cfbulk(["retry", jobId, "--yes", "--exclude-from", rows2, "--format", "json"])
    )
    expect(third.result.code).toBe(1)
    expect([...third.calls.flatMap((call) => call.ids)].sort()).toEqual([...secondIds].sort())
    // A json array works as well, and a dry run leaves the same messages out.
    const rows3 = save("third.json", third.result.stdout)
    const dry = await observed(() => cfbulk(["retry", jobId, "--dry-run", "--exclude-from", rows3]))
    expect(dry.result.code).toBe(0)
    expect(dry.posts).toHaveLength(0)
    expect(dry.result.stdout).toContain("4 would be sent again in 1 call")
    expect(dry.result.stdout).toContain("26 excluded: sent in an earlier run")
  })

  it("a file it cannot read, or that is not a retry's rows: exit 2 before any request", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 3 })
    const picked = await cfbulk([
      "retry",
      jobId,
      "--yes",
      "--quiet",
      "--format",
      "csv",
      "--fields",
      "id,outcome"
    ])
    expect(picked.code).toBe(0)
    const cases: ReadonlyArray<readonly [string, RegExp]> = [
      [join(folder, "missing.ndjson"), /: cannot read it \(no such file\)$/],
      [
        save("fields.csv", picked.stdout),
        /: its header has no investigate_id column; it takes the rows of an earlier/
      ],
      [save("other.ndjson", "{\"id\":\"x\"}\n"), /: line 1 has no investigate_id field; /],
      [
        save("outcome.json", "[{\"investigate_id\":\"a\",\"outcome\":\"done\"}]"),
        /: item 1: outcome "done" is not one of /
      ],
      [
        save("broken.ndjson", "{\"investigate_id\":\"a\",\"outcome\":\"moved\"}\n{\"investigate"),
        /: line 2 is not JSON /
      ]
    ]
    for (const [path, message] of cases) {
      const { requests, result } = await observed(() =>
        cfbulk(["retry", jobId, "--yes", "--exclude-from", path])
      )
      expect({ path, code: result.code }).toEqual({ path, code: 2 })
      expect(requests).toHaveLength(0)
      expect(result.stdout).toBe("")
      const stderr = lines(result.stderr)
      expect(stderr).toHaveLength(1)
      expect(stderr[0]).toContain(`cfbulk: --exclude-from ${path}`)
      expect(stderr[0]).toMatch(message)
    }
  })
})

describe("cfbulk retry stopped early says what it did so far", () => {
  it("credentials refused mid-way: the counts so far, then the error, exit 4", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 25 })
    await emulator.enqueue(
      Fault.Status({
        status: 401,
        body: JSON.stringify({
          success: false,
          errors: [{ code: 10000, message: "Authentication error" }],
          messages: [],
          result: null
        })
      }),
      { method: "POST", path: "/investigate/move", nth: 2 }
    )
    const { calls, result } = await observed(() =>
      cfbulk(["retry", jobId, "--yes", "--batch-size", "10", "--quiet"])
    )
    expect(result.code).toBe(4)
    expect(calls.map((call) => call.ids.length)).toEqual([10])
    expect(countBy(ndjsonRows(result.stdout))).toEqual({ moved: 10 })
    // Kept with --quiet, as any error is; nothing was in flight: the 401 did nothing.
    const stderr = lines(result.stderr)
    expect(stderr.slice(0, 2)).toEqual([
      expect.stringMatching(/^cfbulk: stopped after 10 messages: 10 moved \(1 call, \d+s\)$/),
      "  run again with --exclude-from <this run's rows> to leave out what it sent"
    ])
    expect(stderr.slice(2)).toEqual([expect.stringMatching(/^cfbulk: .*401/)])
  })

  it("Ctrl-C with a call in flight: exits 130 at once, its messages unknown; a rerun given the rows leaves them out", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 25 })
    const ids = await failedIds(jobId)
    // The second call is held by the emulator until the test is long over.
    await emulator.enqueue(Fault.Delay({ millis: 120_000 }), {
      method: "POST",
      path: "/investigate/move",
      nth: 2
    })
    const child = spawn(
      process.execPath,
      [cliPath, "retry", jobId, "--yes", "--batch-size", "10", "--format", "json"],
      {
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
        stdio: ["pipe", "pipe", "pipe"]
      }
    )
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    child.stdin.end()
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve))
    const killer = setTimeout(() => child.kill("SIGKILL"), 60_000)
    try {
      // The emulator takes the delay when the second call arrives: from then on it is in flight.
      while ((await emulator.pendingFaults()) > 0) await new Promise((resolve) => setTimeout(resolve, 20))
      child.kill("SIGINT")
      expect(await exited).toBe(130)
    } finally {
      clearTimeout(killer)
    }
    // The JSON array is whole: the first call's rows, then one unknown row per message of the second.
    const parsed = parseJson(stdout)
    const rows = (Array.isArray(parsed) ? parsed : []).map(rowOf)
    expect(countBy(rows)).toEqual({ moved: 10, unknown: 10 })
    const unknown = rows.filter((row) => row.outcome === "unknown")
    expect(unknown.map((row) => row.investigate_id)).toEqual(ids.slice(10, 20))
    expect(new Set(unknown.map((row) => row.reason))).toEqual(
      new Set(["cut off by Ctrl-C: the call may have acted on it"])
    )
    expect(lines(stderr)).toEqual([
      expect.stringMatching(/^cfbulk: stopped after 10 messages: 10 moved \(1 call, \d+s\)$/),
      "  call 2 was cut off: its 10 messages may have been moved; their rows say unknown",
      "  run again with --exclude-from <this run's rows> to leave out what it sent"
    ])

    // Run again with those rows: neither call's messages are named again, only the 5 never sent.
    const path = join(folder, "cut-off.json")
    writeFileSync(path, stdout)
    const rerun = await observed(() => cfbulk(["retry", jobId, "--yes", "--exclude-from", path, "--quiet"]))
    expect(rerun.result.code).toBe(0)
    const rerunIds = rerun.calls.flatMap((call) => call.ids)
    expect(rerunIds.filter((id) => ids.slice(0, 20).includes(id))).toEqual([])
    expect(rerunIds).toEqual(ids.slice(20))
    expect(countBy(ndjsonRows(rerun.result.stdout))).toEqual({ moved: 5, excluded: 20 })
  })
})

describe("cfbulk retry waits out a 429", () => {
  it("in the middle: waits, sends the call again, and every message is moved", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 2500 })
    await emulator.enqueue(Fault.RateLimited({ retryAfter: 3 }), {
      method: "POST",
      path: "/investigate/move",
      nth: 2
    })
    const { calls, posts, result } = await observed(() => cfbulk(["retry", jobId, "--yes"]))
    expect(result.code).toBe(0)
    expect(posts.map((post) => post.status)).toEqual([200, 429, 200, 200])
    // A 429 carried nothing out: three calls were.
    expect(calls.map((call) => call.ids.length)).toEqual([1000, 1000, 500])
    expect(countBy(ndjsonRows(result.stdout))).toEqual({ moved: 2500 })
    // Core announces waits of 2s or more; how much of the 3s is left when it does depends on the
    // runner's speed, so the wait's line may say any time, or not be there at all.
    const stderr = lines(result.stderr)
    const announced = stderr.filter((line) => line.startsWith("cfbulk: waiting "))
    expect(announced.length).toBeLessThanOrEqual(1)
    for (const line of announced) {
      expect(line).toMatch(
        /^cfbulk: waiting \d+s: Cloudflare answered 429 Too Many Requests \(Retry-After\)$/
      )
    }
    expect(stderr.filter((line) => !announced.includes(line))).toEqual([
      expect.stringMatching(/^cfbulk: 2,500 messages: 2,500 moved \(3 calls, \d+s\)$/)
    ])
  })
})

describe("cfbulk retry sends nothing", () => {
  it("--dry-run: prints the plan by reason and the exact first body, with zero POSTs", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 1505, withoutInvestigateId: 2, notYetDue: 3 })
    const ids = await failedIds(jobId)
    const { posts, result } = await observed(() => cfbulk(["retry", jobId, "--dry-run"]))
    expect(result.code).toBe(0)
    expect(posts).toHaveLength(0)
    const out = result.stdout
    expect(out).toContain(`Job ${jobId} has 1,505 FAILED messages.`)
    expect(out).toContain("1,500 would be sent again in 2 calls, to move them to JunkEmail.")
    expect(out).toContain("5 would be left out:")
    expect(out).toMatch(/ {2}3 not yet due: run again after /)
    expect(out).toMatch(/ {2}2 without an investigate id/)
    expect(out).toContain("First request body (MOVE, call 1 of 2, 1,000 ids):")
    expect(parseJson(out.slice(out.indexOf("\n{") + 1))).toEqual({
      destination: "JunkEmail",
      // The ones without an id and those not yet due come first in this job's listing.
      ids: ids.slice(5, 1005)
    })
    expect(result.stderr).toBe("dry run: nothing was sent\n")
  })

  it("--dry-run of a RELEASE job: the body has ids only", async () => {
    const jobId = await emulator.insertFailedJob({ action: "RELEASE", failed: 3 })
    const ids = await failedIds(jobId)
    const { posts, result } = await observed(() => cfbulk(["retry", jobId, "--dry-run", "--quiet"]))
    expect(result.code).toBe(0)
    expect(posts).toHaveLength(0)
    expect(result.stdout).toContain("3 would be sent again in 1 call, to release them from quarantine.")
    expect(parseJson(result.stdout.slice(result.stdout.indexOf("\n{") + 1))).toEqual({ ids })
    expect(result.stderr).toBe("")
  })

  it("without --yes and without a terminal: exit 2, no request at all", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 4 })
    const { requests, result } = await observed(() => cfbulk(["retry", jobId]))
    expect(result.code).toBe(2)
    expect(requests).toHaveLength(0)
    expect(result.stdout).toBe("")
    expect(lines(result.stderr)).toEqual([
      `cfbulk: retrying the FAILED messages of job ${jobId} needs confirmation, and stdin is not a terminal: ` +
      "pass --yes to go ahead"
    ])
  })

  it("a job still running: exit 2 (wait for it), no POST", async () => {
    const jobId = await emulator.insertJob({ status: "PROCESSING" })
    const { posts, result } = await observed(() => cfbulk(["retry", jobId, "--yes"]))
    expect(result.code).toBe(2)
    expect(posts).toHaveLength(0)
    expect(result.stdout).toBe("")
    // What it is, not "invalid input": the user typed nothing wrong.
    expect(lines(result.stderr)).toEqual([
      `cfbulk: cannot retry: job ${jobId} is PROCESSING: Cloudflare may still retry its failed messages; ` +
      `wait for it to end (cfbulk watch ${jobId}) and retry them then`
    ])
    // The dry run says the same.
    const dry = await observed(() => cfbulk(["retry", jobId, "--dry-run"]))
    expect(dry.result.code).toBe(2)
    expect(dry.result.stderr).toMatch(/^cfbulk: cannot retry: job \S+ is PROCESSING: /)
  })

  it("a job whose action cfbulk does not know: exit 2, no POST", async () => {
    const jobId = await emulator.insertJob({
      status: "COMPLETED",
      extraFields: { action_type: "QUARANTINE", action_params: { type: "QUARANTINE" } }
    })
    const { posts, result } = await observed(() => cfbulk(["retry", jobId, "--yes"]))
    expect(result.code).toBe(2)
    expect(posts).toHaveLength(0)
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(
        /^cfbulk: cannot retry: job \S+ has the action "QUARANTINE", which cfbulk does not know how to retry/
      )
    ])
  })

  it("an unknown --fields name: exit 2 naming the valid ones, no request at all", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 2 })
    const { requests, result } = await observed(() =>
      cfbulk(["retry", jobId, "--yes", "--fields", "id,status"])
    )
    expect(result.code).toBe(2)
    expect(requests).toHaveLength(0)
    expect(lines(result.stderr)).toEqual([
      "cfbulk: unknown message field status in --fields; valid fields: message_id, id, postfix_id, postfix, " +
      "investigate_id, recipient, outcome, reason, retry_after"
    ])
  })

  it("a job with no FAILED message: nothing to retry, exit 0", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 0, succeeded: 5 })
    const { posts, result } = await observed(() => cfbulk(["retry", jobId, "--yes", "--format", "table"]))
    expect(result.code).toBe(0)
    expect(posts).toHaveLength(0)
    expect(result.stdout).toBe("")
    expect(result.stderr).toBe("cfbulk: no FAILED messages: nothing to retry\n")
  })
})

describe("cfbulk retry prints", () => {
  it("one row per message in every format, the same messages in each", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 9, withoutInvestigateId: 1, failOnRetry: 2 })
    const run = (format: string, extra: ReadonlyArray<string> = []) =>
      cfbulk(["retry", jobId, "--yes", "--quiet", "--format", format, ...extra])
    const ndjson = await run("ndjson")
    const json = await run("json")
    const csv = await run("csv")
    const table = await run("table")
    const picked = await run("csv", ["--fields", "id,outcome"])
    for (const result of [ndjson, json, csv, table, picked]) expect(result.code).toBe(1)
    const expected = ndjsonRows(ndjson.stdout)
    expect(expected).toHaveLength(9)
    expect(countBy(expected)).toEqual({ moved: 6, failed: 2, skipped: 1 })
    const printed = parseJson(json.stdout)
    if (!Array.isArray(printed)) throw new Error(`expected a JSON array, got ${json.stdout}`)
    expect(printed.map(rowOf)).toEqual(expected)
    const records: Array<Record<string, string>> = parse(csv.stdout, { columns: true })
    expect(records.map((record) => [record.message_id, record.outcome])).toEqual(
      expected.map((row) => [row.message_id, row.outcome])
    )
    expect(Object.keys(records[0] ?? {})).toEqual(rowFields)
    expect(parse(picked.stdout)).toEqual([
      ["message_id", "outcome"],
      ...expected.map((row) => [row.message_id, row.outcome])
    ])
    const tableLines = lines(table.stdout)
    expect(tableLines[0]).toMatch(/^POSTFIX ID\s+RECIPIENT\s+OUTCOME\s+REASON$/)
    expect(tableLines).toHaveLength(10)
    // In the same order, each with its outcome; the other columns may be cut to fit 80 columns.
    expect(tableLines.slice(1).map((line) => line.split(/\s{2,}/)[0])).toEqual(
      expected.map((row) => row.postfix_id)
    )
    expect(tableLines.slice(1).map((line) => line.split(/\s{2,}/)[2])).toEqual(
      expected.map((row) => row.outcome)
    )
  })

  it("a live progress line on a terminal's stderr, erased at the end; stdout has the rows only", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 350 })
    const args = ["retry", jobId, "--yes", "--batch-size", "100", "--format", "ndjson"]
    const onTerminal = await runOnTerminal(args, env, 60_000)
    expect(onTerminal.code).toBe(0)
    const pieces = screenPieces(onTerminal.terminal)
    expect(pieces.some((piece) => /^. [\d,]+ messages? retried( |:|$)/.test(piece))).toBe(true)
    for (const piece of pieces) expect(piece.length).toBeLessThan(80)
    // The line is gone: the summary is the last thing on the terminal.
    expect(pieces[pieces.length - 1]).toMatch(
      /^cfbulk: 350 messages: 350 moved \(4 calls, \d+s\)$/
    )
    const stdout = onTerminal.stdout.toString("utf8")
    expect(stdout).not.toMatch(/retried|\u001b|\r/)
    expect(ndjsonRows(stdout)).toHaveLength(350)
  })

  it("asks on a terminal, after saying what it would send; declining sends nothing (exit 2)", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 6 })
    const { posts, result } = await observed(() => runOnTerminal(["retry", jobId], env, 60_000, "n\n"))
    expect(result.code).toBe(2)
    expect(posts).toHaveLength(0)
    const screen = screenPieces(result.terminal).join("\n")
    expect(screen).toContain(`Job ${jobId} has 6 FAILED messages.`)
    expect(screen).toContain("6 would be sent again in 1 call, to move them to JunkEmail.")
    expect(screen).toContain("Move these 6 messages to JunkEmail again? [y/N]")
    expect(screen).toContain("not confirmed, nothing was sent")
    expect(result.stdout.toString("utf8")).toBe("")
  })

  it("answering y on a terminal sends the calls it showed, without reading the job again", async () => {
    const jobId = await emulator.insertFailedJob({ failed: 6 })
    const { calls, requests, result } = await observed(() =>
      runOnTerminal(["retry", jobId, "--format", "ndjson"], env, 60_000, "y\n")
    )
    expect(result.code).toBe(0)
    expect(calls.map((call) => call.ids.length)).toEqual([6])
    expect(ndjsonRows(result.stdout.toString("utf8"))).toHaveLength(6)
    // The job and its messages are read once, for the plan shown; the calls sent are that plan's.
    expect(requests.map((request) => `${request.method} ${request.path.replace(/\?.*/, "")}`)).toEqual([
      `GET /client/v4/accounts/${emulator.accountId}/email-security/investigate/bulk/${jobId}`,
      `GET /client/v4/accounts/${emulator.accountId}/email-security/investigate/bulk/${jobId}/messages`,
      `POST /client/v4/accounts/${emulator.accountId}/email-security/investigate/move`
    ])
  })
})
