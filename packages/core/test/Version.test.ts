import { describe, expect, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { version } from "../src/version.js"

describe("version", () => {
  it("matches package.json, so the User-Agent names the released version", () => {
    const pkg: unknown = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))
    expect(pkg).toMatchObject({ version })
  })
})
