// After `changeset version`: the version constants in the sources (the User-Agent's, and what
// `cfbulk --version` prints) follow their package.json, as the tests require.
import { readFileSync, writeFileSync } from "node:fs"

const constants = [
  { manifest: "packages/core/package.json", source: "packages/core/src/version.ts" },
  { manifest: "apps/cli/package.json", source: "apps/cli/src/version.ts" }
]

for (const { manifest, source } of constants) {
  const { version } = JSON.parse(readFileSync(manifest, "utf8"))
  const text = readFileSync(source, "utf8")
  const updated = text.replace(/export const version = "[^"]*"/, `export const version = ${JSON.stringify(version)}`)
  if (updated !== text) {
    writeFileSync(source, updated)
    process.stdout.write(`${source}: ${version}\n`)
  }
}
