/**
 * The `BulkJobs` service: list, get, create, cancel and delete the bulk action jobs of one account,
 * list a job's messages, move or release explicit messages, and retry the messages a job left
 * FAILED (`planRetry`, `retryFailed`, `retryPlanned`). Listings are streams that fetch page after page (reading
 * ahead once a listing turns out long); every operation fails with a typed `BulkJobsError`.
 *
 * Provide it with one of the layers on the `BulkJobs` tag:
 *
 * - `BulkJobs.Default`: configuration from the environment (`CLOUDFLARE_API_TOKEN`, or
 *   `CLOUDFLARE_EMAIL` with `CLOUDFLARE_API_KEY`, and `CLOUDFLARE_ACCOUNT_ID`), over the platform's fetch;
 * - `BulkJobs.layer(options)`: explicit configuration, over any `HttpClient` you provide (fetch, Node,
 *   a stub, the emulator);
 * - `BulkJobs.layerConfig(config)`: configuration read through Effect `Config`, over any `HttpClient`;
 * - `BulkJobs.layerClient`: on a `CloudflareClient` you provide.
 *
 * For tests, `BulkJobsTest.layer` from `@cfbulk/core/testing` is an in-memory `BulkJobs` with no HTTP.
 *
 * @example
 * ```ts
 * import { BulkJobs } from "@cfbulk/core"
 * import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
 * import { Effect, Redacted, Stream } from "effect"
 *
 * // The ten newest completed jobs of the account.
 * const program = Effect.gen(function*() {
 *   const jobs = yield* BulkJobs
 *   return yield* jobs.list({ status: "COMPLETED", limit: 10 }).pipe(Stream.runCollect)
 * })
 *
 * // Configuration from the environment, over fetch: the layer needs nothing else.
 * const fromEnvironment = program.pipe(Effect.provide(BulkJobs.Default))
 *
 * // Explicit configuration, over an HttpClient of your choice.
 * const explicit = program.pipe(
 *   Effect.provide(
 *     BulkJobs.layer({
 *       credentials: { _tag: "ApiToken", token: Redacted.make("your-api-token") },
 *       accountId: "023e105f4ecef8ad9ca31a8372d0c353"
 *     })
 *   ),
 *   Effect.provide(FetchHttpClient.layer)
 * )
 *
 * // Both only describe the work: running either one (`Effect.runPromise(explicit)`) calls Cloudflare's API.
 * ```
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Clock from "effect/Clock"
import type * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import type * as ParseResult from "effect/ParseResult"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as CloudflareClient from "../http/CloudflareClient.js"
import { cloudflareConfig } from "../http/Config.js"
import {
  type BulkJobsError,
  type CloudflareError,
  ConfigurationError,
  type RepeatRisk,
  UnconfirmedCreateError
} from "../http/Errors.js"
import { makeAnswerDecoders } from "../internal/AnswerDecoders.js"
import { decodeMoveAnswer, decodeReleaseAnswer } from "../internal/InvestigateDecoders.js"
import type { Page } from "../internal/Page.js"
import { type PageSource, paginateWith } from "../internal/Paginate.js"
import { matchesCreate, outcomeUnknown } from "../internal/Reconcile.js"
import { makeRetryOperations } from "../internal/RetryFailed.js"
import {
  createBody,
  validateCreateParams,
  validateJobId,
  validateListParams,
  validateMessagesParams,
  validateMoveRequest,
  validateReleaseRequest
} from "../internal/Validate.js"
import { announceWaitOf } from "../internal/Waits.js"
import { type BulkJob, type DeletedJob } from "../schema/BulkJob.js"
import type { ResultInfo } from "../schema/Envelope.js"
import { type AccountId, type JobId } from "../schema/Ids.js"
import type {
  MoveRequest,
  MoveResponseItem,
  ReleaseRequest,
  ReleaseResponseItem
} from "../schema/Investigate.js"
import { type BulkJobMessage } from "../schema/JobMessage.js"
import {
  type CreateJobParams,
  DefaultPerPage,
  type ListJobsParams,
  type ListMessagesParams
} from "../schema/Params.js"
import type { RetryFailedOptions, RetryPlannedOptions, RetryResult, RetryStep } from "./MessageRetry.js"

/**
 * The operations on an account's bulk action jobs. Job ids are checked before anything is sent, so
 * a malformed one fails with a `ValidationError`.
 *
 * @since 0.1.0
 * @category models
 */
