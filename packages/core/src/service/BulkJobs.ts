import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as CloudflareClient from "../http/CloudflareClient.js"
import { cloudflareConfig } from "../http/Config.js"
import { type BulkJobsError, ConfigurationError, ValidationError } from "../http/Errors.js"
import { describeParseError, lenient } from "../http/ResponseBody.js"
import { BulkJob, DeletedJob } from "../schema/BulkJob.js"
import { PageEnvelope as PageEnvelopeSchema, type ResultInfo, SingleEnvelope } from "../schema/Envelope.js"
import { type AccountId, JobId } from "../schema/Ids.js"
import { BulkJobMessage } from "../schema/JobMessage.js"
import {
  CreateJobParams,
  DefaultConcurrency,
  DefaultPerPage,
  ListJobsParams,
  ListMessagesParams
} from "../schema/Params.js"
import type { Page } from "./Page.js"
import { paginate } from "./Paginate.js"

/** The operations on an account's bulk action jobs. */
export interface BulkJobsService {
  readonly accountId: AccountId
  /** Every job matching the filters, newest first, fetched page after page (see `paginate`). */
  readonly list: (params?: ListJobsParams) => Stream.Stream<BulkJob, BulkJobsError>
  /** One page of jobs (`params.page`, default 1). */
  readonly listPage: (params?: ListJobsParams) => Effect.Effect<Page<BulkJob>, BulkJobsError>
  readonly get: (jobId: string) => Effect.Effect<BulkJob, BulkJobsError>
  /** Starts a MOVE or RELEASE job. Never resent once it may have reached the server. */
  readonly create: (params: CreateJobParams) => Effect.Effect<BulkJob, BulkJobsError>
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
}

const validate = <A, I>(schema: Schema.Schema<A, I>, what: string) => {
  const check = Schema.validate(schema)
  return (input: unknown): Effect.Effect<A, ValidationError> =>
    Effect.mapError(
      check(input),
      (error) => new ValidationError({ issue: `${what}: ${describeParseError(error)}` })
    )
}

const validateJobId = (jobId: string): Effect.Effect<JobId, ValidationError> =>
  Schema.is(JobId)(jobId)
    ? Effect.succeed(jobId)
    : Effect.fail(new ValidationError({ issue: `${JSON.stringify(jobId)} is not a job id (a UUID)` }))
const validateList = validate(ListJobsParams, "list options")
const validateMessages = validate(ListMessagesParams, "messages options")
const validateCreate = validate(CreateJobParams, "create options")
const encodeCreate = Schema.encode(CreateJobParams)

const decoder = <A, I>(schema: Schema.Schema<A, I>): Decode<A> => Schema.decodeUnknownEither(schema, lenient)
const decodeJobPage = decoder(PageEnvelopeSchema(BulkJob))
const decodeMessagePage = decoder(PageEnvelopeSchema(BulkJobMessage))
const decodeJob = decoder(SingleEnvelope(BulkJob))
const decodeDeleted = decoder(SingleEnvelope(DeletedJob))

type Decode<A> = (json: unknown) => Either.Either<A, ParseResult.ParseError>
type PageEnvelope<A> = { readonly result: ReadonlyArray<A>; readonly result_info?: ResultInfo | undefined }

interface PagingParams {
  readonly page?: number | undefined
  readonly per_page?: number | undefined
  readonly limit?: number | undefined
  readonly concurrency?: number | undefined
}

/** Streams a listing once its options are valid; invalid options fail the stream before any request. */
const paginateValidated = <V, A>(
  validated: Effect.Effect<V, ValidationError>,
  build: (checked: V) => {
    readonly params: PagingParams
    readonly fetch: (page: number) => Effect.Effect<Page<A>, BulkJobsError>
    readonly key: (item: A) => string
  }
): Stream.Stream<A, BulkJobsError> =>
  Stream.unwrap(Effect.map(validated, (checked) => {
    const { fetch, key, params } = build(checked)
    return paginate({
      fetch,
      key,
      startPage: params.page ?? 1,
      perPage: params.per_page ?? DefaultPerPage,
      concurrency: params.concurrency ?? DefaultConcurrency,
      limit: params.limit
    })
  }))

