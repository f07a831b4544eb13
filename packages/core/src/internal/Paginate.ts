import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { DefaultConcurrency, DefaultPerPage } from "../schema/Params.js"
import { isLastPage, type Page } from "./Page.js"

export interface PaginateOptions<A, E> {
  readonly fetch: (page: number) => Effect.Effect<Page<A>, E>
  readonly startPage: number
  readonly perPage: number
  /** Pages kept in flight once two full pages in a row showed the listing is long. */
  readonly concurrency: number
  readonly limit?: number | undefined
  /** Identity of an item, for de-duplication across pages that shifted. */
  readonly key: (item: A) => string
}

/**
 * {@link PaginateOptions} with a page fetched in two steps: `fetch` sends the request and reads the
 * answer (run ahead, up to `concurrency` pages); the effect it returns decodes the page, run only
 * when the stream reaches it. Pages read ahead then wait as one string each rather than as a page of
 * decoded objects, which would survive young-generation collections and be copied into the old one.
 */
export interface PaginateDeferredOptions<A, E> extends Omit<PaginateOptions<A, E>, "fetch"> {
  readonly fetch: (page: number) => Effect.Effect<Effect.Effect<Page<A>, E>, E>
}

interface State<A, E> {
  /** Requests already sent, in page order; never empty between steps. */
  readonly inFlight: ReadonlyArray<Fiber.Fiber<Effect.Effect<Page<A>, E>, E>>
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
 * up to `concurrency` pages in flight. So a listing shorter than a page costs one request, and at most
 * `concurrency - 1` requests are ever sent past the last page (and interrupted when it arrives).
 * Items seen on the previous two pages are dropped, since creating jobs mid-listing pushes the last
 * items of a page onto the next one.
 */
export const paginate = <A, E>(options: PaginateOptions<A, E>): Stream.Stream<A, E> =>
  paginateDeferred({ ...options, fetch: (page) => Effect.map(options.fetch(page), Effect.succeed) })

/** {@link paginate} over pages fetched ahead and decoded in turn (see {@link PaginateDeferredOptions}). */
export const paginateDeferred = <A, E>(options: PaginateDeferredOptions<A, E>): Stream.Stream<A, E> =>
  Stream.unwrapScoped(
    Effect.gen(function*() {
      const scope = yield* Effect.scope
      const start = (page: number) => Effect.forkIn(options.fetch(page), scope)
      const limit = options.limit ?? Number.POSITIVE_INFINITY

      const step = (
        state: State<A, E>
      ): Effect.Effect<readonly [Chunk.Chunk<A>, Option.Option<State<A, E>>], E> =>
        Effect.gen(function*() {
          const [head, ...rest] = state.inFlight
          if (head === undefined) return [Chunk.empty<A>(), Option.none()] as const
          const page = yield* Effect.flatten(Fiber.join(head))

          const keys = new Set<string>()
          const fresh: Array<A> = []
          for (const item of page.items) {
            const key = options.key(item)
            if (keys.has(key) || state.recentKeys.some((seen) => seen.has(key))) continue
            keys.add(key)
            if (state.emitted + fresh.length < limit) fresh.push(item)
          }
          const emitted = state.emitted + fresh.length
          if (isLastPage(page) || emitted >= limit) {
            yield* Fiber.interruptAll(rest)
            return [Chunk.unsafeFromArray(fresh), Option.none()] as const
          }

          const fullPagesInARow = state.fullPagesInARow + 1
          const pagesStillWanted = Math.ceil((limit - emitted) / options.perPage)
          const target = Math.min(fullPagesInARow >= 2 ? options.concurrency : 1, pagesStillWanted)
          const inFlight = [...rest]
          let nextPage = state.nextPage
          while (inFlight.length < target) {
            inFlight.push(yield* start(nextPage))
            nextPage++
          }
          const next: State<A, E> = {
            inFlight,
            nextPage,
            fullPagesInARow,
            emitted,
            recentKeys: [state.recentKeys[state.recentKeys.length - 1] ?? new Set(), keys]
          }
          return [Chunk.unsafeFromArray(fresh), Option.some(next)] as const
        })

      const initial: State<A, E> = {
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

/**
 * `paginateDeferred` with cfbulk's defaults filled in from a caller's (already validated) paging
 * options.
 */
export const paginateWith = <A, E>(
  params: PagingParams,
  fetch: (page: number, perPage: number) => Effect.Effect<Effect.Effect<Page<A>, E>, E>,
  key: (item: A) => string
): Stream.Stream<A, E> => {
  const perPage = params.per_page ?? DefaultPerPage
  return paginateDeferred({
    fetch: (page) => fetch(page, perPage),
    key,
    startPage: params.page ?? 1,
    perPage,
    concurrency: params.concurrency ?? DefaultConcurrency,
    limit: params.limit
  })
}

/** A one-step page fetch (nothing left to decode) in the two-step form `paginateWith` takes. */
export const fetchedWhole = <A, E>(
  fetch: (page: number, perPage: number) => Effect.Effect<Page<A>, E>
) =>
(page: number, perPage: number): Effect.Effect<Effect.Effect<Page<A>, E>, E> =>
  Effect.map(fetch(page, perPage), Effect.succeed)
