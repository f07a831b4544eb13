import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { InvestigateId } from "../schema/Investigate.js"
import type { BulkJobMessage } from "../schema/JobMessage.js"
import type { RetrySkipReason, RetryTarget } from "../service/MessageRetry.js"

const isInvestigateId = Schema.is(InvestigateId)

/** What decides whether a FAILED message is sent: the ids the caller left out, and the time (epoch ms). */
export interface ClassifyRules {
  readonly exclude: ReadonlySet<string>
  readonly now: number
}

/**
 * Whether a FAILED message can be sent again, under which Investigate id. A message without one
 * cannot be named at all (the older API sends no investigate record), which outranks everything:
 * nothing the caller does would help it. One the caller excluded (an earlier run acted on it)
 * outranks a `retry_after` still to come, since running again later must not send it either. A
 * `retry_after` in the future is Cloudflare's own retry still pending: sending before it would race
 * that retry.
 */
export const classifyFailedMessage = (
  message: BulkJobMessage,
  rules: ClassifyRules
): Either.Either<RetryTarget, RetrySkipReason> => {
  const investigateId = message.message?.id
  if (!isInvestigateId(investigateId)) return Either.left("NoInvestigateId")
  if (rules.exclude.has(investigateId)) return Either.left("Excluded")
  if (message.retry_after !== null && message.retry_after.getTime() > rules.now) {
    return Either.left("NotYetDue")
  }
  return Either.right({ message, investigateId })
}
