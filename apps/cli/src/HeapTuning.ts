import { setFlagsFromString } from "node:v8"

/**
 * V8 settings for a process that never holds more than a page or so of data.
 *
 * V8's defaults size the heap for throughput: the young generation grows to its maximum and the old
 * one to a multiple of the live heap before a full collection, so a long `cfbulk list` peaked far
 * above what it keeps live. A young generation that stays at its first size, and an old one allowed
 * to double rather than quadruple, trade some CPU for a peak that no longer depends on V8's appetite
 * (README, "Performance", has the measurements). Both flags are read by V8 each time it resizes, so
 * setting them as the process starts takes effect, unlike the sizes V8 fixes at start-up.
 */
const streamingFlags = [
  // Pins the young generation: pointless, and worse, against a size the user chose for it.
  {
    flag: "--semi-space-growth-factor=1",
    yieldsTo: ["semi-space-growth-factor", "max-semi-space-size", "min-semi-space-size"]
  },
  { flag: "--heap-growing-percent=100", yieldsTo: ["heap-growing-percent"] }
]

/** Whether a node option (`--name`, `-name`, `--name=value`, with `_` or `-`) is among `options`. */
const given = (options: ReadonlyArray<string>, name: string): boolean =>
  options.some((option) => {
    const bare = option.replaceAll("_", "-").replace(/^--?/, "")
    return bare === name || bare.startsWith(`${name}=`)
  })

/**
 * The flags to set. None when `CFBULK_HEAP_TUNING` is `0` (for whom CPU matters more than memory);
 * otherwise each one the user has not settled already on node's command line, or in `NODE_OPTIONS`
 * for the options Node allows there (the semi-space sizes; it refuses to start with the other two).
 */
export const heapFlagsToSet = (
  execArgv: ReadonlyArray<string>,
  env: Readonly<Record<string, string | undefined>>
): ReadonlyArray<string> => {
  if (env["CFBULK_HEAP_TUNING"] === "0") return []
  const options = [...execArgv, ...(env["NODE_OPTIONS"] ?? "").split(/\s+/)]
  const unsettled = streamingFlags.filter(({ yieldsTo }) => !yieldsTo.some((name) => given(options, name)))
  return unsettled.map(({ flag }) => flag)
}

export const tuneHeapForStreaming = (): void => {
  for (const flag of heapFlagsToSet(process.execArgv, process.env)) setFlagsFromString(flag)
}
