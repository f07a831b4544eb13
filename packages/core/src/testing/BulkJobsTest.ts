/**
 * An in-memory `BulkJobs` for testing applications built on cfbulk, with no HTTP at all. Import it
 * as `BulkJobsTest` from `@cfbulk/core/testing`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { CloudflareApiError, NotFoundError } from "../http/Errors.js"
import type { Page } from "../internal/Page.js"
import { type PageSource, paginateWith } from "../internal/Paginate.js"
import {
  validateCreateParams,
  validateJobId,
  validateListParams,
  validateMessagesParams
} from "../internal/Validate.js"
import type { BulkJob } from "../schema/BulkJob.js"
import { isTerminalStatus } from "../schema/Enums.js"
import type { ApiMessage } from "../schema/Envelope.js"
import { AccountId } from "../schema/Ids.js"
import type { BulkJobMessage } from "../schema/JobMessage.js"
import { DefaultPerPage } from "../schema/Params.js"
import { BulkJobs, type BulkJobsService } from "../service/BulkJobs.js"
import { testJobId } from "./SampleJobs.js"

/**
 * What the in-memory service starts with: its jobs, their messages, and the account id it reports.
 *
 * @since 0.1.0
 * @category models
 */
export interface BulkJobsTestOptions {
  /** The jobs the store starts with, newest first (see `makeTestJobs`). */
  readonly jobs?: ReadonlyArray<BulkJob> | undefined
  /** Messages of each job, by job id. */
  readonly messages?: Readonly<Record<string, ReadonlyArray<BulkJobMessage>>> | undefined
  readonly accountId?: string | undefined
}

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
 * An in-memory `BulkJobs` for testing applications built on cfbulk: no HTTP at all. It validates
 * input exactly like the real service, pages like the API (so a job created mid-listing shifts the
 * pages, as it does for real), and create, cancel and delete change the store.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: BulkJobsTestOptions = {}): Effect.Effect<BulkJobsService> =>
  Effect.gen(function*() {
    const accountId = Schema.decodeSync(AccountId)(options.accountId ?? "023e105f4ecef8ad9ca31a8372d0c353")
    const store = yield* Ref.make<Store>({ jobs: options.jobs ?? [], created: 0 })
    const messagesOf = (jobId: string) => options.messages?.[jobId] ?? []
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
      get: (jobId) => Effect.flatMap(validateJobId(jobId), (id) => find(id, "GET")),
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
      messages: (jobId, params = {}) =>
        Stream.unwrap(
          Effect.map(
            Effect.all([validateJobId(jobId), validateMessagesParams(params)]),
            ([id, checked]) =>
              paginateWith(checked, whole(messagesPage(id, checked.status)), (message) => message.message_id)
          )
        ),
      messagesPage: (jobId, params = {}) =>
        Effect.flatMap(
          Effect.all([validateJobId(jobId), validateMessagesParams(params)]),
          ([id, checked]) =>
            messagesPage(id, checked.status)(checked.page ?? 1, checked.per_page ?? DefaultPerPage)
        )
    }
    return service
  })

/**
 * The in-memory `BulkJobs` as a layer: `Effect.provide(program, BulkJobsTest.layer({ jobs }))`. Each
 * build of the layer starts from the given jobs.
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
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: BulkJobsTestOptions = {}): Layer.Layer<BulkJobs> =>
  Layer.effect(BulkJobs, make(options))
