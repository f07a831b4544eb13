import { BulkJobs, type BulkJobsService, type ConfigurationError } from "@cfbulk/core"
import * as Command from "@effect/cli/Command"
import * as Effect from "effect/Effect"
import { buildBulkJobs } from "../ClientLayer.js"
import { commandDescriptions } from "../Descriptions.js"
import type { Declined, UsageError } from "../Errors.js"
import { cfbulk, type Globals } from "../GlobalOptions.js"
import { confirm } from "../io/Confirm.js"
import * as Stdout from "../io/Stdout.js"
import * as Tty from "../io/Tty.js"
import { jobIdArg, yesOption } from "./Arguments.js"

/** What a confirmation asks: `what` names the action in a refusal, `question` is the prompt. */
export interface Confirmation {
  readonly what: string
  readonly question: string
  readonly yes: boolean
}

/**
 * Runs `call` once confirmed. The client is built first, so a missing token or a refused base URL
 * is reported before the question, never after a "y".
 */
export const confirmedCall = <A, E>(
  globals: Globals,
  confirmation: Confirmation,
  call: Effect.Effect<A, E, BulkJobs>
): Effect.Effect<A, E | ConfigurationError | UsageError | Declined> =>
  Effect.scoped(Effect.gen(function*() {
    const services = yield* buildBulkJobs(globals)
    yield* confirm(confirmation.what, confirmation.question, confirmation.yes)
    return yield* Effect.provide(call, services)
  }))

/** A command that acts on one job after confirmation (`cancel`, `delete`) and prints the outcome. */
export const jobActionCommand = <A, E>(spec: {
  readonly name: "cancel" | "delete"
  readonly question: (jobId: string) => string
  readonly call: (jobs: BulkJobsService, jobId: string) => Effect.Effect<A, E>
  /** The outcome for a person at a terminal, and as a line for scripts. */
  readonly render: (result: A) => { readonly tty: string; readonly plain: string }
}) =>
  Command.make(spec.name, { jobId: jobIdArg, yes: yesOption }, (args) =>
    Effect.gen(function*() {
      const globals = yield* cfbulk
      const result = yield* confirmedCall(
        globals,
        { what: `${spec.name} job ${args.jobId}`, question: spec.question(args.jobId), yes: args.yes },
        Effect.flatMap(BulkJobs, (jobs) => spec.call(jobs, args.jobId))
      )
      const { plain, tty } = spec.render(result)
      yield* Stdout.write((Tty.stdoutIsTty() ? tty : plain) + "\n")
    })).pipe(Command.withDescription(commandDescriptions[spec.name]))
