import { BulkJobs } from "@cfbulk/core"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import { withBulkJobs } from "../ClientLayer.js"
import { commandDescriptions } from "../Descriptions.js"
import { cfbulk } from "../GlobalOptions.js"
import * as Stdout from "../io/Stdout.js"
import * as Tty from "../io/Tty.js"
import { jobDetail } from "../output/Detail.js"
import { encodeJob } from "../output/JobFields.js"
import { jobIdArg } from "./Arguments.js"

const formatOption = Options.choice("format", ["text", "json"]).pipe(
  Options.withAlias("o"),
  Options.withDescription("text (a readable view) or json (the job as the API sends it)"),
  Options.withDefault("text")
)

export const get = Command.make(
  "get",
  { jobId: jobIdArg, format: formatOption },
  (args) =>
    Effect.gen(function*() {
      const globals = yield* cfbulk
      const job = yield* withBulkJobs(globals, Effect.flatMap(BulkJobs, (jobs) => jobs.get(args.jobId)))
      const encoded = encodeJob(job)
      yield* Stdout.write(
        args.format === "json"
          ? JSON.stringify(encoded, null, 2) + "\n"
          : jobDetail(job, encoded["search_params"], Tty.colorStdout())
      )
    })
).pipe(Command.withDescription(commandDescriptions.get))
