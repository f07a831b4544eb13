import { ActionTypes, BulkJobs, JobStatuses } from "@cfbulk/core"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { withBulkJobs } from "../ClientLayer.js"
import { commandDescriptions } from "../Descriptions.js"
import { cfbulk } from "../GlobalOptions.js"
import { fieldsOption, formatOption, limitOption, makeListing, printStream } from "../output/Format.js"
import { jobFields } from "../output/JobFields.js"
import { defined, encodeJob } from "./Shared.js"

export const perPageOption = Options.integer("per-page").pipe(
  Options.withDescription("Items per request, 1-1000 (default 1000)"),
  Options.optional
)

export const pageOption = Options.integer("page").pipe(
  Options.withDescription("Fetch only this page (1-based), instead of every page"),
  Options.optional
)

const options = {
  status: Options.choice("status", JobStatuses).pipe(
    Options.withDescription("Only jobs in this status"),
    Options.optional
  ),
  actionType: Options.choice("action-type", ActionTypes).pipe(
    Options.withDescription("Only MOVE or only RELEASE jobs"),
    Options.optional
  ),
  perPage: perPageOption,
  page: pageOption,
  limit: limitOption,
  format: formatOption,
  fields: fieldsOption
}

export const list = Command.make("list", options, (args) =>
  Effect.gen(function*() {
    const globals = yield* cfbulk
    const listing = yield* makeListing(jobFields, encodeJob, args.format, args.fields)
    const params = defined({
      status: Option.getOrUndefined(args.status),
      action_type: Option.getOrUndefined(args.actionType),
      per_page: Option.getOrUndefined(args.perPage),
      limit: Option.getOrUndefined(args.limit),
      concurrency: Option.getOrUndefined(globals.concurrency)
    })
    yield* withBulkJobs(
      globals,
      Effect.flatMap(BulkJobs, (jobs) =>
        printStream(
          listing,
          Option.match(args.page, {
            // One page only: `listPage` never follows on to the next one.
            onSome: (page) => {
              const items = Stream.flatMap(
                Stream.fromEffect(jobs.listPage({ ...params, page })),
                (result) => Stream.fromIterable(result.items)
              )
              return params.limit === undefined ? items : Stream.take(items, params.limit)
            },
            onNone: () => jobs.list(params)
          })
        ))
    )
  })).pipe(Command.withDescription(commandDescriptions.list))
