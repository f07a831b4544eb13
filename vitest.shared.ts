import { defineConfig } from "vitest/config"

// Every package resolves its workspace siblings to TypeScript sources through this condition,
// so tests never depend on a previous build.
export const shared = defineConfig({
  resolve: { conditions: ["@cfbulk/source"] },
  ssr: { resolve: { conditions: ["@cfbulk/source"] } },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
