import { spawn } from "node:child_process"
import { describe, expect, it } from "vitest"
import { cliPath, runCli } from "../support/Cli.js"

const baseEnv = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" }

describe("cfbulk emulator", () => {
  it("serves on loopback, prints the exports to use, and stops with exit 0 on Ctrl-C", async () => {
    const child = spawn(process.execPath, [
      cliPath,
      "emulator",
      "--port",
      "0",
      "--jobs",
      "3",
      "--token",
      "emu-token-1"
    ], {
      env: baseEnv,
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    child.stdout.setEncoding("utf8")
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve))
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: string) => {
        stdout += chunk
        const match = /^listening on (http:\/\/127\.0\.0\.1:\d+\/client\/v4)$/m.exec(stdout)
        if (match?.[1] !== undefined && stdout.includes("CLOUDFLARE_API_TOKEN")) resolve(match[1])
      })
      child.on("close", () => reject(new Error(`the emulator exited: ${stdout}`)))
    })
    try {
      const account = /^export CLOUDFLARE_ACCOUNT_ID=(\S+)$/m.exec(stdout)?.[1] ?? ""
      expect(stdout).toContain(`export CLOUDFLARE_BASE_URL=${url}`)
      const listed = await runCli(["list"], {
        env: { CLOUDFLARE_BASE_URL: url, CLOUDFLARE_ACCOUNT_ID: account, CLOUDFLARE_API_TOKEN: "emu-token-1" }
      })
      expect(listed.code).toBe(0)
      expect(listed.stdout.split("\n").filter((line) => line !== "")).toHaveLength(3)
    } finally {
      child.kill("SIGINT")
    }
    expect(await exited).toBe(0)
  })

  it("refuses bad flags with exit 2", async () => {
    const result = await runCli(["emulator", "--fail-rate", "3"], { env: baseEnv })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("fail rate")
  })

  it("refuses a host that is not loopback with exit 2, and the bin's own syntax errors too", async () => {
    for (
      const [args, mention] of [
        [["--host", "0.0.0.0"], "not loopback"],
        [["--host", "::"], "not loopback"],
        [["--api-shape", "old"], "Expected one of the following cases: current, legacy"],
        [["--job-duration", "soon"], "--job-duration: \"soon\" is not a duration (try 30s"]
      ] as const
    ) {
      const result = await runCli(["emulator", ...args], { env: baseEnv })
      expect({ args, code: result.code }).toEqual({ args, code: 2 })
      expect(result.stderr).toContain(mention)
      expect(result.stdout).toBe("")
    }
  })

  it("is the cfbulk-emulator bin's command: every flag, with the bin's default port", async () => {
    const help = await runCli(["emulator", "--help"], { env: baseEnv })
    expect(help.code).toBe(0)
    // `--account-id` too: cfbulk reads it as its global flag, which Argv moves in front.
    for (
      const flag of [
        "port",
        "host",
        "jobs",
        "seed",
        "token",
        "account-id",
        "email",
        "api-key",
        "latency",
        "fail-rate",
        "rate-limit",
        "job-duration",
        "job-failure-rate",
        "api-shape",
        "seed-time"
      ]
    ) expect(help.stdout).toContain(`--${flag} `)
    expect(help.stdout).toContain("(default 8787)")
    expect(help.stdout).toContain("Serve a local emulator of the bulk jobs API on loopback until Ctrl-C")
  })

  it("serves with the bin-only flags: legacy credentials, the legacy API shape, a seed time", async () => {
    const child = spawn(process.execPath, [
      cliPath,
      "emulator",
      "--port",
      "0",
      "--jobs",
      "2",
      "--email",
      "me@example.com",
      "--api-key",
      "key-1",
      "--api-shape",
      "legacy",
      "--job-failure-rate",
      "0",
      "--seed-time",
      "2025-01-01T00:00:00Z",
      "--account-id",
      "acct1"
    ], { env: baseEnv, stdio: ["ignore", "pipe", "pipe"] })
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve))
    let stdout = ""
    child.stdout.setEncoding("utf8")
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: string) => {
        stdout += chunk
        const match = /^listening on (http:\/\/127\.0\.0\.1:\d+\/client\/v4)$/m.exec(stdout)
        if (match?.[1] !== undefined) resolve(match[1])
      })
      child.on("close", () => reject(new Error(`the emulator exited: ${stdout}`)))
    })
    try {
      const response = await fetch(`${url}/accounts/acct1/email-security/investigate/bulk`, {
        headers: { "x-auth-email": "me@example.com", "x-auth-key": "key-1" }
      })
      expect(response.status).toBe(200)
      const body: unknown = await response.json()
      // The legacy shape sends the real total; the seeded history ends at the seed time.
      expect(body).toMatchObject({ success: true, result_info: { total_count: 2 } })
      const created = /"created_at":"([^"]+)"/.exec(JSON.stringify(body))?.[1] ?? ""
      expect(Date.parse(created)).toBeLessThanOrEqual(Date.parse("2025-01-01T00:00:00Z"))
    } finally {
      child.kill("SIGINT")
    }
    expect(await exited).toBe(0)
  })
})

describe("cfbulk demo", () => {
  it("runs without an account or a terminal, never asks, and exits 0", async () => {
    const result = await runCli(["demo"], { env: baseEnv, killAfterMs: 60_000 })
    expect(result.code).toBe(0)
    for (
      const step of [
        "$ cfbulk list",
        "$ cfbulk create",
        "$ cfbulk watch",
        "$ cfbulk messages",
        "$ cfbulk retry"
      ]
    ) {
      expect(result.stdout).toContain(step)
    }
    expect(result.stdout).toMatch(/^ID\s+STATUS/m)
    expect(result.stdout).toMatch(/Job \S+ COMPLETED in/)
    // The demo's job has failed messages to show, in a table.
    expect(result.stdout).toMatch(/^POSTFIX ID\s+STATUS/m)
    expect(result.stdout).toMatch(/\sFAILED\s/)
    // It ends by retrying them: a row per failed message, and what came of them.
    const failed = /(\d+) failed, \d+ skipped, \d+ cancelled/.exec(result.stdout)?.[1] ?? "none"
    expect(result.stdout).toMatch(/^\$ cfbulk retry \S+ --yes\nPOSTFIX ID\s+RECIPIENT\s+OUTCOME\s+REASON$/m)
    const retried = result.stdout.slice(result.stdout.indexOf("$ cfbulk retry"))
    expect(
      retried.split("\n").filter((line) =>
        /^\S+\s{2,}\S+\s{2,}(moved|failed|unknown|skipped)(\s|$)/.test(line)
      )
    )
      .toHaveLength(
        Number(failed)
      )
    expect(retried).toMatch(
      new RegExp(`^${failed} messages: \\d+ moved.* \\(1 call, \\d+s\\)$`, "m")
    )
    // Off a terminal: plain progress lines on stderr, no escape codes anywhere.
    expect(result.stdout + result.stderr).not.toContain("\u001b[")
  }, 90_000)
})
