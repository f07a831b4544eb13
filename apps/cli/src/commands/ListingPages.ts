import { BulkJobs, type BulkJobsService } from "@cfbulk/core"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { withBulkJobs } from "../ClientLayer.js"
import { cfbulk } from "../GlobalOptions.js"
import { withListingProgress } from "../ListingProgress.js"
import type { Encoded, FieldSet } from "../output/FieldSet.js"
import {
  fieldsOption,
  type Format,
  formatOption,
  limitOption,
  makeListing,
  printStream
} from "../output/Format.js"

export const perPageOption = Options.integer("per-page").pipe(
  Options.withDescription("Items per request, 1-1000 (default 1000)"),
  Options.optional
)

export const pageOption = Options.integer("page").pipe(
  Options.withDescription("Fetch only this page (1-based), instead of every page"),
  Options.optional
)

/**
 * What a listing prints: with `--page`, that page alone (`fetchPage` never follows on to the next
 * one), cut to `limit`; without it, every page, from `all`.
 */
const pageOrAll = <A, E>(
  page: Option.Option<number>,
  limit: number | undefined,
  fetchPage: (page: number) => Effect.Effect<{ readonly items: ReadonlyArray<A> }, E>,
  all: () => Stream.Stream<A, E>
): Stream.Stream<A, E> =>
  Option.match(page, {
    onSome: (page) => {
      const items = Stream.flatMap(Stream.fromEffect(fetchPage(page)), (result) =>
        Stream.fromIterable(result.items))
      return limit === undefined ? items : Stream.take(items, limit)
    },
    onNone: all
  })

/** The paging parameters of a listing, from its options and the global ones. */
const pagingParams = (
  args: { readonly perPage: Option.Option<number>; readonly limit: Option.Option<number> },
  globals: { readonly concurrency: Option.Option<number> }
) => ({
  per_page: Option.getOrUndefined(args.perPage),
  limit: Option.getOrUndefined(args.limit),
  concurrency: Option.getOrUndefined(globals.concurrency)
})

/** The paging and output options that `list` and `messages` share. */
export const listingOptions = {
  perPage: perPageOption,
  page: pageOption,
  limit: limitOption,
  format: formatOption,
  fields: fieldsOption
}

/** What `listingOptions` read. */
export interface ListingArgs {
  readonly perPage: Option.Option<number>
  readonly page: Option.Option<number>
  readonly limit: Option.Option<number>
  readonly format: Option.Option<Format>
  readonly fields: Option.Option<string>
}

/**
 * Prints a listing (`list`, `messages`) as its options ask: in `--format`, with `--fields`, `--page`
 * alone or every page (with a progress line on a terminal's stderr once it is past the first page). `source` gets the client and the paging parameters, adds the command's own
 * filters, and says how to fetch one page and every page.
 */
export const printListing = <A, E>(
  args: ListingArgs,
  set: FieldSet<A>,
  encode: (item: A) => Encoded,
  source: (jobs: BulkJobsService, paging: ReturnType<typeof pagingParams>) => {
    readonly page: (page: number) => Effect.Effect<{ readonly items: ReadonlyArray<A> }, E>
    readonly all: () => Stream.Stream<A, E>
  }
) =>
  Effect.gen(function*() {
    const globals = yield* cfbulk
    // Bad --fields are refused before the client's configuration is checked.
    const listing = yield* makeListing(set, encode, args.format, args.fields)
    const paging = pagingParams(args, globals)
    yield* withBulkJobs(
      globals,
      Effect.flatMap(BulkJobs, (jobs) => {
        const { all, page } = source(jobs, paging)
        return withListingProgress(
          set.noun,
          (counted) => printStream(listing, pageOrAll(args.page, paging.limit, page, () => counted(all())))
        )
      })
    )
  })
