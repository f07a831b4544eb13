// Preloaded into a measured process (NODE_OPTIONS=--import): when it exits, whatever way it exits,
// writes to the file named by CFBULK_BENCH_RSS_FILE its peak RSS in KiB and the CPU time it used in
// milliseconds (user + system), as `<peak KiB> <CPU ms>`.
import { writeFileSync } from "node:fs"

const target = process.env.CFBULK_BENCH_RSS_FILE
if (target) {
  process.on("exit", () => {
    const usage = process.resourceUsage()
    writeFileSync(target, `${usage.maxRSS} ${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}`)
  })
}
