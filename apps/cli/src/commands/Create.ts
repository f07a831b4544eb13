import {
  ActionTypes,
  BulkJobs,
  CreateJobParams,
  DeliveryStatuses,
  Destinations,
  Dispositions,
  MessageActions
} from "@cfbulk/core"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as CliValidationError from "@effect/cli/ValidationError"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { commandDescriptions } from "../Descriptions.js"
import { UsageError } from "../Errors.js"
import { cfbulk } from "../GlobalOptions.js"
import * as Stderr from "../io/Stderr.js"
import * as Stdout from "../io/Stdout.js"
import * as Tty from "../io/Tty.js"
import { describeSearch } from "../output/Detail.js"
import { yesOption } from "./Arguments.js"
import { confirmedCall } from "./Confirmed.js"

const text = (name: string, description: string) =>
  Options.text(name).pipe(Options.withDescription(description), Options.optional)

const choice = <const A extends ReadonlyArray<string>>(name: string, values: A, description: string) =>
  Options.choice(name, values).pipe(Options.withDescription(description), Options.optional)

/**
 * A search flag sent only when given: `--x` sends true, `--no-x` false, neither leaves it to the
 * API's default (a plain boolean option would always send false).
 */
const tristate = (name: string, description: string) =>
  Options.all({
    yes: Options.boolean(name).pipe(Options.withDescription(description)),
    no: Options.boolean(`no-${name}`).pipe(Options.withDescription(`Send ${name.replace(/-/g, "_")}: false`))
  }).pipe(Options.mapEffect(({ no, yes }) =>
    yes && no
      ? Effect.fail(
        CliValidationError.invalidValue(HelpDoc.p(`--${name} and --no-${name} contradict each other`))
      )
      : Effect.succeed(yes ? Option.some(true) : no ? Option.some(false) : Option.none())
  ))

export const createOptions = {
  action: Options.choice("action", ActionTypes).pipe(
    Options.withDescription("MOVE or RELEASE every message the search matches")
  ),
  destination: choice("destination", Destinations, "The mailbox folder to move to (required for MOVE)"),
  start: text("start", "Start of the search range, ISO-8601 (e.g. 2025-01-05T00:00:00Z; no zone means UTC)"),
  end: text("end", "End of the search range, ISO-8601"),
  sender: text("sender", "Sender address or domain"),
  recipient: text("recipient", "Recipient address or domain"),
  subject: text("subject", "Subject keywords, in any order"),
  exactSubject: text("exact-subject", "The exact subject line"),
  domain: text("domain", "Sender domain, recipient domain, or a domain in a link"),
  query: text("query", "Free text, space-delimited, case-insensitive"),
  messageId: text("message-id", "The Message-ID header value"),
  alertId: text("alert-id", "The alert id of the detection"),
  finalDisposition: choice("final-disposition", Dispositions, "Only messages with this final disposition"),
  deliveryStatus: choice("delivery-status", DeliveryStatuses, "Only messages with this delivery status"),
  messageAction: choice("message-action", MessageActions, "Only messages with this action taken"),
  smtpHeloIp: text("smtp-helo-ip", "Only messages whose SMTP HELO server IP is this"),
  submissions: tristate("submissions", "Search reclassification submissions instead of original messages"),
  detectionsOnly: tristate("detections-only", "Include only detections (the API's default is true)"),
  comment: text("comment", "A note stored with the job"),
  dryRun: Options.boolean("dry-run").pipe(
    Options.withDescription("Print the exact request body and send nothing")
  ),
  yes: yesOption
}

type CreateArgs = Command.Command.ParseConfig<typeof createOptions>

const isoDate = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i

/** An ISO-8601 date or date-time in the wire form; one without a zone is taken as UTC. */
const checkDate = (
  flag: string,
  value: Option.Option<string>
): Effect.Effect<string | undefined, UsageError> =>
  Option.match(value, {
    onNone: () => Effect.succeed(undefined),
    onSome: (raw) => {
      const input = raw.trim()
      const match = isoDate.exec(input)
      if (match === null || Number.isNaN(new Date(input).getTime())) {
        return Effect.fail(
          new UsageError({
            issue: `--${flag} ${JSON.stringify(raw)} is not an ISO-8601 date (e.g. 2025-01-05T00:00:00Z)`
          })
        )
      }
      const hasTime = input.length > 10
      return Effect.succeed(
        hasTime && match[1] === undefined ? input.replace(" ", "T") + "Z" : input.replace(" ", "T")
      )
    }
  })

/** The request as typed, checked with core's own schema before anything is asked or sent. */
export const buildParams = (args: CreateArgs): Effect.Effect<CreateJobParams, UsageError> =>
  Effect.gen(function*() {
    const start = yield* checkDate("start", args.start)
    const end = yield* checkDate("end", args.end)
    const given = <A>(option: Option.Option<A>) => Option.getOrUndefined(option)
    const searchParams = Object.fromEntries(
      Object.entries({
        start,
        end,
        sender: given(args.sender),
        recipient: given(args.recipient),
        subject: given(args.subject),
        exact_subject: given(args.exactSubject),
        domain: given(args.domain),
        query: given(args.query),
        message_id: given(args.messageId),
        alert_id: given(args.alertId),
        final_disposition: given(args.finalDisposition),
        delivery_status: given(args.deliveryStatus),
        message_action: given(args.messageAction),
        smtp_helo_ip: given(args.smtpHeloIp),
        submissions: given(args.submissions),
        detections_only: given(args.detectionsOnly)
      }).filter(([, value]) => value !== undefined)
    )
    const input = {
      action: args.action,
      search_params: searchParams,
      ...(Option.isSome(args.destination) ? { destination: args.destination.value } : {}),
      ...(Option.isSome(args.comment) ? { comment: args.comment.value } : {})
    }
    return yield* Effect.mapError(
      Schema.decodeUnknown(CreateJobParams)(input, { onExcessProperty: "error" }),
      // Core's schema says what is wrong, naming the field: "destination is required when action is MOVE".
      (error) =>
        new UsageError({
          issue: `invalid job: ${
            ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => issue.message).join("; ")
          }`
        })
    )
  })

const encodeParams = Schema.encode(CreateJobParams)

export const create = Command.make("create", createOptions, (args) =>
  Effect.gen(function*() {
    const params = yield* buildParams(args)
    // The body exactly as core will send it: the encoded request.
    const body = yield* Effect.orDie(encodeParams(params))
    if (args.dryRun) {
      yield* Stdout.write(JSON.stringify(body, null, 2) + "\n")
      yield* Stderr.note("dry run: nothing was sent\n")
      return
    }
    const globals = yield* cfbulk
    const target = params.destination === undefined ? "" : ` to ${params.destination}`
    const job = yield* confirmedCall(
      globals,
      {
        what: `create a ${params.action} job`,
        question: `${params.action}${target} every message matching: ${describeSearch(body.search_params)}?`,
        yes: args.yes
      },
      Effect.flatMap(BulkJobs, (jobs) => jobs.create(params))
    )
    yield* Stdout.write(
      Tty.stdoutIsTty()
        ? `Created ${job.action_type} job ${job.job_id} (${job.status}). Follow it with: cfbulk watch ${job.job_id}\n`
        : job.job_id + "\n"
    )
  })).pipe(
    Command.withDescription(commandDescriptions.create)
  )
