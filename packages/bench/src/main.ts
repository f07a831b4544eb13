// `pnpm bench`: cfbulk against the official SDK and raw fetch loops, side by side in one run against
// the same emulator process on loopback. Prints a table and writes packages/bench/results.json.
import { writeFileSync } from "node:fs"
import os from "node:os"
import { fileURLToPath } from "node:url"
import { measureDecode } from "./Decode.js"
import { accountId, startEmulator, token } from "./Emulator.js"
import { measureMemory } from "./Memory.js"
import { measureStartup } from "./Startup.js"
import { streamAll, type StreamResult } from "./StreamAll.js"

const runs = Number(process.env.CFBULK_BENCH_RUNS ?? "5")
const jobs = Number(process.env.CFBULK_BENCH_JOBS ?? "100000")
const memoryJobs = Number(process.env.CFBULK_BENCH_MEMORY_JOBS ?? "1000000")
const memoryRuns = Number(process.env.CFBULK_BENCH_MEMORY_RUNS ?? "3")
const log = (line: string) => process.stderr.write(`${line}\n`)

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
let decode: Awaited<ReturnType<typeof measureDecode>>
try {
  stream = await streamAll(emulator.url, runs, log)
  decode = await measureDecode(emulator.url, token, accountId)
} finally {
  await emulator.stop()
}
log(`decode: JSON.parse ${decode.jsonParseMs} ms, cfbulk ${decode.cfbulkMs} ms per 1000-job page`)
const memory = await measureMemory(memoryJobs, memoryRuns, log)
const startup = await measureStartup(log)

const byName = (name: string) => stream.find((result) => result.name === name)
const sdk = byName("sdk")
const pipelined = byName("fetch-4-in-flight")
const sequential = byName("fetch-sequential")
const cfbulk = byName("cfbulk")

const targets = {
  "stream: wall <= 0.45 x SDK": cfbulk && sdk ? cfbulk.wallMs <= 0.45 * sdk.wallMs : false,
  "stream: wall <= 1.2 x raw 4-in-flight": cfbulk && pipelined
    ? cfbulk.wallMs <= 1.2 * pipelined.wallMs
    : false,
  "stream: requests <= one-at-a-time + 3": cfbulk && sequential
    ? cfbulk.requests <= sequential.requests + 3
    : false,
  "decode <= 2.5 x JSON.parse": decode.ratio <= 2.5,
  "memory: 1M jobs peak RSS <= 150 MB": memory.largeMb <= 150,
  "memory: 1M <= 1.3 x 100k": memory.largeMb <= 1.3 * memory.smallMb,
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
  `decode of a 1000-job page: JSON.parse ${decode.jsonParseMs} ms, cfbulk ${decode.cfbulkMs} ms (${decode.ratio} x)`,
  `cfbulk list --format ndjson, peak RSS (median of ${memory.runs}): ${memory.smallJobs} jobs ${memory.smallMb} MB, ` +
  `${memory.largeJobs} jobs ${memory.largeMb} MB`,
  `start-up: node -e 0 ${startup.nodeMs} ms, cfbulk --help ${startup.cliMs} ms (${startup.ratio} x)`,
  "",
  ...Object.entries(targets).map(([target, met]) => `${met ? "met   " : "MISSED"} ${target}`)
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
  decode,
  memory,
  startup,
  targets,
  totalSeconds: Math.round((performance.now() - started) / 1000)
}
const file = fileURLToPath(new URL("../results.json", import.meta.url))
writeFileSync(file, JSON.stringify(results, null, 2) + "\n")
log(`wrote ${file} in ${results.totalSeconds} s`)
