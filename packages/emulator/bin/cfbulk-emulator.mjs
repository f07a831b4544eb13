#!/usr/bin/env node
// The bundle is built on install (root `prepare`); this stub keeps the bin link valid before that.
import("../dist/cfbulk-emulator.mjs").catch((error) => {
  if (error && error.code === "ERR_MODULE_NOT_FOUND") {
    process.stderr.write("cfbulk-emulator is not built yet: run `pnpm bundle` at the repository root\n")
    process.exit(1)
  }
  throw error
})
