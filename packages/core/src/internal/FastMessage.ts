// A job's message and its investigate record, as Schema decodes them with the client's options (see
// FieldChecks), in the schema's field order.
import type { Mutable } from "effect/Types"
import { BulkJobMessage, MessageDetails } from "../schema/JobMessage.js"
import { fastMessageActionParams } from "./FastJob.js"
import * as Field from "./FieldChecks.js"
import { Fail, isRecord } from "./FieldChecks.js"

export const fastMessage = (u: unknown): BulkJobMessage | Fail => {
  if (!isRecord(u)) return Fail
  const action_params = fastMessageActionParams(u.action_params)
  const details = u.message === undefined ? undefined : fastDetails(u.message)
  if (action_params === Fail || details === Fail) return Fail
  const r = Field.reading(details === undefined ? 1 : 2)
  const message: Mutable<BulkJobMessage> = {
    message_id: Field.str(r, u.message_id),
    postfix_id: Field.str(r, u.postfix_id),
    action_type: Field.openEnum(r, u.action_type),
    action_params,
    status: Field.openEnum(r, u.status),
    retry_count: Field.int(r, u.retry_count),
    created_at: Field.date(r, u.created_at),
    alert_id: Field.nullStr(r, u.alert_id),
    email_message_id: Field.nullStr(r, u.email_message_id),
    processed_at: Field.nullDate(r, u.processed_at),
    retry_after: Field.nullDate(r, u.retry_after),
    status_message: Field.nullStr(r, u.status_message)
  }
  if (details !== undefined) message.message = details
  return Field.finish(r, u, BulkJobMessage.fields, message)
}

type Details = Mutable<MessageDetails>

// Its required fields come between optional ones: it is built key by key, then checked whole.
const isComplete = (d: Partial<Details>): d is Details =>
  d.id !== undefined && d.client_recipients !== undefined && d.postfix_id !== undefined &&
  d.detection_reasons !== undefined && d.is_quarantined !== undefined && d.is_phish_submission !== undefined

const fastDetails = (u: unknown): MessageDetails | Fail => {
  if (!isRecord(u)) return Fail
  const r = Field.reading()
  const d: Partial<Details> = { id: Field.str(r, u.id) }
  if (u.ts !== undefined) d.ts = Field.str(r, u.ts)
  d.client_recipients = Field.strings(r, u.client_recipients)
  d.postfix_id = Field.str(r, u.postfix_id)
  d.detection_reasons = Field.strings(r, u.detection_reasons)
  if (u.action_log !== undefined) d.action_log = Field.unknowns(r, u.action_log)
  d.is_quarantined = Field.bool(r, u.is_quarantined)
  d.is_phish_submission = Field.bool(r, u.is_phish_submission)
  if (u.properties !== undefined) d.properties = Field.record(r, u.properties)
  if (u.alert_id !== undefined) d.alert_id = Field.nullStr(r, u.alert_id)
  if (u.message_id !== undefined) d.message_id = Field.nullStr(r, u.message_id)
  if (u.postfix_id_outbound !== undefined) d.postfix_id_outbound = Field.nullStr(r, u.postfix_id_outbound)
  if (u.edf_hash !== undefined) d.edf_hash = Field.nullStr(r, u.edf_hash)
  const { htmltext_structure_hash: hash, post_delivery_operations: operations } = u
  if (hash !== undefined) d.htmltext_structure_hash = Field.nullStr(r, hash)
  if (u.final_disposition !== undefined) d.final_disposition = Field.nullEnum(r, u.final_disposition)
  if (u.validation !== undefined) d.validation = Field.nullRecord(r, u.validation)
  if (u.delivery_mode !== undefined) d.delivery_mode = Field.nullEnum(r, u.delivery_mode)
  if (u.delivery_status !== undefined) d.delivery_status = Field.nullEnums(r, u.delivery_status)
  if (operations !== undefined) d.post_delivery_operations = Field.nullEnums(r, operations)
  if (u.envelope_from !== undefined) d.envelope_from = Field.nullStr(r, u.envelope_from)
  if (u.envelope_to !== undefined) d.envelope_to = Field.nullStrings(r, u.envelope_to)
  if (u.from !== undefined) d.from = Field.nullStr(r, u.from)
  if (u.from_name !== undefined) d.from_name = Field.nullStr(r, u.from_name)
  if (u.replyto !== undefined) d.replyto = Field.nullStr(r, u.replyto)
  if (u.to !== undefined) d.to = Field.nullStrings(r, u.to)
  if (u.to_name !== undefined) d.to_name = Field.nullStrings(r, u.to_name)
  if (u.subject !== undefined) d.subject = Field.nullStr(r, u.subject)
  if (u.scanned_at !== undefined) d.scanned_at = Field.nullStr(r, u.scanned_at)
  if (u.sent_at !== undefined) d.sent_at = Field.nullStr(r, u.sent_at)
  if (u.sent_date !== undefined) d.sent_date = Field.nullStr(r, u.sent_date)
  if (u.threat_categories !== undefined) d.threat_categories = Field.nullStrings(r, u.threat_categories)
  if (u.smtp_helo_server_ip !== undefined) d.smtp_helo_server_ip = Field.nullStr(r, u.smtp_helo_server_ip)
  if (u.smtp_previous_hop_ip !== undefined) d.smtp_previous_hop_ip = Field.nullStr(r, u.smtp_previous_hop_ip)
  if (u.x_originating_ip !== undefined) d.x_originating_ip = Field.nullStr(r, u.x_originating_ip)
  if (u.findings !== undefined) d.findings = Field.nullUnknowns(r, u.findings)
  return isComplete(d) ? Field.finish(r, u, MessageDetails.fields, d) : Fail
}
