/**
 * The Investigate API's move and release of explicit messages (docs/wire-contract.md §13): what
 * `retryFailed` sends for the messages a bulk job left FAILED, and what the API answers per message.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { DateTime, optional, optionalNullable } from "../internal/schemaFields.js"
import { Destination } from "./Enums.js"

/**
 * The most Investigate ids one move or release call takes (`maxItems` of move's `ids`; release
 * declares none, and cfbulk holds it to the same).
 *
 * @since 0.1.0
 * @category constants
 */
export const MaxInvestigateIds = 1000

/**
 * A message's Investigate id (`message.id` of a job's message, e.g.
 * `4Njp3P0STMz2c02Q-2024-01-05T10:00:00-12345678`): what move and release name messages by.
 *
 * @since 0.1.0
 * @category schemas
 */
export const InvestigateId = Schema.NonEmptyTrimmedString.pipe(
  Schema.brand("InvestigateId"),
  Schema.annotations({ identifier: "InvestigateId", description: "an Investigate message id" })
)
/**
 * A message's Investigate id.
 *
 * @since 0.1.0
 * @category models
 */
export type InvestigateId = typeof InvestigateId.Type

const InvestigateIds = Schema.Array(InvestigateId).pipe(
  Schema.minItems(1, { message: () => "ids must name at least one message" }),
  Schema.maxItems(MaxInvestigateIds, {
    message: () => `ids takes at most ${MaxInvestigateIds} messages a call`
  })
)

/**
 * The body of `POST …/investigate/move`. Only the current fields: the deprecated `postfix_ids` and
 * `expected_disposition` are never sent (docs/wire-contract.md §12.4).
 *
 * @since 0.1.0
 * @category schemas
 */
export const MoveRequest = Schema.Struct({
  destination: Destination,
  ids: InvestigateIds
}).annotations({ identifier: "MoveRequest" })
/**
 * A decoded move request.
 *
 * @since 0.1.0
 * @category models
 */
export type MoveRequest = typeof MoveRequest.Type

/**
 * The body of `POST …/investigate/release`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ReleaseRequest = Schema.Struct({
  ids: InvestigateIds
}).annotations({ identifier: "ReleaseRequest" })
/**
 * A decoded release request.
 *
 * @since 0.1.0
 * @category models
 */
export type ReleaseRequest = typeof ReleaseRequest.Type

/**
 * One item of a move's answer (`MoveResponseItem`): whether moving one message (for one recipient)
 * worked. Everything but `success` may be missing or null.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MoveResponseItem = Schema.Struct({
  success: Schema.Boolean,
  message_id: optionalNullable(Schema.String),
  recipient: optionalNullable(Schema.String),
  destination: optionalNullable(Schema.String),
  status: optionalNullable(Schema.String),
  operation: optionalNullable(Schema.String),
  completed_at: optionalNullable(DateTime),
  completed_timestamp: optional(Schema.String),
  item_count: optional(Schema.Int)
}).annotations({ identifier: "MoveResponseItem" })
/**
 * A decoded item of a move's answer.
 *
 * @since 0.1.0
 * @category models
 */
export type MoveResponseItem = typeof MoveResponseItem.Type
/**
 * An item of a move's answer in its wire form.
 *
 * @since 0.1.0
 * @category models
 */
export type MoveResponseItemEncoded = typeof MoveResponseItem.Encoded

const Recipients = optionalNullable(Schema.Array(Schema.String))

/**
 * One item of a release's answer (`ReleaseResponse`): the message's recipients, grouped by whether
 * the release reached them.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ReleaseResponseItem = Schema.Struct({
  id: Schema.String,
  delivered: Recipients,
  undelivered: Recipients,
  failed: Recipients,
  postfix_id: optional(Schema.String)
}).annotations({ identifier: "ReleaseResponseItem" })
/**
 * A decoded item of a release's answer.
 *
 * @since 0.1.0
 * @category models
 */
export type ReleaseResponseItem = typeof ReleaseResponseItem.Type
/**
 * An item of a release's answer in its wire form.
 *
 * @since 0.1.0
 * @category models
 */
export type ReleaseResponseItemEncoded = typeof ReleaseResponseItem.Encoded
