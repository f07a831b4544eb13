import { defineProject } from "vitest/config"

// Packs the published packages once, then checks the tarballs and installs them with npm into a
// project outside the workspace, as a user's application would. npm reaches the registry for
// effect and friends, so the timeouts allow for a slow install.
export default defineProject({
  test: {
    name: "packaging",
    include: ["*.test.ts"],
    globalSetup: ["globalSetup.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000
  }
})
