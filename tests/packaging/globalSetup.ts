import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { TestProject } from "vitest/node"
import { published, root } from "./support/Packages.js"
import { pnpmCommand, runOk } from "./support/Run.js"

// `pnpm pack` in each published package, as a release would: each package's `prepack` builds it
// first. Vitest runs every project's global setup, one after another, before any test starts, so
// rebuilding the CLI's bundle here cannot race the CLI's own tests.
export default async function setup(project: TestProject) {
  const packDir = mkdtempSync(join(tmpdir(), "cfbulk-packs-"))
  const [command, prefix] = pnpmCommand()
  for (const pkg of published) {
    await runOk(command, [...prefix, "pack", "--pack-destination", packDir], {
      cwd: join(root, pkg.dir),
      killAfterMs: 300_000
    })
  }
  project.provide("packDir", packDir)
  return () => rmSync(packDir, { recursive: true, force: true })
}
