/** The median of a non-empty list of numbers. */
export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const upper = sorted[middle] ?? Number.NaN
  const lower = sorted[middle - 1] ?? upper
  return sorted.length % 2 === 0 ? (lower + upper) / 2 : upper
}

/** The contenders in a different order each run, so none always goes first (warm caches, server state). */
export const rotate = <A>(items: ReadonlyArray<A>, by: number): ReadonlyArray<A> =>
  items.map((_, index) => items[(index + by) % items.length]).filter((item): item is A => item !== undefined)

export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits
