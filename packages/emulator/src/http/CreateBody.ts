import {
  ActionTypes,
  DeliveryStatuses,
  Destinations,
  Dispositions,
  MessageActions,
  SearchParams,
  SearchParamsInput
} from "@cfbulk/core"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { NewJob } from "../store/CreatedJob.js"
import type { ApiFailure } from "./ApiFailure.js"
import { oneOf, optional, optionalNullable } from "./Fields.js"
import { bodyDecoder } from "./JsonBody.js"

/** The longest `comment` accepted: a note, not a payload replayed in every later listing. */
export const MaxCommentLength = 1000

/** `format: date-time` (RFC 3339), as the spec declares `start` and `end`. */
const DateTime = (name: string) =>
  Schema.String.pipe(
    Schema.pattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i, {
      message: () => `${name} must be a date-time such as 2022-06-25T14:30:00Z`
    }),
    Schema.compose(Schema.Date)
  )

/**
 * `search_params` as the server accepts it: core's request fields, plus what the server still
 * takes from older clients: the deprecated `action_log`, and null for the nullable enums (docs/wire-contract.md §5).
 */
const SearchParamsBody = Schema.Struct({
  ...SearchParamsInput.fields,
  start: optional(DateTime("search_params.start")),
  end: optional(DateTime("search_params.end")),
  action_log: optional(Schema.Boolean),
  delivery_status: optionalNullable(oneOf("search_params.delivery_status", DeliveryStatuses)),
  final_disposition: optionalNullable(oneOf("search_params.final_disposition", Dispositions)),
  message_action: optionalNullable(oneOf("search_params.message_action", MessageActions))
}).annotations({ message: () => "search_params must be an object (BulkSearchParams)" })

/** `BulkActionRequest` (docs/wire-contract.md §2.2), with the MOVE-needs-a-destination rule the spec states in prose. */
const CreateBody = Schema.Struct({
  action: oneOf("action", ActionTypes),
  search_params: SearchParamsBody,
  destination: optional(oneOf("destination", Destinations)),
  comment: optionalNullable(
    Schema.String.pipe(
      Schema.maxLength(MaxCommentLength, {
        message: () => `comment must be at most ${MaxCommentLength} characters`
      })
    )
  ),
  expected_disposition: optionalNullable(oneOf("expected_disposition", Dispositions))
}).pipe(
  Schema.filter((body) => {
    if (body.action === "MOVE" && body.destination === undefined) {
      return { path: ["destination"], message: "destination is required when action is MOVE" }
    }
    const { end, start } = body.search_params
    return start !== undefined && end !== undefined && start > end
      ? {
        path: ["search_params", "start"],
        message: "search_params.start must not be after search_params.end"
      }
      : undefined
  })
)

const decodeBody = bodyDecoder(CreateBody, "BulkActionRequest")
const encodeSearch = Schema.encodeSync(SearchParams)

const Day = 24 * 60 * 60 * 1000

/**
 * Reads a create request's body into a new job, failing as the API does: 400 for a body that is
 * not JSON, not an object, or misses or misspells a field. The echoed search gets the server's
 * defaults (`detections_only: true`, `submissions: false`, the last 30 days).
 */
export const decodeCreateBody = (text: string, now: number): Either.Either<NewJob, ApiFailure> =>
  Either.map(decodeBody(text), (request) => {
    const search = request.search_params
    return {
      action: request.action,
      destination: request.action === "MOVE" ? request.destination ?? null : null,
      expectedDisposition: request.expected_disposition,
      comment: request.comment ?? null,
      searchParams: encodeSearch({
        ...search,
        detections_only: search.detections_only ?? true,
        submissions: search.submissions ?? false,
        start: search.start ?? new Date(now - 30 * Day),
        end: search.end ?? new Date(now)
      })
    }
  })
