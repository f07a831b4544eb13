// What the packed tarballs hold, and what the two ecosystem linters say of them: publint (the
// manifest and its entry points) and @arethetypeswrong/cli (types for every resolution mode).
import { join } from "node:path"
import { describe, expect, inject, it } from "vitest"
import { published, root } from "./support/Packages.js"
import { run, runOk } from "./support/Run.js"

const packDir = inject("packDir")
const bin = (name: string) => join(root, "node_modules", ".bin", name)

const filesOf = async (tarball: string): Promise<ReadonlyArray<string>> =>
  (await runOk("tar", ["-tzf", join(packDir, tarball)], { cwd: packDir })).stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.replace(/^package\//, ""))

const manifestOf = async (tarball: string): Promise<string> =>
  (await runOk("tar", ["-xzOf", join(packDir, tarball), "package/package.json"], { cwd: packDir })).stdout

describe.each(published)("$name tarball", (pkg) => {
  it("carries the LICENSE and a README, and no tests, build info or source maps of tests", async () => {
    const files = await filesOf(pkg.tarball)
    expect(files).toContain("LICENSE")
    expect(files).toContain("README.md")
    expect(files).toContain("package.json")
    expect(files.filter((file) => /(^|\/)test\/|\.test\.|\.bench\.|tsbuildinfo|vitest/.test(file))).toEqual(
      []
    )
  })

  it("has a manifest with no workspace-only condition, protocol, script or dev dependency", async () => {
    const manifest = await manifestOf(pkg.tarball)
    expect(manifest).not.toMatch(/workspace:|@cfbulk\/source|\.\.\/\.\.\//)
    const parsed: unknown = JSON.parse(manifest)
    expect(parsed).not.toHaveProperty("scripts")
    expect(parsed).not.toHaveProperty("devDependencies")
  })

  it("passes publint, warnings included", async () => {
    const result = await run(bin("publint"), ["run", join(packDir, pkg.tarball), "--strict"], {
      cwd: packDir
    })
    expect(result.stdout + result.stderr).toContain("All good!")
    expect(result.code).toBe(0)
  })

  it("passes @arethetypeswrong/cli in every resolution mode", async () => {
    const result = await run(bin("attw"), [join(packDir, pkg.tarball), "--no-color", "--no-emoji"], {
      cwd: packDir
    })
    expect(result.stdout + result.stderr).toMatch(
      pkg.name === "@cfbulk/cli" ? /does not contain types/ : /No problems found/
    )
    expect(result.code).toBe(0)
  })
})

describe("library tarballs", () => {
  it.each(published.filter((pkg) => pkg.name !== "@cfbulk/cli"))(
    "$name ships ESM, CommonJS and declarations for each",
    async (pkg) => {
      const files = await filesOf(pkg.tarball)
      for (
        const entry of [
          "build/esm/index.js",
          "build/dts/index.d.ts",
          "build/cjs/index.js",
          "build/cjs/index.d.ts"
        ]
      ) {
        expect(files).toContain(entry)
      }
      expect(files).toContain("build/cjs/package.json")
    }
  )

  it("the CLI's tarball needs nothing installed beside it: everything is bundled", async () => {
    const cli = published[2]
    const parsed: unknown = JSON.parse(await manifestOf(cli.tarball))
    expect(parsed).not.toHaveProperty("dependencies")
    expect(parsed).not.toHaveProperty("peerDependencies")
    expect(await filesOf(cli.tarball)).toContain("dist/cfbulk.cjs")
  })
})
