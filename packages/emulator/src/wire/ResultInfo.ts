import type { ApiShape } from "../model/JobPlan.js"
import type { PageWindow } from "../store/JobStore.js"
import type { ResultInfoEncoded } from "./Envelope.js"

/** An opaque cursor, as the current API sends in `next`/`previous` (clients page by number anyway). */
const cursor = (page: number, perPage: number): string =>
  btoa(JSON.stringify({ page, per_page: perPage })).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")

/**
 * `result_info` exactly as the current API sends it (docs/wire-contract.md §3.1): `total_count` and `page`
 * are always 0, and `next` is null on the last page. The older API sent real totals and page.
 */
export const resultInfo = (
  window: PageWindow,
  count: number,
  total: number,
  shape: ApiShape
): ResultInfoEncoded => {
  const more = window.page * window.perPage < total
  return {
    count,
    per_page: window.perPage,
    total_count: shape === "legacy" ? total : 0,
    page: shape === "legacy" ? window.page : 0,
    next: more ? cursor(window.page + 1, window.perPage) : null,
    previous: window.page > 1 ? cursor(window.page - 1, window.perPage) : null
  }
}
