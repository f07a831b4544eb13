// Preloaded into a measured process (NODE_OPTIONS=--import): writes its peak RSS in KiB to the file
// named by CFBULK_BENCH_RSS_FILE when it exits, whatever way it exits.
import { writeFileSync } from "node:fs"

const target = process.env.CFBULK_BENCH_RSS_FILE
if (target) process.on("exit", () => writeFileSync(target, String(process.resourceUsage().maxRSS)))
