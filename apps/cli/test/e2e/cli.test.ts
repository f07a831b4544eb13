import { BulkJob, CreateJobParams, toWire } from "@cfbulk/core"
import { parse } from "csv-parse/sync"
import * as Schema from "effect/Schema"
import { spawn } from "node:child_process"
import { closeSync, openSync } from "node:fs"
import { afterAll, assert, beforeAll, describe, expect, it } from "vitest"
import { cliPath, type CliResult, runCli } from "../support/Cli.js"
import { startEmulator, type TestEmulator } from "../support/Emulator.js"
import { decodeJob, parseJob, parseJobLines, parseJson, parseRecord } from "../support/Json.js"

// A token no output may ever contain: every test greps for it.
const secret = "cfbulk-test-SECRET-7f3a9c51"
const jobCount = 45
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

let emulator: TestEmulator
let env: Record<string, string>
const outputs: Array<CliResult> = []

/** Runs the CLI against the emulator and keeps the output for the secrets check at the end. */
const cfbulk = async (args: ReadonlyArray<string>, extraEnv: Record<string, string> = {}, input?: string) => {
  const result = await runCli(args, {
    env: { ...env, ...extraEnv },
    ...(input === undefined ? {} : { input })
  })
  outputs.push(result)
  return result
}

const lines = (text: string) => text.split("\n").filter((line) => line !== "")

const expectNothingSent = async (before: number) => {
  expect(await emulator.requestCount()).toBe(before)
}

beforeAll(async () => {
  emulator = await startEmulator({
    jobs: jobCount,
    token: secret,
    jobDuration: "2 seconds",
    jobFailureRate: 0
  })
  env = { ...emulator.env }
})

afterAll(async () => {
  await emulator?.stop()
})

describe("output formats", () => {
  it("prints NDJSON when piped: one job per line in the API's field names, every page", async () => {
    const result = await cfbulk(["list", "--per-page", "10"])
    expect(result.code).toBe(0)
    const printed = lines(result.stdout).map(parseJson)
    expect(printed).toHaveLength(jobCount)
    // Each line is a valid job, and exactly its wire form: API field names, dates in ISO-8601.
    const jobs = printed.map(decodeJob)
    expect(new Set(jobs.map((job) => job.job_id)).size).toBe(jobCount)
    for (const [index, job] of jobs.entries()) {
      expect(job.job_id).toMatch(uuid)
      expect(typeof job.search_params).toBe("object")
      expect(printed[index]).toEqual(toWire(job))
    }
    expect(result.stderr).toBe("")
  })

  it("prints one JSON array", async () => {
    const result = await cfbulk(["list", "--format", "json", "--per-page", "7"])
    expect(result.code).toBe(0)
    const jobs = Schema.decodeUnknownSync(Schema.Array(BulkJob))(parseJson(result.stdout))
    expect(jobs).toHaveLength(jobCount)
  })

  it("prints an empty JSON array when nothing matches", async () => {
    const result = await cfbulk(["list", "--format", "json", "--status", "SKIPPED"])
    expect(result.code).toBe(0)
    expect(parseJson(result.stdout)).toEqual([])
  })

  it("prints CSV that round-trips through csv-parse, nested objects as JSON text", async () => {
    const result = await cfbulk(["list", "--format", "csv", "--per-page", "20"])
    expect(result.code).toBe(0)
    const rows: Array<Record<string, string>> = parse(result.stdout, { columns: true })
    expect(rows).toHaveLength(jobCount)
    const ndjson = parseJobLines((await cfbulk(["list"])).stdout)
    // Row by row, the same jobs as NDJSON, search_params as the JSON text of its wire form.
    expect(rows.map((row) => ({
      job_id: row.job_id,
      search_params: parseJson(row.search_params ?? ""),
      total_messages_discovered: Number(row.total_messages_discovered)
    }))).toEqual(ndjson.map((job) => ({
      job_id: job.job_id,
      search_params: toWire(job.search_params),
      total_messages_discovered: job.total_messages_discovered
    })))
  })

  for (const width of [80, 200]) {
    it(`prints a table that fits ${width} columns`, async () => {
      const result = await cfbulk(["list", "--format", "table"], { COLUMNS: String(width) })
      expect(result.code).toBe(0)
      const rows = lines(result.stdout)
      expect(rows).toHaveLength(jobCount + 1)
      expect(rows[0]).toMatch(/^ID\s+STATUS/)
      for (const row of rows) expect(row.length).toBeLessThanOrEqual(width)
      // Piped, so no colours.
      expect(result.stdout).not.toContain("\u001b[")
      if (width === 200) {
        expect(rows[0]).toContain("COMMENT")
        expect(result.stderr).toBe("")
      } else {
        // What was left out, and how to get it, for the person at the terminal.
        expect(lines(result.stderr)).toEqual([
          "3 columns hidden: destination, created_at, comment (widen to 115, or --fields)"
        ])
      }
    })
  }
})

