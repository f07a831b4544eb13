import { readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

/** The workspace root. */
export const root = fileURLToPath(new URL("../../../", import.meta.url))

const versionOf = (dir: string): string => {
  const manifest: unknown = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"))
  if (typeof manifest === "object" && manifest !== null && "version" in manifest) {
    return String(manifest.version)
  }
  throw new Error(`${dir}/package.json has no version`)
}

const packageOf = <const Name extends string>(name: Name, dir: string, slug: string) => ({
  name,
  dir,
  /** The file name `pnpm pack` gives the tarball. */
  tarball: `${slug}-${versionOf(dir)}.tgz`
})

/** The packages that are published, in the order they depend on each other. */
export const published = [
  packageOf("@cfbulk/core", "packages/core", "cfbulk-core"),
  packageOf("@cfbulk/emulator", "packages/emulator", "cfbulk-emulator"),
  packageOf("@cfbulk/cli", "apps/cli", "cfbulk-cli")
] as const

declare module "vitest" {
  export interface ProvidedContext {
    /** The folder that holds the packed tarballs (see globalSetup.ts). */
    readonly packDir: string
  }
}
