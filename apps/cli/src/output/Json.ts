/** One item per line, for `jq` and line-oriented tools. */
export const ndjsonLines = <A>(items: ReadonlyArray<A>, json: (item: A) => string): string => {
  let text = ""
  for (const item of items) text += json(item) + "\n"
  return text
}

/**
 * A piece of one JSON array written as items arrive: `[` before the first item, `,` between items,
 * `]` after the last, so the whole output parses as one array without ever being held in memory.
 */
export const jsonArrayPiece = <A>(
  items: ReadonlyArray<A>,
  json: (item: A) => string,
  alreadyWritten: number
): string => {
  let text = ""
  items.forEach((item, index) => {
    text += (alreadyWritten + index === 0 ? "[\n" : ",\n") + json(item)
  })
  return text
}

export const jsonArrayEnd = (written: number): string => (written === 0 ? "[]\n" : "\n]\n")
