import { BulkJob, BulkJobMessage, BulkJobs } from "@cfbulk/core"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import Cloudflare from "cloudflare"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { type EmulatorOptions, type RunningEmulator, start } from "../src/index.js"

// The official SDK and cfbulk's own client, side by side against one emulator on loopback: every
// call must behave as the SDK expects, and both clients must see the same jobs.

const sdkFor = (running: RunningEmulator, overrides: { apiToken?: string; maxRetries?: number } = {}) =>
  new Cloudflare({
    apiToken: overrides.apiToken ?? running.token,
    apiKey: null,
    apiEmail: null,
    userServiceKey: null,
    baseURL: running.url,
    maxRetries: overrides.maxRetries ?? 2
  })

const coreFor = (running: RunningEmulator) =>
  Effect.provide(
    BulkJobs,
    BulkJobs.layer({
      credentials: { _tag: "ApiToken", token: Redacted.make(running.token) },
      accountId: running.accountId,
      baseUrl: running.url
    }).pipe(Layer.provide(FetchHttpClient.layer))
  )

const collect = <A>(iterable: AsyncIterable<A>) =>
  Effect.promise(async () => {
    const items: Array<A> = []
    for await (const item of iterable) items.push(item)
    return items
  })

const encodeJob = Schema.encodeSync(BulkJob)
const encodeMessage = Schema.encodeSync(BulkJobMessage)

const withEmulator = <A, E>(
  options: EmulatorOptions,
  use: (running: RunningEmulator) => Effect.Effect<A, E>
) => Effect.flatMap(start(options), use)

