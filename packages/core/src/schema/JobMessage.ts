/**
 * One message of a bulk job: what the job did to it, and (on the newer API) the message's full
 * investigate record.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { DateTime, nullable, optional, optionalNullable } from "../internal/schemaFields.js"
import { MessageActionParams } from "./ActionParams.js"
import { ActionTypeOpen, DeliveryStatusOpen, DispositionOpen, MessageStatusOpen } from "./Enums.js"
import { OpenEnum } from "./OpenEnum.js"

const NullableStrings = Schema.NullOr(Schema.Array(Schema.String))

/**
 * The full investigate record of a message (`MessageDetails`, docs/wire-contract.md §6), sent only by the
 * newer API. Deprecated parts (`ts`, `action_log`, `findings`) are decoded loosely and passed through.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MessageDetails = Schema.Struct({
  id: Schema.String,
  ts: optional(Schema.String),
  client_recipients: Schema.Array(Schema.String),
  postfix_id: Schema.String,
  detection_reasons: Schema.Array(Schema.String),
  action_log: optional(Schema.Array(Schema.Unknown)),
  is_quarantined: Schema.Boolean,
  is_phish_submission: Schema.Boolean,
  properties: optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  alert_id: optionalNullable(Schema.String),
  message_id: optionalNullable(Schema.String),
  postfix_id_outbound: optionalNullable(Schema.String),
  edf_hash: optionalNullable(Schema.String),
  htmltext_structure_hash: optionalNullable(Schema.String),
  final_disposition: optionalNullable(DispositionOpen),
  validation: optionalNullable(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  delivery_mode: optionalNullable(
    OpenEnum(
      "DIRECT",
      "BCC",
      "JOURNAL",
      "REVIEW_SUBMISSION",
      "DMARC_UNVERIFIED",
      "DMARC_FAILURE_REPORT",
      "DMARC_AGGREGATE_REPORT",
      "THREAT_INTEL_SUBMISSION",
      "SIMULATION_SUBMISSION",
      "API",
      "RETRO_SCAN"
    )
  ),
  delivery_status: optionalNullable(Schema.Array(DeliveryStatusOpen)),
  post_delivery_operations: optionalNullable(
    Schema.Array(OpenEnum("PREVIEW", "QUARANTINE_RELEASE", "SUBMISSION", "MOVE"))
  ),
  envelope_from: optionalNullable(Schema.String),
  envelope_to: optionalNullable(Schema.Array(Schema.String)),
  from: optionalNullable(Schema.String),
  from_name: optionalNullable(Schema.String),
  replyto: optionalNullable(Schema.String),
  to: optionalNullable(Schema.Array(Schema.String)),
  to_name: optionalNullable(Schema.Array(Schema.String)),
  subject: optionalNullable(Schema.String),
  scanned_at: optionalNullable(Schema.String),
  sent_at: optionalNullable(Schema.String),
  sent_date: optionalNullable(Schema.String),
  threat_categories: optionalNullable(NullableStrings),
  smtp_helo_server_ip: optionalNullable(Schema.String),
  smtp_previous_hop_ip: optionalNullable(Schema.String),
  x_originating_ip: optionalNullable(Schema.String),
  findings: optionalNullable(Schema.Array(Schema.Unknown))
}).annotations({ identifier: "MessageDetails" })
/**
 * The decoded investigate record of a message: sender, recipients, subject, disposition and more.
 *
 * @since 0.1.0
 * @category models
 */
export type MessageDetails = typeof MessageDetails.Type

/**
 * One message of a bulk job (`BulkActionMessageDetail`, docs/wire-contract.md §6).
 *
 * @since 0.1.0
 * @category schemas
 */
export const BulkJobMessage = Schema.Struct({
  message_id: Schema.String,
  postfix_id: Schema.String,
  action_type: ActionTypeOpen,
  action_params: MessageActionParams,
  status: MessageStatusOpen,
  retry_count: Schema.Int,
  created_at: DateTime,
  alert_id: nullable(Schema.String),
  email_message_id: nullable(Schema.String),
  processed_at: nullable(DateTime),
  retry_after: nullable(DateTime),
  status_message: nullable(Schema.String),
  message: optional(MessageDetails)
}).annotations({ identifier: "BulkJobMessage" })
/**
 * A decoded message of a bulk job: its status, retries and timestamps, and `message` with the
 * investigate record when the API sends it.
 *
 * @since 0.1.0
 * @category models
 */
export type BulkJobMessage = typeof BulkJobMessage.Type
/**
 * A message of a bulk job in its wire form (JSON before decoding).
 *
 * @since 0.1.0
 * @category models
 */
export type BulkJobMessageEncoded = typeof BulkJobMessage.Encoded
