import { JobId } from "@cfbulk/core"
import * as Args from "@effect/cli/Args"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { UsageError } from "../Errors.js"

// The arguments several commands take, and their checks.

export const jobIdArg = Args.text({ name: "job-id" }).pipe(Args.withDescription("The job's id (a UUID)"))

export const yesOption = Options.boolean("yes").pipe(
  Options.withAlias("y"),
  Options.withDescription("Go ahead without asking (required when stdin is not a terminal)")
)

/** A job id checked before anything is asked or sent. */
export const checkJobId = (jobId: string): Effect.Effect<string, UsageError> =>
  Schema.is(JobId)(jobId)
    ? Effect.succeed(jobId)
    : Effect.fail(new UsageError({ issue: `${JSON.stringify(jobId)} is not a job id (job ids are UUIDs)` }))
