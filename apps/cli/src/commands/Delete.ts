import { BulkJobs } from "@cfbulk/core"
import * as Command from "@effect/cli/Command"
import * as Effect from "effect/Effect"
import { withBulkJobs } from "../ClientLayer.js"
import { commandDescriptions } from "../Descriptions.js"
import { cfbulk } from "../GlobalOptions.js"
import { confirm } from "../io/Confirm.js"
import * as Stdout from "../io/Stdout.js"
import * as Tty from "../io/Tty.js"
import { checkJobId, jobIdArg, yesOption } from "./Shared.js"

export const deleteJob = Command.make(
  "delete",
  { jobId: jobIdArg, yes: yesOption },
  (args) =>
    Effect.gen(function*() {
      const globals = yield* cfbulk
      const jobId = yield* checkJobId(args.jobId)
      yield* confirm(
        `delete job ${jobId}`,
        `Delete job ${jobId}? It disappears from every listing.`,
        args.yes
      )
      const deleted = yield* withBulkJobs(globals, Effect.flatMap(BulkJobs, (jobs) => jobs.delete(jobId)))
      yield* Stdout.write(Tty.stdoutIsTty() ? `Deleted job ${deleted.id}.\n` : deleted.id + "\n")
    })
).pipe(
  Command.withDescription(commandDescriptions.delete)
)
