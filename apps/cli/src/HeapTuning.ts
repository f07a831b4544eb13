import { setFlagsFromString } from "node:v8"

/**
 * V8 settings for a process that never holds more than a page or so of data.
 *
 * A listing keeps 15-25 MB live however long it is, but V8's defaults size the heap for throughput:
 * the young generation grows to 2 x 16 MB and the old generation to about four times the live heap
 * before a full collection, so `cfbulk list` over a long account peaked at well over 200 MB. A young
 * generation that does not grow, and an old one allowed to double rather than quadruple, keep the peak
 * under 150 MB for some more CPU (README, "Performance"). Both flags are read by V8 each time it
 * resizes, so setting them as the process starts takes effect, unlike the heap sizes fixed at start.
 * A user's own settings of these (in `NODE_OPTIONS` or on node's command line) are left alone.
 */
const flags = ["--semi-space-growth-factor=1", "--heap-growing-percent=100"]

const setByUser = (name: string): boolean =>
  [...process.execArgv, process.env["NODE_OPTIONS"] ?? ""].some((argument) =>
    argument.replaceAll("_", "-").includes(name)
  )

export const tuneHeapForStreaming = (): void => {
  for (const flag of flags) {
    const name = flag.slice(0, flag.indexOf("="))
    if (!setByUser(name)) setFlagsFromString(flag)
  }
}
