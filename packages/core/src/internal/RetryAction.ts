import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { ValidationError } from "../http/Errors.js"
import type { BulkJob } from "../schema/BulkJob.js"
import { Destination, Destinations, isTerminalStatus } from "../schema/Enums.js"

/** What retrying a job's FAILED messages sends: the job's own action, and for a MOVE its folder. */
export type RetryAction =
  | { readonly action: "MOVE"; readonly destination: Destination }
  | { readonly action: "RELEASE" }

const isDestination = Schema.is(Destination)

/**
 * The action to retry `job`'s FAILED messages with, or why they cannot be retried. A job still
 * running is refused: Cloudflare may still retry its failed messages itself. An action or a folder
 * this client does not know is refused rather than guessed.
 */
export const retryActionOf = (job: BulkJob): Either.Either<RetryAction, ValidationError> => {
  const refuse = (issue: string) => Either.left(new ValidationError({ issue: `job ${job.job_id} ${issue}` }))
  if (!isTerminalStatus(job.status)) {
    return refuse(
      `is ${job.status}: Cloudflare may still retry its failed messages; wait for it to end ` +
        `(cfbulk watch ${job.job_id}) and retry them then`
    )
  }
  const params = job.action_params
  if (params.type === "RELEASE") return Either.right({ action: "RELEASE" })
  // An opaque action's `type` is a branded string, so `type` alone does not narrow to a MOVE.
  if (params.type === "MOVE" && "destination" in params) {
    return isDestination(params.destination)
      ? Either.right({ action: "MOVE", destination: params.destination })
      : refuse(
        `moves messages to ${JSON.stringify(params.destination)}, a folder cfbulk does not know ` +
          `(${Destinations.join(", ")}), so it does not retry them`
      )
  }
  return refuse(
    `has the action ${JSON.stringify(params.type)}, which cfbulk does not know how to retry ` +
      `(only MOVE and RELEASE)`
  )
}
