/**
 * An in-memory `BulkJobs` for testing applications built on cfbulk, with no HTTP at all. Import it
 * as `BulkJobsTest` from `@cfbulk/core/testing`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { CloudflareApiError, NotFoundError } from "../http/Errors.js"
import type { Page } from "../internal/Page.js"
import { type PageSource, paginateWith } from "../internal/Paginate.js"
import { makeRetryOperations } from "../internal/RetryFailed.js"
import {
  validateCreateParams,
  validateJobId,
  validateListParams,
  validateMessagesParams,
  validateMoveRequest,
  validateReleaseRequest
} from "../internal/Validate.js"
import type { BulkJob } from "../schema/BulkJob.js"
import { isTerminalStatus } from "../schema/Enums.js"
import type { ApiMessage } from "../schema/Envelope.js"
import { AccountId } from "../schema/Ids.js"
import type {
  MoveRequest,
  MoveResponseItem,
  ReleaseRequest,
  ReleaseResponseItem
} from "../schema/Investigate.js"
import type { BulkJobMessage } from "../schema/JobMessage.js"
import { DefaultPerPage, type ListMessagesParams } from "../schema/Params.js"
import { BulkJobs, type BulkJobsService } from "../service/BulkJobs.js"
import { testJobId } from "./SampleJobs.js"

/**
 * What the in-memory service starts with: its jobs, their messages, the Investigate ids whose move
 * or release fails, and the account id it reports.
 *
 * @since 0.1.0
 * @category models
 */
export interface BulkJobsTestOptions {
  /** The jobs the store starts with, newest first (see `makeTestJobs`). */
  readonly jobs?: ReadonlyArray<BulkJob> | undefined
  /**
   * Messages of each job, by job id (see `makeTestMessage`). A message's investigate record
   * (`message.id`, optional) is what `moveMessages`, `releaseMessages` and `retryFailed` name it by.
   */
  readonly messages?: Readonly<Record<string, ReadonlyArray<BulkJobMessage>>> | undefined
  /**
   * Investigate ids whose move or release the service reports as failed: a move item with
   * `success: false`, a release item listing the recipients as `failed`. Every other id of a seeded
   * message succeeds. An id that names no seeded message is answered as the emulator answers it: one
   * move item with `success: false`, no recipient and the status "Message not found"; a release item
   * whose lists are all null.
   */
  readonly failingIds?: ReadonlyArray<string> | undefined
  readonly accountId?: string | undefined
}

/**
 * A move or release call the in-memory service received, with its validated body.
 *
 * @since 0.1.0
 * @category models
 */
export type SentCall =
  | { readonly action: "MOVE"; readonly body: MoveRequest }
  | { readonly action: "RELEASE"; readonly body: ReleaseRequest }

/**
 * The move and release calls the in-memory service has received, in order; `layer` provides it
 * beside `BulkJobs`.
 *
 * @since 0.1.0
 * @category services
 */
export class SentCalls extends Context.Tag("@cfbulk/core/testing/BulkJobsTest/SentCalls")<SentCalls, {
  readonly all: Effect.Effect<ReadonlyArray<SentCall>>
}>() {}

/**
 * Every move and release call received so far, in order.
 *
 * @since 0.1.0
 * @category accessors
 */
export const sentCalls: Effect.Effect<ReadonlyArray<SentCall>, never, SentCalls> = Effect.flatMap(
  SentCalls,
  (sent) => sent.all
)

/** How an id that names no seeded message is answered, as the emulator answers it. */
const MessageNotFound = "Message not found"

interface Store {
  readonly jobs: ReadonlyArray<BulkJob>
  readonly created: number
}

const conflict = (method: string, path: string, message: string) =>
  new CloudflareApiError({ request: { method, path }, status: 409, errors: [{ code: 1409, message }] })

const notFound = (method: string, path: string) => {
  const errors: ReadonlyArray<ApiMessage> = [{ code: 1404, message: "Bulk job not found" }]
  return new NotFoundError({ request: { method, path }, errors })
}

/** A page source whose pages arrive whole: nothing is left to decode when the stream reaches them. */
const whole = <A, E>(
  fetch: (page: number, perPage: number) => Effect.Effect<Page<A>, E>
): PageSource<A, Page<A>, E> => ({ fetch, decode: Effect.succeed })

