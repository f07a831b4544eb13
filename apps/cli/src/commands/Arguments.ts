import { JobId } from "@cfbulk/core"
import * as Args from "@effect/cli/Args"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"

// The arguments several commands take, and their checks.

/**
 * A job id as typed or pasted: whitespace around it is dropped, a trailing CR included, so the id
 * column of a CSV listing (CRLF line ends) can be passed on as it is:
 * `cfbulk get "$(cfbulk list --limit 1 --format csv --fields id | tail -1)"`.
 */
export const parseJobId = (text: string): Either.Either<JobId, string> => {
  const id = text.trim()
  return Schema.is(JobId)(id)
    ? Either.right(id)
    : Either.left(`${JSON.stringify(text)} is not a job id (a UUID)`)
}

/**
 * A job id, checked with core's own `JobId` schema as the command line is parsed (`parseJobId`):
 * anything but a UUID with whitespace around it is a usage error before anything is asked or sent.
 */
export const jobIdArg: Args.Args<JobId> = Args.text({ name: "job-id" }).pipe(
  Args.mapEffect((text) =>
    Either.match(parseJobId(text), {
      onLeft: (issue) => Effect.fail(HelpDoc.p(issue)),
      onRight: Effect.succeed
    })
  ),
  Args.withDescription("The job's id (a UUID)")
)

export const yesOption = Options.boolean("yes").pipe(
  Options.withAlias("y"),
  Options.withDescription("Go ahead without asking (required when stdin is not a terminal)")
)
