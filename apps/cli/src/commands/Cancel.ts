import { BulkJobs, processedCount } from "@cfbulk/core"
import * as Command from "@effect/cli/Command"
import * as Effect from "effect/Effect"
import { withBulkJobs } from "../ClientLayer.js"
import { commandDescriptions } from "../Descriptions.js"
import { cfbulk } from "../GlobalOptions.js"
import { confirm } from "../io/Confirm.js"
import * as Stdout from "../io/Stdout.js"
import * as Tty from "../io/Tty.js"
import { checkJobId, jobIdArg, yesOption } from "./Shared.js"

export const cancel = Command.make(
  "cancel",
  { jobId: jobIdArg, yes: yesOption },
  (args) =>
    Effect.gen(function*() {
      const globals = yield* cfbulk
      const jobId = yield* checkJobId(args.jobId)
      yield* confirm(
        `cancel job ${jobId}`,
        `Cancel job ${jobId}? Messages not yet processed stay as they are.`,
        args.yes
      )
      const job = yield* withBulkJobs(globals, Effect.flatMap(BulkJobs, (jobs) => jobs.cancel(jobId)))
      yield* Stdout.write(
        Tty.stdoutIsTty()
          ? `Job ${job.job_id} is ${job.status}: ${
            processedCount(job)
          } of ${job.total_messages_discovered} messages were processed.\n`
          : `${job.job_id}\t${job.status}\n`
      )
    })
).pipe(Command.withDescription(commandDescriptions.cancel))
