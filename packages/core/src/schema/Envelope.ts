/**
 * The envelope every API response comes in (`success`, `errors`, `messages`, `result`), for one
 * object, for a page of a listing, and for a failure.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { optional, optionalNullable } from "../internal/schemaFields.js"

/**
 * An item of a response's `errors[]` or `messages[]` (docs/wire-contract.md §3).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ApiMessage = Schema.Struct({
  code: Schema.Int,
  message: Schema.String,
  documentation_url: optional(Schema.String),
  source: optional(Schema.Struct({ pointer: optional(Schema.String) }))
}).annotations({ identifier: "ApiMessage" })
/**
 * One code and message Cloudflare sent with a response; errors carry every one of them.
 *
 * @since 0.1.0
 * @category models
 */
export type ApiMessage = typeof ApiMessage.Type

const messageList = Schema.optionalWith(Schema.Array(ApiMessage), { default: () => [] })

/**
 * `result_info` of the list endpoints (CursorResultInfo, docs/wire-contract.md §3.1). `page` and
 * `total_count` are deprecated and always 0: decoded for completeness, never used to paginate.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ResultInfo = Schema.Struct({
  count: optional(Schema.Int),
  per_page: optional(Schema.Int),
  total_count: optional(Schema.Int),
  page: optional(Schema.Int),
  next: optionalNullable(Schema.String),
  previous: optionalNullable(Schema.String)
}).annotations({ identifier: "ResultInfo" })
/**
 * The decoded `result_info` of a page of a listing.
 *
 * @since 0.1.0
 * @category models
 */
export type ResultInfo = typeof ResultInfo.Type

/**
 * The success envelope of a single-object response, around the schema of its `result`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SingleEnvelope = <A, I, R>(result: Schema.Schema<A, I, R>) =>
  Schema.Struct({
    success: Schema.Literal(true),
    errors: messageList,
    messages: messageList,
    result
  })

/**
 * The success envelope of a page of a list endpoint, around the schema of one item of its `result`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PageEnvelope = <A, I, R>(item: Schema.Schema<A, I, R>) =>
  Schema.Struct({
    success: Schema.Literal(true),
    errors: messageList,
    messages: messageList,
    result: Schema.Array(item),
    result_info: optional(ResultInfo)
  })

/**
 * The failure envelope (`api-response-common-failure`), decoded leniently from any error body.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FailureEnvelope = Schema.Struct({
  success: Schema.Literal(false),
  errors: messageList,
  messages: messageList
}).annotations({ identifier: "FailureEnvelope" })
/**
 * A decoded failure envelope: `success: false` with the `errors` and `messages` Cloudflare sent.
 *
 * @since 0.1.0
 * @category models
 */
export type FailureEnvelope = typeof FailureEnvelope.Type
