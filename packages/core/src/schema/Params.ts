/**
 * What callers pass to `BulkJobs`: listing options (filters and paging) and the body of a create
 * request, checked before any request is sent.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { optional } from "../internal/schemaFields.js"
import { ActionType, Destination, JobStatus, MessageStatus } from "./Enums.js"
import { SearchParamsInput } from "./SearchParams.js"

/**
 * The most items the API returns on one page.
 *
 * @since 0.1.0
 * @category constants
 */
export const MaxPerPage = 1000
/**
 * cfbulk's default page size: the largest the API allows, so a listing takes the fewest requests.
 *
 * @since 0.1.0
 * @category constants
 */
export const DefaultPerPage = 1000
/**
 * Pages kept in flight once a listing has shown it is long.
 *
 * @since 0.1.0
 * @category constants
 */
export const DefaultConcurrency = 4

const PerPage = Schema.Int.pipe(
  Schema.between(1, MaxPerPage, { message: () => `per_page must be a whole number from 1 to ${MaxPerPage}` })
)
const Page = Schema.Int.pipe(
  Schema.greaterThanOrEqualTo(1, { message: () => "page must be a whole number from 1" })
)
const Limit = Schema.Int.pipe(Schema.positive({ message: () => "limit must be a whole number from 1" }))
const Concurrency = Schema.Int.pipe(
  Schema.between(1, 16, { message: () => "concurrency must be a whole number from 1 to 16" })
)

/** Paging options shared by the jobs and the messages listings. */
const PagingFields = {
  /** Items per request, 1..1000 (default 1000). */
  per_page: optional(PerPage),
  /** The page to start from (default 1). */
  page: optional(Page),
  /** Stop once this many items came. */
  limit: optional(Limit),
  /** Pages in flight once the listing is known to be long (default 4). */
  concurrency: optional(Concurrency)
}

/**
 * Options of `BulkJobs.list`: the API's filters plus paging.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListJobsParams = Schema.Struct({
  status: optional(JobStatus),
  action_type: optional(ActionType),
  ...PagingFields
}).annotations({ identifier: "ListJobsParams" })
/**
 * Options of `BulkJobs.list` and `BulkJobs.listPage`: filter on `status` and `action_type`, and
 * page with `per_page`, `page`, `limit` and `concurrency`.
 *
 * @since 0.1.0
 * @category models
 */
export type ListJobsParams = typeof ListJobsParams.Type

/**
 * Options of `BulkJobs.messages`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListMessagesParams = Schema.Struct({
  status: optional(MessageStatus),
  ...PagingFields
}).annotations({ identifier: "ListMessagesParams" })
/**
 * Options of `BulkJobs.messages` and `BulkJobs.messagesPage`: filter on `status`, with the same
 * paging options as a jobs listing.
 *
 * @since 0.1.0
 * @category models
 */
export type ListMessagesParams = typeof ListMessagesParams.Type

/**
 * The body of a create request (`BulkActionRequest`, docs/wire-contract.md §2.2). `destination` is
 * required for MOVE (the spec only says so in prose; cfbulk enforces it before sending). Deprecated
 * `expected_disposition` is deliberately not accepted.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateJobParams = Schema.Struct({
  action: ActionType,
  search_params: SearchParamsInput,
  destination: optional(Destination),
  comment: optional(Schema.NullOr(Schema.String))
}).pipe(
  Schema.filter((params) => {
    if (params.action === "MOVE" && params.destination === undefined) {
      return { path: ["destination"], message: "destination is required when action is MOVE" }
    }
    if (params.action === "RELEASE" && params.destination !== undefined) {
      return { path: ["destination"], message: "destination only applies to MOVE jobs" }
    }
    if (
      params.search_params.start && params.search_params.end &&
      params.search_params.start > params.search_params.end
    ) {
      return { path: ["search_params", "start"], message: "start must not be after end" }
    }
    return undefined
  }),
  Schema.annotations({ identifier: "CreateJobParams" })
)
/**
 * What `BulkJobs.create` takes: the action, the search it acts on, the destination of a MOVE, and
 * an optional comment.
 *
 * @since 0.1.0
 * @category models
 */
export type CreateJobParams = typeof CreateJobParams.Type
/**
 * A create request's body as sent on the wire (dates as ISO-8601 strings).
 *
 * @since 0.1.0
 * @category models
 */
export type CreateJobBody = typeof CreateJobParams.Encoded
