import type { BulkJobMessageEncoded, MessageDetails } from "@cfbulk/core"
import { type FailedTrait, failedTrait } from "../model/FailedLayout.js"
import type { JobPlan } from "../model/JobPlan.js"
import type { MessageState } from "../model/MessageState.js"
import { failedAmong, type Snapshot } from "../model/Progress.js"
import { hash3, makeRng, type Rng } from "../random/SeededRandom.js"
import { uuidFrom } from "../random/Uuid.js"
import { hex } from "../seed/SeededSearch.js"
import {
  CancelledMessageReason,
  CustomerDomains,
  DetectionReasons,
  MessageFailureReasons,
  RecipientNames,
  SenderDomains,
  SenderLocalParts,
  SkippedMessageReason,
  Subjects,
  TransientFailureReasons,
  UnreachableMailboxReason
} from "../seed/Vocabulary.js"
import { isoString } from "./Iso.js"
import { postfixIdOf } from "./PostfixId.js"

const SALT_MESSAGE = 21
const SALT_MESSAGE_ID = 22
// Not drawn from the message's generator, so the id and details of a message never depend on its status.
const SALT_TRANSIENT_REASON = 24
const SALT_OTHER_RECIPIENT = 25

const iso = isoString
/** `2024-01-05T10:00:00`, as investigate ids spell their date. */
const isoSeconds = (millis: number): string => iso(millis).slice(0, 19)

/** The search's recipient when it names one mailbox, else someone at the search's domain or a customer domain. */
const recipientFor = (rng: Rng, plan: JobPlan): string => {
  const searched = plan.searchParams.recipient
  if (typeof searched === "string" && searched.includes("@")) return searched
  const domain = typeof searched === "string" ? searched : rng.pick(CustomerDomains)
  return `${rng.pick(RecipientNames)}${rng.chance(0.3) ? rng.between(1, 99) : ""}@${domain}`
}

/**
 * The recipients of a message listed on `rows` rows, one per recipient: the first is drawn like a
 * single recipient (so a one-recipient message is unchanged), the others from their own generators,
 * and made distinct, since a recipient names its row.
 */
const recipientsFor = (rng: Rng, plan: JobPlan, lead: number, rows: number): ReadonlyArray<string> => {
  const recipients = [recipientFor(rng, plan)]
  for (let member = 1; member < rows; member++) {
    const drawn = recipientFor(makeRng(hash3(plan.seed, lead + member, SALT_OTHER_RECIPIENT)), plan)
    const [local, domain] = drawn.split("@")
    recipients.push(recipients.includes(drawn) ? `${local}+${member}@${domain}` : drawn)
  }
  return recipients
}

const senderFor = (rng: Rng, plan: JobPlan): string => {
  const searched = plan.searchParams.sender
  if (typeof searched === "string" && searched.includes("@")) return searched
  const domain = typeof searched === "string" ? searched : rng.pick(SenderDomains)
  return `${rng.pick(SenderLocalParts)}@${domain}`
}

type MessageDetailsEncoded = typeof MessageDetails.Encoded

const details = (
  rng: Rng,
  plan: JobPlan,
  ids: { readonly postfix: string; readonly emailMessageId: string; readonly alertId: string | null },
  parties: { readonly sender: string; readonly recipients: ReadonlyArray<string> },
  sentAt: number,
  skipped: boolean
): MessageDetailsEncoded => {
  const disposition = plan.searchParams.final_disposition
  const scannedAt = sentAt + rng.between(1, 20) * 1000
  return {
    id: `${ids.postfix}-${isoSeconds(scannedAt)}-${rng.between(10000000, 99999999)}`,
    ts: iso(scannedAt),
    scanned_at: iso(scannedAt),
    sent_at: iso(sentAt),
    client_recipients: parties.recipients,
    postfix_id: ids.postfix,
    detection_reasons: disposition === "NONE" ? [] : [rng.pick(DetectionReasons)],
    action_log: [],
    is_quarantined: plan.action === "RELEASE",
    is_phish_submission: skipped,
    properties: {},
    alert_id: ids.alertId,
    message_id: ids.emailMessageId,
    final_disposition: typeof disposition === "string" ? disposition : "SPAM",
    delivery_mode: "DIRECT",
    delivery_status: [plan.action === "RELEASE" ? "quarantined" : "delivered"],
    envelope_from: parties.sender,
    envelope_to: parties.recipients,
    from: parties.sender,
    from_name: null,
    to: parties.recipients,
    subject: typeof plan.searchParams.exact_subject === "string"
      ? plan.searchParams.exact_subject
      : rng.pick(Subjects),
    smtp_helo_server_ip: `198.51.100.${rng.between(1, 254)}`
  }
}

