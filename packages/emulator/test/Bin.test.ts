import { describe, expect, it } from "@effect/vitest"
import { build } from "esbuild"
import { type ChildProcess, spawn } from "node:child_process"
import { once } from "node:events"
import { renameSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { beforeAll } from "vitest"
import { Defaults } from "../src/index.js"

const packageDir = fileURLToPath(new URL("..", import.meta.url))
const binPath = fileURLToPath(new URL("../bin/cfbulk-emulator.mjs", import.meta.url))
const bundlePath = fileURLToPath(new URL("../dist/cfbulk-emulator.mjs", import.meta.url))

// The same build as the package's `bundle` script, written beside the bundle and renamed over it,
// so nothing ever runs a half-written file.
beforeAll(async () => {
  const staging = `${bundlePath}.${process.pid}.tmp`
  await build({
    absWorkingDir: packageDir,
    entryPoints: ["src/bin.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["@cfbulk/source"],
    outfile: staging,
    logLevel: "warning",
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"
    }
  })
  renameSync(staging, bundlePath)
}, 120_000)

interface Run {
  readonly child: ChildProcess
  readonly stdout: () => string
  readonly stderr: () => string
  readonly exit: Promise<number | null>
}

const run = (args: ReadonlyArray<string>): Run => {
  const child = spawn(process.execPath, [binPath, ...args], { stdio: ["ignore", "pipe", "pipe"] })
  let stdout = ""
  let stderr = ""
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
  const exit = once(child, "exit").then(([code]) => (typeof code === "number" ? code : null))
  return { child, stdout: () => stdout, stderr: () => stderr, exit }
}

/** Resolves once `ready` holds for what the bin printed, or the bin exited. */
const printed = (bin: Run, ready: () => boolean) =>
  new Promise<void>((resolve) => {
    const check = () => {
      if (ready() || bin.child.exitCode !== null) resolve()
    }
    bin.child.stdout?.on("data", check)
    bin.child.stderr?.on("data", check)
    bin.child.on("exit", check)
    check()
  })

/** The URL of the `listening on` line, once the bin printed it and its credentials line. */
const listening = async (bin: Run): Promise<string> => {
  await printed(bin, () => bin.stdout().includes("\n") && bin.stderr().includes("\n"))
  const match = /^listening on (http:\/\/127\.0\.0\.1:\d+\/client\/v4)\n$/.exec(bin.stdout())
  expect(match, `stdout: ${bin.stdout()}\nstderr: ${bin.stderr()}`).not.toBeNull()
  return match?.[1] ?? ""
}

const jobsUrl = (url: string, query: string) =>
  `${url}/accounts/${Defaults.accountId}/email-security/investigate/bulk?${query}`

const getPage = async (url: string, query: string) => {
  const response = await fetch(jobsUrl(url, query), {
    headers: { authorization: `Bearer ${Defaults.token}` }
  })
  const body: unknown = await response.json()
  return { status: response.status, body }
}

const resultLength = (body: unknown): number =>
  typeof body === "object" && body !== null && "result" in body && Array.isArray(body.result)
    ? body.result.length
    : -1

describe("the cfbulk-emulator bin", () => {
  it("serves 100,000 seeded jobs, prints one line on stdout, and exits 0 on SIGTERM", async () => {
    const bin = run(["--port", "0", "--jobs", "100000"])
    const url = await listening(bin)
    expect(bin.stderr()).toContain(Defaults.token)
    expect(bin.stderr()).toContain(Defaults.accountId)

    const first = await getPage(url, "per_page=1000")
    expect(first.status).toBe(200)
    expect(resultLength(first.body)).toBe(1000)
    expect(resultLength((await getPage(url, "per_page=1000&page=100")).body)).toBe(1000)
    expect(resultLength((await getPage(url, "per_page=1000&page=101")).body)).toBe(0)

    bin.child.kill("SIGTERM")
    expect(await bin.exit).toBe(0)
    expect(bin.stdout()).toBe(`listening on ${url}\n`)
  }, 60_000)

  it("takes its flags and exits 0 on SIGINT", async () => {
    const bin = run([
      "--port",
      "0",
      "--jobs",
      "7",
      "--seed",
      "3",
      "--token",
      "secret",
      "--latency",
      "5",
      "--rate-limit",
      "50/60"
    ])
    const url = await listening(bin)
    const response = await fetch(jobsUrl(url, ""), { headers: { authorization: "Bearer secret" } })
    expect(response.status).toBe(200)
    expect(response.headers.get("ratelimit-policy")).toBe("\"default\";q=50;w=60")
    expect(resultLength(await response.json())).toBe(7)
    const refused = await fetch(jobsUrl(url, ""), { headers: { authorization: `Bearer ${Defaults.token}` } })
    expect(refused.status).toBe(401)
    bin.child.kill("SIGINT")
    expect(await bin.exit).toBe(0)
  }, 60_000)

  it("rejects bad flags with a message and exit code 2, before listening", async () => {
    for (
      const [args, mention] of [
        [["--port", "abc"], "'abc' is not a integer"],
        [["--port", "70000"], "port"],
        [["--fail-rate", "2"], "fail rate"],
        [["--rate-limit", "lots"], "rate limit"],
        [["--job-duration", "soon"], "--job-duration"],
        [["--api-shape", "old"], "current, legacy"],
        [["--account-id", "x".repeat(40)], "account id"],
        [["--host", "0.0.0.0"], "not loopback"],
        [["--bogus"], "bogus"],
        [["extra"], "extra"]
      ] as const
    ) {
      const bin = run(args)
      expect(await bin.exit).toBe(2)
      expect(bin.stdout()).toBe("")
      expect(bin.stderr()).toContain(mention)
      // One line, naming the bin and where to look.
      expect(bin.stderr()).toMatch(/^cfbulk-emulator: [^\n]* \(see 'cfbulk-emulator --help'\)\n$/)
    }
    const help = run(["--help"])
    expect(await help.exit).toBe(0)
    expect(help.stdout()).toContain("$ cfbulk-emulator [--port n]")
    for (
      const flag of [
        "--port n",
        "--host host",
        "--jobs n",
        "--seed n",
        "--token token",
        "--account-id id",
        "--email email",
        "--api-key key",
        "--latency ms",
        "--fail-rate 0..1",
        "--rate-limit n/s",
        "--job-duration time",
        "--job-failure-rate f",
        "--api-shape current | legacy",
        "--seed-time date"
      ]
    ) expect(help.stdout()).toContain(flag)
    expect(help.stdout()).toContain("(default 8787)")
    // Plain text off a terminal.
    expect(help.stdout()).not.toContain("\u001b[")
  }, 60_000)
})
