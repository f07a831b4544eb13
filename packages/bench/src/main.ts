// `pnpm bench`: cfbulk against the official SDK and raw fetch loops, side by side in one run against
// the same emulator process on loopback. Prints a table and writes packages/bench/results.json.
// `pnpm bench memory`: only the CLI's peak RSS (and its CPU time) at both sizes; prints, writes nothing.
import { writeFileSync } from "node:fs"
import os from "node:os"
import { fileURLToPath } from "node:url"
import { measureDecode } from "./Decode.js"
import { accountId, startEmulator, token } from "./Emulator.js"
import { measureMemory, type MemoryResult } from "./Memory.js"
import { measureStartup } from "./Startup.js"
import { type Race, streamAll, type StreamResult } from "./StreamAll.js"

const runs = Number(process.env.CFBULK_BENCH_RUNS ?? "5")
const jobs = Number(process.env.CFBULK_BENCH_JOBS ?? "100000")
const memoryJobs = Number(process.env.CFBULK_BENCH_MEMORY_JOBS ?? "1000000")
const memoryRuns = Number(process.env.CFBULK_BENCH_MEMORY_RUNS ?? "3")
const slowRuns = Number(process.env.CFBULK_BENCH_SLOW_RUNS ?? "3")
/** A second listing in the same process, timed alone: what a long-running application sees. */
const warmRace: Race = { contenders: ["cfbulk", "fetch-4-in-flight"], passes: () => 2 }
/**
 * Against a slower API: warm cfbulk and raw pipelined fetch; the SDK lists one page at a time, so at
 * this latency its wall time is the latency times the pages, warm or not, and it runs once.
 */
const slowRace: Race = {
  contenders: ["cfbulk", "fetch-4-in-flight", "sdk"],
  passes: (name) => name === "sdk" ? 1 : 2
}
const log = (line: string) => process.stderr.write(`${line}\n`)

const memoryLine = (memory: MemoryResult) =>
  `cfbulk list --format ndjson, peak RSS (median of ${memory.runs}): ${memory.smallJobs} jobs ${memory.smallMb} MB ` +
  `(${memory.smallCpuMs} ms CPU), ${memory.largeJobs} jobs ${memory.largeMb} MB (${memory.largeCpuMs} ms CPU)`

const memoryTargets = (memory: MemoryResult) => ({
  "memory: 1M jobs peak RSS <= 150 MB": memory.largeMb <= 150,
  "memory: 1M <= 1.3 x 100k": memory.largeMb <= 1.3 * memory.smallMb
})

const verdicts = (targets: Record<string, boolean>) =>
  Object.entries(targets).map(([target, met]) => `${met ? "met   " : "MISSED"} ${target}`)

const part = process.argv[2]
if (part !== undefined && part !== "memory") throw new Error(`unknown part "${part}": pnpm bench [memory]`)
if (part === "memory") {
  log(`cfbulk bench, memory only: ${memoryJobs / 10} and ${memoryJobs} jobs, ${memoryRuns} runs each`)
  const memory = await measureMemory(memoryJobs, memoryRuns, log)
  process.stdout.write([memoryLine(memory), ...verdicts(memoryTargets(memory))].join("\n") + "\n")
  process.exit(0)
}

const started = performance.now()
log(`cfbulk bench: ${jobs} jobs, 20 ms latency, ${runs} runs per contender, on ${os.cpus().length} cores`)

const emulator = await startEmulator([
  "--jobs",
  String(jobs),
  "--latency",
  "20",
  "--rate-limit",
  "1000000/300"
])
let stream: ReadonlyArray<StreamResult>
let warm: ReadonlyArray<StreamResult>
let decode: Awaited<ReturnType<typeof measureDecode>>
try {
  stream = await streamAll(emulator.url, runs, log)
  log("warm listings (the second of two in one process)")
  warm = await streamAll(emulator.url, runs, log, warmRace)
  decode = await measureDecode(emulator.url, token, accountId)
} finally {
  await emulator.stop()
}
log(`150 ms latency, ${slowRuns} runs`)
const slowEmulator = await startEmulator([
  "--jobs",
  String(jobs),
  "--latency",
  "150",
  "--rate-limit",
  "1000000/300"
])
let slow: ReadonlyArray<StreamResult>
try {
  slow = await streamAll(slowEmulator.url, slowRuns, log, slowRace)
} finally {
  await slowEmulator.stop()
}
log(`decode: JSON.parse ${decode.jsonParseMs} ms, cfbulk ${decode.cfbulkMs} ms per 1000-job page`)
const memory = await measureMemory(memoryJobs, memoryRuns, log)
const startup = measureStartup(log)

