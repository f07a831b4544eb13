import type { BulkJob } from "@cfbulk/core"
import { spawn } from "node:child_process"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cliPath, runCli } from "../support/Cli.js"
import { startEmulator, type TestEmulator } from "../support/Emulator.js"
import { parseJob, parseJobLines } from "../support/Json.js"

// Job ids as people pass them on: pasted with spaces, or cut from a CSV listing whose lines end in
// CRLF. Whitespace around a UUID is dropped; anything else is refused before any request.

const secret = "cfbulk-test-SECRET-ids-33e0"

let emulator: TestEmulator
let env: Record<string, string>

const lines = (text: string) => text.split("\n").filter((line) => line !== "")
const cfbulk = (args: ReadonlyArray<string>) => runCli(args, { env, killAfterMs: 40_000 })

const jobs = async (args: ReadonlyArray<string> = []): Promise<ReadonlyArray<BulkJob>> =>
  parseJobLines((await cfbulk(["list", ...args])).stdout)

beforeAll(async () => {
  emulator = await startEmulator({ jobs: 40, token: secret, jobDuration: "1 hour" })
  env = { ...emulator.env }
})

afterAll(async () => {
  await emulator?.stop()
})

describe("ids are forgiving", () => {
  it("cfbulk get \"$(cfbulk list --limit 1 --format csv --fields id | tail -1)\" works (CSV ends lines in CRLF)", async () => {
    const [first] = await jobs(["--limit", "1"])
    const script =
      `"$0" "$1" get "$("$0" "$1" list --limit 1 --format csv --fields id | tail -1)" --format json`
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn("sh", ["-c", script, process.execPath, cliPath], {
        env: { PATH: process.env.PATH ?? "", ...env },
        stdio: ["ignore", "pipe", "pipe"]
      })
      let stdout = ""
      let stderr = ""
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
      const timer = setTimeout(() => child.kill("SIGKILL"), 40_000)
      child.on("close", (code) => {
        clearTimeout(timer)
        resolve({ code, stdout, stderr })
      })
    })
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" })
    expect(parseJob(result.stdout).job_id).toBe(first?.job_id)
  })

  it("get, messages, watch, retry, cancel and delete take an id with spaces, tabs and a trailing CR", async () => {
    const all = await jobs()
    const completed = all.find((job) => job.status === "COMPLETED" && job.total_messages_discovered > 0)
    const running = all.find((job) => job.status === "PROCESSING" || job.status === "PENDING")
    expect(completed).toBeDefined()
    expect(running).toBeDefined()
    const done = completed?.job_id ?? ""
    const live = running?.job_id ?? ""
    const padded = (id: string) => [`${id}\r`, `  ${id}  `, `\t${id}\r\n`, ` ${id}\r`]
    const before = (await emulator.requests()).length
    // Each prints the id it was given back, but `messages`, which prints the job's messages.
    const runs: ReadonlyArray<readonly [ReadonlyArray<string>, string | undefined]> = [
      [["get", padded(done)[0] ?? "", "--format", "json"], done],
      [["get", padded(done)[1] ?? ""], done],
      [["messages", padded(done)[2] ?? "", "--limit", "3"], undefined],
      [["watch", padded(done)[3] ?? "", "--format", "json", "--quiet"], done],
      // A dry run only reads: the job, then its FAILED messages.
      [["retry", padded(done)[2] ?? "", "--dry-run", "--quiet"], done],
      [["cancel", padded(live)[0] ?? "", "--yes"], live],
      [["delete", padded(live)[1] ?? "", "--yes"], live]
    ]
    for (const [args, id] of runs) {
      const result = await cfbulk(args)
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 0, stderr: "" })
      if (id === undefined) expect(lines(result.stdout)).toHaveLength(3)
      else expect(result.stdout).toContain(id)
    }
    // Every request named the id itself, nothing around it.
    const sent = (await emulator.requests()).slice(before)
    expect(sent.length).toBeGreaterThanOrEqual(runs.length)
    for (const request of sent) {
      expect(request.path).toMatch(/\/bulk\/[0-9a-f-]{36}(\/messages|\/cancel)?(\?|$)/)
    }
    expect(sent.map((request) => request.status)).not.toContain(400)
  })

  it("anything else that is not a UUID still fails with exit 2 before any request", async () => {
    const [first] = await jobs(["--limit", "1"])
    const id = first?.job_id ?? ""
    const junk = [
      "not-a-job",
      `${id}x`,
      `x${id}`,
      `${id.slice(0, 18)} ${id.slice(19)}`,
      `${id}\r\rx`,
      "",
      " \r"
    ]
    const before = await emulator.requestCount()
    for (const command of ["get", "messages", "watch", "retry", "cancel", "delete"]) {
      for (const text of junk) {
        const result = await cfbulk([
          command,
          text,
          ...(command === "cancel" || command === "delete" || command === "retry" ? ["--yes"] : [])
        ])
        expect({ command, text, code: result.code }).toEqual({ command, text, code: 2 })
        expect(lines(result.stderr)).toEqual([
          `cfbulk: ${JSON.stringify(text)} is not a job id (a UUID) (see 'cfbulk ${command} --help')`
        ])
      }
    }
    expect(await emulator.requestCount()).toBe(before)
  })
})
