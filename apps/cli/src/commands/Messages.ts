import { BulkJobs, MessageStatuses } from "@cfbulk/core"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { withBulkJobs } from "../ClientLayer.js"
import { commandDescriptions } from "../Descriptions.js"
import { cfbulk } from "../GlobalOptions.js"
import { makeListing, printStream } from "../output/Format.js"
import { encodeMessage, messageFields } from "../output/MessageFields.js"
import { defined } from "../util/Defined.js"
import { jobIdArg } from "./Arguments.js"
import { listingOptions, pageOrAll, pagingParams } from "./ListingPages.js"

const options = {
  jobId: jobIdArg,
  status: Options.choice("status", MessageStatuses).pipe(
    Options.withDescription("Only messages in this status"),
    Options.optional
  ),
  ...listingOptions
}

export const messages = Command.make("messages", options, (args) =>
  Effect.gen(function*() {
    const globals = yield* cfbulk
    const listing = yield* makeListing(messageFields, encodeMessage, args.format, args.fields)
    const params = defined({
      status: Option.getOrUndefined(args.status),
      ...pagingParams(args, globals)
    })
    yield* withBulkJobs(
      globals,
      Effect.flatMap(BulkJobs, (jobs) =>
        printStream(
          listing,
          pageOrAll(
            args.page,
            params.limit,
            (page) => jobs.messagesPage(args.jobId, { ...params, page }),
            () => jobs.messages(args.jobId, params)
          )
        ))
    )
  })).pipe(Command.withDescription(commandDescriptions.messages))