/** Builds the service on an API client. */
export const make: Effect.Effect<BulkJobsService, never, CloudflareClient.CloudflareClient> = Effect.gen(
  function*() {
    const client = yield* CloudflareClient.CloudflareClient
    const accountAttributes = { "cloudflare.account_id": client.accountId }

    const fetchPage = <A>(
      operation: string,
      path: string,
      decode: Decode<PageEnvelope<A>>,
      filters: Record<string, string | undefined>,
      perPage: number
    ) =>
    (page: number): Effect.Effect<Page<A>, BulkJobsError> =>
      client.execute({
        method: "GET",
        path,
        query: { ...filters, page, per_page: perPage },
        decode,
        idempotent: true,
        page
      }).pipe(
        Effect.map((envelope): Page<A> => ({
          items: envelope.result,
          page,
          per_page: perPage,
          result_info: envelope.result_info
        })),
        Effect.withSpan(`BulkJobs.${operation}.page`, {
          attributes: { ...accountAttributes, "cfbulk.page": page, "cfbulk.per_page": perPage, ...filters }
        })
      )

    const jobsPager = (params: ListJobsParams) =>
      fetchPage(
        "list",
        "",
        decodeJobPage,
        { status: params.status, action_type: params.action_type },
        params.per_page ?? DefaultPerPage
      )

    const messagesPager = (jobId: JobId, params: ListMessagesParams) =>
      fetchPage(
        "messages",
        `/${jobId}/messages`,
        decodeMessagePage,
        { status: params.status },
        params.per_page ?? DefaultPerPage
      )

    const list = (params: ListJobsParams = {}) =>
      paginateValidated(validateList(params), (checked) => ({
        fetch: jobsPager(checked),
        params: checked,
        key: (job: BulkJob) => job.job_id
      }))

    const messages = (jobId: string, params: ListMessagesParams = {}) =>
      paginateValidated(
        Effect.all([validateJobId(jobId), validateMessages(params)]),
        ([id, checked]) => ({
          fetch: messagesPager(id, checked),
          params: checked,
          key: (message: BulkJobMessage) => message.message_id
        })
      )

    const single = <A>(
      operation: string,
      request: Omit<CloudflareClient.ApiRequest<{ readonly result: A }>, "idempotent"> & {
        readonly idempotent?: boolean
      }
    ) =>
      client.execute({ idempotent: true, ...request }).pipe(
        Effect.map((envelope) => envelope.result),
        Effect.withSpan(`BulkJobs.${operation}`, {
          attributes: { ...accountAttributes, "url.path": request.path }
        })
      )

    return {
      accountId: client.accountId,
      list,
      listPage: (params = {}) =>
        Effect.flatMap(validateList(params), (checked) => jobsPager(checked)(checked.page ?? 1)),
      get: (jobId) =>
        Effect.flatMap(
          validateJobId(jobId),
          (id) => single("get", { method: "GET", path: `/${id}`, decode: decodeJob })
        ),
      create: (params) =>
        Effect.gen(function*() {
          const checked = yield* validateCreate(params)
          const body = yield* Effect.mapError(
            encodeCreate(checked),
            (error) => new ValidationError({ issue: `create options: ${describeParseError(error)}` })
          )
          return yield* single("create", {
            method: "POST",
            path: "",
            body,
            decode: decodeJob,
            idempotent: false
          })
        }),
      cancel: (jobId) =>
        Effect.flatMap(
          validateJobId(jobId),
          (id) => single("cancel", { method: "POST", path: `/${id}/cancel`, decode: decodeJob })
        ),
      delete: (jobId) =>
        Effect.flatMap(
          validateJobId(jobId),
          (id) => single("delete", { method: "DELETE", path: `/${id}`, decode: decodeDeleted })
        ),
      messages,
      messagesPage: (jobId, params = {}) =>
        Effect.flatMap(
          Effect.all([validateJobId(jobId), validateMessages(params)]),
          ([id, checked]) => messagesPager(id, checked)(checked.page ?? 1)
        )
    }
  }
)

/** Checked configuration from the environment (`CLOUDFLARE_*`), as a typed error that says what to set. */
export const configFromEnv = Effect.mapError(
  cloudflareConfig,
  (error) =>
    new ConfigurationError({
      issue: `${error.message} (set CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY, ` +
        `and CLOUDFLARE_ACCOUNT_ID)`
    })
)

/** The bulk-jobs operations of one account. */
export class BulkJobs extends Context.Tag("@cfbulk/core/BulkJobs")<BulkJobs, BulkJobsService>() {
  /** The service on an existing `CloudflareClient`. */
  static readonly layerClient: Layer.Layer<BulkJobs, never, CloudflareClient.CloudflareClient> = Layer.effect(
    BulkJobs,
    make
  )

  /** The service from explicit configuration, over any `HttpClient` (fetch, Node, a stub, the emulator). */
  static readonly layer = (
    options: CloudflareClient.MakeOptions
  ): Layer.Layer<BulkJobs, ConfigurationError, HttpClient.HttpClient> =>
    BulkJobs.layerClient.pipe(Layer.provide(CloudflareClient.layer(options)))

  /** The service from configuration read through Effect `Config`, over any `HttpClient`. */
  static readonly layerConfig = (
    config: Config.Config<CloudflareClient.MakeOptions>
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
