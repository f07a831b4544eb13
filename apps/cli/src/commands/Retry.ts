import {
  BulkJobs,
  type BulkJobsError,
  MaxInvestigateIds,
  type RetryBatch,
  type RetryFailedOptions,
  RetryResult,
  type RetryStep,
  ValidationError
} from "@cfbulk/core"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import { buildBulkJobs, withBulkJobs } from "../ClientLayer.js"
import { commandDescriptions } from "../Descriptions.js"
import { formatShort } from "../DurationText.js"
import { type BrokenPipe, RetryIncomplete, RetryRefused, type StdoutError } from "../Errors.js"
import { readExcludeFrom } from "../ExcludeFrom.js"
import { cfbulk } from "../GlobalOptions.js"
import { confirm, requireAnswerable } from "../io/Confirm.js"
import * as Stderr from "../io/Stderr.js"
import * as Stdout from "../io/Stdout.js"
import { formatOption, type Listing, makeListing, printStream } from "../output/Format.js"
import { encodeRetryRow, retryFields, type RetryRow, retryRow } from "../output/RetryFields.js"
import {
  addStep,
  confirmQuestion,
  dryRunText,
  emptyPlan,
  planLines,
  type RetryPlan
} from "../RetryPlanText.js"
import { withRetryProgress } from "../RetryProgress.js"
import {
  countedOf,
  countResult,
  emptyTally,
  everySucceeded,
  retrySummary,
  type RetryTally,
  stoppedSummary
} from "../RetryTally.js"
import { defined } from "../util/Defined.js"
import { jobIdArg, yesOption } from "./Arguments.js"

// Its range is core's to check (a usage error before any request, as any option core refuses).
const batchSizeOption = Options.integer("batch-size").pipe(
  Options.withDescription(`Investigate ids per move or release call, 1-${MaxInvestigateIds} (default 1000)`),
  Options.optional
)

const fieldsOption = Options.text("fields").pipe(
  Options.withDescription(
    "Comma-separated fields to show, e.g. id,outcome,reason (an unknown one lists the valid ones)"
  ),
  Options.optional
)

const excludeFromOption = Options.text("exclude-from").pipe(
  Options.withPseudoName("file"),
  Options.withDescription(
    "The rows an earlier retry of this job printed (ndjson, json or csv, with investigate_id and outcome): " +
      "the messages it moved, released or could not confirm are left out, not sent again"
  ),
  Options.optional
)

const options = {
  jobId: jobIdArg,
  dryRun: Options.boolean("dry-run").pipe(
    Options.withDescription("Print what would be sent, by reason, and the first request body; send nothing")
  ),
  yes: yesOption,
  format: formatOption,
  fields: fieldsOption,
  batchSize: batchSizeOption,
  excludeFrom: excludeFromOption
}

/** Reads the job and its FAILED messages and sums up what retrying them would send. Sends nothing. */
const planOf = (
  jobId: string,
  retryOptions: RetryFailedOptions
): Effect.Effect<RetryPlan, BulkJobsError, BulkJobs> =>
  Effect.flatMap(BulkJobs, (jobs) => Stream.runFold(jobs.planRetry(jobId, retryOptions), emptyPlan, addStep))

/**
 * `planOf`, keeping the steps too, so that what is sent after the question is exactly what it was
 * about (core's `retryPlanned`), without reading the messages a second time. Every FAILED message is
 * held until sent (README, "Finishing a job"); with `--yes` nothing is held.
 */
const keptPlanOf = (
  jobId: string,
  retryOptions: RetryFailedOptions
): Effect.Effect<
  { readonly plan: RetryPlan; readonly steps: ReadonlyArray<RetryStep> },
  BulkJobsError,
  BulkJobs
> =>
  Effect.flatMap(
    BulkJobs,
    (jobs) =>
      Effect.map(Stream.runCollect(jobs.planRetry(jobId, retryOptions)), (collected) => {
        const steps = Chunk.toReadonlyArray(collected)
        return { plan: steps.reduce(addStep, emptyPlan), steps }
      })
  )

