import {
  DeliveryStatuses,
  type Destination,
  type Disposition,
  MessageActions,
  type SearchParamsEncoded
} from "@cfbulk/core"
import type { ApiShape } from "../model/JobPlan.js"
import type { NonEmpty, Rng } from "../random/SeededRandom.js"
import { isoString } from "../wire/Iso.js"
import {
  CustomerDomains,
  Metrics,
  Queries,
  RecipientNames,
  SenderDomains,
  SenderLocalParts,
  Subjects
} from "./Vocabulary.js"

const day = 24 * 60 * 60 * 1000
const hour = 60 * 60 * 1000

type Filter =
  | "sender"
  | "domain"
  | "subject"
  | "exact_subject"
  | "recipient"
  | "query"
  | "final_disposition"
  | "delivery_status"
  | "alert_id"
  | "smtp_helo_ip"
  | "message_id"
  | "message_action"
  | "metric"

const CommonFilters: NonEmpty<Filter> = [
  "sender",
  "sender",
  "domain",
  "subject",
  "recipient",
  "query",
  "final_disposition",
  "final_disposition",
  "delivery_status",
  "exact_subject",
  "alert_id",
  "message_id",
  "message_action",
  "metric"
]

const MoveDispositions: NonEmpty<Disposition> = [
  "MALICIOUS",
  "MALICIOUS-BEC",
  "SPAM",
  "SPOOF",
  "SUSPICIOUS",
  "BULK"
]
const ReleaseDispositions: NonEmpty<Disposition> = ["BULK", "SPAM", "SUSPICIOUS", "SPOOF"]
const LegacyDeliveryStatuses = ["delivered", "quarantined", "moved"] as const
const WindowDays = [1, 7, 14, 30] as const
/** `subject` searches use keywords: the first two words of a subject. */
const SubjectKeywords: NonEmpty<string> = [
  Subjects[0].toLowerCase().split(" ").slice(0, 2).join(" "),
  ...Subjects.slice(1).map((subject) => subject.toLowerCase().split(" ").slice(0, 2).join(" "))
]

type Mutable<A> = { -readonly [K in keyof A]: A[K] }

export const hex = (rng: Rng, digits: number): string => {
  let out = ""
  for (let digit = 0; digit < digits; digit++) out += rng.int(16).toString(16)
  return out
}

export const senderAddress = (rng: Rng): string => `${rng.pick(SenderLocalParts)}@${rng.pick(SenderDomains)}`
export const recipientAddress = (rng: Rng): string =>
  `${rng.pick(RecipientNames)}@${rng.pick(CustomerDomains)}`

/** A search a person would plausibly run, as the server echoes it on the job. */
export interface SeededSearch {
  readonly params: SearchParamsEncoded
  /** What the search is about, for the job's comment. */
  readonly subjectLine: string
}

/** The value of a field the search leaves unset: absent, or null when the job echoes every field. */
const unset = (echoesNulls: boolean): null | undefined => echoesNulls ? null : undefined