const byName = (name: string) => stream.find((result) => result.name === name)
const sdk = byName("sdk")
const pipelined = byName("fetch-4-in-flight")
const sequential = byName("fetch-sequential")
const cfbulk = byName("cfbulk")

const warmCfbulk = warm.find((result) => result.name === "cfbulk")
const warmRaw = warm.find((result) => result.name === "fetch-4-in-flight")
const slowCfbulk = slow.find((result) => result.name === "cfbulk")
const slowRaw = slow.find((result) => result.name === "fetch-4-in-flight")
const slowSdk = slow.find((result) => result.name === "sdk")
const ratio = (a: StreamResult | undefined, b: StreamResult | undefined, key: "wallMs" | "cpuMs") =>
  a && b ? Math.round((a[key] / b[key]) * 100) / 100 : Number.NaN

const targets = {
  "warm: wall <= 1.4 x raw 4-in-flight": ratio(warmCfbulk, warmRaw, "wallMs") <= 1.4,
  "warm: CPU <= 2 x raw 4-in-flight": ratio(warmCfbulk, warmRaw, "cpuMs") <= 2,
  "150 ms latency: wall <= 1.1 x raw 4-in-flight": ratio(slowCfbulk, slowRaw, "wallMs") <= 1.1,
  "150 ms latency: wall <= 0.3 x SDK": ratio(slowCfbulk, slowSdk, "wallMs") <= 0.3,
  "stream: wall <= 0.45 x SDK": cfbulk && sdk ? cfbulk.wallMs <= 0.45 * sdk.wallMs : false,
  "stream: wall <= 1.2 x raw 4-in-flight": cfbulk && pipelined
    ? cfbulk.wallMs <= 1.2 * pipelined.wallMs
    : false,
  "stream: requests <= one-at-a-time + 3": cfbulk && sequential
    ? cfbulk.requests <= sequential.requests + 3
    : false,
  "decode <= 2.5 x JSON.parse": decode.ratio <= 2.5,
  ...memoryTargets(memory),
  "startup: --help <= 3 x node -e 0": startup.ratio <= 3
}

const table = [
  "| contender | wall ms | vs SDK | requests | CPU ms | peak RSS MB |",
  "| --- | ---: | ---: | ---: | ---: | ---: |",
  ...stream.map((result) =>
    `| ${result.name} | ${result.wallMs} | ${
      sdk ? (result.wallMs / sdk.wallMs).toFixed(2) : "-"
    } | ${result.requests} | ${result.cpuMs} | ${result.peakRssMb} |`
  ),
  "",
  "warm (the second listing in one process), 20 ms latency:",
  "| contender | wall ms | requests | CPU ms |",
  "| --- | ---: | ---: | ---: |",
  ...warm.map((result) => `| ${result.name} | ${result.wallMs} | ${result.requests} | ${result.cpuMs} |`),
  `cfbulk vs raw 4-in-flight: wall ${ratio(warmCfbulk, warmRaw, "wallMs")} x, CPU ${
    ratio(warmCfbulk, warmRaw, "cpuMs")
  } x`,
  "",
  "150 ms latency (cfbulk and raw warm, the SDK cold):",
  "| contender | wall ms | requests | CPU ms |",
  "| --- | ---: | ---: | ---: |",
  ...slow.map((result) => `| ${result.name} | ${result.wallMs} | ${result.requests} | ${result.cpuMs} |`),
  `cfbulk vs raw 4-in-flight: ${ratio(slowCfbulk, slowRaw, "wallMs")} x; vs SDK: ${
    ratio(slowCfbulk, slowSdk, "wallMs")
  } x`,
  "",
  `decode of a 1000-job page: JSON.parse ${decode.jsonParseMs} ms, cfbulk ${decode.cfbulkMs} ms (${decode.ratio} x)`,
  memoryLine(memory),
  `start-up: node -e 0 ${startup.nodeMs} ms, cfbulk --help ${startup.cliMs} ms (${startup.ratio} x)`,
  "",
  ...verdicts(targets)
]
process.stdout.write(table.join("\n") + "\n")

const results = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version
  },
  runs,
  jobs,
  stream,
  warm,
  slow,
  slowRuns,
  decode,
  memory,
  startup,
  targets,
  totalSeconds: Math.round((performance.now() - started) / 1000)
}
const file = fileURLToPath(new URL("../results.json", import.meta.url))
writeFileSync(file, JSON.stringify(results, null, 2) + "\n")
log(`wrote ${file} in ${results.totalSeconds} s`)
