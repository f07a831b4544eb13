import { type BulkJobMessage, toWire } from "@cfbulk/core"
import { shortUtc } from "./Dates.js"
import { type Encoded, field, type FieldSet, wireField } from "./FieldSet.js"

/** A message in its JSON wire form, which the fields read (core's `toWire`, as `encodeJob`). */
export const encodeMessage = (message: BulkJobMessage): Encoded => toWire(message)

/** The recipient a job's message was acted on for (`action_params.client_recipient`), if the API said. */
export const messageRecipient = (message: BulkJobMessage): string | null =>
  "client_recipient" in message.action_params && typeof message.action_params.client_recipient === "string"
    ? message.action_params.client_recipient
    : null

const destination = (message: BulkJobMessage): string | null =>
  "destination" in message.action_params && typeof message.action_params.destination === "string"
    ? message.action_params.destination
    : null

const date = (name: string, header: string, read: (message: BulkJobMessage) => Date | null, priority = 20) =>
  wireField<BulkJobMessage>(name, { header, width: 16, priority, cell: (message) => shortUtc(read(message)) })

/** Every field of a job's message, under the API's names, plus the table's short names. */
export const messageFields: FieldSet<BulkJobMessage> = {
  noun: "message",
  tableDefault: ["postfix_id", "status", "recipient", "retry_count", "processed_at", "status_message"],
  fields: [
    wireField("message_id", { aliases: ["id"], header: "ID", width: 36, priority: 20 }),
    wireField("postfix_id", { aliases: ["postfix"], header: "POSTFIX ID", width: 16, priority: 1 }),
    wireField("action_type", { aliases: ["action"], header: "ACTION", width: 7, priority: 8 }),
    wireField("action_params", { header: "ACTION PARAMS", width: 24, priority: 20 }),
    wireField("status", { header: "STATUS", width: 10, priority: 1, status: (message) => message.status }),
    wireField("retry_count", {
      aliases: ["retries"],
      header: "RETRIES",
      width: 7,
      align: "right",
      priority: 6
    }),
    date("created_at", "CREATED (UTC)", (message) => message.created_at),
    wireField("alert_id", { header: "ALERT ID", width: 16, priority: 20 }),
    wireField("email_message_id", { header: "EMAIL MESSAGE ID", width: 24, flex: true, priority: 20 }),
    date("processed_at", "PROCESSED (UTC)", (message) => message.processed_at, 7),
    date("retry_after", "RETRY AFTER (UTC)", (message) => message.retry_after),
    wireField("status_message", {
      aliases: ["reason"],
      header: "STATUS MESSAGE",
      width: 24,
      flex: true,
      maxWidth: 80,
      priority: 2
    }),
    wireField("message", { header: "MESSAGE", width: 30, flex: true, maxWidth: 80, priority: 20 }),
    field({
      name: "recipient",
      header: "RECIPIENT",
      width: 18,
      flex: true,
      maxWidth: 28,
      priority: 3,
      value: messageRecipient
    }),
    field({ name: "destination", header: "DESTINATION", width: 12, priority: 20, value: destination })
  ]
}
