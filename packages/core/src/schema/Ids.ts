import * as Schema from "effect/Schema"

/** The identifier of a bulk job: a UUID (BULK-API.md §1). */
export const JobId = Schema.UUID.pipe(
  Schema.brand("JobId"),
  Schema.annotations({ identifier: "JobId", description: "a bulk job id (UUID)" })
)
export type JobId = typeof JobId.Type

/** A Cloudflare account id: at most 32 characters (BULK-API.md §1). */
export const AccountId = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_-]{1,32}$/, {
    message: () => "an account id is 1 to 32 letters, digits, '-' or '_' (32 hex characters in the dashboard)"
  }),
  Schema.brand("AccountId"),
  Schema.annotations({ identifier: "AccountId" })
)
export type AccountId = typeof AccountId.Type

/** The id of one row of a job's messages (a UUID on the current API; kept as a plain string). */
export const JobMessageId = Schema.String.pipe(Schema.brand("JobMessageId"))
export type JobMessageId = typeof JobMessageId.Type
