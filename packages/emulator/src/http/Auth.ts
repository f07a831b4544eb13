import { AccountId } from "@cfbulk/core"
import type * as Headers from "@effect/platform/Headers"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { type ApiFailure, apiFailure, authenticationError, unauthorizedAccount } from "./ApiFailure.js"
import { ErrorCodes } from "./ErrorCodes.js"

/** What the emulator accepts: one API token, or the legacy email + global key, for one account. */
export interface Credentials {
  readonly token: string
  readonly email: string
  readonly apiKey: string
  readonly accountId: string
}

const bearer = /^Bearer\s+(\S+)\s*$/i

/** Either credential scheme of the bulk operations (docs/wire-contract.md §1.2); anything else is
 * refused. */
const authenticated = (headers: Headers.Headers, credentials: Credentials): boolean => {
  const authorization = headers["authorization"]
  if (authorization !== undefined) return bearer.exec(authorization)?.[1] === credentials.token
  return headers["x-auth-email"] === credentials.email && headers["x-auth-key"] === credentials.apiKey
}

const isAccountId = Schema.is(AccountId)

/**
 * Checks the caller in the order the API does: credentials first (401), then the account id's
 * format (400), then whether the credentials reach that account (403).
 */
export const authorize = (
  headers: Headers.Headers,
  accountId: string,
  credentials: Credentials
): Effect.Effect<void, ApiFailure> => {
  if (!authenticated(headers, credentials)) return Effect.fail(authenticationError())
  if (!isAccountId(accountId)) {
    return Effect.fail(
      apiFailure(
        400,
        ErrorCodes.InvalidPath,
        `Invalid account identifier ${JSON.stringify(accountId)}: at most 32 letters, digits, '-' or '_'`
      )
    )
  }
  return accountId === credentials.accountId ? Effect.void : Effect.fail(unauthorizedAccount())
}
