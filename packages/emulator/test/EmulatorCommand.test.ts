import * as Command from "@effect/cli/Command"
import * as ValidationError from "@effect/cli/ValidationError"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import { describe, expect, it } from "@effect/vitest"
import * as Console from "effect/Console"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { command, DefaultPort, parseDuration } from "../src/EmulatorCommand.js"
import type { EmulatorOptions } from "../src/index.js"

const platform = Layer.mergeAll(NodeFileSystem.layer, NodePath.layer, NodeTerminal.layer)
/** @effect/cli's own printing (help, usage errors) left out. */
const quiet = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Console.consoleWith((current) =>
    Console.withConsole(effect, { ...current, log: () => Effect.void, error: () => Effect.void })
  )

/** The options the command's handler gets for a command line: mounted with another handler, as cfbulk does. */
const parse = (args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    let parsed: EmulatorOptions | undefined
    const mounted = command.pipe(Command.withHandler(({ options }) => Effect.sync(() => (parsed = options))))
    yield* Command.run(mounted, { name: "test", version: "0" })(["node", "test", ...args])
    return parsed
  }).pipe(Effect.provide(platform), quiet)

describe("parseDuration", () => {
  it("reads 30s, 500ms, 2m, 1.5h, bare seconds and Effect's own form", () => {
    const millis = (text: string) => Option.map(parseDuration(text), Duration.toMillis)
    expect(millis("30s")).toEqual(Option.some(30_000))
    expect(millis("500ms")).toEqual(Option.some(500))
    expect(millis("2m")).toEqual(Option.some(120_000))
    expect(millis("1.5h")).toEqual(Option.some(5_400_000))
    expect(millis("5")).toEqual(Option.some(5000))
    expect(millis("10 seconds")).toEqual(Option.some(10_000))
    expect(Option.isNone(parseDuration("soon"))).toBe(true)
  })
})

describe("the emulator command", () => {
  it.effect("reads typed flags into EmulatorOptions, leaving out what was not given", () =>
    Effect.gen(function*() {
      expect(yield* parse([])).toEqual({ port: DefaultPort })
      const options = yield* parse([
        "--port",
        "0",
        "--jobs",
        "7",
        "--fail-rate",
        "0.25",
        "--rate-limit",
        "50/60",
        "--job-duration",
        "2m",
        "--api-shape",
        "legacy",
        "--seed-time",
        "2025-01-01T00:00:00Z"
      ])
      expect(options).toMatchObject({
        port: 0,
        jobs: 7,
        failRate: 0.25,
        rateLimit: { requests: 50, windowSeconds: 60 },
        apiShape: "legacy",
        seedTime: new Date("2025-01-01T00:00:00Z")
      })
      expect(Duration.toMillis(options?.jobDuration ?? 0)).toBe(120_000)
      expect(yield* parse(["--rate-limit", "off"])).toMatchObject({ rateLimit: false })
    }))

  it.effect("refuses what resolveOptions refuses, as a usage error", () =>
    Effect.gen(function*() {
      for (
        const args of [["--port", "70000"], ["--host", "0.0.0.0"], ["--jobs", "-1"], ["--latency", "1.5"]]
      ) {
        const error = yield* Effect.flip(parse(args))
        expect(ValidationError.isValidationError(error)).toBe(true)
      }
    }))
})
