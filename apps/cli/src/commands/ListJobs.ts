import { ActionTypes, BulkJobs, JobStatuses } from "@cfbulk/core"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { withBulkJobs } from "../ClientLayer.js"
import { commandDescriptions } from "../Descriptions.js"
import { cfbulk } from "../GlobalOptions.js"
import { makeListing, printStream } from "../output/Format.js"
import { encodeJob, jobFields } from "../output/JobFields.js"
import { defined } from "../util/Defined.js"
import { listingOptions, pageOrAll, pagingParams } from "./ListingPages.js"

const options = {
  status: Options.choice("status", JobStatuses).pipe(
    Options.withDescription("Only jobs in this status"),
    Options.optional
  ),
  actionType: Options.choice("action-type", ActionTypes).pipe(
    Options.withDescription("Only MOVE or only RELEASE jobs"),
    Options.optional
  ),
  ...listingOptions
}

export const list = Command.make("list", options, (args) =>
  Effect.gen(function*() {
    const globals = yield* cfbulk
    const listing = yield* makeListing(jobFields, encodeJob, args.format, args.fields)
    const params = defined({
      status: Option.getOrUndefined(args.status),
      action_type: Option.getOrUndefined(args.actionType),
      ...pagingParams(args, globals)
    })
    yield* withBulkJobs(
      globals,
      Effect.flatMap(BulkJobs, (jobs) =>
        printStream(
          listing,
          pageOrAll(args.page, params.limit, (page) => jobs.listPage({ ...params, page }), () =>
            jobs.list(params))
        ))
    )
  })).pipe(Command.withDescription(commandDescriptions.list))
