/** One item per line, for `jq` and line-oriented tools. */
export const ndjsonLines = (items: ReadonlyArray<unknown>): string =>
  items.map((item) => JSON.stringify(item) + "\n").join("")

/**
 * A piece of one JSON array written as items arrive: `[` before the first item, `,` between items,
 * `]` after the last, so the whole output parses as one array without ever being held in memory.
 */
export const jsonArrayPiece = (items: ReadonlyArray<unknown>, alreadyWritten: number): string =>
  items.map((item, index) => (alreadyWritten + index === 0 ? "[\n" : ",\n") + JSON.stringify(item)).join("")

export const jsonArrayEnd = (written: number): string => (written === 0 ? "[]\n" : "\n]\n")
