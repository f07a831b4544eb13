// Builds the library package in the current folder into the form it is published in:
//
// - build/esm (JavaScript) and build/dts (declarations): ES modules, from tsconfig.src.json.
// - build/cjs: CommonJS with declarations of its own, from tsconfig.cjs.json, under a
//   {"type":"commonjs"} marker. A single set of declarations for both formats (Effect's own layout)
//   tells TypeScript that `import` gets CommonJS ("masquerading as CJS" in @arethetypeswrong/cli);
//   two sets keep each condition's types true to the JavaScript it resolves to.
//
// The folder is emptied first, so a module that was moved or removed leaves nothing behind.
import { execFileSync } from "node:child_process"
import { rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc")
const run = (...args) => execFileSync(process.execPath, [tsc, ...args], { stdio: "inherit" })

rmSync("build", { recursive: true, force: true })
run("-b", "tsconfig.src.json")
run("-p", "tsconfig.cjs.json")
writeFileSync("build/cjs/package.json", JSON.stringify({ type: "commonjs" }) + "\n")