export interface BulkJobsService {
  /** The account every operation acts on. */
  readonly accountId: AccountId
  /** Every job matching the filters, newest first, fetched page after page as the stream is read. */
  readonly list: (params?: ListJobsParams) => Stream.Stream<BulkJob, BulkJobsError>
  /** One page of jobs (`params.page`, default 1). */
  readonly listPage: (params?: ListJobsParams) => Effect.Effect<Page<BulkJob>, BulkJobsError>
  /** One job, by id; fails with `NotFoundError` when the account has no such job. */
  readonly get: (jobId: string) => Effect.Effect<BulkJob, BulkJobsError>
  /** Starts a MOVE or RELEASE job. Never resent once it may have reached the server. */
  readonly create: (params: CreateJobParams) => Effect.Effect<BulkJob, BulkJobsError>
  /** Cancels a job that is still running; returns the job as the server reports it afterwards. */
  readonly cancel: (jobId: string) => Effect.Effect<BulkJob, BulkJobsError>
  /** Deletes a job in a terminal state. */
  readonly delete: (jobId: string) => Effect.Effect<DeletedJob, BulkJobsError>
  /** Every message of a job, with the same paging as `list`. */
  readonly messages: (
    jobId: string,
    params?: ListMessagesParams
  ) => Stream.Stream<BulkJobMessage, BulkJobsError>
  /** One page of a job's messages. */
  readonly messagesPage: (
    jobId: string,
    params?: ListMessagesParams
  ) => Effect.Effect<Page<BulkJobMessage>, BulkJobsError>
  /**
   * Moves explicit messages, by Investigate id (1 to 1000), to a folder; one answer item per
   * message and recipient. Never resent once it may have reached the server.
   */
  readonly moveMessages: (
    request: MoveRequest
  ) => Effect.Effect<ReadonlyArray<MoveResponseItem>, BulkJobsError>
  /**
   * Releases explicit messages from quarantine, by Investigate id (1 to 1000); one answer item per
   * message. Never resent once it may have reached the server.
   */
  readonly releaseMessages: (
    request: ReleaseRequest
  ) => Effect.Effect<ReadonlyArray<ReleaseResponseItem>, BulkJobsError>
  /**
   * What retrying a job's FAILED messages would send: reads the job and its messages, sends nothing.
   * Fails with a `ValidationError` for a job still running, or of an action or folder cfbulk does
   * not know.
   */
  readonly planRetry: (jobId: string, options?: RetryFailedOptions) => Stream.Stream<RetryStep, BulkJobsError>
  /**
   * Retries a job's FAILED messages with the job's own action and destination, in calls of at most
   * `batchSize` sent one after another, one result per message. The job's listing does not change
   * after a retry: to run again, pass the ids already done as `exclude`. A call that fails is reported on
   * its messages (Failed, or Unknown when it may have reached the server, and then it is not
   * resent) and the next call goes on; only an `AuthenticationError` ends the stream.
   */
  readonly retryFailed: (
    jobId: string,
    options?: RetryFailedOptions
  ) => Stream.Stream<RetryResult, BulkJobsError>
  /**
   * Sends a plan's calls exactly as `planRetry` made them, reading nothing again: what was shown to
   * someone and confirmed is what goes out. The same rules as `retryFailed` otherwise: one call after
   * another, one result per message (each `Skip` step becomes a `Skipped` result), a failed call
   * reported on its messages, only an `AuthenticationError` ending the stream. A plan is worth
   * keeping only while nothing else acts on the job's messages: a second retry of the same plan sends
   * it all again.
   */
  readonly retryPlanned: (
    steps: Iterable<RetryStep>,
    options?: RetryPlannedOptions
  ) => Stream.Stream<RetryResult, BulkJobsError>
}

type Decode<A> = (json: unknown) => Either.Either<A, ParseResult.ParseError>
type PageEnvelope<A> = { readonly result: ReadonlyArray<A>; readonly result_info?: ResultInfo | undefined }

/** The filters a page was asked with, as span attributes (`cfbulk.filter.status`, …), leaving out unset ones. */
const filterAttributes = (filters: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(filters).flatMap(([key, value]) =>
      value === undefined ? [] : [[`cfbulk.filter.${key}`, value]]
    )
  )

/**
 * What the service does beyond the client's configuration.
 *
 * @since 0.1.0
 * @category models
 */
export interface BulkJobsOptions {
  /**
   * How long `create` looks for the job it made when its answer was lost (default 10 seconds):
   * see `UnconfirmedCreateError`.
   */
  readonly reconcileTimeout?: Duration.DurationInput | undefined
}

