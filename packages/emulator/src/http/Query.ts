import { ActionTypes, JobStatuses, MaxPerPage, MessageStatuses } from "@cfbulk/core"
import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { JobFilter, MessageFilter, PageWindow } from "../store/JobStore.js"
import { type ApiFailure, apiFailure } from "./ApiFailure.js"
import { ErrorCodes } from "./ErrorCodes.js"
import { oneOf } from "./Fields.js"

/**
 * A whole number from `min` to `max`, written in digits. Past `Number.MAX_SAFE_INTEGER` a number no
 * longer names one page, so that is the highest any parameter accepts; a parameter with no other
 * bound says only "from `min`", since quoting 9007199254740991 as the limit reads as a puzzle.
 */
const wholeNumber = (name: string, min: number, max: number = Number.MAX_SAFE_INTEGER) => {
  const message = () =>
    max >= Number.MAX_SAFE_INTEGER
      ? `${name} must be a whole number from ${min}`
      : `${name} must be a whole number from ${min} to ${max}`
  return Schema.String.pipe(
    Schema.pattern(/^[0-9]+$/, { message }),
    Schema.compose(Schema.NumberFromString),
    Schema.filter((value) => Number.isSafeInteger(value) && value >= min && value <= max, { message })
  )
}

const paging = {
  page: Schema.optionalWith(wholeNumber("page", 1), { default: () => 1 }),
  per_page: Schema.optionalWith(wholeNumber("per_page", 1, MaxPerPage), { default: () => 20 })
}

/** The list query (docs/wire-contract.md §2.1). Unknown parameters are ignored, as the API does. */
const ListQuery = Schema.Struct({
  ...paging,
  status: Schema.optional(oneOf("status", JobStatuses)),
  action_type: Schema.optional(oneOf("action_type", ActionTypes))
})

const MessagesQuery = Schema.Struct({
  ...paging,
  status: Schema.optional(oneOf("status", MessageStatuses))
})

/** A repeated parameter counts once, by its first value. */
const firstValues = (params: Readonly<Record<string, string | ReadonlyArray<string>>>) =>
  Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, typeof value === "string" ? value : value[0]])
  )

const decodeQuery = <A, I>(schema: Schema.Schema<A, I>) => {
  const decode = Schema.decodeUnknown(schema, { errors: "first", onExcessProperty: "ignore" })
  return (params: Readonly<Record<string, string | ReadonlyArray<string>>>): Effect.Effect<A, ApiFailure> => {
    const values = firstValues(params)
    return Effect.mapError(decode(values), (error) => {
      const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
      const name = String(issue?.path[0] ?? "query")
      return apiFailure(
        400,
        ErrorCodes.InvalidQuery,
        `Invalid query parameter ${name}=${JSON.stringify(values[name] ?? "")}: ${
          issue?.message ?? "invalid value"
        }`
      )
    })
  }
}

const listQuery = decodeQuery(ListQuery)
const messagesQuery = decodeQuery(MessagesQuery)

export const decodeListQuery = (
  params: Readonly<Record<string, string | ReadonlyArray<string>>>
): Effect.Effect<{ readonly window: PageWindow; readonly filter: JobFilter }, ApiFailure> =>
  Effect.map(listQuery(params), (query) => ({
    window: { page: query.page, perPage: query.per_page },
    filter: { status: query.status, actionType: query.action_type }
  }))

export const decodeMessagesQuery = (
  params: Readonly<Record<string, string | ReadonlyArray<string>>>
): Effect.Effect<{ readonly window: PageWindow; readonly filter: MessageFilter }, ApiFailure> =>
  Effect.map(messagesQuery(params), (query) => ({
    window: { page: query.page, perPage: query.per_page },
    filter: { status: query.status }
  }))
