import type { ResultInfo } from "../schema/Envelope.js"

/** One page of a listing, as the API answered it. */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  /** The page number that was requested (1-based). */
  readonly page: number
  /** The page size that was requested. */
  readonly per_page: number
  /** The server's `result_info`, kept raw (its `next`/`previous` cursors may matter on a later API). */
  readonly result_info: ResultInfo | undefined
}

/**
 * Whether no page follows this one (docs/wire-contract.md §9): an empty page, or one shorter than the page
 * size the server echoed (which may be smaller than the one requested, if the server caps it).
 * Never `next: null` alone, never totals: the bulk endpoints always send `total_count: 0`.
 */
export const isLastPage = <A>(page: Page<A>): boolean => {
  const echoed = page.result_info?.per_page
  const size = echoed !== undefined && echoed > 0 ? echoed : page.per_page
  return page.items.length === 0 || page.items.length < size
}