const slice = <A>(items: ReadonlyArray<A>, page: number, perPage: number): Page<A> => {
  const result = items.slice((page - 1) * perPage, page * perPage)
  return {
    items: result,
    page,
    per_page: perPage,
    result_info: {
      count: result.length,
      per_page: perPage,
      total_count: 0,
      page: 0,
      next: null,
      previous: null
    }
  }
}

/**
 * The recipients of every seeded email, by Investigate id: those its investigate record lists, and
 * the `client_recipient` of each of its rows (a job has one row per email and recipient).
 */
const recipientsByInvestigateId = (
  messages: ReadonlyArray<BulkJobMessage>
): ReadonlyMap<string, ReadonlyArray<string>> => {
  const byId = new Map<string, Set<string>>()
  for (const message of messages) {
    if (message.message === undefined) continue
    const params = message.action_params
    const own = "client_recipient" in params ? [params.client_recipient] : []
    const recipients = byId.get(message.message.id) ?? new Set<string>()
    for (const recipient of [...message.message.client_recipients, ...own]) recipients.add(recipient)
    byId.set(message.message.id, recipients)
  }
  return new Map(Array.from(byId, ([id, recipients]) => [id, Array.from(recipients)]))
}

/** The service and the record of its move and release calls. */
const makeRecording = (
  options: BulkJobsTestOptions
): Effect.Effect<{ readonly service: BulkJobsService; readonly sent: Ref.Ref<ReadonlyArray<SentCall>> }> =>
  Effect.gen(function*() {
    const accountId = Schema.decodeSync(AccountId)(options.accountId ?? "023e105f4ecef8ad9ca31a8372d0c353")
    const store = yield* Ref.make<Store>({ jobs: options.jobs ?? [], created: 0 })
    const sent = yield* Ref.make<ReadonlyArray<SentCall>>([])
    const messagesOf = (jobId: string) => options.messages?.[jobId] ?? []
    const failing = new Set(options.failingIds ?? [])
    const recipientsById = recipientsByInvestigateId(Object.values(options.messages ?? {}).flat())
    const base = `/accounts/${accountId}/email-security/investigate/bulk`

    const find = (jobId: string, method: string) =>
      Effect.flatMap(Ref.get(store), ({ jobs }) => {
        const job = jobs.find((candidate) => candidate.job_id === jobId)
        return job === undefined ? Effect.fail(notFound(method, `${base}/${jobId}`)) : Effect.succeed(job)
      })

    const replace = (job: BulkJob) =>
      Ref.update(store, (current) => ({
        ...current,
        jobs: current.jobs.map((candidate) => candidate.job_id === job.job_id ? job : candidate)
      }))

    const jobsPage =
      (filters: { readonly status?: string | undefined; readonly action_type?: string | undefined }) =>
      (page: number, perPage: number) =>
        Effect.map(Ref.get(store), ({ jobs }) =>
          slice(
            jobs.filter((job) =>
              (filters.status === undefined || job.status === filters.status) &&
              (filters.action_type === undefined || job.action_type === filters.action_type)
            ),
            page,
            perPage
          ))

    const messagesPage = (jobId: string, status: string | undefined) => (page: number, perPage: number) =>
      Effect.as(
        find(jobId, "GET"),
        slice(
          messagesOf(jobId).filter((message) => status === undefined || message.status === status),
          page,
          perPage
        )
      )

    const moveMessages = (request: MoveRequest) =>
      Effect.gen(function*() {
        const body = yield* validateMoveRequest(request)
        yield* Ref.update(sent, (calls): ReadonlyArray<SentCall> => [...calls, { action: "MOVE", body }])
        const completedAt = new Date(yield* Clock.currentTimeMillis)
        const item = (id: string, recipient: string | null, status: string | null): MoveResponseItem => ({
          success: status === null,
          message_id: id,
          recipient,
          destination: body.destination,
          status: status ?? "SUCCESS",
          operation: "MOVE",
          completed_at: status === null ? completedAt : null
        })
        return body.ids.flatMap((id) => {
          const recipients = recipientsById.get(id)
          return recipients === undefined
            ? [item(id, null, MessageNotFound)]
            : recipients.map((recipient) => item(id, recipient, failing.has(id) ? "FAILED" : null))
        })
      })

    const releaseMessages = (request: ReleaseRequest) =>
      Effect.gen(function*() {
        const body = yield* validateReleaseRequest(request)
        yield* Ref.update(sent, (calls): ReadonlyArray<SentCall> => [...calls, { action: "RELEASE", body }])
        return body.ids.map((id): ReleaseResponseItem => {
          const recipients = recipientsById.get(id)
          // No recipients to group: every list null, which the retry reports as unknown.
          if (recipients === undefined) return { id, delivered: null, undelivered: null, failed: null }
          return failing.has(id)
            ? { id, delivered: [], undelivered: [], failed: recipients }
            : { id, delivered: recipients, undelivered: [], failed: [] }
        })
      })

    const get = (jobId: string) => Effect.flatMap(validateJobId(jobId), (id) => find(id, "GET"))

    const messages = (jobId: string, params: ListMessagesParams = {}) =>
      Stream.unwrap(
        Effect.map(
          Effect.all([validateJobId(jobId), validateMessagesParams(params)]),
          ([id, checked]) =>
            paginateWith(checked, whole(messagesPage(id, checked.status)), (message) => message.message_id)
        )
      )

    const retry = makeRetryOperations({ get, messages, moveMessages, releaseMessages })

    const service: BulkJobsService = {
      accountId,
      list: (params = {}) =>
        Stream.unwrap(
          Effect.map(validateListParams(params), (checked) =>
            paginateWith(checked, whole(jobsPage(checked)), (job) => job.job_id))
        ),
      listPage: (params = {}) =>
        Effect.flatMap(
          validateListParams(params),
          (checked) => jobsPage(checked)(checked.page ?? 1, checked.per_page ?? DefaultPerPage)
        ),
      get,
      create: (params) =>
        Effect.gen(function*() {
          const checked = yield* validateCreateParams(params)
          const now = new Date(yield* Clock.currentTimeMillis)
          const { created } = yield* Ref.get(store)
          const job: BulkJob = {
            job_id: testJobId(0xfff_0000_0000 + created),
            action_type: checked.action,
            action_params: checked.action === "MOVE" && checked.destination !== undefined
              ? { type: "MOVE", destination: checked.destination }
              : { type: "RELEASE" },
            search_params: checked.search_params,
            status: "PENDING",
            total_messages_discovered: 0,
            messages_pending: 0,
            messages_successful: 0,
            messages_failed: 0,
            messages_skipped: 0,
            messages_cancelled: 0,
            created_at: now,
            comment: checked.comment ?? null,
            started_at: null,
            completed_at: null,
            status_message: null
          }
          yield* Ref.update(
            store,
            (current) => ({ jobs: [job, ...current.jobs], created: current.created + 1 })
          )
          return job
        }),
      cancel: (jobId) =>
        Effect.gen(function*() {
          const id = yield* validateJobId(jobId)
          const job = yield* find(id, "POST")
          if (isTerminalStatus(job.status)) {
            return yield* Effect.fail(
              conflict("POST", `${base}/${id}/cancel`, `Bulk job is already ${job.status}`)
            )
          }
          const cancelled: BulkJob = {
            ...job,
            status: "CANCELLED",
            messages_pending: 0,
            messages_cancelled: job.messages_cancelled + job.messages_pending,
            completed_at: new Date(yield* Clock.currentTimeMillis)
          }
          yield* replace(cancelled)
          return cancelled
        }),
      delete: (jobId) =>
        Effect.gen(function*() {
          const id = yield* validateJobId(jobId)
          const job = yield* find(id, "DELETE")
          if (!isTerminalStatus(job.status)) {
            return yield* Effect.fail(
              conflict(
                "DELETE",
                `${base}/${id}`,
                `Only a finished job can be deleted; this one is ${job.status}`
              )
            )
          }
          yield* Ref.update(store, (current) => ({
            ...current,
            jobs: current.jobs.filter((candidate) => candidate.job_id !== id)
          }))
          return { id }
        }),
      messages,
      messagesPage: (jobId, params = {}) =>
        Effect.flatMap(
          Effect.all([validateJobId(jobId), validateMessagesParams(params)]),
          ([id, checked]) =>
            messagesPage(id, checked.status)(checked.page ?? 1, checked.per_page ?? DefaultPerPage)
        ),
      moveMessages,
      releaseMessages,
      planRetry: retry.planRetry,
      retryFailed: retry.retryFailed,
      retryPlanned: retry.retryPlanned
    }
    return { service, sent }
  })

