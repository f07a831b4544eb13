import { describe, expect, it } from "vitest"
import { normalizeArgv } from "../../src/Argv.js"

const run = (...args: Array<string>) => normalizeArgv(["node", "cfbulk", ...args])

describe("normalizeArgv", () => {
  it("moves global flags after the subcommand in front of it, values included", () => {
    const result = run("list", "--verbose", "--status", "FAILED", "--account-id", "abc", "--timeout=5s")
    expect(result.argv).toEqual([
      "node",
      "cfbulk",
      "--verbose",
      "--account-id",
      "abc",
      "--timeout=5s",
      "list",
      "--status",
      "FAILED"
    ])
    expect(result.verbose).toBe(true)
    expect(result.subcommand).toBe("list")
  })

  it("leaves flags already in front where they are", () => {
    const result = run("--base-url", "http://127.0.0.1:1/client/v4", "get", "x")
    expect(result.argv.slice(2)).toEqual(["--base-url", "http://127.0.0.1:1/client/v4", "get", "x"])
    expect(result.verbose).toBe(false)
  })

  it("stops at --", () => {
    expect(run("get", "--", "--verbose").argv.slice(2)).toEqual(["get", "--", "--verbose"])
  })

  it("leaves a value flag without a value in place", () => {
    expect(run("list", "--timeout").argv.slice(2)).toEqual(["list", "--timeout"])
  })
})
