import { JobId } from "@cfbulk/core"
import * as Args from "@effect/cli/Args"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

// The arguments several commands take, and their checks.

/**
 * A job id, checked with core's own `JobId` schema as the command line is parsed: a bad one is a usage
 * error before anything is asked or sent, in the words core uses when it refuses one.
 */
export const jobIdArg: Args.Args<JobId> = Args.text({ name: "job-id" }).pipe(
  Args.mapEffect((text) =>
    Schema.is(JobId)(text)
      ? Effect.succeed(text)
      : Effect.fail(HelpDoc.p(`${JSON.stringify(text)} is not a job id (a UUID)`))
  ),
  Args.withDescription("The job's id (a UUID)")
)

export const yesOption = Options.boolean("yes").pipe(
  Options.withAlias("y"),
  Options.withDescription("Go ahead without asking (required when stdin is not a terminal)")
)