/**
 * How long `create` looks for its job when the answer was lost, unless told otherwise.
 *
 * @since 0.1.0
 * @category constants
 */
export const DefaultReconcileTimeout: Duration.DurationInput = "10 seconds"

/** How often `create` looks again, and how many of the newest jobs it looks at. */
const ReconcileInterval = Duration.seconds(1)
const ReconcilePageSize = 100

/**
 * Builds the service on an API client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeWith = (
  options: BulkJobsOptions = {}
): Effect.Effect<BulkJobsService, never, CloudflareClient.CloudflareClient> =>
  Effect.gen(function*() {
    const client = yield* CloudflareClient.CloudflareClient
    // The same result as `Schema.decodeUnknownEither(schema, lenient)`, with a hand-written fast path
    // checked against Schema here, so decoding does not dominate a listing's CPU time.
    const { deleted: decodeDeleted, job: decodeJob, jobPage: decodeJobPage, messagePage: decodeMessagePage } =
      yield* makeAnswerDecoders()
    const reconcileTimeout = Duration.decode(options.reconcileTimeout ?? DefaultReconcileTimeout)
    const accountAttributes = { "cloudflare.account_id": client.accountId }

    /** Where the pages of one listing come from: read ahead under the page's span, decoded under its own. */
    const pageSource = <A>(
      operation: string,
      path: CloudflareClient.ApiRequest<unknown>["path"],
      decode: Decode<PageEnvelope<A>>,
      filters: Record<string, string | undefined>
    ): PageSource<A, CloudflareClient.Answer, BulkJobsError> => {
      const request = (page: number, perPage: number): CloudflareClient.ApiRequest<PageEnvelope<A>> => ({
        method: "GET",
        path,
        query: { ...filters, page, per_page: perPage },
        decode,
        repeatRisk: "None",
        page
      })
      // One of each per page of a long listing: a stack trace would only show the paginator.
      const spanOptions = (page: number, perPage: number) => ({
        captureStackTrace: false,
        attributes: {
          ...accountAttributes,
          "cfbulk.page": page,
          "cfbulk.per_page": perPage,
          ...filterAttributes(filters)
        }
      })
      return {
        fetch: (page, perPage) =>
          client.fetchAnswer(request(page, perPage)).pipe(
            Effect.withSpan(`BulkJobs.${operation}.page`, spanOptions(page, perPage))
          ),
        decode: (answer, page, perPage) =>
          client.decodeAnswer(request(page, perPage), answer).pipe(
            Effect.map((envelope): Page<A> => ({
              items: envelope.result,
              page,
              per_page: perPage,
              result_info: envelope.result_info
            })),
            Effect.withSpan(`BulkJobs.${operation}.page.decode`, spanOptions(page, perPage))
          )
      }
    }

    /** One page, fetched and decoded at once. */
    const onePage = <A>(
      source: PageSource<A, CloudflareClient.Answer, BulkJobsError>,
      page: number,
      perPage: number
    ) => Effect.flatMap(source.fetch(page, perPage), (answer) => source.decode(answer, page, perPage))

    const jobsPager = (params: ListJobsParams) =>
      pageSource("list", "/bulk", decodeJobPage, { status: params.status, action_type: params.action_type })

    const messagesPager = (jobId: JobId, params: ListMessagesParams) =>
      pageSource("messages", `/bulk/${jobId}/messages`, decodeMessagePage, { status: params.status })

    const list = (params: ListJobsParams = {}) =>
      Stream.unwrap(
        Effect.map(
          validateListParams(params),
          (checked) => paginateWith(checked, jobsPager(checked), (job: BulkJob) => job.job_id)
        )
      )

    const messages = (jobId: string, params: ListMessagesParams = {}) =>
      Stream.unwrap(
        Effect.map(
          Effect.all([validateJobId(jobId), validateMessagesParams(params)]),
          ([id, checked]) =>
            paginateWith(checked, messagesPager(id, checked), (message: BulkJobMessage) => message.message_id)
        )
      )

    /**
     * After a create whose answer was lost: looks among the newest jobs of its action for the one it
     * made (`matchesCreate`), now and then every `ReconcileInterval`, for up to `reconcileTimeout`.
     * Never sends the create again. A listing that fails counts as a look that found nothing.
     */
    const reconcile = (params: CreateJobParams, sentAt: number, lost: CloudflareError) =>
      Effect.gen(function*() {
        const latest = yield* Ref.make<ReadonlyArray<BulkJob>>([])
        const look = onePage(jobsPager({ action_type: params.action }), 1, ReconcilePageSize).pipe(
          Effect.map((page) => page.items.filter(matchesCreate(params, sentAt))),
          Effect.orElseSucceed((): ReadonlyArray<BulkJob> => []),
          Effect.tap((found) => Ref.set(latest, found))
        )
        const started = yield* Clock.currentTimeMillis
        yield* announceWaitOf(
          reconcileTimeout,
          ` (at most) for the job the create made to appear among the newest ${params.action} jobs: ` +
            `its answer was lost (${lost._tag}), and a create is never sent twice`
        )
        // One look at least; then more until one finds the job or the time is up, a slow listing
        // included.
        const first = yield* look
        const elapsed = Duration.millis((yield* Clock.currentTimeMillis) - started)
        if (first.length === 0 && Duration.lessThan(elapsed, reconcileTimeout)) {
          const again = Effect.delay(look, ReconcileInterval)
          yield* Effect.repeat(
            again,
            Schedule.recurWhile((found: ReadonlyArray<BulkJob>) => found.length === 0)
          ).pipe(Effect.timeoutOption(Duration.subtract(reconcileTimeout, elapsed)))
        }
        const matches = yield* Ref.get(latest)
        const [only, ...others] = matches
        if (only !== undefined && others.length === 0) {
          yield* Effect.logInfo(
            `reconciled: ${lost.request.method} ${lost.request.path} lost its answer, and made job ${only.job_id}`
          )
          return only
        }
        const searched = Duration.millis((yield* Clock.currentTimeMillis) - started)
        return yield* Effect.fail(
          new UnconfirmedCreateError({
            request: lost.request,
            action: params.action,
            lost,
            searched,
            matches: matches.map((job) => job.job_id)
          })
        )
      }).pipe(Effect.withSpan("BulkJobs.create.reconcile", { attributes: accountAttributes }))

    const single = <A>(
      operation: string,
      request: Omit<CloudflareClient.ApiRequest<{ readonly result: A }>, "repeatRisk"> & {
        readonly repeatRisk?: RepeatRisk
      },
      attributes: Record<string, string | number> = {}
    ) =>
      client.execute({ repeatRisk: "None", ...request }).pipe(
        Effect.map((envelope) => envelope.result),
        Effect.withSpan(`BulkJobs.${operation}`, {
          attributes: { ...accountAttributes, "url.path": request.path, ...attributes }
        })
      )

    // A move or a release acts on mail: like a create, it is never resent once it may have
    // reached the server (docs/wire-contract.md §13).
    const moveMessages = (request: MoveRequest) =>
      Effect.flatMap(validateMoveRequest(request), (body) =>
        single(
          "moveMessages",
          { method: "POST", path: "/move", body, decode: decodeMoveAnswer, repeatRisk: "ActsOnMessages" },
          { "cfbulk.ids": body.ids.length, "cfbulk.destination": body.destination }
        ))

    const releaseMessages = (request: ReleaseRequest) =>
      Effect.flatMap(validateReleaseRequest(request), (body) =>
        single(
          "releaseMessages",
          {
            method: "POST",
            path: "/release",
            body,
            decode: decodeReleaseAnswer,
            repeatRisk: "ActsOnMessages"
          },
          { "cfbulk.ids": body.ids.length }
        ))

    const get = (jobId: string) =>
      Effect.flatMap(
        validateJobId(jobId),
        (id) => single("get", { method: "GET", path: `/bulk/${id}`, decode: decodeJob })
      )

    const retry = makeRetryOperations({ get, messages, moveMessages, releaseMessages })

    return {
      accountId: client.accountId,
      list,
      listPage: (params = {}) =>
        Effect.flatMap(
          validateListParams(params),
          (checked) => onePage(jobsPager(checked), checked.page ?? 1, checked.per_page ?? DefaultPerPage)
        ),
      get,
      create: (params) =>
        Effect.gen(function*() {
          const checked = yield* validateCreateParams(params)
          const body = yield* createBody(checked)
          const sentAt = yield* Clock.currentTimeMillis
          return yield* single("create", {
            method: "POST",
            path: "/bulk",
            body,
            decode: decodeJob,
            repeatRisk: "CreatesJob"
          }).pipe(
            Effect.catchIf(outcomeUnknown, (lost) => reconcile(checked, sentAt, lost))
          )
        }),
      cancel: (jobId) =>
        Effect.flatMap(
          validateJobId(jobId),
          (id) => single("cancel", { method: "POST", path: `/bulk/${id}/cancel`, decode: decodeJob })
        ),
      delete: (jobId) =>
        Effect.flatMap(
          validateJobId(jobId),
          (id) => single("delete", { method: "DELETE", path: `/bulk/${id}`, decode: decodeDeleted })
        ),
      messages,
      messagesPage: (jobId, params = {}) =>
        Effect.flatMap(
          Effect.all([validateJobId(jobId), validateMessagesParams(params)]),
          ([id, checked]) =>
            onePage(messagesPager(id, checked), checked.page ?? 1, checked.per_page ?? DefaultPerPage)
        ),
      moveMessages,
      releaseMessages,
      planRetry: (jobId, options) =>
        retry.planRetry(jobId, options).pipe(
          Stream.withSpan("BulkJobs.planRetry", {
            attributes: { ...accountAttributes, "cfbulk.job_id": jobId }
          })
        ),
      retryFailed: (jobId, options) =>
        retry.retryFailed(jobId, options).pipe(
          Stream.withSpan("BulkJobs.retryFailed", {
            attributes: { ...accountAttributes, "cfbulk.job_id": jobId }
          })
        ),
      retryPlanned: (steps, options) =>
        retry.retryPlanned(steps, options).pipe(
          Stream.withSpan("BulkJobs.retryPlanned", { attributes: accountAttributes })
        )
    }
  })

