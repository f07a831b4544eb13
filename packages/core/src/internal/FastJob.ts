// A job, its `action_params` and `search_params`, a message's `action_params`, and a deleted job, as
// Schema decodes them with the client's options (see FieldChecks). Fields are written in the schema's
// order: Schema's output has that order, and the CLI prints keys as they come.
import type { Mutable } from "effect/Types"
import {
  type ActionParams,
  type MessageActionParams,
  MessageMoveParams,
  MessageReleaseParams,
  MoveParams,
  ReleaseParams,
  UnknownActionParams
} from "../schema/ActionParams.js"
import { BulkJob, DeletedJob } from "../schema/BulkJob.js"
import { SearchParams } from "../schema/SearchParams.js"
import * as Field from "./FieldChecks.js"
import { Fail, isRecord, toUnknownActionType } from "./FieldChecks.js"

export const fastJob = (u: unknown): BulkJob | Fail => {
  if (!isRecord(u)) return Fail
  const action_params = fastActionParams(u.action_params)
  const search_params = fastSearchParams(u.search_params)
  if (action_params === Fail || search_params === Fail) return Fail
  const r = Field.reading(2)
  return Field.finish(r, u, BulkJob.fields, {
    job_id: Field.jobId(r, u.job_id),
    action_type: Field.openEnum(r, u.action_type),
    action_params,
    search_params,
    status: Field.openEnum(r, u.status),
    total_messages_discovered: Field.int(r, u.total_messages_discovered),
    messages_pending: Field.int(r, u.messages_pending),
    messages_successful: Field.int(r, u.messages_successful),
    messages_failed: Field.int(r, u.messages_failed),
    messages_skipped: Field.counter(r, u.messages_skipped),
    messages_cancelled: Field.counter(r, u.messages_cancelled),
    created_at: Field.date(r, u.created_at),
    comment: Field.nullStr(r, u.comment),
    started_at: Field.nullDate(r, u.started_at),
    completed_at: Field.nullDate(r, u.completed_at),
    status_message: Field.nullStr(r, u.status_message)
  })
}

export const fastDeletedJob = (u: unknown): DeletedJob | Fail => {
  if (!isRecord(u)) return Fail
  const r = Field.reading()
  return Field.finish(r, u, DeletedJob.fields, { id: Field.jobId(r, u.id) })
}

// Schema's unions pick a member by the literal `type`; any other string is an `UnknownActionParams`,
// which rejects the known ones: so a MOVE that fails its member fails.

export const fastActionParams = (u: unknown): ActionParams | Fail => {
  if (!isRecord(u)) return Fail
  const { type } = u
  const r = Field.reading(1)
  if (type === "MOVE") return Field.finish(r, u, MoveParams.fields, move(u, r, type))
  return type === "RELEASE" ? Field.finish(r, u, ReleaseParams.fields, { type }) : unknownAction(u, r)
}

/** A message's: MOVE and RELEASE end with `client_recipient`. */
export const fastMessageActionParams = (u: unknown): MessageActionParams | Fail => {
  if (!isRecord(u)) return Fail
  const { type } = u
  const r = Field.reading(1)
  if (type !== "MOVE" && type !== "RELEASE") return unknownAction(u, r)
  const known: MoveParams | ReleaseParams = type === "MOVE" ? move(u, r, type) : { type }
  const params = Object.assign(known, { client_recipient: Field.str(r, u.client_recipient) })
  return Field.finish(r, u, type === "MOVE" ? MessageMoveParams.fields : MessageReleaseParams.fields, params)
}

const move = (u: Readonly<Record<string, unknown>>, r: Field.Reading, type: "MOVE"): MoveParams => {
  const params: Mutable<MoveParams> = { type, destination: Field.openEnum(r, u.destination) }
  if (u.expected_disposition !== undefined) {
    params.expected_disposition = Field.nullEnum(r, u.expected_disposition)
  }
  return params
}

/** An action this client does not know: its other keys kept, before `type`. */
const unknownAction = (u: Readonly<Record<string, unknown>>, r: Field.Reading): UnknownActionParams | Fail =>
  typeof u.type === "string"
    ? Field.finish(r, u, UnknownActionParams.fields, { type: toUnknownActionType(u.type) })
    : Fail

/**
 * Its keys vary from job to job (hundreds of layouts on a page): reading every name of every object
 * would miss V8's caches, so the loop visits the keys the object has, then writes them in order.
 */
export const fastSearchParams = (u: unknown): SearchParams | Fail => {
  if (!isRecord(u)) return Fail
  const r = Field.reading()
  let alert_id, detections_only, domain, start, end, exact_subject, message_id, metric, query
  let recipient, sender, smtp_helo_ip, subject, submissions, action_log, delivery_status
  let final_disposition, message_action
  for (const key in u) {
    const v = u[key]
    if (key === "alert_id") alert_id = Field.nullStr(r, v)
    else if (key === "detections_only") detections_only = Field.bool(r, v)
    else if (key === "domain") domain = Field.nullStr(r, v)
    else if (key === "start") start = Field.date(r, v)
    else if (key === "end") end = Field.date(r, v)
    else if (key === "exact_subject") exact_subject = Field.nullStr(r, v)
    else if (key === "message_id") message_id = Field.nullStr(r, v)
    else if (key === "metric") metric = Field.nullStr(r, v)
    else if (key === "query") query = Field.nullStr(r, v)
    else if (key === "recipient") recipient = Field.nullStr(r, v)
    else if (key === "sender") sender = Field.nullStr(r, v)
    else if (key === "smtp_helo_ip") smtp_helo_ip = Field.nullStr(r, v)
    else if (key === "subject") subject = Field.nullStr(r, v)
    else if (key === "submissions") submissions = Field.bool(r, v)
    else if (key === "action_log") action_log = Field.bool(r, v)
    else if (key === "delivery_status") delivery_status = Field.nullEnum(r, v)
    else if (key === "final_disposition") final_disposition = Field.nullEnum(r, v)
    else if (key === "message_action") message_action = Field.nullEnum(r, v)
  }
  const s: Mutable<SearchParams> = {}
  if (alert_id !== undefined) s.alert_id = alert_id
  if (detections_only !== undefined) s.detections_only = detections_only
  if (domain !== undefined) s.domain = domain
  if (start !== undefined) s.start = start
  if (end !== undefined) s.end = end
  if (exact_subject !== undefined) s.exact_subject = exact_subject
  if (message_id !== undefined) s.message_id = message_id
  if (metric !== undefined) s.metric = metric
  if (query !== undefined) s.query = query
  if (recipient !== undefined) s.recipient = recipient
  if (sender !== undefined) s.sender = sender
  if (smtp_helo_ip !== undefined) s.smtp_helo_ip = smtp_helo_ip
  if (subject !== undefined) s.subject = subject
  if (submissions !== undefined) s.submissions = submissions
  if (action_log !== undefined) s.action_log = action_log
  if (delivery_status !== undefined) s.delivery_status = delivery_status
  if (final_disposition !== undefined) s.final_disposition = final_disposition
  if (message_action !== undefined) s.message_action = message_action
  return Field.finish(r, u, SearchParams.fields, s)
}
