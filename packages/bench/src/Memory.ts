import { mkdtempSync, readFileSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { run } from "./Child.js"
import { accountId, startEmulator, token } from "./Emulator.js"
import { round } from "./Stats.js"

const cli = fileURLToPath(new URL("../../../apps/cli/bin/cfbulk.mjs", import.meta.url))
const reporter = fileURLToPath(new URL("./rss-reporter.mjs", import.meta.url))

export interface MemoryResult {
  readonly smallJobs: number
  readonly smallMb: number
  readonly largeJobs: number
  readonly largeMb: number
}

/** Peak RSS of `cfbulk list --format ndjson > /dev/null` over `jobs` jobs served by the emulator. */
const peakRss = async (jobs: number): Promise<number> => {
  const emulator = await startEmulator(["--jobs", String(jobs), "--rate-limit", "1000000/300"])
  try {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "cfbulk-bench-")), "rss")
    await run(process.execPath, [cli, "list", "--format", "ndjson"], {
      CLOUDFLARE_API_TOKEN: token,
      CLOUDFLARE_ACCOUNT_ID: accountId,
      CLOUDFLARE_BASE_URL: emulator.url,
      CFBULK_BENCH_RSS_FILE: file,
      NODE_OPTIONS: `--import=${reporter}`
    }, "ignore")
    return Number(readFileSync(file, "utf8")) / 1024
  } finally {
    await emulator.stop()
  }
}

export const measureMemory = async (
  largeJobs: number,
  log: (line: string) => void
): Promise<MemoryResult> => {
  const smallJobs = largeJobs / 10
  const smallMb = round(await peakRss(smallJobs))
  log(`memory: ${smallJobs} jobs ${smallMb} MB`)
  const largeMb = round(await peakRss(largeJobs))
  log(`memory: ${largeJobs} jobs ${largeMb} MB`)
  return { smallJobs, smallMb, largeJobs, largeMb }
}