/**
 * An in-memory `BulkJobs` for testing applications built on cfbulk: no HTTP at all. It validates
 * input exactly like the real service, pages like the API (so a job created mid-listing shifts the
 * pages, as it does for real), and create, cancel and delete change the store. Move and release
 * answer for every id they are given (failing those of `failingIds`, and those no seeded message
 * has, as the emulator does), and `planRetry` and
 * `retryFailed` follow the real service's rules on the seeded messages (batches, `exclude`, the
 * skip reasons, the `batch` number of each result).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: BulkJobsTestOptions = {}): Effect.Effect<BulkJobsService> =>
  Effect.map(makeRecording(options), ({ service }) => service)

/**
 * The in-memory `BulkJobs` as a layer: `Effect.provide(program, BulkJobsTest.layer({ jobs }))`. Each
 * build of the layer starts from the given jobs. It also provides `SentCalls`, the move and release
 * calls received (read them with `BulkJobsTest.sentCalls`).
 *
 * @example
 * ```ts
 * import { BulkJobs } from "@cfbulk/core"
 * import { BulkJobsTest, makeTestJobs } from "@cfbulk/core/testing"
 * import { Chunk, Effect, Stream } from "effect"
 *
 * // The code under test: creates a job, then counts the jobs of the account.
 * const program = Effect.gen(function*() {
 *   const jobs = yield* BulkJobs
 *   const created = yield* jobs.create({
 *     action: "MOVE",
 *     destination: "JunkEmail",
 *     search_params: { sender: "phisher@example.com" }
 *   })
 *   const all = yield* Stream.runCollect(jobs.list())
 *   return { status: created.status, count: Chunk.size(all) }
 * })
 *
 * Effect.runPromise(program.pipe(Effect.provide(BulkJobsTest.layer({ jobs: makeTestJobs(3) })))).then(
 *   console.log
 * )
 * // Output: { status: 'PENDING', count: 4 }
 * ```
 *
 * @example
 * ```ts
 * import { BulkJobs } from "@cfbulk/core"
 * import { BulkJobsTest, makeTestJob, makeTestMessage, testInvestigateId } from "@cfbulk/core/testing"
 * import { Chunk, Effect, Stream } from "effect"
 *
 * // A finished MOVE job that left three messages FAILED; moving the second one fails again.
 * const job = makeTestJob(1)
 * const layer = BulkJobsTest.layer({
 *   jobs: [job],
 *   messages: { [job.job_id]: [makeTestMessage(1), makeTestMessage(2), makeTestMessage(3)] },
 *   failingIds: [testInvestigateId(2)]
 * })
 *
 * const program = Effect.gen(function*() {
 *   const jobs = yield* BulkJobs
 *   const first = Chunk.toArray(yield* Stream.runCollect(jobs.retryFailed(job.job_id)))
 *   // The job still lists all three as FAILED: a second run leaves out the ones the first one moved.
 *   const moved = first.flatMap((result) => result._tag === "Moved" ? [result.investigateId] : [])
 *   const second = Chunk.toArray(yield* Stream.runCollect(jobs.retryFailed(job.job_id, { exclude: moved })))
 *   const sent = yield* BulkJobsTest.sentCalls
 *   return {
 *     first: first.map((result) => result._tag),
 *     second: second.map((result) => result._tag === "Skipped" ? result.reason : result._tag),
 *     idsPerCall: sent.map((call) => call.body.ids.length)
 *   }
 * })
 *
 * Effect.runPromise(program.pipe(Effect.provide(layer))).then(console.log)
 * // Output: {
 * //   first: [ 'Moved', 'Failed', 'Moved' ],
 * //   second: [ 'Excluded', 'Excluded', 'Failed' ],
 * //   idsPerCall: [ 3, 1 ]
 * // }
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: BulkJobsTestOptions = {}): Layer.Layer<BulkJobs | SentCalls> =>
  Layer.effectContext(
    Effect.map(
      makeRecording(options),
      ({ sent, service }) =>
        Context.make(BulkJobs, service).pipe(Context.add(SentCalls, { all: Ref.get(sent) }))
    )
  )
