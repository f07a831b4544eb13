// A job's message and its investigate record, as Schema decodes them with the client's options (see
// FieldReader), in the schema's field order.
import type { Mutable } from "effect/Types"
import { BulkJobMessage, MessageDetails } from "../schema/JobMessage.js"
import { fastMessageActionParams } from "./FastJob.js"
import { Fail, FieldReader, isRecord } from "./FieldReader.js"

export const fastMessage = (u: unknown): BulkJobMessage | Fail => {
  if (!isRecord(u)) return Fail
  const action_params = fastMessageActionParams(u.action_params)
  const details = u.message === undefined ? undefined : fastDetails(u.message)
  if (action_params === Fail || details === Fail) return Fail
  const r = new FieldReader(details === undefined ? 1 : 2)
  const message: Mutable<BulkJobMessage> = {
    message_id: r.string(u.message_id),
    postfix_id: r.string(u.postfix_id),
    action_type: r.openEnum(u.action_type),
    action_params,
    status: r.openEnum(u.status),
    retry_count: r.int(u.retry_count),
    created_at: r.date(u.created_at),
    alert_id: r.nullString(u.alert_id),
    email_message_id: r.nullString(u.email_message_id),
    processed_at: r.nullDate(u.processed_at),
    retry_after: r.nullDate(u.retry_after),
    status_message: r.nullString(u.status_message)
  }
  if (details !== undefined) message.message = details
  return r.finish(u, BulkJobMessage.fields, message)
}

type Details = Mutable<MessageDetails>

// Its required fields come between optional ones: it is built key by key, then checked whole.
const isComplete = (d: Partial<Details>): d is Details =>
  d.id !== undefined && d.client_recipients !== undefined && d.postfix_id !== undefined &&
  d.detection_reasons !== undefined && d.is_quarantined !== undefined && d.is_phish_submission !== undefined

const fastDetails = (u: unknown): MessageDetails | Fail => {
  if (!isRecord(u)) return Fail
  const r = new FieldReader()
  const d: Partial<Details> = { id: r.string(u.id) }
  if (u.ts !== undefined) d.ts = r.string(u.ts)
  d.client_recipients = r.strings(u.client_recipients)
  d.postfix_id = r.string(u.postfix_id)
  d.detection_reasons = r.strings(u.detection_reasons)
  if (u.action_log !== undefined) d.action_log = r.unknowns(u.action_log)
  d.is_quarantined = r.boolean(u.is_quarantined)
  d.is_phish_submission = r.boolean(u.is_phish_submission)
  if (u.properties !== undefined) d.properties = r.record(u.properties)
  if (u.alert_id !== undefined) d.alert_id = r.nullString(u.alert_id)
  if (u.message_id !== undefined) d.message_id = r.nullString(u.message_id)
  if (u.postfix_id_outbound !== undefined) d.postfix_id_outbound = r.nullString(u.postfix_id_outbound)
  if (u.edf_hash !== undefined) d.edf_hash = r.nullString(u.edf_hash)
  const { htmltext_structure_hash: hash, post_delivery_operations: operations } = u
  if (hash !== undefined) d.htmltext_structure_hash = r.nullString(hash)
  if (u.final_disposition !== undefined) d.final_disposition = r.nullEnum(u.final_disposition)
  if (u.validation !== undefined) d.validation = r.nullRecord(u.validation)
  if (u.delivery_mode !== undefined) d.delivery_mode = r.nullEnum(u.delivery_mode)
  if (u.delivery_status !== undefined) d.delivery_status = r.nullEnums(u.delivery_status)
  if (operations !== undefined) d.post_delivery_operations = r.nullEnums(operations)
  if (u.envelope_from !== undefined) d.envelope_from = r.nullString(u.envelope_from)
  if (u.envelope_to !== undefined) d.envelope_to = r.nullStrings(u.envelope_to)
  if (u.from !== undefined) d.from = r.nullString(u.from)
  if (u.from_name !== undefined) d.from_name = r.nullString(u.from_name)
  if (u.replyto !== undefined) d.replyto = r.nullString(u.replyto)
  if (u.to !== undefined) d.to = r.nullStrings(u.to)
  if (u.to_name !== undefined) d.to_name = r.nullStrings(u.to_name)
  if (u.subject !== undefined) d.subject = r.nullString(u.subject)
  if (u.scanned_at !== undefined) d.scanned_at = r.nullString(u.scanned_at)
  if (u.sent_at !== undefined) d.sent_at = r.nullString(u.sent_at)
  if (u.sent_date !== undefined) d.sent_date = r.nullString(u.sent_date)
  if (u.threat_categories !== undefined) d.threat_categories = r.nullStrings(u.threat_categories)
  if (u.smtp_helo_server_ip !== undefined) d.smtp_helo_server_ip = r.nullString(u.smtp_helo_server_ip)
  if (u.smtp_previous_hop_ip !== undefined) d.smtp_previous_hop_ip = r.nullString(u.smtp_previous_hop_ip)
  if (u.x_originating_ip !== undefined) d.x_originating_ip = r.nullString(u.x_originating_ip)
  if (u.findings !== undefined) d.findings = r.nullUnknowns(u.findings)
  return isComplete(d) ? r.finish(u, MessageDetails.fields, d) : Fail
}
