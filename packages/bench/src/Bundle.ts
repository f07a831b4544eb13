import * as esbuild from "esbuild"
import { mkdtempSync } from "node:fs"
import os from "node:os"
import path from "node:path"

/**
 * Bundles a measured script with esbuild, so it runs under plain `node`: no TypeScript loader works
 * beside it while it is measured (a loader thread would bill the script with the most imports).
 */
export const bundleScript = async (entry: string): Promise<string> => {
  const outfile = path.join(
    mkdtempSync(path.join(os.tmpdir(), "cfbulk-bench-")),
    path.basename(entry, ".ts") + ".mjs"
  )
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["@cfbulk/source"],
    logLevel: "warning",
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"
    }
  })
  return outfile
}
