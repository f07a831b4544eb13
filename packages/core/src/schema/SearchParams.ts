import * as Schema from "effect/Schema"
import {
  DeliveryStatus,
  DeliveryStatusOpen,
  Disposition,
  DispositionOpen,
  MessageAction,
  MessageActionOpen
} from "./Enums.js"
import { DateTime, optional, optionalNullable } from "../internal/schemaFields.js"

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
 * The search a job acts on (`BulkSearchParams`, BULK-API.md §5) as the server echoes it on a job.
 * Every field is optional; enums are open and the deprecated `action_log` is still decoded.
 */
export const SearchParams = Schema.Struct({
  ...searchFields,
  action_log: optional(Schema.Boolean),
  delivery_status: optionalNullable(DeliveryStatusOpen),
  final_disposition: optionalNullable(DispositionOpen),
  message_action: optionalNullable(MessageActionOpen)
}).annotations({ identifier: "SearchParams" })
export type SearchParams = typeof SearchParams.Type
export type SearchParamsEncoded = typeof SearchParams.Encoded

/**
 * The search of a create request: the same fields with strict enums, so a typo fails before a
 * request is sent, and without the deprecated `action_log` (§12.4: never send deprecated fields).
 */
export const SearchParamsInput = Schema.Struct({
  ...searchFields,
  delivery_status: optional(DeliveryStatus),
  final_disposition: optional(Disposition),
  message_action: optional(MessageAction)
}).annotations({ identifier: "SearchParamsInput" })
export type SearchParamsInput = typeof SearchParamsInput.Type
