import { type BulkJob, type BulkJobMessage, JobId, toWire } from "@cfbulk/core"
import * as Args from "@effect/cli/Args"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { UsageError } from "../Errors.js"
import type { Encoded } from "../output/Fields.js"

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

// core's `toWire` is `Schema.encode` for these types (a property test there says so), ~30 times
// faster: at a million jobs, encoding with Schema would cost the CLI half a minute of CPU.
export const encodeJob = (job: BulkJob): Effect.Effect<Encoded> => Effect.succeed(toWire(job))
export const encodeMessage = (message: BulkJobMessage): Effect.Effect<Encoded> =>
  Effect.succeed(toWire(message))

/** Drops the keys whose value is `undefined`, for core's exact optional parameters. */
export const defined = <T extends Record<string, unknown>>(
  record: T
): { [K in keyof T]?: Exclude<T[K], undefined> } => {
  const result: { [K in keyof T]?: Exclude<T[K], undefined> } = {}
  for (const key of Object.keys(record) as Array<keyof T>) {
    const value = record[key]
    if (value !== undefined) result[key] = value as Exclude<T[keyof T], undefined>
  }
  return result
}
