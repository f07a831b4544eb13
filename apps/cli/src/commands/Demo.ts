import { BulkJobs, type CreateJobParams } from "@cfbulk/core"
import { CreateJobParams as CreateJobParamsSchema } from "@cfbulk/core"
import { serve } from "@cfbulk/emulator/command"
import * as Command from "@effect/cli/Command"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { commandDescriptions } from "../Descriptions.js"
import { cfbulk } from "../GlobalOptions.js"
import { paint } from "../io/Paint.js"
import * as Stdout from "../io/Stdout.js"
import * as Tty from "../io/Tty.js"
import { makeListing, printStream } from "../output/Format.js"
import { encodeJob, jobFields } from "../output/JobFields.js"
import { encodeMessage, messageFields } from "../output/MessageFields.js"
import { encodeRetryRow, retryFields } from "../output/RetryFields.js"
import { summary } from "../WatchProgress.js"
import { reportedRetry, reportSummary } from "./Retry.js"
import { emulatorFailure } from "./ServeEmulator.js"
import { watchJob } from "./Watch.js"

/** The job the demo creates: a phishing wave moved to junk. */
const demoJob: CreateJobParams = {
  action: "MOVE",
  destination: "JunkEmail",
  search_params: { sender: "billing@paypa1.example", detections_only: true },
  comment: "cfbulk demo: the fake PayPal wave"
}

const step = (command: string) => Stdout.write(`\n${paint(Tty.colorStdout(), "bold", `$ ${command}`)}\n`)

/**
 * A tour with no account: a seeded emulator on loopback, the jobs as a table, a MOVE job created and
 * watched to the end, its failed messages, and their retry. Never asks anything, so it runs the same in CI.
 */
export const demo = Command.make("demo", {}, () =>
  Effect.gen(function*() {
    const globals = yield* cfbulk
    // Seed 33 makes the created job find 467 messages, 9 of which fail: something to show at the end.
    const running = yield* serve({
      jobs: 12,
      seed: 33,
      jobDuration: Duration.seconds(6),
      jobFailureRate: 0,
      rateLimit: false
    }).pipe(
      Effect.mapError(emulatorFailure)
    )
    const color = Tty.colorStdout()
    yield* Stdout.write(
      paint(color, "bold", "cfbulk demo") + ": no account needed, a local emulator of the API serves\n" +
        `${running.url} with seeded jobs.\n`
    )
    const jobs = Layer.provide(
      BulkJobs.layer({
        credentials: { _tag: "ApiToken", token: Redacted.make(running.token) },
        accountId: running.accountId,
        baseUrl: running.url,
        timeout: Option.getOrUndefined(globals.timeout),
        maxRetries: Option.getOrUndefined(globals.maxRetries)
      }),
      FetchHttpClient.layer
    )
    yield* Effect.gen(function*() {
      const service = yield* BulkJobs

      yield* step("cfbulk list --limit 8")
      const jobTable = yield* makeListing(jobFields, encodeJob, Option.some("table"), Option.none())
      yield* printStream(jobTable, service.list({ limit: 8 }))

      yield* step(
        `cfbulk create --action MOVE --destination JunkEmail \\\n    --sender ${demoJob.search_params.sender} --yes`
      )
      const body = yield* Effect.orDie(Schema.encode(CreateJobParamsSchema)(demoJob))
      yield* Stdout.write(paint(color, "dim", `request body: ${JSON.stringify(body, null, 2)}`) + "\n")
      const created = yield* service.create(demoJob)
      yield* Stdout.write(`Created ${created.action_type} job ${created.job_id} (${created.status})\n`)

      yield* step(`cfbulk watch ${created.job_id} --interval 1s`)
      const { job, watchedMs } = yield* watchJob(created.job_id, Duration.seconds(1))
      yield* Stdout.write(summary(job, watchedMs, color))

      yield* step(`cfbulk messages ${created.job_id} --status FAILED`)
      const messageTable = yield* makeListing(
        messageFields,
        encodeMessage,
        Option.some("table"),
        Option.none()
      )
      yield* printStream(messageTable, service.messages(created.job_id, { status: "FAILED" }))

      yield* step(`cfbulk retry ${created.job_id} --yes`)
      const retryTable = yield* makeListing(retryFields, encodeRetryRow, Option.some("table"), Option.none())
      const report = yield* reportedRetry(
        retryTable,
        { _tag: "Job", jobId: created.job_id, options: {} },
        undefined
      )
      yield* Stdout.write(reportSummary(report) + "\n")

      yield* Stdout.write(
        "\nYour turn: `cfbulk emulator` serves the same emulator and prints what to export\n" +
          "in another shell, then `cfbulk list`, `cfbulk create --help`, `cfbulk watch`,\n" +
          "`cfbulk retry --dry-run`.\n"
      )
    }).pipe(Effect.provide(jobs))
  }).pipe(Effect.scoped)).pipe(
    Command.withDescription(commandDescriptions.demo)
  )
