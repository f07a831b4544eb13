// Bundles the CLI into dist/cfbulk.mjs (what bin/cfbulk.mjs loads). The emulator, needed only by
// `cfbulk demo` and `cfbulk emulator`, goes to a chunk of its own that other commands never load.
// Used by `pnpm bundle` and by the tests' global setup, so both build the same thing.
import * as esbuild from "esbuild"
import { rmSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

export const root = join(dirname(fileURLToPath(import.meta.url)), "..")

export const bundle = async () => {
  rmSync(join(root, "dist"), { recursive: true, force: true })
  return esbuild.build({
    absWorkingDir: root,
    entryPoints: { cfbulk: "src/bin.ts" },
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["@cfbulk/source"],
    outdir: "dist",
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    minify: true,
    keepNames: false,
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"
    }
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundle()
}
