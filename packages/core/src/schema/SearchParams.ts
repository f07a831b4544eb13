/**
 * The search a job acts on: as the server echoes it on a job, and as a create request sends it.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { DateTime, optional, optionalNullable } from "../internal/schemaFields.js"
import {
  DeliveryStatus,
  DeliveryStatusOpen,
  Disposition,
  DispositionOpen,
  MessageAction,
  MessageActionOpen
} from "./Enums.js"

const searchFields = {
  alert_id: optionalNullable(Schema.String),
  detections_only: optional(Schema.Boolean),
  domain: optionalNullable(Schema.String),
  start: optional(DateTime),
  end: optional(DateTime),
  exact_subject: optionalNullable(Schema.String),
  message_id: optionalNullable(Schema.String),
  metric: optionalNullable(Schema.String),
  query: optionalNullable(Schema.String),
  recipient: optionalNullable(Schema.String),
  sender: optionalNullable(Schema.String),
  smtp_helo_ip: optionalNullable(Schema.String),
  subject: optionalNullable(Schema.String),
  submissions: optional(Schema.Boolean)
}

/**
 * The search a job acts on (`BulkSearchParams`, docs/wire-contract.md §5) as the server echoes it on a
 * job. Every field is optional; enums are open and the deprecated `action_log` is still decoded.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SearchParams = Schema.Struct({
  ...searchFields,
  action_log: optional(Schema.Boolean),
  delivery_status: optionalNullable(DeliveryStatusOpen),
  final_disposition: optionalNullable(DispositionOpen),
  message_action: optionalNullable(MessageActionOpen)
}).annotations({ identifier: "SearchParams" })
/**
 * The decoded search of a job (`start` and `end` as `Date`s).
 *
 * @since 0.1.0
 * @category models
 */
export type SearchParams = typeof SearchParams.Type
/**
 * The search of a job in its wire form (dates as ISO-8601 strings).
 *
 * @since 0.1.0
 * @category models
 */
export type SearchParamsEncoded = typeof SearchParams.Encoded

/**
 * The search of a create request: the same fields with strict enums, so a typo fails before a
 * request is sent, and without the deprecated `action_log` (docs/wire-contract.md §12.4: never send
 * deprecated fields).
 *
 * @since 0.1.0
 * @category schemas
 */
export const SearchParamsInput = Schema.Struct({
  ...searchFields,
  delivery_status: optional(DeliveryStatus),
  final_disposition: optional(Disposition),
  message_action: optional(MessageAction)
}).annotations({ identifier: "SearchParamsInput" })
/**
 * The search a create request sends, as `CreateJobParams.search_params` takes it.
 *
 * @since 0.1.0
 * @category models
 */
export type SearchParamsInput = typeof SearchParamsInput.Type