describe("--fields, --limit, --page", () => {
  it("picks keys in NDJSON and columns in CSV, accepting the table's short names", async () => {
    const ndjson = await cfbulk(["list", "--fields", "id,status,progress", "--limit", "3"])
    expect(ndjson.code).toBe(0)
    for (const line of lines(ndjson.stdout)) {
      const job = parseRecord(line)
      expect(Object.keys(job)).toEqual(["job_id", "status", "progress"])
      expect(job["progress"]).toMatch(/^\d+\/\d+$/)
    }
    const csv = await cfbulk(["list", "--format", "csv", "--fields", "status,job_id", "--limit", "2"])
    expect(lines(csv.stdout)[0]).toBe("status,job_id\r")
  })

  it("refuses an unknown field with exit 2, lists the valid ones, sends nothing", async () => {
    const before = await emulator.requestCount()
    const result = await cfbulk(["list", "--fields", "id,colour"])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe("")
    expect(result.stderr).toContain("colour")
    expect(result.stderr).toContain("job_id")
    await expectNothingSent(before)
  })

  it("stops after --limit items", async () => {
    const result = await cfbulk(["list", "--limit", "7", "--per-page", "5"])
    expect(result.code).toBe(0)
    expect(lines(result.stdout)).toHaveLength(7)
  })

  it("fetches only the page asked for with --page", async () => {
    const all = lines((await cfbulk(["list", "--fields", "id"])).stdout)
    const before = await emulator.requestCount()
    const second = await cfbulk(["list", "--fields", "id", "--page", "2", "--per-page", "10"])
    expect(second.code).toBe(0)
    expect(lines(second.stdout)).toEqual(all.slice(10, 20))
    expect(await emulator.requestCount()).toBe(before + 1)
    const last = await cfbulk(["list", "--fields", "id", "--page", "5", "--per-page", "10"])
    expect(lines(last.stdout)).toEqual(all.slice(40))
  })
})

describe("global options", () => {
  it("are accepted before and after the subcommand", async () => {
    const wrongAccount = { CLOUDFLARE_ACCOUNT_ID: "0000000000000000000000000000dead" }
    const after = await cfbulk(["list", "--limit", "2", "--account-id", emulator.accountId], wrongAccount)
    const before = await cfbulk(["--account-id", emulator.accountId, "list", "--limit", "2"], wrongAccount)
    expect(after.code).toBe(0)
    expect(before.code).toBe(0)
    expect(after.stdout).toBe(before.stdout)
    expect(lines(after.stdout)).toHaveLength(2)
  })

  it("--verbose logs each request on stderr, before or after the subcommand", async () => {
    for (const args of [["list", "--limit", "1", "--verbose"], ["--verbose", "list", "--limit", "1"]]) {
      const result = await cfbulk(args)
      expect(result.code).toBe(0)
      expect(result.stderr).toMatch(
        /GET \/client\/v4\/accounts\/\S+\/email-security\/investigate\/bulk\?\S+ -> 200 in \d+ms/
      )
      expect(lines(result.stdout)).toHaveLength(1)
    }
  })

  it("takes --base-url from the flag over the environment", async () => {
    const result = await cfbulk(["list", "--limit", "1", "--base-url", emulator.url], {
      CLOUDFLARE_BASE_URL: "http://127.0.0.1:1/client/v4"
    })
    expect(result.code).toBe(0)
  })
})

