/**
 * Branded identifiers: a job id, an account id, and the id of one message of a job.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The identifier of a bulk job: a UUID (docs/wire-contract.md §1.3).
 *
 * @since 0.1.0
 * @category schemas
 */
export const JobId = Schema.UUID.pipe(
  Schema.brand("JobId"),
  Schema.annotations({ identifier: "JobId", description: "a bulk job id (UUID)" })
)
/**
 * A job id that has been checked to be a UUID.
 *
 * @since 0.1.0
 * @category models
 */
export type JobId = typeof JobId.Type

/**
 * A Cloudflare account id: at most 32 characters (docs/wire-contract.md §1.3).
 *
 * @since 0.1.0
 * @category schemas
 */
export const AccountId = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_-]{1,32}$/, {
    message: () => "an account id is 1 to 32 letters, digits, '-' or '_' (32 hex characters in the dashboard)"
  }),
  Schema.brand("AccountId"),
  Schema.annotations({ identifier: "AccountId" })
)
/**
 * An account id that has been checked: 1 to 32 letters, digits, `-` or `_`.
 *
 * @since 0.1.0
 * @category models
 */
export type AccountId = typeof AccountId.Type

/**
 * The id of one row of a job's messages (a UUID on the current API; kept as a plain string).
 *
 * @since 0.1.0
 * @category schemas
 */
export const JobMessageId = Schema.String.pipe(Schema.brand("JobMessageId"))
/**
 * The branded id of one row of a job's messages.
 *
 * @since 0.1.0
 * @category models
 */
export type JobMessageId = typeof JobMessageId.Type
