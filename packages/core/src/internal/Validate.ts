import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { ValidationError } from "../http/Errors.js"
import { JobId } from "../schema/Ids.js"
import { MaxInvestigateIds, MoveRequest, ReleaseRequest } from "../schema/Investigate.js"
import { CreateJobParams, ListJobsParams, ListMessagesParams } from "../schema/Params.js"
import { describeParseError } from "./ResponseBody.js"

// Input checks shared by the real service and the in-memory test service, so both reject the same
// input with the same message, before anything is sent.

const validate = <A, I>(schema: Schema.Schema<A, I>, what: string) => {
  const check = Schema.validate(schema)
  return (input: unknown): Effect.Effect<A, ValidationError> =>
    Effect.mapError(
      check(input),
      (error) => new ValidationError({ issue: `${what}: ${describeParseError(error)}` })
    )
}

export const validateJobId = (jobId: string): Effect.Effect<JobId, ValidationError> =>
  Schema.is(JobId)(jobId)
    ? Effect.succeed(jobId)
    : Effect.fail(new ValidationError({ issue: `${JSON.stringify(jobId)} is not a job id (a UUID)` }))

export const validateListParams = validate(ListJobsParams, "list options")
export const validateMessagesParams = validate(ListMessagesParams, "messages options")
export const validateCreateParams = validate(CreateJobParams, "create options")
export const validateMoveRequest = validate(MoveRequest, "move request")
export const validateReleaseRequest = validate(ReleaseRequest, "release request")

const RetryFailedOptions = Schema.Struct({
  batchSize: Schema.optional(
    Schema.Int.pipe(
      Schema.between(1, MaxInvestigateIds, {
        message: () => `batchSize must be a whole number from 1 to ${MaxInvestigateIds}`
      })
    )
  )
})
export const validateRetryOptions = validate(RetryFailedOptions, "retry options")

const encodeCreate = Schema.encode(CreateJobParams)

/** The exact body a create request sends, from options already validated. */
export const createBody = (params: CreateJobParams) =>
  Effect.mapError(
    encodeCreate(params),
    (error) => new ValidationError({ issue: `create options: ${describeParseError(error)}` })
  )
