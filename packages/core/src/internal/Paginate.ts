import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { DefaultConcurrency, DefaultPerPage } from "../schema/Params.js"
import { isLastPage, type Page } from "./Page.js"

/**
 * How to get one page of a listing, in two steps: `fetch` sends the request and reads the answer,
 * and runs ahead of the stream (up to `concurrency` pages); `decode` turns that answer into the page,
 * only when the stream reaches it. Pages read ahead then wait as one string each rather than as a
 * page of decoded objects, which would survive young-generation collections and be copied into the
 * old one.
 */
export interface PageSource<A, Answer, E> {
  readonly fetch: (page: number, perPage: number) => Effect.Effect<Answer, E>
  readonly decode: (answer: Answer, page: number, perPage: number) => Effect.Effect<Page<A>, E>
}

export interface PaginateOptions<A, Answer, E> {
  readonly source: PageSource<A, Answer, E>
  readonly startPage: number
  readonly perPage: number
  /** Pages kept in flight once two full pages in a row showed the listing is long. */
  readonly concurrency: number
  readonly limit?: number | undefined
  /** Identity of an item, for de-duplication across pages that shifted. */
  readonly key: (item: A) => string
}

/** Keys of the last two pages: a listing that shifts under new jobs repeats items only across neighbours. */
type RecentKeys = ReadonlyArray<ReadonlySet<string>>

/** The items of `page` not seen on it already or on the two pages before it. */
const freshItems =
  <A>(key: (item: A) => string) =>
  (recent: RecentKeys, page: Page<A>): readonly [RecentKeys, ReadonlyArray<A>] => {
    const keys = new Set<string>()
    const fresh: Array<A> = []
    for (const item of page.items) {
      const itemKey = key(item)
      if (keys.has(itemKey) || recent.some((seen) => seen.has(itemKey))) continue
      keys.add(itemKey)
      fresh.push(item)
    }
    return [[recent[recent.length - 1] ?? new Set(), keys], fresh]
  }

interface State<Answer, E> {
  /** Requests already sent, in page order, with their page numbers; never empty between steps. */
  readonly inFlight: ReadonlyArray<readonly [number, Fiber.Fiber<Answer, E>]>
  readonly nextPage: number
  readonly fullPagesInARow: number
  readonly emitted: number
  /** Keys of the last two pages: a listing that shifts under new jobs repeats items only across neighbours. */
  readonly recentKeys: ReadonlyArray<ReadonlySet<string>>
}

/**
 * Streams every item of a page-numbered listing, in order.
 *
 * It fetches one page at a time until two full pages in a row show the listing is long, then keeps
 * up to `concurrency` pages in flight, refilling the window as each page is taken (so the next
 * requests are already out while a page's items are consumed). A listing shorter than a page costs
 * one request, and at most `concurrency - 1` requests are ever sent past the last page (interrupted
 * when it arrives). Items seen on the previous two pages are dropped, since creating jobs
 * mid-listing pushes the last items of a page onto the next one.
 *
 * Why fibers rather than `Stream.mapEffect(fetch, { concurrency })`: that combinator keeps
 * `concurrency` requests running ahead of the page being read, so it sends `concurrency` requests
 * past the end instead of `concurrency - 1`, and a window opened only after the first two pages
 * would not be fetching page 3 while page 2 is read.
 */
export const paginate = <A, Answer, E>(options: PaginateOptions<A, Answer, E>): Stream.Stream<A, E> =>
  Stream.unwrapScoped(
    Effect.gen(function*() {
      const { perPage, source } = options
      const scope = yield* Effect.scope
      const start = (page: number) =>
        Effect.map(Effect.forkIn(source.fetch(page, perPage), scope), (fiber) => [page, fiber] as const)
      const limit = options.limit ?? Number.POSITIVE_INFINITY

      const step = (
        state: State<Answer, E>
      ): Effect.Effect<readonly [Chunk.Chunk<A>, Option.Option<State<Answer, E>>], E> =>
        Effect.gen(function*() {
          const [head, ...rest] = state.inFlight
          if (head === undefined) return [Chunk.empty<A>(), Option.none()] as const
          const [pageNumber, fiber] = head
          const page = yield* source.decode(yield* Fiber.join(fiber), pageNumber, perPage)

          const [recentKeys, unseen] = freshItems(options.key)(state.recentKeys, page)
          const fresh = unseen.slice(0, Math.max(0, limit - state.emitted))
          const emitted = state.emitted + fresh.length
          if (isLastPage(page) || emitted >= limit) {
            yield* Fiber.interruptAll(rest.map(([, pending]) => pending))
            return [Chunk.unsafeFromArray(fresh), Option.none()] as const
          }

          const fullPagesInARow = state.fullPagesInARow + 1
          const pagesStillWanted = Math.ceil((limit - emitted) / perPage)
          const target = Math.min(fullPagesInARow >= 2 ? options.concurrency : 1, pagesStillWanted)
          const refill = Array.from(
            { length: Math.max(0, target - rest.length) },
            (_, i) => state.nextPage + i
          )
          const started = yield* Effect.forEach(refill, start)
          const next: State<Answer, E> = {
            inFlight: [...rest, ...started],
            nextPage: state.nextPage + refill.length,
            fullPagesInARow,
            emitted,
            recentKeys
          }
          return [Chunk.unsafeFromArray(fresh), Option.some(next)] as const
        })

      const initial: State<Answer, E> = {
        inFlight: [yield* start(options.startPage)],
        nextPage: options.startPage + 1,
        fullPagesInARow: 0,
        emitted: 0,
        recentKeys: []
      }
      return Stream.paginateChunkEffect(initial, step)
    })
  )

/** The paging options a caller gives, before defaults. */
export interface PagingParams {
  readonly page?: number | undefined
  readonly per_page?: number | undefined
  readonly limit?: number | undefined
  readonly concurrency?: number | undefined
}

/** `paginate` with cfbulk's defaults filled in from a caller's (already validated) paging options. */
export const paginateWith = <A, Answer, E>(
  params: PagingParams,
  source: PageSource<A, Answer, E>,
  key: (item: A) => string
): Stream.Stream<A, E> =>
  paginate({
    source,
    key,
    startPage: params.page ?? 1,
    perPage: params.per_page ?? DefaultPerPage,
    concurrency: params.concurrency ?? DefaultConcurrency,
    limit: params.limit
  })
