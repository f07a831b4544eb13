import { Fault } from "@cfbulk/emulator"
import { spawn } from "node:child_process"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cliPath, runCli } from "../support/Cli.js"
import { startEmulator, type TestEmulator } from "../support/Emulator.js"
import { parseJobLines } from "../support/Json.js"
import { runOnTerminal, screenPieces } from "../support/Terminal.js"

// Waits said on stderr, and the live progress line of long listings, through the built CLI against
// the emulator on loopback. A scripted 429 with Retry-After 3 makes the wait: core announces waits
// of 2 s or more. Nothing here depends on how long anything takes, beyond that wait itself.

const secret = "cfbulk-test-SECRET-waits-9d41"
const jobCount = 300

let emulator: TestEmulator
let env: Record<string, string>

const lines = (text: string) => text.split("\n").filter((line) => line !== "")

/** The one line a 429 with Retry-After 3 makes the CLI print. */
const waitLine = /^cfbulk: waiting [23]s: Cloudflare answered 429 Too Many Requests \(Retry-After\)$/

/** The request for page `page` of a listing with this `per_page` (distinct per test, so runs can overlap). */
const pageRequest = (page: number, perPage: number) => ({
  path: new RegExp(`[?&]page=${page}&per_page=${perPage}(&|$)`)
})

const list = (args: ReadonlyArray<string>) => runCli(["list", ...args], { env, killAfterMs: 40_000 })

beforeAll(async () => {
  emulator = await startEmulator({ jobs: jobCount, token: secret })
  env = { ...emulator.env }
})

afterAll(async () => {
  await emulator?.stop()
})

describe("waits are said", () => {
  it("a 429's wait is one plain line on stderr, once, in every format; --quiet silences it", async () => {
    const runs = [
      { format: "ndjson", perPage: 41, quiet: false },
      { format: "json", perPage: 42, quiet: false },
      { format: "csv", perPage: 43, quiet: false },
      { format: "table", perPage: 44, quiet: false },
      { format: "ndjson", perPage: 45, quiet: true },
      { format: "table", perPage: 46, quiet: true }
    ]
    for (const run of runs) {
      await emulator.enqueue(Fault.RateLimited({ retryAfter: 3 }), pageRequest(2, run.perPage))
    }
    const results = await Promise.all(runs.map(async (run) => {
      const args = ["--format", run.format, "--fields", "id,status"]
      const [waited, plain] = await Promise.all([
        list([...args, "--per-page", String(run.perPage), ...(run.quiet ? ["--quiet"] : [])]),
        // The same jobs in other pages, which no fault is queued for.
        list([...args, "--per-page", String(run.perPage + 10)])
      ])
      return { run, waited, plain }
    }))
    expect(await emulator.pendingFaults()).toBe(0)
    for (const { plain, run, waited } of results) {
      expect({ run, code: waited.code }).toEqual({ run, code: 0 })
      if (run.quiet) expect(waited.stderr).toBe("")
      else {
        expect(lines(waited.stderr)).toHaveLength(1)
        expect(lines(waited.stderr)[0]).toMatch(waitLine)
      }
      // The wait changes nothing on stdout.
      expect(waited.stdout).toBe(plain.stdout)
      expect(plain.stderr).toBe("")
    }
  })

  it("Ctrl-C during a wait exits at once with 130, sending nothing more", async () => {
    await emulator.enqueue(Fault.RateLimited({ retryAfter: 120 }), pageRequest(2, 47))
    const child = spawn(process.execPath, [cliPath, "list", "--per-page", "47"], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    const timer = setTimeout(() => child.kill("SIGKILL"), 40_000)
    let stderr = ""
    child.stdout.resume()
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve))
    await new Promise<void>((resolve) =>
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        stderr += chunk
        if (stderr.includes("\n")) resolve()
      })
    )
    const sent = await emulator.requestCount()
    child.kill("SIGINT")
    const code = await closed
    clearTimeout(timer)
    expect(code).toBe(130)
    expect(lines(stderr)).toEqual([
      "cfbulk: waiting 2m 00s: Cloudflare answered 429 Too Many Requests (Retry-After)"
    ])
    // The 429'd page was never asked again: the wait was not sat out.
    expect(await emulator.requestCount()).toBe(sent)
  })
})

