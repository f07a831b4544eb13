import * as Schema from "effect/Schema"
import { OpenEnum } from "./OpenEnum.js"

// Each enum exists twice: a strict literal schema for what callers send (validated before a request
// leaves), and an open schema for what the server returns (BULK-API.md §11 shows the server's enums drift).

export const ActionTypes = ["MOVE", "RELEASE"] as const
export const ActionType = Schema.Literal(...ActionTypes)
export type ActionType = typeof ActionType.Type
export const ActionTypeOpen = OpenEnum(...ActionTypes)

/** Job statuses of the current API plus `SKIPPED`, which older API versions still send (§11 row 1). */
export const JobStatuses = [
  "PENDING",
  "DISCOVERING",
  "PROCESSING",
  "COMPLETED",
  "FAILED",
  "CANCELLED",
  "SKIPPED"
] as const
export const JobStatus = Schema.Literal(...JobStatuses)
export type JobStatus = typeof JobStatus.Type
export const JobStatusOpen = OpenEnum(...JobStatuses)

/** Statuses after which a job never changes again; only these can be deleted. */
export const TerminalJobStatuses = [
  "COMPLETED",
  "FAILED",
  "CANCELLED",
  "SKIPPED"
] as const satisfies ReadonlyArray<
  JobStatus
>
export const isTerminalStatus = (status: string): boolean =>
  (TerminalJobStatuses as ReadonlyArray<string>).includes(status)

/** Message statuses of the current API plus `DISCOVERING`, which the older API sends (§11 row 10). */
export const MessageStatuses = [
  "PENDING",
  "DISCOVERING",
  "PROCESSING",
  "COMPLETED",
  "FAILED",
  "CANCELLED",
  "SKIPPED"
] as const
export const MessageStatus = Schema.Literal(...MessageStatuses)
export type MessageStatus = typeof MessageStatus.Type
export const MessageStatusOpen = OpenEnum(...MessageStatuses)

export const Destinations = [
  "Inbox",
  "JunkEmail",
  "DeletedItems",
  "RecoverableItemsDeletions",
  "RecoverableItemsPurges"
] as const
export const Destination = Schema.Literal(...Destinations)
export type Destination = typeof Destination.Type
export const DestinationOpen = OpenEnum(...Destinations)

export const Dispositions = [
  "MALICIOUS",
  "MALICIOUS-BEC",
  "SUSPICIOUS",
  "SPOOF",
  "SPAM",
  "BULK",
  "ENCRYPTED",
  "EXTERNAL",
  "UNKNOWN",
  "NONE"
] as const
export const Disposition = Schema.Literal(...Dispositions)
export type Disposition = typeof Disposition.Type
export const DispositionOpen = OpenEnum(...Dispositions)

/** `move_failed` exists only in the newer API (§11 row 6). */
export const DeliveryStatuses = [
  "delivered",
  "moved",
  "quarantined",
  "rejected",
  "deferred",
  "bounced",
  "queued",
  "move_failed"
] as const
export const DeliveryStatus = Schema.Literal(...DeliveryStatuses)
export type DeliveryStatus = typeof DeliveryStatus.Type
export const DeliveryStatusOpen = OpenEnum(...DeliveryStatuses)

export const MessageActions = ["PREVIEW", "QUARANTINE_RELEASED", "MOVED"] as const
export const MessageAction = Schema.Literal(...MessageActions)
export type MessageAction = typeof MessageAction.Type
export const MessageActionOpen = OpenEnum(...MessageActions)
