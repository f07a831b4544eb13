import { StubHttpClient } from "@cfbulk/core/testing"
import { Fault } from "@cfbulk/emulator"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type CliResult, runCli } from "../support/Cli.js"
import { startEmulator, type TestEmulator } from "../support/Emulator.js"
import { parseJob, parseJson, parseRecord } from "../support/Json.js"

// The core fault matrix (packages/core/test/FaultMatrix.test.ts) once more, through the built CLI:
// what a script sees is the exit code, stdout, and one line on stderr.

const secret = "cfbulk-test-SECRET-faults-51c2"
const jobCount = 25
const perPage = "10"
const page2 = { path: "page=2&" }

let emulator: TestEmulator
let env: Record<string, string>
let expectedIds: ReadonlyArray<string>
let firstJob: Record<string, unknown>

const lines = (text: string) => text.split("\n").filter((line) => line !== "")
const ids = (result: CliResult): ReadonlyArray<string> =>
  lines(result.stdout).map((line) => parseJob(line).job_id)

const list = (args: ReadonlyArray<string> = []) =>
  runCli(["list", "--format", "ndjson", "--per-page", perPage, ...args], { env, killAfterMs: 20_000 })

/** Serves `answer` (core's stub envelopes, as the API sends them) in place of the next request's. */
const served = async (answer: Response) => Fault.Status({ status: answer.status, body: await answer.text() })

/** A 200 page whose only job is `job`. */
const pageOf = (job: Record<string, unknown>) => served(StubHttpClient.page([job], 10))

/** Runs `run` with `faults` queued, and checks that requests took every one of them. */
const withFaults = async <A>(
  faults: ReadonlyArray<Fault>,
  match: { readonly path: string } | undefined,
  run: () => Promise<A>
): Promise<A> => {
  expect(await emulator.pendingFaults()).toBe(0)
  for (const fault of faults) await emulator.enqueue(fault, match)
  expect(await emulator.pendingFaults()).toBe(faults.length)
  const result = await run()
  expect(await emulator.pendingFaults()).toBe(0)
  return result
}

/** Exactly one line on stderr, for people, with no stack trace and no credential. */
const expectOneLine = (result: CliResult) => {
  expect(lines(result.stderr)).toHaveLength(1)
  expect(result.stderr).not.toContain("    at ")
  expect(result.stdout + result.stderr).not.toContain(secret)
}

beforeAll(async () => {
  emulator = await startEmulator({ jobs: jobCount, token: secret })
  env = { ...emulator.env }
  const baseline = await list()
  expect(baseline.code).toBe(0)
  expectedIds = ids(baseline)
  expect(expectedIds).toHaveLength(jobCount)
  firstJob = parseRecord(lines(baseline.stdout)[0] ?? "{}")
})

afterAll(async () => {
  await emulator?.stop()
})

describe("cfbulk list survives what the client retries: exit 0, every job once, in order", () => {
  const recoverable: ReadonlyArray<readonly [string, ReadonlyArray<Fault>, ReadonlyArray<string>]> = [
    ["a 429 with Retry-After", [Fault.RateLimited({ retryAfter: 1 })], []],
    ["a burst of 5xx", [Fault.ServerError({ status: 503 }), Fault.ServerError({ status: 500 })], []],
    ["Cloudflare's HTML 502 page", [Fault.BadGateway()], []],
    ["a success:false envelope with status 500", [Fault.ServerError({ status: 500 })], []],
    ["truncated JSON", [Fault.Truncate({})], []],
    ["a connection reset mid-list", [Fault.Reset()], []],
    ["a page slower than the timeout", [Fault.Delay({ millis: 2500 })], ["--timeout", "1s"]]
  ]
  for (const [name, faults, args] of recoverable) {
    it(name, async () => {
      const result = await withFaults(faults, page2, () => list(args))
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" })
      expect(ids(result)).toEqual(expectedIds)
    })
  }

  it("an unknown status and unknown fields: kept and printed, not a failure", async () => {
    const result = await withFaults(
      [await pageOf({ ...firstJob, status: "PAUSED", paused_by: "policy" })],
      undefined,
      () => list()
    )
    expect(result.code).toBe(0)
    const [job] = lines(result.stdout).map(parseJson)
    expect(job).toMatchObject({ job_id: firstJob["job_id"], status: "PAUSED", paused_by: "policy" })
  })
})

describe("the older API shape (a real total_count, no skipped or cancelled counters)", () => {
  let legacy: TestEmulator | undefined
  afterAll(async () => {
    await legacy?.stop()
  })

  it("lists every job, the missing counters printed as 0", async () => {
    legacy = await startEmulator({ jobs: jobCount, token: secret, apiShape: "legacy" })
    const result = await runCli(["list", "--format", "ndjson", "--per-page", perPage], {
      env: { ...env, CLOUDFLARE_ACCOUNT_ID: legacy.accountId, CLOUDFLARE_BASE_URL: legacy.url }
    })
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" })
    // The wire form as printed, not decoded: decoding would fill in the missing counters itself.
    const jobs = lines(result.stdout).map(parseRecord)
    expect(new Set(jobs.map((job) => job["job_id"])).size).toBe(jobCount)
    for (const job of jobs) expect(job).toMatchObject({ messages_skipped: 0, messages_cancelled: 0 })
  })
})

describe("cfbulk list fails with the right exit code and one line", () => {
  it("5xx beyond the retries: exit 1, naming the status", async () => {
    const busy = Fault.ServerError({ status: 503 })
    const result = await withFaults([busy, busy], page2, () => list(["--max-retries", "1"]))
    expect(result.code).toBe(1)
    expectOneLine(result)
    expect(result.stderr).toContain("503")
  })

  it("a job whose known field has the wrong type: exit 1, naming the field and the page", async () => {
    const result = await withFaults(
      [await pageOf({ ...firstJob, total_messages_discovered: "3" })],
      undefined,
      () => list()
    )
    expect(result.code).toBe(1)
    expectOneLine(result)
    expect(result.stderr).toContain("total_messages_discovered")
    expect(result.stderr).toContain("page 1")
  })

  it("a Retry-After longer than the client will wait: exit 1, saying how long", async () => {
    const result = await withFaults([Fault.RateLimited({ retryAfter: 3600 })], undefined, () => list())
    expect(result.code).toBe(1)
    expectOneLine(result)
    expect(result.stderr).toMatch(/1h|3600|60m/)
  })

  for (const [status, code] of [[401, 10000], [403, 10001]] as const) {
    it(`${status}: exit 4`, async () => {
      const result = await withFaults(
        [await served(StubHttpClient.failure(status, [{ code, message: "Authentication error" }]))],
        undefined,
        () => list()
      )
      expect(result.code).toBe(4)
      expectOneLine(result)
      expect(result.stderr).toContain(String(status))
    })
  }
})
