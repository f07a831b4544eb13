import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { ValidationError } from "../http/Errors.js"
import { JobId } from "../schema/Ids.js"
import { MaxInvestigateIds, MoveRequest, ReleaseRequest } from "../schema/Investigate.js"
import { CreateJobParams, ListJobsParams, ListMessagesParams } from "../schema/Params.js"
import type { RetryBatch, RetryFailedOptions } from "../service/MessageRetry.js"
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

const batchSizeRange = { message: () => `batchSize must be a whole number from 1 to ${MaxInvestigateIds}` }

const RetryOptionsSchema = Schema.Struct({
  batchSize: Schema.optional(
    Schema.Number.pipe(Schema.int(batchSizeRange), Schema.between(1, MaxInvestigateIds, batchSizeRange))
  ),
  exclude: Schema.Array(
    Schema.String.annotations({ message: () => "exclude takes Investigate ids, which are strings" })
  )
})
const validateRetryOptionsSchema = validate(RetryOptionsSchema, "retry options")

/** The options of a retry once checked: the ids to leave out as a set. */
export interface CheckedRetryOptions {
  readonly batchSize: number | undefined
  readonly exclude: ReadonlySet<string>
  readonly onSend: (batch: RetryBatch) => Effect.Effect<void>
}

const sendsSilently = (_batch: RetryBatch): Effect.Effect<void> => Effect.void

export const isIterable = (value: unknown): value is Iterable<unknown> =>
  typeof value === "object" && value !== null && Symbol.iterator in value

/**
 * Checks a retry's options. `exclude` is read once, here (it may be a one-shot iterator). A lone
 * string is an iterable of its characters: refused rather than read as one-letter ids.
 */
export const validateRetryOptions = (
  options: RetryFailedOptions
): Effect.Effect<CheckedRetryOptions, ValidationError> => {
  const exclude: unknown = options.exclude
  if (exclude !== undefined && !isIterable(exclude)) {
    return Effect.fail(
      new ValidationError({
        issue: `retry options: exclude: expected a collection of Investigate ids (an array or a Set), got ${
          typeof exclude === "string" ? "a single string" : exclude === null ? "null" : typeof exclude
        }`
      })
    )
  }
  const onSend: unknown = options.onSend
  if (onSend !== undefined && typeof onSend !== "function") {
    return Effect.fail(
      new ValidationError({
        issue: `retry options: onSend: expected a function of the batch about to be sent, got ${
          onSend === null ? "null" : typeof onSend
        }`
      })
    )
  }
  return Effect.map(
    validateRetryOptionsSchema({
      batchSize: options.batchSize,
      exclude: exclude === undefined ? [] : Array.from(exclude)
    }),
    (checked) => ({
      batchSize: checked.batchSize,
      exclude: new Set(checked.exclude),
      onSend: options.onSend ?? sendsSilently
    })
  )
}

const encodeCreate = Schema.encode(CreateJobParams)

/** The exact body a create request sends, from options already validated. */
export const createBody = (params: CreateJobParams) =>
  Effect.mapError(
    encodeCreate(params),
    (error) => new ValidationError({ issue: `create options: ${describeParseError(error)}` })
  )