describe("get, messages", () => {
  it("shows a job as JSON (the wire form) and as text", async () => {
    const printed = parseJson(lines((await cfbulk(["list", "--limit", "1"])).stdout)[0] ?? "{}")
    const first = decodeJob(printed)
    const json = await cfbulk(["get", first.job_id, "--format", "json"])
    expect(json.code).toBe(0)
    expect(parseJson(json.stdout)).toEqual(printed)
    const text = await cfbulk(["get", first.job_id])
    expect(text.stdout).toContain(first.job_id)
    expect(text.stdout).toMatch(/Status\s+\S+/)
  })

  it("refuses a malformed job id with exit 2 and sends nothing, before asking anything", async () => {
    const before = await emulator.requestCount()
    for (const args of [["get", "not-a-job"], ["messages", "not-a-job"], ["delete", "not-a-job"]]) {
      const result = await cfbulk(args, {}, "y\n")
      expect(result.code).toBe(2)
      expect(result.stderr).toContain("\"not-a-job\" is not a job id (a UUID)")
      expect(result.stderr).not.toContain("?")
    }
    await expectNothingSent(before)
  })

  it("exits 1 for a job that does not exist", async () => {
    const result = await cfbulk(["get", "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"])
    expect(result.code).toBe(1)
    expect(lines(result.stderr)).toHaveLength(1)
    expect(result.stderr).toContain("404")
  })

  it("lists a job's messages in every format, filtered by status", async () => {
    const jobs = parseJobLines((await cfbulk(["list", "--status", "COMPLETED"])).stdout)
    const job = jobs.find((candidate) => candidate.total_messages_discovered > 0)
    assert.isDefined(job)
    const all = await cfbulk(["messages", job.job_id, "--per-page", "50"])
    expect(all.code).toBe(0)
    expect(lines(all.stdout)).toHaveLength(job.total_messages_discovered)
    const csv = await cfbulk([
      "messages",
      job.job_id,
      "--format",
      "csv",
      "--fields",
      "postfix_id,status,recipient"
    ])
    const rows: Array<Record<string, string>> = parse(csv.stdout, { columns: true })
    expect(rows).toHaveLength(job.total_messages_discovered)
    const done = await cfbulk(["messages", job.job_id, "--status", "COMPLETED", "--fields", "status"])
    for (const line of lines(done.stdout)) expect(parseJson(line)).toEqual({ status: "COMPLETED" })
    expect(lines(done.stdout)).toHaveLength(job.messages_successful)
  })
})

