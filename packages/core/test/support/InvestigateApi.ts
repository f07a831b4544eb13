// A stub of the API a retry talks to: one job, its messages (listed by status, page by page), and
// investigate move and release answered by the test. Records every request.
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as Effect from "effect/Effect"
import * as HashMap from "effect/HashMap"
import * as Logger from "effect/Logger"
import * as Schema from "effect/Schema"
import { BulkJob, type BulkJobEncoded, BulkJobMessage } from "../../src/index.js"
import { StubHttpClient } from "../../src/testing/index.js"

const encodeJob = Schema.encodeSync(BulkJob)
const encodeMessage = Schema.encodeSync(BulkJobMessage)
const decodeIds = Schema.decodeUnknownSync(Schema.Struct({ ids: Schema.Array(Schema.String) }))

/** A job as the API sends it. */
export const wireJob = (job: BulkJob): BulkJobEncoded => encodeJob(job)

/** A call of move or release: which of them (1-based, in order), and the ids it names. */
export interface InvestigateCall {
  readonly number: number
  readonly ids: ReadonlyArray<string>
  readonly request: StubHttpClient.StubRequest
}

type Answer = Response | Effect.Effect<Response, HttpClientError.HttpClientError>

export interface InvestigateApiOptions {
  /** The job in its wire form (see `wireJob`). */
  readonly job: unknown
  readonly messages: ReadonlyArray<BulkJobMessage>
  /** Answers move calls; default: every id moved, one item each. */
  readonly move?: ((call: InvestigateCall) => Answer) | undefined
  /** Answers release calls; default: every id delivered. */
  readonly release?: ((call: InvestigateCall) => Answer) | undefined
  /** Lists every message whatever `status` the listing asks for, as a faulty server might. */
  readonly ignoresStatusFilter?: boolean | undefined
}

/** Every id moved, one item each, naming the id as `message_id`. */
export const allMoved = (call: InvestigateCall): Response =>
  StubHttpClient.single(
    call.ids.map((id) => ({ success: true, message_id: id, recipient: `${id}@example.com`, status: "Moved" }))
  )

/** Every id delivered to one recipient. */
export const allReleased = (call: InvestigateCall): Response =>
  StubHttpClient.single(
    call.ids.map((id) => ({ id, delivered: [`${id}@example.com`], undelivered: [], failed: [] }))
  )

export const investigateApi = (options: InvestigateApiOptions) => {
  const requests: Array<StubHttpClient.StubRequest> = []
  const wireMessages = options.messages.map((message) => ({
    status: message.status,
    wire: encodeMessage(message)
  }))
  let calls = 0

  const handler: StubHttpClient.StubHandler = (request) => {
    requests.push(request)
    const path = request.url.pathname
    if (request.method === "GET" && path.endsWith("/messages")) {
      const status = options.ignoresStatusFilter === true ? null : request.url.searchParams.get("status")
      const page = Number(request.url.searchParams.get("page") ?? "1")
      const perPage = Number(request.url.searchParams.get("per_page") ?? "20")
      const listed = wireMessages.filter((message) => status === null || message.status === status)
      return StubHttpClient.page(
        listed.slice((page - 1) * perPage, page * perPage).map((message) => message.wire),
        perPage
      )
    }
    if (request.method === "GET" && /\/investigate\/bulk\/[^/]+$/.test(path)) {
      return StubHttpClient.single(options.job)
    }
    if (request.method === "POST" && path.endsWith("/investigate/move")) {
      calls++
      return (options.move ?? allMoved)({ number: calls, ids: decodeIds(request.body).ids, request })
    }
    if (request.method === "POST" && path.endsWith("/investigate/release")) {
      calls++
      return (options.release ?? allReleased)({ number: calls, ids: decodeIds(request.body).ids, request })
    }
    return StubHttpClient.failure(404, [{ code: 7003, message: `no route for ${request.method} ${path}` }])
  }

  const posts = () => requests.filter((request) => request.method === "POST")
  /** The ids each move or release call named, in order. */
  const sentIds = () => posts().map((request) => decodeIds(request.body).ids)
  return { requests, handler, posts, sentIds }
}

/** Keeps the text of every log line carrying a wait (`cfbulk.wait_ms`). */
export const collectingWaits = (waits: Array<string>) =>
  Logger.replace(
    Logger.defaultLogger,
    Logger.make(({ annotations, message }) => {
      if (HashMap.has(annotations, "cfbulk.wait_ms")) {
        waits.push((Array.isArray(message) ? message : [message]).map(String).join(" "))
      }
    })
  )
