// A job, its `action_params` and `search_params`, a message's `action_params`, and a deleted job, as
// Schema decodes them with the client's options (see FieldReader). Fields are written in the schema's
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
import { Fail, FieldReader, isRecord, toUnknownActionType } from "./FieldReader.js"

export const fastJob = (u: unknown): BulkJob | Fail => {
  if (!isRecord(u)) return Fail
  const action_params = fastActionParams(u.action_params)
  const search_params = fastSearchParams(u.search_params)
  if (action_params === Fail || search_params === Fail) return Fail
  const r = new FieldReader(2)
  return r.finish(u, BulkJob.fields, {
    job_id: r.jobId(u.job_id),
    action_type: r.openEnum(u.action_type),
    action_params,
    search_params,
    status: r.openEnum(u.status),
    total_messages_discovered: r.int(u.total_messages_discovered),
    messages_pending: r.int(u.messages_pending),
    messages_successful: r.int(u.messages_successful),
    messages_failed: r.int(u.messages_failed),
    messages_skipped: r.counter(u.messages_skipped),
    messages_cancelled: r.counter(u.messages_cancelled),
    created_at: r.date(u.created_at),
    comment: r.nullString(u.comment),
    started_at: r.nullDate(u.started_at),
    completed_at: r.nullDate(u.completed_at),
    status_message: r.nullString(u.status_message)
  })
}

export const fastDeletedJob = (u: unknown): DeletedJob | Fail => {
  if (!isRecord(u)) return Fail
  const r = new FieldReader()
  return r.finish(u, DeletedJob.fields, { id: r.jobId(u.id) })
}

// Schema's unions pick a member by the literal `type`; any other string is an `UnknownActionParams`,
// which rejects the known ones: so a MOVE that fails its member fails.

export const fastActionParams = (u: unknown): ActionParams | Fail => {
  if (!isRecord(u)) return Fail
  const { type } = u
  const r = new FieldReader(1)
  if (type === "MOVE") return r.finish(u, MoveParams.fields, move(u, r, type))
  return type === "RELEASE" ? r.finish(u, ReleaseParams.fields, { type }) : unknownAction(u, r)
}

/** A message's: MOVE and RELEASE end with `client_recipient`. */
export const fastMessageActionParams = (u: unknown): MessageActionParams | Fail => {
  if (!isRecord(u)) return Fail
  const { type } = u
  const r = new FieldReader(1)
  if (type !== "MOVE" && type !== "RELEASE") return unknownAction(u, r)
  const known: MoveParams | ReleaseParams = type === "MOVE" ? move(u, r, type) : { type }
  const params = Object.assign(known, { client_recipient: r.string(u.client_recipient) })
  return r.finish(u, type === "MOVE" ? MessageMoveParams.fields : MessageReleaseParams.fields, params)
}

const move = (u: Readonly<Record<string, unknown>>, r: FieldReader, type: "MOVE"): MoveParams => {
  const params: Mutable<MoveParams> = { type, destination: r.openEnum(u.destination) }
  if (u.expected_disposition !== undefined) params.expected_disposition = r.nullEnum(u.expected_disposition)
  return params
}

/** An action this client does not know: its other keys kept, before `type`. */
const unknownAction = (u: Readonly<Record<string, unknown>>, r: FieldReader): UnknownActionParams | Fail =>
  typeof u.type === "string"
    ? r.finish(u, UnknownActionParams.fields, { type: toUnknownActionType(u.type) })
    : Fail

/**
 * Its keys vary from job to job (hundreds of layouts on a page): reading every name of every object
 * would miss V8's caches, so the loop visits the keys the object has, then writes them in order.
 */
export const fastSearchParams = (u: unknown): SearchParams | Fail => {
  if (!isRecord(u)) return Fail
  const r = new FieldReader()
  let alert_id, detections_only, domain, start, end, exact_subject, message_id, metric, query
  let recipient, sender, smtp_helo_ip, subject, submissions, action_log, delivery_status
  let final_disposition, message_action
  for (const key in u) {
    const v = u[key]
    if (key === "alert_id") alert_id = r.nullString(v)
    else if (key === "detections_only") detections_only = r.boolean(v)
    else if (key === "domain") domain = r.nullString(v)
    else if (key === "start") start = r.date(v)
    else if (key === "end") end = r.date(v)
    else if (key === "exact_subject") exact_subject = r.nullString(v)
    else if (key === "message_id") message_id = r.nullString(v)
    else if (key === "metric") metric = r.nullString(v)
    else if (key === "query") query = r.nullString(v)
    else if (key === "recipient") recipient = r.nullString(v)
    else if (key === "sender") sender = r.nullString(v)
    else if (key === "smtp_helo_ip") smtp_helo_ip = r.nullString(v)
    else if (key === "subject") subject = r.nullString(v)
    else if (key === "submissions") submissions = r.boolean(v)
    else if (key === "action_log") action_log = r.boolean(v)
    else if (key === "delivery_status") delivery_status = r.nullEnum(v)
    else if (key === "final_disposition") final_disposition = r.nullEnum(v)
    else if (key === "message_action") message_action = r.nullEnum(v)
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
  return r.finish(u, SearchParams.fields, s)
}