describe("create, cancel, delete, watch", () => {
  it("--dry-run prints the exact request body and sends nothing, even without credentials", async () => {
    const before = await emulator.requestCount()
    const result = await cfbulk(
      [
        "create",
        "--action",
        "MOVE",
        "--destination",
        "JunkEmail",
        "--sender",
        "a@example.com",
        "--start",
        "2026-01-01T00:00:00Z",
        "--no-detections-only",
        "--dry-run"
      ],
      { CLOUDFLARE_API_TOKEN: "" }
    )
    expect(result.code).toBe(0)
    expect(parseJson(result.stdout)).toEqual({
      action: "MOVE",
      destination: "JunkEmail",
      search_params: { sender: "a@example.com", start: "2026-01-01T00:00:00.000Z", detections_only: false }
    })
    await expectNothingSent(before)
  })

  it("refuses an invalid job before sending: MOVE without a destination, a bad date", async () => {
    const before = await emulator.requestCount()
    const noDestination = await cfbulk(["create", "--action", "MOVE", "--yes"])
    expect(noDestination.code).toBe(2)
    expect(noDestination.stderr).toContain("invalid job: destination is required when action is MOVE")
    const badDate = await cfbulk(["create", "--action", "RELEASE", "--start", "yesterday", "--yes"])
    expect(badDate.code).toBe(2)
    expect(badDate.stderr).toContain("ISO-8601")
    await expectNothingSent(before)
  })

  it("without a terminal and without --yes, refuses with exit 2 and sends nothing", async () => {
    const before = await emulator.requestCount()
    const result = await cfbulk(["create", "--action", "RELEASE", "--sender", "a@example.com"], {}, "y\n")
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("--yes")
    expect(result.stdout).toBe("")
    await expectNothingSent(before)
  })

  it("creates with --yes, printing only the id, and watches it to COMPLETED (exit 0)", async () => {
    const flags = [
      "--action",
      "MOVE",
      "--destination",
      "DeletedItems",
      "--sender",
      "a@example.com",
      "--submissions"
    ]
    const body = Schema.decodeUnknownSync(CreateJobParams)(
      parseJson((await cfbulk(["create", ...flags, "--comment", "e2e", "--dry-run"])).stdout)
    )
    const created = await cfbulk(["create", ...flags, "--comment", "e2e", "--yes"])
    expect(created.code).toBe(0)
    const id = created.stdout.trim()
    expect(id).toMatch(uuid)
    // The job the server made is the body the dry run showed.
    const job = parseJob((await cfbulk(["get", id, "--format", "json"])).stdout)
    expect(job.action_type).toBe(body.action)
    expect(job.action_params).toMatchObject({ destination: body.destination })
    expect(job.comment).toBe(body.comment)
    expect(job.search_params).toMatchObject(body.search_params)
    const watched = await cfbulk(["watch", id, "--interval", "1s"])
    expect(watched.code).toBe(0)
    expect(watched.stdout).toContain("COMPLETED")
    expect(watched.stdout).toMatch(/\d+ successful, \d+ failed/)
    // Off a terminal the progress comes as plain lines, without escape codes.
    expect(watched.stderr).not.toContain("\u001b[")
  })

  it("cancels a running job, and watch then exits 3; deletes it", async () => {
    // Jobs that run for an hour: the cancel reaches a running job however slow the machine is.
    const slow = await startEmulator({ jobs: 1, token: secret, jobDuration: "1 hour", jobFailureRate: 0 })
    try {
      const local = { CLOUDFLARE_BASE_URL: slow.url, CLOUDFLARE_ACCOUNT_ID: slow.accountId }
      const id = (await cfbulk(["create", "--action", "RELEASE", "--yes"], local)).stdout.trim()
      expect(id).toMatch(uuid)
      const before = await slow.requestCount()
      const unconfirmed = await cfbulk(["cancel", id], local)
      expect(unconfirmed.code).toBe(2)
      expect(await slow.requestCount()).toBe(before)
      const cancelled = await cfbulk(["cancel", id, "--yes"], local)
      expect(cancelled.code).toBe(0)
      expect(cancelled.stdout).toContain("CANCELLED")
      const watched = await cfbulk(["watch", id, "--interval", "1s"], local)
      expect(watched.code).toBe(3)
      expect(watched.stdout).toContain("CANCELLED")
      expect(watched.stderr).toContain(`job ${id} ended CANCELLED`)

      expect((await cfbulk(["delete", id], local)).code).toBe(2)
      const deleted = await cfbulk(["delete", id, "--yes"], local)
      expect(deleted.code).toBe(0)
      expect(deleted.stdout.trim()).toBe(id)
      expect((await cfbulk(["get", id], local)).code).toBe(1)
    } finally {
      await slow.stop()
    }
  })

  it("watch exits 3 when the job ends FAILED", async () => {
    const failing = await startEmulator({
      jobs: 1,
      token: secret,
      jobDuration: "1 second",
      jobFailureRate: 1
    })
    try {
      const local = { CLOUDFLARE_BASE_URL: failing.url, CLOUDFLARE_ACCOUNT_ID: failing.accountId }
      const id = (await cfbulk(["create", "--action", "RELEASE", "--yes"], local)).stdout.trim()
      expect(id).toMatch(uuid)
      const watched = await cfbulk(["watch", id, "--interval", "1s"], local)
      expect(watched.code).toBe(3)
      expect(watched.stdout).toContain("FAILED")
    } finally {
      await failing.stop()
    }
  })
})

