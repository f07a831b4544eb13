import * as Options from "@effect/cli/Options"
import type * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { fieldsOption, formatOption, limitOption } from "../output/Format.js"

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
export const pageOrAll = <A, E>(
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

/** The paging parameters of a listing, from its options and the global ones (unset ones left out). */
export const pagingParams = (
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