/**
 * Builds the service on an API client, with the default options.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<BulkJobsService, never, CloudflareClient.CloudflareClient> = makeWith()

/**
 * Checked configuration from the environment (`CLOUDFLARE_*`), as a typed error that says what to set.
 *
 * @since 0.1.0
 * @category config
 */
export const configFromEnv = Effect.mapError(
  cloudflareConfig,
  (error) =>
    new ConfigurationError({
      issue: `${error.message} (set CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY, ` +
        `and CLOUDFLARE_ACCOUNT_ID)`
    })
)

/**
 * The bulk-jobs operations of one account, as a service. Its static layers provide it:
 * `BulkJobs.Default` (from the environment, over fetch), `BulkJobs.layer(options)` and
 * `BulkJobs.layerConfig(config)` (over any `HttpClient`), and `BulkJobs.layerClient` (on a
 * `CloudflareClient`). The module overview shows them in use.
 *
 * @since 0.1.0
 * @category services
 */
export class BulkJobs extends Context.Tag("@cfbulk/core/BulkJobs")<BulkJobs, BulkJobsService>() {
  /** The service on an existing `CloudflareClient`. */
  static readonly layerClient: Layer.Layer<BulkJobs, never, CloudflareClient.CloudflareClient> = Layer.effect(
    BulkJobs,
    make
  )

