// Prints vitest's totals as one plain "N passed, N failed" line, the form CI logs are read for.
import { readFileSync } from "node:fs"

const report = JSON.parse(readFileSync(new URL("../.vitest/results.json", import.meta.url), "utf8"))
const skipped = report.numPendingTests + report.numTodoTests
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`)
