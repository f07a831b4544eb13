import { type BulkJob, BulkJobs, type BulkJobsError, isTerminalStatus, processedCount } from "@cfbulk/core"
import { durationOption } from "@cfbulk/emulator/command"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as CliValidationError from "@effect/cli/ValidationError"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { withBulkJobs } from "../ClientLayer.js"
import { commandDescriptions } from "../Descriptions.js"
import { JobEndedUnsuccessfully } from "../Errors.js"
import { cfbulk } from "../GlobalOptions.js"
import * as LiveLine from "../io/LiveLine.js"
import * as Stderr from "../io/Stderr.js"
import * as Stdout from "../io/Stdout.js"
import * as Tty from "../io/Tty.js"
import { encodeJob } from "../output/JobFields.js"
import { rateOf, type Sample } from "../ProgressText.js"
import { liveLine, plainLine, summary, type View } from "../WatchProgress.js"
import { jobIdArg } from "./Arguments.js"

/** The shortest time between polls `--interval` accepts. */
const MinInterval = Duration.seconds(1)

/** Redraws a terminal's progress line this often between polls, so elapsed time and the spinner move. */
const redrawEvery = Duration.millis(250)

/**
 * Polls a job until it reaches a terminal status, showing progress on stderr: a bar redrawn in
 * place on a terminal, a line per change otherwise, nothing with `--quiet`. Returns the final job and how long it watched.
 */
export const watchJob = (
  jobId: string,
  interval: Duration.Duration
): Effect.Effect<{ readonly job: BulkJob; readonly watchedMs: number }, BulkJobsError, BulkJobs> =>
  Effect.gen(function*() {
    const jobs = yield* BulkJobs
    const quiet = yield* Stderr.isQuiet
    const live = Tty.stderrIsTty() && !quiet
    const color = Tty.colorStderr()
    const started = yield* Clock.currentTimeMillis
    const samples: Array<Sample> = []
    let tick = 0
    let lastPlain = ""
    let view: View | undefined = undefined
    const shown = () => (view === undefined ? "" : liveLine(view, Tty.stderrColumns(), color))
    const draw = (job: BulkJob, now: number) =>
      Effect.gen(function*() {
        view = { job, rate: rateOf(samples), elapsedMs: now - started, tick: tick++ }
        if (quiet) return
        if (live) {
          if (LiveLine.isActive()) LiveLine.redraw()
          else LiveLine.start(shown)
          return
        }
        // Off a terminal, a line only when something moved: logs stay short.
        const key = `${job.status} ${job.total_messages_discovered} ${job.messages_pending}`
        if (key !== lastPlain) {
          lastPlain = key
          yield* Stderr.write(plainLine(view) + "\n")
        }
      })
    const loop: Effect.Effect<BulkJob, BulkJobsError> = Effect.gen(function*() {
      for (;;) {
        const job = yield* jobs.get(jobId)
        const now = yield* Clock.currentTimeMillis
        samples.push({ at: now, processed: processedCount(job) })
        // The rate looks at the last few samples only; a watch of days keeps no more than these.
        if (samples.length > 12) samples.shift()
        yield* draw(job, now)
        if (isTerminalStatus(job.status)) return job
        const next = now + Duration.toMillis(interval)
        for (;;) {
          const current = yield* Clock.currentTimeMillis
          if (current >= next) break
          yield* Effect.sleep(
            live
              ? Duration.millis(Math.min(Duration.toMillis(redrawEvery), next - current))
              : Duration.millis(next - current)
          )
          if (live) yield* draw(job, yield* Clock.currentTimeMillis)
        }
      }
    })
    const job = yield* loop.pipe(
      // Leave the last line on the terminal, the cursor on a fresh line, however the watch ends.
      Effect.ensuring(live ? Effect.sync(() => LiveLine.finish()) : Effect.void)
    )
    return { job, watchedMs: (yield* Clock.currentTimeMillis) - started }
  })

const options = {
  jobId: jobIdArg,
  interval: durationOption("interval").pipe(
    // Every poll is a request against the account's budget (1200 per 5 minutes, shared by every
    // client): faster than once a second, one watch alone could spend a third of it.
    Options.mapEffect((interval) =>
      Duration.lessThan(interval, MinInterval)
        ? Effect.fail(
          CliValidationError.invalidValue(
            HelpDoc.p(
              `--interval must be at least 1s (got ${
                Duration.format(interval)
              }): each poll is one API request from the account's budget`
            )
          )
        )
        : Effect.succeed(interval)
    ),
    Options.withDescription("Time between polls, at least 1s, e.g. 5s (each poll is one API request)"),
    Options.withDefault(Duration.seconds(5))
  ),
  format: Options.choice("format", ["text", "json"]).pipe(
    Options.withAlias("o"),
    Options.withDescription("The final result as text (a summary) or json (the job)"),
    Options.withDefault("text")
  )
}

export const watch = Command.make("watch", options, (args) =>
  Effect.gen(function*() {
    const globals = yield* cfbulk
    const { job, watchedMs } = yield* withBulkJobs(globals, watchJob(args.jobId, args.interval))
    yield* Stdout.write(
      args.format === "json"
        ? JSON.stringify(encodeJob(job), null, 2) + "\n"
        : summary(job, watchedMs, Tty.colorStdout())
    )
    if (job.status === "FAILED" || job.status === "CANCELLED") {
      return yield* new JobEndedUnsuccessfully({
        jobId: job.job_id,
        status: job.status,
        statusMessage: job.status_message
      })
    }
  })).pipe(
    Command.withDescription(commandDescriptions.watch)
  )
