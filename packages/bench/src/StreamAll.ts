import { fileURLToPath } from "node:url"
import { bundleScript } from "./Bundle.js"
import { run } from "./Child.js"
import { accountId, token } from "./Emulator.js"
import { median, rotate, round } from "./Stats.js"

export const contenders = ["cfbulk", "sdk", "fetch-sequential", "fetch-4-in-flight"] as const
export type Contender = (typeof contenders)[number]

/** Which contenders race, and how many listings each runs in one process (the last one is timed). */
export interface Race {
  readonly contenders: ReadonlyArray<Contender>
  readonly passes: (name: Contender) => number
}

export const coldRace: Race = { contenders, passes: () => 1 }

export interface StreamResult {
  readonly name: string
  readonly jobs: number
  readonly requests: number
  readonly wallMs: number
  readonly cpuMs: number
  readonly peakRssMb: number
}

interface Sample {
  readonly jobs: number
  readonly requests: number
  readonly wallMs: number
  readonly cpuMs: number
  readonly peakRssMb: number
}

const isSample = (value: unknown): value is Sample =>
  typeof value === "object" && value !== null && "jobs" in value && "wallMs" in value

const source = fileURLToPath(new URL("./contender.ts", import.meta.url))

const runContender = async (script: string, name: string, url: string, passes = 1): Promise<Sample> => {
  const output = await run(process.execPath, [script, name, url, token, accountId, String(passes)])
  const sample: unknown = JSON.parse(output)
  if (!isSample(sample)) throw new Error(`${name} printed ${output}`)
  return sample
}

/** Streams every job with each contender, alternating them, `runs` times; medians per contender. */
export const streamAll = async (
  url: string,
  runs: number,
  log: (line: string) => void,
  race: Race = coldRace
): Promise<ReadonlyArray<StreamResult>> => {
  const samples = new Map<string, Array<Sample>>(race.contenders.map((name) => [name, []]))
  // An untimed pass first: the emulator builds each job's JSON on first use, and no contender should pay for it.
  // Every contender runs from one bundle (see bundleScript).
  const script = await bundleScript(source)
  await runContender(script, "fetch-4-in-flight", url)
  log("warm-up pass done")
  for (let round_ = 0; round_ < runs; round_++) {
    for (const name of rotate(race.contenders, round_)) {
      const sample = await runContender(script, name, url, race.passes(name))
      samples.get(name)?.push(sample)
      log(
        `run ${round_ + 1}/${runs} ${name}: ${sample.jobs} jobs, ${sample.requests} requests, ${
          Math.round(sample.wallMs)
        } ms`
      )
    }
  }
  return race.contenders.map((name) => {
    const list = samples.get(name) ?? []
    return {
      name,
      jobs: median(list.map((sample) => sample.jobs)),
      requests: median(list.map((sample) => sample.requests)),
      wallMs: round(median(list.map((sample) => sample.wallMs)), 0),
      cpuMs: round(median(list.map((sample) => sample.cpuMs)), 0),
      peakRssMb: round(median(list.map((sample) => sample.peakRssMb)), 1)
    }
  })
}
