import { mkdtempSync, readFileSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { run } from "./Child.js"
import { accountId, startEmulator, token } from "./Emulator.js"
import { median, round } from "./Stats.js"

const cli = fileURLToPath(new URL("../../../apps/cli/bin/cfbulk.mjs", import.meta.url))
const reporter = fileURLToPath(new URL("./rss-reporter.mjs", import.meta.url))

export interface MemoryResult {
  readonly runs: number
  readonly smallJobs: number
  /** Median peak RSS over `runs` runs. */
  readonly smallMb: number
  readonly smallSamplesMb: ReadonlyArray<number>
  /** Median CPU time (user + system) of the same runs: what the listing costs while it keeps its memory low. */
  readonly smallCpuMs: number
  readonly largeJobs: number
  readonly largeMb: number
  readonly largeSamplesMb: ReadonlyArray<number>
  readonly largeCpuMs: number
}

interface Sample {
  readonly mb: number
  readonly cpuMs: number
}

/**
 * Peak RSS of `cfbulk list --format ndjson > /dev/null` over `jobs` jobs served by one emulator,
 * `runs` times. A single sample is not enough: when V8 happens to run its full collections decides
 * the peak, and single runs on these machines varied from about 165 to 305 MB.
 */
const peakRss = async (jobs: number, runs: number, log: (line: string) => void): Promise<Array<Sample>> => {
  const emulator = await startEmulator(["--jobs", String(jobs), "--rate-limit", "1000000/300"])
  try {
    const samples: Array<Sample> = []
    for (let i = 0; i < runs; i++) {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), "cfbulk-bench-")), "rss")
      await run(process.execPath, [cli, "list", "--format", "ndjson"], {
        CLOUDFLARE_API_TOKEN: token,
        CLOUDFLARE_ACCOUNT_ID: accountId,
        CLOUDFLARE_BASE_URL: emulator.url,
        CFBULK_BENCH_RSS_FILE: file,
        NODE_OPTIONS: `--import=${reporter}`
      }, "ignore")
      const [peakKib, cpuMs] = readFileSync(file, "utf8").split(" ").map(Number)
      const mb = round((peakKib ?? Number.NaN) / 1024)
      log(`memory: ${jobs} jobs, run ${i + 1}/${runs}: ${mb} MB, ${cpuMs} ms CPU`)
      samples.push({ mb, cpuMs: cpuMs ?? Number.NaN })
    }
    return samples
  } finally {
    await emulator.stop()
  }
}

export const measureMemory = async (
  largeJobs: number,
  runs: number,
  log: (line: string) => void
): Promise<MemoryResult> => {
  const smallJobs = largeJobs / 10
  const small = await peakRss(smallJobs, runs, log)
  const large = await peakRss(largeJobs, runs, log)
  const smallSamplesMb = small.map((sample) => sample.mb)
  const largeSamplesMb = large.map((sample) => sample.mb)
  return {
    runs,
    smallJobs,
    smallMb: median(smallSamplesMb),
    smallSamplesMb,
    smallCpuMs: median(small.map((sample) => sample.cpuMs)),
    largeJobs,
    largeMb: median(largeSamplesMb),
    largeSamplesMb,
    largeCpuMs: median(large.map((sample) => sample.cpuMs))
  }
}