describe("confirmation", () => {
  const jobId = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
  const actions: ReadonlyArray<ReadonlyArray<string>> = [
    ["create", "--action", "RELEASE", "--sender", "a@example.com"],
    ["cancel", jobId],
    ["delete", jobId]
  ]

  it("checks credentials and the base URL before asking, so a refusal never follows a yes", async () => {
    const before = await emulator.requestCount()
    const broken: ReadonlyArray<[Record<string, string>, string]> = [
      [{ CLOUDFLARE_API_TOKEN: "" }, "no credentials"],
      [{ CLOUDFLARE_ACCOUNT_ID: "" }, "account id is missing"],
      [{ CLOUDFLARE_BASE_URL: "http://example.com/client/v4" }, "plain http"]
    ]
    for (const args of actions) {
      for (const [extra, problem] of broken) {
        // No terminal and no --yes: the prompt would refuse; the configuration is reported first.
        const result = await cfbulk(args, extra, "y\n")
        expect({ args, problem, code: result.code }).toEqual({ args, problem, code: 2 })
        expect(result.stderr).toContain(problem)
        expect(result.stderr).not.toContain("--yes")
      }
    }
    await expectNothingSent(before)
  })

  /** Runs the CLI on a terminal (util-linux `script`), answering `answer` once the prompt shows. */
  const onTerminal = (args: ReadonlyArray<string>, answer: string) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const command = [process.execPath, cliPath, ...args].map((word) => `'${word}'`).join(" ")
      const child = spawn("script", ["-qec", command, "/dev/null"], {
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env, NO_COLOR: "1" },
        stdio: ["pipe", "pipe", "pipe"]
      })
      let output = ""
      let answered = false
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        output += chunk
        if (!answered && output.includes("[y/N]")) {
          answered = true
          child.stdin.write(answer + "\r")
        }
      })
      const timer = setTimeout(() => child.kill("SIGKILL"), 25_000)
      child.on("close", (code) => {
        clearTimeout(timer)
        resolve({ code, output })
      })
    })

  it("exits 2 when the question is answered no, and sends nothing", async () => {
    const before = await emulator.requestCount()
    const result = await onTerminal(["delete", jobId], "n")
    expect(result.output).toContain("Delete job")
    expect(result.output).toContain(`delete job ${jobId}: not confirmed, nothing was sent`)
    expect(result.code).toBe(2)
    await expectNothingSent(before)
  })
})

