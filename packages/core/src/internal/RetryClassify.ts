import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { InvestigateId } from "../schema/Investigate.js"
import type { BulkJobMessage } from "../schema/JobMessage.js"
import type { RetrySkipReason, RetryTarget } from "../service/MessageRetry.js"

const isInvestigateId = Schema.is(InvestigateId)

/**
 * Whether a FAILED message can be sent again at `now` (epoch ms), under which Investigate id. A
 * message without one cannot be named at all (the older API sends no investigate record), which
 * outranks a `retry_after` still to come: running again later would not help it. A `retry_after` in
 * the future is Cloudflare's own retry still pending: sending before it would race that retry.
 */
export const classifyFailedMessage = (
  message: BulkJobMessage,
  now: number
): Either.Either<RetryTarget, RetrySkipReason> => {
  const investigateId = message.message?.id
  if (!isInvestigateId(investigateId)) return Either.left("NoInvestigateId")
  if (message.retry_after !== null && message.retry_after.getTime() > now) return Either.left("NotYetDue")
  return Either.right({ message, investigateId })
}
