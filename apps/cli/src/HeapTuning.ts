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
 */
const streamingFlags = ["--semi-space-growth-factor=1", "--heap-growing-percent=100"]

/**
 * The flags to set, leaving out any the user set themselves, in `NODE_OPTIONS` or on node's command
 * line (where V8 accepts `_` for `-`).
 */
export const heapFlagsToSet = (
  execArgv: ReadonlyArray<string>,
  nodeOptions: string
): ReadonlyArray<string> => {
  const given = [...execArgv, nodeOptions].map((argument) => argument.replaceAll("_", "-"))
  return streamingFlags.filter((flag) => {
    const name = flag.slice(0, flag.indexOf("="))
    return !given.some((argument) => argument.includes(name))
  })
}

export const tuneHeapForStreaming = (): void => {
  for (const flag of heapFlagsToSet(process.execArgv, process.env["NODE_OPTIONS"] ?? "")) {
    setFlagsFromString(flag)
  }
}
