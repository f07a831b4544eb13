/**
 * The string enums of the API (action types, job and message statuses, destinations, dispositions,
 * delivery statuses, message actions), each as its list of values, a strict schema and an open schema.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { OpenEnum } from "./OpenEnum.js"

// Each enum exists twice: a strict literal schema for what callers send (validated before a request
// leaves), and an open schema for what the server returns (docs/wire-contract.md §11 shows the server's
// enums drift).

/**
 * The actions a bulk job can take: move messages to a folder, or release them from quarantine.
 *
 * @since 0.1.0
 * @category constants
 */
export const ActionTypes = ["MOVE", "RELEASE"] as const

/**
 * A job's action, strict: what a create request may send.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ActionType = Schema.Literal(...ActionTypes)

/**
 * A job's action: `"MOVE"` or `"RELEASE"`.
 *
 * @since 0.1.0
 * @category models
 */
export type ActionType = typeof ActionType.Type

/**
 * A job's action as the server reports it: a known action, or any other string kept as it is.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ActionTypeOpen = OpenEnum(...ActionTypes)

/**
 * Job statuses of the current API plus `SKIPPED`, which older API versions still send
 * (docs/wire-contract.md §11 row 1).
 *
 * @since 0.1.0
 * @category constants
 */
export const JobStatuses = [
  "PENDING",
  "DISCOVERING",
  "PROCESSING",
  "COMPLETED",
  "FAILED",
  "CANCELLED",
  "SKIPPED"
] as const

/**
 * A job status, strict: what a listing filter may send.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JobStatus = Schema.Literal(...JobStatuses)

/**
 * A job status this client knows (see `JobStatuses`).
 *
 * @since 0.1.0
 * @category models
 */
export type JobStatus = typeof JobStatus.Type

/**
 * A job status as the server reports it: a known status, or any other string (a status added
 * later, such as `PAUSED`) kept as it is.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JobStatusOpen = OpenEnum(...JobStatuses)

/**
 * Statuses after which a job never changes again; only these can be deleted.
 *
 * @since 0.1.0
 * @category constants
 */
export const TerminalJobStatuses = [
  "COMPLETED",
  "FAILED",
  "CANCELLED",
  "SKIPPED"
] as const satisfies ReadonlyArray<
  JobStatus
>

/**
 * True when a job in this status will not change again (and so may be deleted). Takes any string,
 * so it works on an open status too: an unknown status is not terminal.
 *
 * @since 0.1.0
 * @category utils
 */
export const isTerminalStatus = (status: string): boolean =>
  (TerminalJobStatuses as ReadonlyArray<string>).includes(status)

/**
 * Message statuses of the current API plus `DISCOVERING`, which the older API sends
 * (docs/wire-contract.md §11 row 10).
 *
 * @since 0.1.0
 * @category constants
 */
export const MessageStatuses = [
  "PENDING",
  "DISCOVERING",
  "PROCESSING",
  "COMPLETED",
  "FAILED",
  "CANCELLED",
  "SKIPPED"
] as const

/**
 * The status of one message of a job, strict: what a messages filter may send.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MessageStatus = Schema.Literal(...MessageStatuses)

/**
 * A message status this client knows (see `MessageStatuses`).
 *
 * @since 0.1.0
 * @category models
 */
export type MessageStatus = typeof MessageStatus.Type

/**
 * A message status as the server reports it: a known status, or any other string kept as it is.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MessageStatusOpen = OpenEnum(...MessageStatuses)

/**
 * The mailbox folders a MOVE job can move messages to.
 *
 * @since 0.1.0
 * @category constants
 */
export const Destinations = [
  "Inbox",
  "JunkEmail",
  "DeletedItems",
  "RecoverableItemsDeletions",
  "RecoverableItemsPurges"
] as const

/**
 * A MOVE job's destination folder, strict: what a create request may send.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Destination = Schema.Literal(...Destinations)

/**
 * A destination folder this client knows (see `Destinations`).
 *
 * @since 0.1.0
 * @category models
 */
export type Destination = typeof Destination.Type

/**
 * A destination folder as the server reports it: a known folder, or any other string kept as it is.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DestinationOpen = OpenEnum(...Destinations)

/**
 * The verdicts Email Security gives a message, from `MALICIOUS` to `NONE`.
 *
 * @since 0.1.0
 * @category constants
 */
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

/**
 * A disposition, strict: what a search may filter on.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Disposition = Schema.Literal(...Dispositions)

/**
 * A disposition this client knows (see `Dispositions`).
 *
 * @since 0.1.0
 * @category models
 */
export type Disposition = typeof Disposition.Type

/**
 * A disposition as the server reports it: a known one, or any other string kept as it is.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DispositionOpen = OpenEnum(...Dispositions)

/**
 * What happened to a message on delivery. `move_failed` exists only in the newer API
 * (docs/wire-contract.md §11 row 6).
 *
 * @since 0.1.0
 * @category constants
 */
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

/**
 * A delivery status, strict: what a search may filter on.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeliveryStatus = Schema.Literal(...DeliveryStatuses)

/**
 * A delivery status this client knows (see `DeliveryStatuses`).
 *
 * @since 0.1.0
 * @category models
 */
export type DeliveryStatus = typeof DeliveryStatus.Type

/**
 * A delivery status as the server reports it: a known one, or any other string kept as it is.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeliveryStatusOpen = OpenEnum(...DeliveryStatuses)

/**
 * Actions already taken on a message (previewed, released from quarantine, moved), which a search can
 * filter on.
 *
 * @since 0.1.0
 * @category constants
 */
export const MessageActions = ["PREVIEW", "QUARANTINE_RELEASED", "MOVED"] as const

/**
 * A message action, strict: what a search may filter on.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MessageAction = Schema.Literal(...MessageActions)

/**
 * A message action this client knows (see `MessageActions`).
 *
 * @since 0.1.0
 * @category models
 */
export type MessageAction = typeof MessageAction.Type

/**
 * A message action as the server reports it: a known one, or any other string kept as it is.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MessageActionOpen = OpenEnum(...MessageActions)