/** What a retry sends: a job's FAILED messages planned as it goes, or a plan already shown. */
export type RetrySource =
  | { readonly _tag: "Job"; readonly jobId: string; readonly options: RetryFailedOptions }
  | { readonly _tag: "Plan"; readonly steps: ReadonlyArray<RetryStep> }

/** The move or release call sent whose results have not come yet, if any (core's `onSend`). */
type InFlight = Ref.Ref<Option.Option<RetryBatch>>

/** Why the messages of a call cut off have the outcome unknown. */
const cutOffReason = "cut off by Ctrl-C: the call may have acted on it"

/** The rows of the call in flight, if any: each of its messages unknown, since it may have been acted on. */
const cutOffRows = (inFlight: InFlight): Effect.Effect<ReadonlyArray<RetryRow>> =>
  Effect.map(
    Effect.all([Ref.get(inFlight), Clock.currentTimeMillis]),
    ([batch, now]) =>
      Option.match(batch, {
        onNone: () => [],
        onSome: ({ index, targets }) =>
          targets.map((target) =>
            retryRow(RetryResult.Unknown({ ...target, batch: index, reason: cutOffReason }), now)
          )
      })
  )

/**
 * Retries a job's FAILED messages (core's `retryFailed`, or `retryPlanned` for a plan already shown)
 * and prints one row per message as results come, with a live progress line on a terminal's stderr.
 * Each result is counted into `tally` as it comes, so that whoever started the retry can say what it
 * did, however it ended. `inFlight` holds the call sent and not yet answered: when the retry is
 * interrupted (Ctrl-C) with one, its messages get a row each, `unknown`, so that `--exclude-from`
 * with this run's rows leaves them out. `total` is the number of FAILED messages, when a plan said so.
 */
export const printRetry = (
  listing: Listing<RetryRow>,
  source: RetrySource,
  total: number | undefined,
  tally: Ref.Ref<RetryTally>,
  inFlight: InFlight
): Effect.Effect<void, BulkJobsError | BrokenPipe | StdoutError, BulkJobs> =>
  Effect.flatMap(BulkJobs, (jobs) =>
    withRetryProgress(total, (show) => {
      const onSend = (batch: RetryBatch) => Ref.set(inFlight, Option.some(batch))
      const results = source._tag === "Job"
        ? jobs.retryFailed(source.jobId, { ...source.options, onSend })
        : jobs.retryPlanned(source.steps, { onSend })
      const rows = results.pipe(
        Stream.mapChunksEffect((chunk) =>
          Effect.gen(function*() {
            const now = yield* Clock.currentTimeMillis
            // A call's results are out: it is no longer in flight.
            yield* Ref.update(
              inFlight,
              Option.filter((batch) =>
                !Chunk.some(chunk, (result) => "batch" in result && result.batch === batch.index)
              )
            )
            show(yield* Ref.updateAndGet(tally, (counted) => Chunk.reduce(chunk, counted, countResult)), now)
            return Chunk.map(chunk, (result) => retryRow(result, now))
          })
        )
      )
      return printStream(listing, rows, { empty: false, whenInterrupted: cutOffRows(inFlight) })
    }))

/** What a retry did: the messages by outcome and the calls answered, and how long it took. */
export interface RetryReport {
  readonly tally: RetryTally
  readonly elapsedMs: number
}

/** Whether a retry ended early, as opposed to ending, or to its reader of stdout going away. */
const endedEarly = (exit: Exit.Exit<unknown, { readonly _tag: string }>): boolean =>
  Exit.match(exit, {
    onSuccess: () => false,
    onFailure: (cause) =>
      Option.match(Cause.failureOption(cause), {
        onNone: () => true,
        onSome: (error) => error._tag !== "BrokenPipe"
      })
  })

/**
 * `printRetry`, timed: what it did, for the summary. When it ends early (refused credentials, Ctrl-C)
 * after it began, what it did so far is said on stderr, with the call cut off by Ctrl-C, if any,
 * before the error (if any) that ended it. A call refused (401, 403) was not cut off: it did nothing.
 */