export const seededSearch = (
  rng: Rng,
  createdAt: number,
  shape: ApiShape,
  action: "MOVE" | "RELEASE"
): SeededSearch => {
  const end = Math.floor(createdAt / hour) * hour
  const start = end - rng.pick(WindowDays) * day
  const wanted = rng.between(1, 3)
  const filters: Array<Filter> = []
  while (filters.length < wanted) {
    const filter = rng.pick(CommonFilters)
    if (!filters.includes(filter)) filters.push(filter)
  }
  if (shape === "current" && rng.chance(0.08)) filters.push("smtp_helo_ip")

  // Locals rather than a keyed record: every job then builds objects of few shapes, which is what
  // keeps generating and serialising 100,000 of them fast.
  let sender: string | undefined
  let domain: string | undefined
  let subject: string | undefined
  let exactSubject: string | undefined
  let recipient: string | undefined
  let query: string | undefined
  let finalDisposition: Disposition | undefined
  let deliveryStatus: string | undefined
  let alertId: string | undefined
  let heloIp: string | undefined
  let messageId: string | undefined
  let messageAction: string | undefined
  let metric: string | undefined
  let about = "matching messages"
  for (const filter of filters) {
    switch (filter) {
      case "sender":
        sender = rng.chance(0.6) ? senderAddress(rng) : rng.pick(SenderDomains)
        about = `mail from ${sender}`
        break
      case "domain":
        domain = rng.pick(SenderDomains)
        about = `mail mentioning ${domain}`
        break
      case "subject":
        subject = rng.pick(SubjectKeywords)
        about = `"${subject}" mail`
        break
      case "exact_subject":
        exactSubject = rng.pick(Subjects)
        about = `"${exactSubject}"`
        break
      case "recipient":
        recipient = rng.chance(0.7) ? recipientAddress(rng) : rng.pick(CustomerDomains)
        about = `mail to ${recipient}`
        break
      case "query":
        query = rng.pick(Queries)
        about = `"${query}" mail`
        break
      case "final_disposition":
        finalDisposition = rng.pick(action === "RELEASE" ? ReleaseDispositions : MoveDispositions)
        break
      case "delivery_status":
        deliveryStatus = shape === "current" ? rng.pick(DeliveryStatuses) : rng.pick(LegacyDeliveryStatuses)
        break
      case "alert_id":
        alertId = `${rng.between(10000000, 99999999)}`
        break
      case "smtp_helo_ip":
        heloIp = `192.0.2.${rng.between(1, 254)}`
        break
      case "message_id":
        messageId = `<${hex(rng, 16)}@${rng.pick(SenderDomains)}>`
        about = `message ${messageId}`
        break
      case "message_action":
        messageAction = rng.pick(MessageActions)
        break
      case "metric":
        metric = rng.pick(Metrics)
        break
    }
  }

  // Some jobs echo every field the API knows, unset ones as null, as in the API's own sample
  // (docs/wire-contract.md §12.6: clients must accept those nulls, even in enum fields).
  const echoesNulls = rng.chance(0.2)
  const nullEnum = echoesNulls && rng.chance(0.5)
  const params: Mutable<SearchParamsEncoded> = {}
  if (rng.chance(0.3)) params.action_log = false
  params.detections_only = rng.chance(0.85)
  params.submissions = rng.chance(0.04)
  params.start = isoString(start)
  params.end = isoString(end)
  const alertIdValue = alertId ?? unset(echoesNulls)
  if (alertIdValue !== undefined) params.alert_id = alertIdValue
  const domainValue = domain ?? unset(echoesNulls)
  if (domainValue !== undefined) params.domain = domainValue
  const exactSubjectValue = exactSubject ?? unset(echoesNulls)
  if (exactSubjectValue !== undefined) params.exact_subject = exactSubjectValue
  const messageIdValue = messageId ?? unset(echoesNulls)
  if (messageIdValue !== undefined) params.message_id = messageIdValue
  const metricValue = metric ?? unset(echoesNulls)
  if (metricValue !== undefined) params.metric = metricValue
  const queryValue = query ?? unset(echoesNulls)
  if (queryValue !== undefined) params.query = queryValue
  const recipientValue = recipient ?? unset(echoesNulls)
  if (recipientValue !== undefined) params.recipient = recipientValue
  const senderValue = sender ?? unset(echoesNulls)
  if (senderValue !== undefined) params.sender = senderValue
  const heloValue = heloIp ?? unset(echoesNulls && shape === "current")
  if (heloValue !== undefined) params.smtp_helo_ip = heloValue
  const subjectValue = subject ?? unset(echoesNulls)
  if (subjectValue !== undefined) params.subject = subjectValue
  const dispositionValue = finalDisposition ?? unset(nullEnum)
  if (dispositionValue !== undefined) params.final_disposition = dispositionValue
  const deliveryValue = deliveryStatus ?? unset(nullEnum)
  if (deliveryValue !== undefined) params.delivery_status = deliveryValue
  const actionValue = messageAction ?? unset(nullEnum)
  if (actionValue !== undefined) params.message_action = actionValue
  return { params, subjectLine: about }
}

/** The comment a person would leave on such a job (or none). */
export const seededComment = (
  rng: Rng,
  action: "MOVE" | "RELEASE",
  destination: Destination | null,
  search: SeededSearch
): string | null => {
  if (rng.chance(0.25)) return null
  const disposition = search.params.final_disposition
  const label = typeof disposition === "string" ? `${disposition.toLowerCase()} ` : ""
  const ticket = rng.between(100, 9999)
  const variant = rng.int(3)
  if (action === "RELEASE") {
    return variant === 0
      ? `Release false-positive ${label}${search.subjectLine}`
      : variant === 1
      ? `Release ${search.subjectLine} quarantined by mistake`
      : `Ticket #${ticket}: release ${label}${search.subjectLine}`
  }
  return variant === 0
    ? `Move ${label}${search.subjectLine} to ${destination ?? "JunkEmail"}`
    : variant === 1
    ? `Clean up ${label}${search.subjectLine}`
    : `Incident ${ticket}: pull ${search.subjectLine} from inboxes`
}
