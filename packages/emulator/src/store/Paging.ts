/** One page of a listing, each item already serialised (UTF-8 JSON). */
export interface JsonPage {
  readonly items: ReadonlyArray<Uint8Array>
  /** Items of the whole listing (sent only by the older API, as `total_count`). */
  readonly total: number
}

export interface PageWindow {
  readonly page: number
  readonly perPage: number
}

/** The positions of a page in a listing of `total` items (empty past the end). */
export const pageBounds = (window: PageWindow, total: number) => {
  const start = Math.min((window.page - 1) * window.perPage, total)
  return { start, end: Math.min(start + window.perPage, total) }
}