describe("exit codes for failures", () => {
  it("exits 1 on a server error, with Cloudflare's status in one line", async () => {
    await emulator.failNext("500")
    const result = await cfbulk(["list", "--max-retries", "0"])
    expect(result.code).toBe(1)
    expect(lines(result.stderr)).toHaveLength(1)
    expect(result.stderr).toContain("500")
    expect(result.stderr).not.toContain("    at ")
  })

  it("exits 1 on a connection reset", async () => {
    await emulator.failNext("reset")
    const result = await cfbulk(["get", "f174e90a-fafe-4643-bbbc-4a0ed4fc8415", "--max-retries", "0"])
    expect(result.code).toBe(1)
  })

  it("exits 1 when nothing listens", async () => {
    const result = await cfbulk(["list", "--max-retries", "0"], {
      CLOUDFLARE_BASE_URL: "http://127.0.0.1:1/client/v4"
    })
    expect(result.code).toBe(1)
    expect(lines(result.stderr)).toHaveLength(1)
  })

  it("exits 4 for a wrong token, and never prints either token", async () => {
    const wrong = "cfbulk-test-WRONG-SECRET-0042"
    const result = await cfbulk(["list", "--verbose"], { CLOUDFLARE_API_TOKEN: wrong })
    expect(result.code).toBe(4)
    expect(result.stderr).toContain("401")
    expect(result.stdout + result.stderr).not.toContain(wrong)
  })

  it("exits 4 for wrong legacy credentials, printing neither the email nor the key", async () => {
    const result = await cfbulk(["list"], {
      CLOUDFLARE_API_TOKEN: "",
      CLOUDFLARE_EMAIL: "someone-secret@example.com",
      CLOUDFLARE_API_KEY: "legacy-KEY-secret-9911"
    })
    expect(result.code).toBe(4)
    expect(result.stdout + result.stderr).not.toContain("legacy-KEY-secret-9911")
    expect(result.stdout + result.stderr).not.toContain("someone-secret@example.com")
  })

  it("refuses a watch interval under 1s with exit 2, sending nothing", async () => {
    const before = await emulator.requestCount()
    for (const interval of ["0", "0ms", "999ms", "0.5"]) {
      const result = await cfbulk(["watch", "f174e90a-fafe-4643-bbbc-4a0ed4fc8415", "--interval", interval])
      expect({ interval, code: result.code }).toEqual({ interval, code: 2 })
      expect(result.stderr).toContain("--interval must be at least 1s")
    }
    await expectNothingSent(before)
  })

  // util-linux `script` and /dev/full are part of every Debian machine this runs on: no skipping.
  it(
    "reports a stdout that fails (a full disk) as one line with exit 1, never a crash",
    async () => {
      const full = openSync("/dev/full", "w")
      try {
        const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, [cliPath, "list"], {
            env: { PATH: process.env.PATH ?? "", ...env },
            stdio: ["ignore", full, "pipe"]
          })
          let stderr = ""
          child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
          child.on("close", (code) => resolve({ code, stderr }))
        })
        expect(result.stderr).toMatch(/^cfbulk: cannot write to stdout: .*ENOSPC.*\n$/)
        expect(result.code).toBe(1)
      } finally {
        closeSync(full)
      }
    }
  )

  it("exits 2 for a bad flag, a bad flag value, missing credentials or a missing account, sending nothing", async () => {
    const before = await emulator.requestCount()
    const cases: Array<[ReadonlyArray<string>, Record<string, string>]> = [
      [["list", "--bogus"], {}],
      [["list", "--status", "NOPE"], {}],
      [["list", "--timeout", "soon"], {}],
      [["list", "--per-page", "5000"], {}],
      [["list"], { CLOUDFLARE_API_TOKEN: "" }],
      [["list"], { CLOUDFLARE_ACCOUNT_ID: "" }],
      [["watch"], {}]
    ]
    for (const [args, extra] of cases) {
      const result = await cfbulk(args, extra)
      expect({ args, code: result.code }).toEqual({ args, code: 2 })
      expect(result.stderr).not.toBe("")
    }
    await expectNothingSent(before)
  })
})

describe("the command line itself", () => {
  it("--help and --completions work and print no escape codes when piped", async () => {
    const help = await cfbulk(["--help"])
    expect(help.code).toBe(0)
    for (const command of ["list", "get", "create", "cancel", "delete", "messages", "watch"]) {
      expect(help.stdout).toContain(command)
    }
    expect(help.stdout).not.toContain("\u001b[")
    const completions = await cfbulk(["--completions", "bash"])
    expect(completions.code).toBe(0)
    expect(completions.stdout).toContain("complete")
  })

  it("stops quietly when the reader of stdout goes away (cfbulk list | head)", async () => {
    // Far more output than a pipe buffers, so the CLI is still writing when the reader leaves.
    const large = await startEmulator({ jobs: 3000, token: secret })
    try {
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [cliPath, "list", "--per-page", "200"], {
          env: { PATH: process.env.PATH ?? "", ...env, CLOUDFLARE_BASE_URL: large.url },
          stdio: ["ignore", "pipe", "pipe"]
        })
        let stderr = ""
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
        child.stdout.once("data", () => child.stdout.destroy())
        child.on("close", (code) => resolve({ code, stderr }))
      })
      expect(result.stderr).toBe("")
      expect(result.code).toBe(0)
    } finally {
      await large.stop()
    }
  })
})

describe("secrets", () => {
  it("no output of any command above contained the token", () => {
    expect(outputs.length).toBeGreaterThan(20)
    for (const output of outputs) {
      expect(output.stdout).not.toContain(secret)
      expect(output.stderr).not.toContain(secret)
    }
  })

  it("not even --verbose on a failure", async () => {
    await emulator.failNext("500")
    const result = await cfbulk(["--verbose", "list", "--max-retries", "0"])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("    at ")
    expect(result.stdout + result.stderr).not.toContain(secret)
  })
})
