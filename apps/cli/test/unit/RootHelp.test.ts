import * as Command from "@effect/cli/Command"
import { HashMap } from "effect"
import { describe, expect, it } from "vitest"
import { normalizeArgv } from "../../src/Argv.js"
import { globalFlags } from "../../src/Argv.js"
import { command } from "../../src/Cli.js"
import { commandDescriptions, globalOptionDescriptions } from "../../src/Descriptions.js"
import { rootHelp, wantsRootHelp } from "../../src/RootHelp.js"

describe("the hand-written overview", () => {
  it("lists exactly the commands the parser knows", () => {
    const known = [...HashMap.keys(Command.getSubcommands(command))].sort()
    expect(Object.keys(commandDescriptions).sort()).toEqual(known)
    const help = rootHelp()
    for (const name of known) expect(help).toMatch(new RegExp(`^  ${name}\\s`, "m"))
  })

  it("describes every global flag the argv normaliser moves", () => {
    expect(Object.keys(globalOptionDescriptions).map((name) => `--${name}`).sort()).toEqual(
      globalFlags.map((flag) => flag.name).sort()
    )
  })

  it("answers a bare cfbulk and --help, with or without global flags, and nothing else", () => {
    const wants = (...args: Array<string>) => wantsRootHelp(normalizeArgv(["node", "cfbulk", ...args]))
    expect(wants()).toBe(true)
    expect(wants("--help")).toBe(true)
    expect(wants("-h", "--verbose")).toBe(true)
    expect(wants("--account-id", "abc", "--help")).toBe(true)
    expect(wants("list", "--help")).toBe(false)
    expect(wants("--version")).toBe(false)
    expect(wants("--completions", "bash")).toBe(false)
  })

  it("has no escape codes under NO_COLOR", () => {
    const saved = process.env.NO_COLOR
    process.env.NO_COLOR = "1"
    try {
      expect(rootHelp()).not.toContain("\u001b[")
    } finally {
      if (saved === undefined) delete process.env.NO_COLOR
      else process.env.NO_COLOR = saved
    }
  })
})