describe("long listings show progress on a terminal", () => {
  const progress = /^. [\d,]+ jobs {2}\d+ pages/

  it("list: a live line on the terminal, within 80 columns, never on stdout", async () => {
    const args = ["list", "--format", "ndjson", "--per-page", "20"]
    const [onTerminal, piped] = await Promise.all([runOnTerminal(args, env), runCli(args, { env })])
    expect(onTerminal.code).toBe(0)
    const pieces = screenPieces(onTerminal.terminal)
    expect(pieces.some((piece) => progress.test(piece))).toBe(true)
    // The last one says how many, and is left on the screen.
    expect(pieces[pieces.length - 1]).toMatch(/^ {2}300 jobs {2}15 pages {2}/)
    for (const piece of pieces) expect(piece.length).toBeLessThan(80)
    // stdout is exactly what it is without a terminal, with none of the line in it.
    expect(Buffer.compare(onTerminal.stdout, Buffer.from(piped.stdout, "utf8"))).toBe(0)
    expect(onTerminal.stdout.toString("utf8")).not.toMatch(/pages|\u001b|\r/)
    expect(lines(piped.stdout)).toHaveLength(jobCount)
    expect(piped.stderr).toBe("")
  })

  it("messages: the same line, counting messages", async () => {
    const jobs = parseJobLines((await runCli(["list", "--status", "COMPLETED"], { env })).stdout)
    const job = jobs.find((candidate) => candidate.total_messages_discovered >= 100)
    expect(job).toBeDefined()
    const args = ["messages", job?.job_id ?? "", "--format", "csv", "--per-page", "25"]
    const [onTerminal, piped] = await Promise.all([runOnTerminal(args, env), runCli(args, { env })])
    expect(onTerminal.code).toBe(0)
    const pieces = screenPieces(onTerminal.terminal)
    expect(pieces.some((piece) => /^. [\d,]+ messages {2}\d+ pages/.test(piece))).toBe(true)
    for (const piece of pieces) expect(piece.length).toBeLessThan(80)
    expect(Buffer.compare(onTerminal.stdout, Buffer.from(piped.stdout, "utf8"))).toBe(0)
    expect(piped.stderr).toBe("")
  })

  it("says what it is waiting for while a wait lasts, and the wait line once above it", async () => {
    await emulator.enqueue(Fault.RateLimited({ retryAfter: 3 }), pageRequest(3, 21))
    const args = ["list", "--format", "ndjson", "--per-page", "21"]
    const [onTerminal, piped] = await Promise.all([
      runOnTerminal(args, { ...env, NO_COLOR: "1" }),
      runCli(["list", "--format", "ndjson", "--per-page", "22"], { env })
    ])
    expect(onTerminal.code).toBe(0)
    expect(await emulator.pendingFaults()).toBe(0)
    const pieces = screenPieces(onTerminal.terminal)
    expect(pieces.filter((piece) => piece.startsWith("cfbulk: "))).toHaveLength(1)
    expect(pieces.find((piece) => piece.startsWith("cfbulk: "))).toMatch(waitLine)
    expect(pieces.some((piece) => /^. [\d,]+ jobs .*waiting \ds: Cloudflare answered 429/.test(piece))).toBe(
      true
    )
    for (const piece of pieces) expect(piece.length).toBeLessThan(80)
    // Another page size, the same jobs: nothing of the wait or the line on stdout.
    expect(Buffer.compare(onTerminal.stdout, Buffer.from(piped.stdout, "utf8"))).toBe(0)
  })

  it("--quiet: nothing on the terminal, not even the wait; the same stdout", async () => {
    await emulator.enqueue(Fault.RateLimited({ retryAfter: 3 }), pageRequest(3, 23))
    const args = ["list", "--format", "json", "--per-page", "23"]
    const [onTerminal, piped] = await Promise.all([
      runOnTerminal([...args, "--quiet"], env),
      runCli(["list", "--format", "json", "--per-page", "24"], { env })
    ])
    expect(onTerminal.code).toBe(0)
    expect(await emulator.pendingFaults()).toBe(0)
    expect(onTerminal.terminal).toBe("")
    expect(Buffer.compare(onTerminal.stdout, Buffer.from(piped.stdout, "utf8"))).toBe(0)
  })

  it("--page (one page) and a listing of one page draw no line", async () => {
    for (const args of [["list", "--page", "2", "--per-page", "20"], ["list", "--per-page", "1000"]]) {
      const onTerminal = await runOnTerminal(args, env)
      expect(onTerminal.code).toBe(0)
      expect(onTerminal.terminal).toBe("")
    }
  })

  it("--quiet and --verbose together are a usage error (exit 2), sending nothing", async () => {
    const before = await emulator.requestCount()
    const result = await list(["--quiet", "--verbose"])
    expect(result.code).toBe(2)
    expect(lines(result.stderr)).toEqual([
      "cfbulk: --quiet and --verbose contradict each other: give one of them"
    ])
    expect(await emulator.requestCount()).toBe(before)
  })
})
