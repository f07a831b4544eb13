import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { median, round } from "./Stats.js"

const cli = fileURLToPath(new URL("../../../apps/cli/bin/cfbulk.mjs", import.meta.url))

export interface StartupResult {
  readonly nodeMs: number
  readonly cliMs: number
  readonly ratio: number
}

const wall = (args: ReadonlyArray<string>): number => {
  const started = performance.now()
  const result = spawnSync(process.execPath, args, { stdio: "ignore" })
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${result.status}`)
  return performance.now() - started
}

/** Wall time of `cfbulk --help` against `node -e 0`, alternating, median of 15 each. */
export const measureStartup = (log: (line: string) => void): StartupResult => {
  const node: Array<number> = []
  const help: Array<number> = []
  wall(["-e", "0"])
  wall([cli, "--help"])
  for (let i = 0; i < 15; i++) {
    node.push(wall(["-e", "0"]))
    help.push(wall([cli, "--help"]))
  }
  const nodeMs = round(median(node), 0)
  const cliMs = round(median(help), 0)
  log(`start-up: node -e 0 ${nodeMs} ms, cfbulk --help ${cliMs} ms`)
  return { nodeMs, cliMs, ratio: round(cliMs / nodeMs, 2) }
}
