import { ActionTypes, JobStatuses } from "@cfbulk/core"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Option from "effect/Option"
import { commandDescriptions } from "../Descriptions.js"
import { encodeJob, jobFields } from "../output/JobFields.js"
import { defined } from "../util/Defined.js"
import { listingOptions, printListing } from "./ListingPages.js"

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

export const list = Command.make(
  "list",
  options,
  (args) =>
    printListing(args, jobFields, encodeJob, (jobs, paging) => {
      const params = defined({
        status: Option.getOrUndefined(args.status),
        action_type: Option.getOrUndefined(args.actionType),
        ...paging
      })
      return { page: (page) => jobs.listPage({ ...params, page }), all: () => jobs.list(params) }
    })
).pipe(Command.withDescription(commandDescriptions.list))
