// The pieces of text that the progress lines (`watch`'s, a listing's, a retry's) and the retry's
// summary share.

/** One observation of a count that grows: messages processed, items listed. */
export interface Sample {
  readonly at: number
  readonly processed: number
}

/** Per second over the last `window` samples (a window, so a stall shows as a falling rate). */
export const rateOf = (samples: ReadonlyArray<Sample>, window = 6): number | undefined => {
  const recent = samples.slice(-window)
  const first = recent[0]
  const last = recent[recent.length - 1]
  if (first === undefined || last === undefined || last.at <= first.at) return undefined
  return Math.max(0, (last.processed - first.processed) / ((last.at - first.at) / 1000))
}

/** A whole number with thousands separated, as people read counts: `12,345`. */
export const formatCount = (count: number): string => String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ",")

/** A count and its noun, which takes an `s` unless the count is one: `1 call`, `1,200 messages`. */
export const plural = (count: number, noun: string): string =>
  `${formatCount(count)} ${noun}${count === 1 ? "" : "s"}`

/** `12.5/s`, `340/s`, `4,120/s`, or `-/s` before there is a rate. */
export const formatRate = (rate: number | undefined): string =>
  rate === undefined ? "-/s" : rate >= 100 ? `${formatCount(Math.round(rate))}/s` : `${rate.toFixed(1)}/s`

export const spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

/** The spinner's frame for the `tick`-th drawing. */
export const spinnerFrame = (tick: number): string => spinner[tick % spinner.length] ?? " "

/**
 * The first of `candidates` (longest first, plain text: no escape codes) that fits in `width`
 * columns, else the last one cut to fit with `…`. Every character drawn here is one column wide.
 */
export const fitLine = (candidates: ReadonlyArray<string>, width: number): string => {
  for (const candidate of candidates) if (candidate.length <= width) return candidate
  const last = candidates[candidates.length - 1] ?? ""
  return width <= 0 ? "" : last.length <= width ? last : last.slice(0, width - 1) + "…"
}
