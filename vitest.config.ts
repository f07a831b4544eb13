import { defineConfig } from "vitest/config"
import projects from "./vitest.workspace.js"

// vitest 3.2 deprecates the workspace file on its own; importing it into `test.projects`
// keeps `vitest.workspace.ts` as the one list of projects without the warning.
export default defineConfig({
  test: {
    projects
  }
})
