import { Fault } from "@cfbulk/emulator"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli } from "../support/Cli.js"
import { startEmulator, type TestEmulator } from "../support/Emulator.js"
import { parseJobLines } from "../support/Json.js"

// `cfbulk create` when the create's answer is lost (the emulator's Fault.LoseAnswer, or a 503 that
// made nothing): core looks for the job among the newest for 10 s and never sends the create again.
// What a script sees is the exit code, the job id on stdout, and one line on stderr.

const secret = "cfbulk-test-SECRET-lost-c7a2"
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

let emulator: TestEmulator
let env: Record<string, string>

const lines = (text: string) => text.split("\n").filter((line) => line !== "")

/** Creates a RELEASE job with a comment of its own, the create's POST getting `fault`. */
const createWith = async (fault: Fault, name: string) => {
  const posts = async () =>
    (await emulator.requests()).filter((request) =>
      request.method === "POST" && /\/bulk(\?|$)/.test(request.path)
    )
  const before = (await posts()).length
  await emulator.enqueue(fault, { method: "POST" })
  const comment = `lost create: ${name}`
  const result = await runCli(
    [
      "create",
      "--action",
      "RELEASE",
      "--sender",
      `${name.replace(/\W+/g, "-")}@example.com`,
      "--comment",
      comment,
      "--yes"
    ],
    { env, killAfterMs: 60_000 }
  )
  expect(await emulator.pendingFaults()).toBe(0)
  return { result, comment, posts: (await posts()).length - before }
}

/** The jobs with this comment, as `cfbulk list` shows them. */
const jobsWith = async (comment: string): Promise<ReadonlyArray<string>> =>
  parseJobLines((await runCli(["list", "--action-type", "RELEASE", "--limit", "50"], { env })).stdout)
    .filter((job) => job.comment === comment)
    .map((job) => job.job_id)

beforeAll(async () => {
  emulator = await startEmulator({ jobs: 20, token: secret })
  env = { ...emulator.env }
})

afterAll(async () => {
  await emulator?.stop()
})

/** The first line on stderr: the search for the job, announced as a wait. */
const lookingFor =
  /^cfbulk: waiting 10s \(at most\) for the job the create made to appear among the newest RELEASE jobs: its answer was lost \(\w+\), and a create is never sent twice\n/

describe("a create whose answer was lost", () => {
  const found: ReadonlyArray<readonly [string, Fault]> = [
    ["the job made, then a 503", Fault.LoseAnswer({ as: "ServerError" })],
    ["the job made, then the connection cut", Fault.LoseAnswer({ as: "Reset" })],
    [
      "the job made, shown only 3 s later, then a 503",
      Fault.LoseAnswer({ as: "ServerError", visibleAfterMillis: 3000 })
    ]
  ]
  for (const [name, fault] of found) {
    it(`${name}: prints the job it found and exits 0, one POST sent`, async () => {
      const { comment, posts, result } = await createWith(fault, name)
      expect(result.code).toBe(0)
      expect(lines(result.stdout)).toHaveLength(1)
      const id = result.stdout.trim()
      expect(id).toMatch(uuid)
      // On stderr: the search announced (it may take seconds), then its result, once each.
      expect(lines(result.stderr)).toHaveLength(2)
      expect(result.stderr).toMatch(lookingFor)
      expect(result.stderr).toMatch(
        /\ncfbulk: reconciled: POST \S+ lost its answer, and made job [0-9a-f-]{36}\n$/
      )
      expect(result.stderr).toContain(id)
      expect(posts).toBe(1)
      expect(await jobsWith(comment)).toEqual([id])
    })
  }

  it(
    "a 503 that made nothing: exit 1, one line naming the lost answer and what to check, one POST",
    async () => {
      const { comment, posts, result } = await createWith(Fault.ServerError({ status: 503 }), "nothing made")
      expect(result.code).toBe(1)
      expect(result.stdout).toBe("")
      expect(lines(result.stderr)).toHaveLength(2)
      expect(result.stderr).toMatch(lookingFor)
      expect(result.stderr).toMatch(
        /\ncfbulk: POST \S+ lost its answer \(.*503.*\), and no job matching it appeared within \d+s: .*list the newest RELEASE jobs before creating it again\n$/
      )
      expect(result.stderr).not.toContain("    at ")
      expect(posts).toBe(1)
      expect(await jobsWith(comment)).toEqual([])
    },
    60_000
  )

  it("--quiet: the job found is printed, and nothing else", async () => {
    await emulator.enqueue(Fault.LoseAnswer({ as: "Reset" }), { method: "POST" })
    const result = await runCli(
      ["create", "--action", "RELEASE", "--sender", "quiet@example.com", "--yes", "--quiet"],
      { env, killAfterMs: 60_000 }
    )
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" })
    expect(result.stdout.trim()).toMatch(uuid)
  })
})