describe("the official cloudflare SDK", () => {
  it.scopedLive("lists, gets and pages messages exactly as cfbulk's client does", () =>
    withEmulator({ jobs: 120 }, (running) =>
      Effect.gen(function*() {
        const sdk = sdkFor(running)
        const core = yield* coreFor(running)
        const account_id = running.accountId

        const sdkJobs = yield* collect(sdk.emailSecurity.investigate.bulk.list({ account_id, per_page: 25 }))
        const coreJobs = Chunk.toReadonlyArray(yield* Stream.runCollect(core.list({ per_page: 25 })))
        expect(sdkJobs).toHaveLength(120)
        expect(sdkJobs.map((job) => job.job_id)).toEqual(coreJobs.map((job) => job.job_id))
        expect(sdkJobs).toEqual(coreJobs.map((job) => encodeJob(job)))

        for (const status of ["COMPLETED", "PROCESSING"] as const) {
          const sdkFiltered = yield* collect(
            sdk.emailSecurity.investigate.bulk.list({ account_id, per_page: 10, status, action_type: "MOVE" })
          )
          const coreFiltered = yield* Stream.runCollect(
            core.list({ per_page: 10, status, action_type: "MOVE" })
          )
          expect(sdkFiltered.length).toBeGreaterThan(0)
          expect(sdkFiltered.every((job) => job.status === status && job.action_type === "MOVE")).toBe(true)
          expect(sdkFiltered.map((job) => job.job_id)).toEqual(
            Chunk.toReadonlyArray(coreFiltered).map((job) => job.job_id)
          )
        }

        const someJob = coreJobs.find((job) => job.total_messages_discovered > 30)
        if (someJob === undefined) return expect.fail("no job with messages")
        const sdkJob = yield* Effect.promise(() =>
          sdk.emailSecurity.investigate.bulk.get(someJob.job_id, { account_id })
        )
        expect(sdkJob).toEqual(encodeJob(someJob))

        const sdkMessages = yield* collect(
          sdk.emailSecurity.investigate.bulk.messages.list(someJob.job_id, { account_id, per_page: 7 })
        )
        const coreMessages = Chunk.toReadonlyArray(
          yield* Stream.runCollect(core.messages(someJob.job_id, { per_page: 7 }))
        )
        expect(sdkMessages).toHaveLength(someJob.total_messages_discovered)
        expect(sdkMessages).toEqual(coreMessages.map((message) => encodeMessage(message)))
        const sdkFailed = yield* collect(
          sdk.emailSecurity.investigate.bulk.messages.list(someJob.job_id, {
            account_id,
            status: "COMPLETED"
          })
        )
        expect(sdkFailed).toHaveLength(someJob.messages_successful)
      })))

  it.scopedLive("creates, cancels and deletes jobs, agreeing with cfbulk's client", () =>
    withEmulator({ jobDuration: "1 hour" }, (running) =>
      Effect.gen(function*() {
        const sdk = sdkFor(running)
        const core = yield* coreFor(running)
        const account_id = running.accountId
        const bulk = sdk.emailSecurity.investigate.bulk

        const created = yield* Effect.promise(() =>
          bulk.create({
            account_id,
            action: "MOVE",
            destination: "JunkEmail",
            comment: "created by the SDK",
            search_params: { sender: "noreply@example.com", final_disposition: "SPAM" }
          })
        )
        expect(created).toMatchObject({
          status: "PENDING",
          action_params: { type: "MOVE", destination: "JunkEmail" }
        })
        const first = yield* Effect.promise(() => bulk.list({ account_id, per_page: 1 }))
        expect(first.result.map((job) => job.job_id)).toEqual([created.job_id])
        expect(encodeJob(yield* core.get(created.job_id))).toEqual(created)

        const cancelled = yield* Effect.promise(() => bulk.cancel.create(created.job_id, { account_id }))
        expect(cancelled).toMatchObject({ job_id: created.job_id, status: "CANCELLED" })
        expect(encodeJob(yield* core.get(created.job_id))).toEqual(cancelled)

        const deleted = yield* Effect.promise(() => bulk.delete(created.job_id, { account_id }))
        expect(deleted).toEqual({ id: created.job_id })
        expect((yield* Effect.flip(core.get(created.job_id)))._tag).toBe("NotFoundError")
      })))

  it.scopedLive("moves and releases messages by investigate id with move.bulk and release.bulk", () =>
    withEmulator({}, (running) =>
      Effect.gen(function*() {
        const sdk = sdkFor(running, { maxRetries: 0 })
        const account_id = running.accountId
        const investigate = sdk.emailSecurity.investigate
        const moveJob = yield* running.control.insertFailedJob({ failed: 8, succeeded: 3, failOnRetry: 2 })
        const releaseJob = yield* running.control.insertFailedJob({
          action: "RELEASE",
          failed: 5,
          failOnRetry: 1
        })
        const failedIds = (jobId: string) =>
          Effect.map(
            collect(investigate.bulk.messages.list(jobId, { account_id, status: "FAILED", per_page: 100 })),
            (messages) =>
              messages.flatMap((message) => message.message === undefined ? [] : [message.message.id])
          )

        const moveIds = yield* failedIds(moveJob)
        expect(moveIds).toHaveLength(8)
        const moved = yield* collect(
          investigate.move.bulk({ account_id, destination: "DeletedItems", ids: moveIds })
        )
        expect(moved.map((item) => [item.message_id, item.success])).toEqual(
          moveIds.map((id, position) => [id, position >= 2])
        )
        expect(moved.every((item) => item.destination === "DeletedItems" && item.operation === "move")).toBe(
          true
        )
        expect(moved[0]?.status).toBe("Mailbox not found for the recipient")

        // Awaited rather than iterated, the SDK gives the page, whose result is the answer's array.
        const releaseIds = yield* failedIds(releaseJob)
        const page = yield* Effect.promise(() =>
          investigate.release.bulk({ account_id, ids: [...releaseIds, "4Njp3P0STMz2c02Q-unknown"] })
        )
        expect(page.result.map((item) => [item.id, item.failed?.length ?? null])).toEqual([
          ...releaseIds.map((id, position) => [id, position === 0 ? 1 : 0]),
          ["4Njp3P0STMz2c02Q-unknown", null]
        ])
        expect(page.getPaginatedItems()).toEqual(page.result)
        expect(page.hasNextPage()).toBe(false)

        const refused = yield* Effect.flip(Effect.tryPromise({
          try: () => investigate.move.bulk({ account_id, destination: "Inbox", ids: [] }),
          catch: (error) => error
        }))
        expect(refused).toBeInstanceOf(Cloudflare.BadRequestError)
        expect(refused).toMatchObject({ status: 400, errors: [{ code: 1002 }] })

        const calls = yield* running.control.investigations
        expect(calls.map((call) => [call.action, call.ids.length])).toEqual([["MOVE", 8], ["RELEASE", 6]])
      })))

  it.scopedLive("raises the SDK's typed errors for 400, 401, 404, 409 and 429", () =>
    withEmulator({ rateLimit: "12/300", jobDuration: "1 hour" }, (running) =>
      Effect.gen(function*() {
        const account_id = running.accountId
        const sdk = sdkFor(running, { maxRetries: 0 })
        const fail = <A>(call: () => Promise<A>) =>
          Effect.flip(Effect.tryPromise({ try: call, catch: (error) => error }))

        const unauthorized = yield* fail(() =>
          sdkFor(running, { apiToken: "wrong", maxRetries: 0 }).emailSecurity.investigate.bulk.list({
            account_id
          })
        )
        expect(unauthorized).toBeInstanceOf(Cloudflare.AuthenticationError)
        expect(unauthorized).toMatchObject({
          status: 401,
          errors: [{ code: 10000, message: "Authentication error" }]
        })

        const notFound = yield* fail(() =>
          sdk.emailSecurity.investigate.bulk.get("f174e90a-fafe-4643-bbbc-4a0ed4fc8415", { account_id })
        )
        expect(notFound).toBeInstanceOf(Cloudflare.NotFoundError)
        expect(notFound).toMatchObject({ status: 404, errors: [{ code: 1005 }] })

        const badRequest = yield* fail(() =>
          sdk.emailSecurity.investigate.bulk.list({ account_id, per_page: 5000 })
        )
        expect(badRequest).toBeInstanceOf(Cloudflare.BadRequestError)

        const created = yield* Effect.promise(() =>
          sdk.emailSecurity.investigate.bulk.create({ account_id, action: "RELEASE", search_params: {} })
        )
        const conflict = yield* fail(() =>
          sdk.emailSecurity.investigate.bulk.delete(created.job_id, { account_id })
        )
        expect(conflict).toBeInstanceOf(Cloudflare.ConflictError)

        let limited: unknown
        for (let request = 0; request < 12 && limited === undefined; request++) {
          const outcome = yield* Effect.either(
            Effect.tryPromise({
              try: () => sdk.emailSecurity.investigate.bulk.list({ account_id, per_page: 1 }),
              catch: (error) => error
            })
          )
          if (outcome._tag === "Left") limited = outcome.left
        }
        if (!(limited instanceof Cloudflare.RateLimitError)) {
          return expect.fail(`expected a RateLimitError, got ${String(limited)}`)
        }
        expect(limited).toMatchObject({ status: 429, errors: [{ code: 10429 }] })
        const retryAfter = Number(limited.headers.get("retry-after"))
        expect(retryAfter).toBeGreaterThan(290)
        expect(retryAfter).toBeLessThanOrEqual(300)
      })))
})