/** A row being retried may be retried again 30 s after its attempt; a laid-out one, when its layout says. */
const retryAfter = (
  plan: JobPlan,
  state: MessageState,
  trait: FailedTrait | undefined,
  retried: boolean,
  plannedAt: number
): string | null =>
  trait === "NotYetDue" && plan.failedLayout !== undefined
    ? iso(plan.failedLayout.retryAfter)
    : state.status === "PROCESSING" && retried
    ? iso(Math.round(plannedAt) + 30_000)
    : null

/**
 * The `status_message` of a laid-out FAILED message: permanent when retrying it must fail again
 * (the rule `Investigations.ts` applies), transient otherwise.
 */
const laidOutReason = (plan: JobPlan, index: number, trait: FailedTrait): string =>
  trait === "Unreachable"
    ? UnreachableMailboxReason
    : makeRng(hash3(plan.seed, index, SALT_TRANSIENT_REASON)).pick(TransientFailureReasons)

/**
 * Message `index` of a job as the server sends it: the Encoded side of core's `BulkJobMessage`
 * (built directly for speed; the Seed test round-trips it through the schema). Everything but the
 * status-dependent fields is a pure function of the job's seed and the index. When the job lists a
 * message once per recipient (`FailedLayout.recipientsPerMessage`), the rows of one message share
 * everything drawn for it (investigate record, ids, sender) from its first row, its lead, and each
 * row has its own `client_recipient`.
 */
export const messageWire = (
  plan: JobPlan,
  snapshot: Snapshot,
  index: number,
  state: MessageState
): BulkJobMessageEncoded => {
  const rows = plan.failedLayout?.recipientsPerMessage ?? 1
  const member = index % rows
  const lead = index - member
  const rng = makeRng(hash3(plan.seed, lead, SALT_MESSAGE))
  const postfix = postfixIdOf(plan.jobKey, plan.seed, lead)
  const recipients = recipientsFor(rng, plan, lead, rows)
  const recipient = recipients[member] ?? recipients[0] ?? ""
  const sender = senderFor(rng, plan)
  const emailMessageId = `<${hex(rng, 20)}@${sender.split("@")[1] ?? "example.net"}>`
  const alertId = rng.chance(0.4) ? `${rng.between(10000000, 99999999)}` : null
  const discoveredAt = plan.startAt +
    (index + 1) / Math.max(plan.total, 1) * (plan.discoveredAt - plan.startAt)
  const processable = Math.max(plan.total - plan.skipped, 1)
  const plannedAt = plan.discoveredAt + (state.rank + 1) / processable * (plan.endAt - plan.discoveredAt)
  const searchStart = typeof plan.searchParams.start === "string" ? Date.parse(plan.searchParams.start) : NaN
  const sentAt = Number.isNaN(searchStart)
    ? plan.createdAt - rng.between(1, 7 * 24) * 3_600_000
    : searchStart + rng.next() * Math.max(plan.createdAt - searchStart, 0)
  // Drawn whatever the status, so a message keeps its details while its status moves on.
  const retryDraw = rng.next()
  const retried = retryDraw < (state.status === "PROCESSING" ? 0.2 : 0.08)
  const drawnReason = rng.pick(MessageFailureReasons)
  const trait = state.status === "FAILED" && plan.failedLayout !== undefined
    ? failedTrait(plan.failedLayout, Math.floor(failedAmong(plan, state.rank) / rows))
    : undefined
  const failureReason = trait === undefined ? drawnReason : laidOutReason(plan, index, trait)

  const action_params: BulkJobMessageEncoded["action_params"] = plan.action === "MOVE"
    ? { type: "MOVE", destination: plan.destination ?? "JunkEmail", client_recipient: recipient }
    : { type: "RELEASE", client_recipient: recipient }
  const message: BulkJobMessageEncoded = {
    message_id: uuidFrom(plan.seed, index, SALT_MESSAGE_ID),
    postfix_id: postfix,
    action_type: plan.action,
    action_params,
    status: state.status,
    retry_count: state.status === "FAILED" ? 3 : state.status === "COMPLETED" && retried ? 1 : 0,
    created_at: iso(Math.round(discoveredAt)),
    alert_id: alertId,
    email_message_id: emailMessageId,
    processed_at: state.status === "COMPLETED" || state.status === "FAILED"
      ? iso(Math.round(plannedAt))
      : state.status === "CANCELLED" && snapshot.completedAt !== null
      ? iso(snapshot.completedAt)
      : null,
    retry_after: retryAfter(plan, state, trait, retried, plannedAt),
    status_message: state.status === "FAILED"
      ? failureReason
      : state.status === "SKIPPED"
      ? SkippedMessageReason
      : state.status === "CANCELLED"
      ? CancelledMessageReason
      : null
  }
  if (plan.shape === "legacy" || trait === "NoInvestigateId") return message
  return {
    ...message,
    message: details(
      rng,
      plan,
      { postfix, emailMessageId, alertId },
      { sender, recipients },
      Math.round(sentAt),
      state.status === "SKIPPED"
    )
  }
}
