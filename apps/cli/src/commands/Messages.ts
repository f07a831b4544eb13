import { MessageStatuses } from "@cfbulk/core"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Option from "effect/Option"
import { commandDescriptions } from "../Descriptions.js"
import { encodeMessage, messageFields } from "../output/MessageFields.js"
import { defined } from "../util/Defined.js"
import { jobIdArg } from "./Arguments.js"
import { listingOptions, printListing } from "./ListingPages.js"

const options = {
  jobId: jobIdArg,
  status: Options.choice("status", MessageStatuses).pipe(
    Options.withDescription("Only messages in this status"),
    Options.optional
  ),
  ...listingOptions
}

export const messages = Command.make(
  "messages",
  options,
  (args) =>
    printListing(args, messageFields, encodeMessage, (jobs, paging) => {
      const params = defined({ status: Option.getOrUndefined(args.status), ...paging })
      return {
        page: (page) => jobs.messagesPage(args.jobId, { ...params, page }),
        all: () => jobs.messages(args.jobId, params)
      }
    })
).pipe(Command.withDescription(commandDescriptions.messages))