export const reportedRetry = (
  listing: Listing<RetryRow>,
  source: RetrySource,
  total: number | undefined
): Effect.Effect<RetryReport, BulkJobsError | BrokenPipe | StdoutError, BulkJobs> =>
  Effect.gen(function*() {
    const tally = yield* Ref.make(emptyTally)
    const inFlight: InFlight = yield* Ref.make(Option.none<RetryBatch>())
    const started = yield* Clock.currentTimeMillis
    const report = Effect.map(
      Effect.all([Ref.get(tally), Clock.currentTimeMillis]),
      ([counted, now]): RetryReport => ({ tally: counted, elapsedMs: now - started })
    )
    yield* printRetry(listing, source, total, tally, inFlight).pipe(
      Effect.onExit((exit) =>
        endedEarly(exit)
          ? Effect.flatMap(
            Effect.all([report, Ref.get(inFlight)]),
            ([{ elapsedMs, tally: counted }, batch]) => {
              const cut = Exit.isInterrupted(exit) ? Option.getOrUndefined(batch) : undefined
              return countedOf(counted) === 0 && cut === undefined
                ? Effect.void
                : Stderr.write(`cfbulk: ${stoppedSummary(counted, formatShort(elapsedMs), cut)}\n`)
            }
          )
          : Effect.void
      )
    )
    return yield* report
  })

/** The summary of a retry, for the lines at the end. */
export const reportSummary = (report: RetryReport): string =>
  retrySummary(report.tally, formatShort(report.elapsedMs))

/**
 * Core's refusals, once the command line's own checks have passed: they are about the job (still
 * running, an action cfbulk does not retry) or the options, never "invalid input" the user typed.
 */
const asRefusal = <A, E, R>(
  effect: Effect.Effect<A, E | ValidationError, R>
): Effect.Effect<A, Exclude<E, ValidationError> | RetryRefused, R> =>
  Effect.catchIf(
    effect,
    (error): error is ValidationError => error instanceof ValidationError,
    (error) => Effect.fail(new RetryRefused({ issue: error.issue }))
  )

export const retry = Command.make("retry", options, (args) =>
  Effect.gen(function*() {
    const globals = yield* cfbulk
    // Bad --fields are refused before anything is read.
    const listing = yield* makeListing(retryFields, encodeRetryRow, args.format, args.fields)
    // Read before anything is asked or sent: a file that is not a retry's rows is a usage error.
    const excluded = yield* Effect.transposeMapOption(args.excludeFrom, readExcludeFrom)
    const retryOptions = defined({
      batchSize: Option.getOrUndefined(args.batchSize),
      exclude: Option.getOrUndefined(Option.map(excluded, (list) => list.ids))
    })
    if (args.dryRun) {
      const plan = yield* asRefusal(withBulkJobs(globals, planOf(args.jobId, retryOptions)))
      yield* Stdout.write(dryRunText(args.jobId, plan))
      yield* Stderr.note("dry run: nothing was sent\n")
      return
    }
    const what = `retrying the FAILED messages of job ${args.jobId}`
    // Refused before anything is read, as create and delete are.
    yield* requireAnswerable(what, args.yes)
    const report = yield* asRefusal(Effect.scoped(Effect.gen(function*() {
      const services = yield* buildBulkJobs(globals)
      const job: RetrySource = { _tag: "Job", jobId: args.jobId, options: retryOptions }
      if (args.yes) return yield* Effect.provide(reportedRetry(listing, job, undefined), services)
      // A person at the terminal: show what would be sent, ask (when something would be), and send
      // exactly that.
      const { plan, steps } = yield* Effect.provide(keptPlanOf(args.jobId, retryOptions), services)
      const summary = planLines(args.jobId, plan).join("\n") + "\n"
      // What the question is about is shown even with --quiet; with nothing to ask, it is a note.
      if (plan.first === undefined) yield* Stderr.note(summary)
      else {
        yield* Stderr.write(summary)
        yield* confirm(what, confirmQuestion(plan), false)
      }
      const planned: RetrySource = { _tag: "Plan", steps }
      return yield* Effect.provide(
        reportedRetry(listing, planned, plan.messages + countedOf(plan.skips)),
        services
      )
    })))
    const summary = reportSummary(report)
    if (!everySucceeded(report.tally)) return yield* new RetryIncomplete({ summary })
    yield* Stderr.note(`cfbulk: ${summary}\n`)
  })).pipe(Command.withDescription(commandDescriptions.retry))