  /** The service with options of its own (`reconcileTimeout`), on an existing `CloudflareClient`. */
  static readonly layerClientWith = (
    options: BulkJobsOptions
  ): Layer.Layer<BulkJobs, never, CloudflareClient.CloudflareClient> =>
    Layer.effect(BulkJobs, makeWith(options))

  /** The service from explicit configuration, over any `HttpClient` (fetch, Node, a stub, the emulator). */
  static readonly layer = (
    options: CloudflareClient.MakeOptions & BulkJobsOptions
  ): Layer.Layer<BulkJobs, ConfigurationError, HttpClient.HttpClient> =>
    BulkJobs.layerClientWith(options).pipe(Layer.provide(CloudflareClient.layer(options)))

  /** The service from configuration read through Effect `Config`, over any `HttpClient`. */
  static readonly layerConfig = (
    config: Config.Config<CloudflareClient.MakeOptions & BulkJobsOptions>
  ): Layer.Layer<BulkJobs, ConfigurationError, HttpClient.HttpClient> =>
    Layer.unwrapEffect(
      Effect.map(
        Effect.mapError(config, (error) => new ConfigurationError({ issue: error.message })),
        BulkJobs.layer
      )
    )

  /** Everything from the environment (`CLOUDFLARE_*`), over the platform's fetch: needs nothing else. */
  static readonly Default: Layer.Layer<BulkJobs, ConfigurationError> = Layer.unwrapEffect(
    Effect.map(configFromEnv, BulkJobs.layer)
  ).pipe(Layer.provide(FetchHttpClient.layer))
}
