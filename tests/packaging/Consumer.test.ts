// A user's project outside the workspace: the packed tarballs installed with npm next to effect,
// @effect/platform and @effect/platform-node at the versions npm picks for the ranges a user would
// write, and the CLI installed globally from its tarball.
import { type ChildProcess, spawn } from "node:child_process"
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"
import { published } from "./support/Packages.js"
import { run, runOk, userEnv } from "./support/Run.js"

const packDir = inject("packDir")
const fixture = fileURLToPath(new URL("./consumer-app", import.meta.url))
const tarball = (index: 0 | 1 | 2) => join(packDir, published[index].tarball)
const JOBS = 2500

let workDir = ""
let app = ""
let globalPrefix = ""
let emulator: ChildProcess | undefined
let apiEnv: Record<string, string> = {}

/** Starts the emulator from the consumer's own packed bin and reads its URL and credentials. */
const startEmulator = (): Promise<Record<string, string>> =>
  new Promise((resolve, reject) => {
    const child = spawn(join(app, "node_modules", ".bin", "cfbulk-emulator"), [
      "--port",
      "0",
      "--jobs",
      String(JOBS)
    ], {
      cwd: app,
      env: userEnv(),
      stdio: ["ignore", "pipe", "pipe"]
    })
    emulator = child
    let stdout = ""
    let stderr = ""
    const timer = setTimeout(() => reject(new Error(`the emulator did not start:\n${stderr}`)), 30_000)
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk
      const url = /listening on (\S+)/.exec(stdout)?.[1]
      const credentials = /account id (\S+), API token (\S+)/.exec(stderr)
      if (url !== undefined && credentials?.[1] !== undefined && credentials[2] !== undefined) {
        clearTimeout(timer)
        resolve({
          CLOUDFLARE_BASE_URL: url,
          CLOUDFLARE_ACCOUNT_ID: credentials[1],
          CLOUDFLARE_API_TOKEN: credentials[2]
        })
      }
    })
    child.on("exit", (code) => reject(new Error(`the emulator exited ${code}:\n${stderr}`)))
  })

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "cfbulk-consumer-"))
  app = join(workDir, "app")
  globalPrefix = join(workDir, "global")
  cpSync(fixture, app, { recursive: true })
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify(
      {
        name: "cfbulk-consumer",
        private: true,
        type: "module",
        dependencies: {
          "@cfbulk/core": `file:${tarball(0)}`,
          "@cfbulk/emulator": `file:${tarball(1)}`,
          "@effect/platform": "^0.97.2",
          "@effect/platform-node": "^0.108.2",
          "effect": "^3.22.4"
        },
        devDependencies: {
          "@effect/vitest": "^0.30.0",
          "@types/node": "^20.19.0",
          // @effect/platform-node's declarations import ws; with skipLibCheck off (so that cfbulk's
          // own declarations are checked too) TypeScript needs its types.
          "@types/ws": "^8.5.0",
          "typescript": "~5.9.3",
          "vitest": "^3.2.4"
        }
      },
      null,
      2
    )
  )
  const started = Date.now()
  await runOk("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: app,
    killAfterMs: 480_000
  })
  await runOk(
    "npm",
    ["install", "--global", "--prefix", globalPrefix, "--no-audit", "--no-fund", tarball(2)],
    {
      cwd: workDir,
      killAfterMs: 120_000
    }
  )
  process.stdout.write(`consumer: npm installs took ${Date.now() - started} ms\n`)
  apiEnv = await startEmulator()
})

afterAll(() => {
  emulator?.kill("SIGTERM")
  if (workDir !== "") rmSync(workDir, { recursive: true, force: true })
})

describe("a user's project with the tarballs installed by npm", () => {
  it("type-checks an Effect app on BulkJobs.layer over NodeHttpClient with NodeNext and with Bundler", async () => {
    await runOk("npx", ["tsc", "-p", "tsconfig.nodenext.json"], { cwd: app })
    await runOk("npx", ["tsc", "-p", "tsconfig.bundler.json"], { cwd: app })
  })

  it("runs that app: a full listing against the emulator started from its packed bin", async () => {
    await runOk("npx", ["tsc", "-p", "tsconfig.nodenext.json"], { cwd: app })
    const result = await runOk("node", ["dist/app.js"], { cwd: app, env: apiEnv })
    const listed: unknown = JSON.parse(result.stdout)
    expect(listed).toEqual({ jobs: JOBS, distinct: JOBS })
  })

  it("require()s @cfbulk/core and its testing module from CommonJS", async () => {
    const result = await runOk("node", ["src/require-check.cjs"], { cwd: app })
    const parsed: unknown = JSON.parse(result.stdout)
    // Vitest types its asymmetric matchers as `any`: this one is held as `unknown`, so no `any` is in the literal.
    const cjsEntry: unknown = expect.stringMatching(/build\/cjs\/index\.js$/)
    expect(parsed).toMatchObject({ count: 7, resolved: cjsEntry })
  })

  it("swaps BulkJobsTest in from the user's own @effect/vitest test", async () => {
    const result = await runOk("npx", ["vitest", "run"], { cwd: app, env: { NO_COLOR: "1" } })
    expect(result.stdout).toMatch(/Tests\s+2 passed/)
  })

  it("holds exactly one copy of effect", async () => {
    const found = await runOk("find", ["node_modules", "-path", "*node_modules/effect/package.json"], {
      cwd: app
    })
    expect(found.stdout.trim().split("\n")).toEqual(["node_modules/effect/package.json"])
  })
})

describe("the CLI installed globally from its tarball", () => {
  const cfbulk = (args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
    run(join(globalPrefix, "bin", "cfbulk"), args, { cwd: workDir, env: { NO_COLOR: "1", ...env } })

  it("prints its help", async () => {
    const result = await cfbulk(["--help"])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/cfbulk/)
    expect(result.stdout).toMatch(/list/)
  })

  it("lists every job of the emulator", async () => {
    const result = await cfbulk(["list", "--format", "ndjson"], apiEnv)
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    expect(result.stdout.trim().split("\n")).toHaveLength(JOBS)
  })

  it("runs the demo with no account and no terminal", async () => {
    const result = await cfbulk(["demo"])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/COMPLETED/)
  })
})
