import { type Destination, JobId } from "@cfbulk/core"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Schema from "effect/Schema"
import type { EmulatorTime } from "../EmulatorTime.js"
import type { ApiShape } from "../model/JobPlan.js"
import type { Investigations } from "../store/Investigations.js"
import type { JobStore } from "../store/JobStore.js"
import type { JobAlreadyEnded, JobNotFound, JobNotTerminal } from "../store/StoreErrors.js"
import { pageEnvelope, singleEnvelope } from "../wire/Envelope.js"
import { moveItems, releaseItems } from "../wire/InvestigateWire.js"
import { resultInfo } from "../wire/ResultInfo.js"
import { type ApiFailure, apiFailure, jobNotFound } from "./ApiFailure.js"
import { authorize, type Credentials } from "./Auth.js"
import { readBody } from "./Body.js"
import { decodeCreateBody } from "./CreateBody.js"
import { ErrorCodes } from "./ErrorCodes.js"
import { createdJobHiddenFor } from "./Faults.js"
import { decodeMoveBody, decodeReleaseBody } from "./InvestigateBody.js"
import { decodeListQuery, decodeMessagesQuery } from "./Query.js"
import { currentSequence } from "./RequestLog.js"
import { failureResponse, jsonResponse } from "./Respond.js"

/** Where the investigate endpoints live, below the API's `/client/v4` base. */
const InvestigatePath = "/client/v4/accounts/:account_id/email-security/investigate"

/** Where the bulk endpoints live, below the API's `/client/v4` base. */
export const BulkPath = `${InvestigatePath}/bulk`

export interface RouteDependencies {
  readonly store: JobStore
  readonly investigations: Investigations
  readonly time: EmulatorTime
  readonly credentials: Credentials
  readonly shape: ApiShape
}

const isJobId = Schema.is(JobId)

const storeFailure = (error: JobNotFound | JobNotTerminal | JobAlreadyEnded): ApiFailure => {
  switch (error._tag) {
    case "JobNotFound":
      return jobNotFound(error.jobId)
    case "JobNotTerminal":
      return apiFailure(
        409,
        ErrorCodes.JobNotTerminal,
        `Bulk action job ${error.jobId} is ${error.status}: only a job in a terminal state (COMPLETED, ` +
          `CANCELLED, FAILED or SKIPPED) can be deleted; cancel it first`
      )
    case "JobAlreadyEnded":
      return apiFailure(
        409,
        ErrorCodes.JobAlreadyEnded,
        `Bulk action job ${error.jobId} is already ${error.status} and cannot be cancelled`
      )
  }
}

/**
 * The six bulk-job endpoints (docs/wire-contract.md §2) and investigate move and release (§13) as an
 * `HttpRouter`.
 */
export const makeRoutes = (deps: RouteDependencies) => {
  const { credentials, investigations, shape, store, time } = deps

  /** The account id of an authorised request (401, 400 or 403 otherwise). */
  const authorized = Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const params = yield* HttpRouter.params
    const accountId = params.account_id ?? ""
    yield* authorize(request.headers, accountId, credentials)
    return accountId
  })

  /** The job id of the path, checked to be a UUID. */
  const jobIdParam = Effect.flatMap(HttpRouter.params, (params) => {
    const jobId = params.job_id ?? ""
    return isJobId(jobId)
      ? Effect.succeed(jobId)
      : Effect.fail(
        apiFailure(400, ErrorCodes.InvalidPath, `Invalid job id ${JSON.stringify(jobId)}: a job id is a UUID`)
      )
  })

  /** Renders the failure envelope of whatever went wrong inside an endpoint. */
  const endpoint = <R>(
    handler: Effect.Effect<HttpServerResponse.HttpServerResponse, ApiFailure, R>
  ) => Effect.catchTag(handler, "ApiFailure", (failure) => Effect.succeed(failureResponse(failure)))

  const list = endpoint(Effect.gen(function*() {
    yield* authorized
    const query = yield* decodeListQuery(yield* HttpServerRequest.ParsedSearchParams)
    const page = yield* store.list(query.filter, query.window, yield* time.now)
    return jsonResponse(
      200,
      pageEnvelope(page.items, resultInfo(query.window, page.items.length, page.total, shape))
    )
  }))

  const create = endpoint(Effect.gen(function*() {
    yield* authorized
    const request = yield* HttpServerRequest.HttpServerRequest
    const text = yield* readBody(request)
    const now = yield* time.now
    const job = yield* decodeCreateBody(text, now)
    const hiddenFor = yield* FiberRef.get(createdJobHiddenFor)
    const created = yield* store.create(job, now, now + hiddenFor)
    return jsonResponse(201, singleEnvelope(created.json))
  }))

  const get = endpoint(Effect.gen(function*() {
    yield* authorized
    const jobId = yield* jobIdParam
    const job = yield* Effect.mapError(store.get(jobId, yield* time.now), storeFailure)
    return jsonResponse(200, singleEnvelope(job))
  }))

  const remove = endpoint(Effect.gen(function*() {
    yield* authorized
    const jobId = yield* jobIdParam
    yield* Effect.mapError(store.delete(jobId, yield* time.now), storeFailure)
    return jsonResponse(200, singleEnvelope(JSON.stringify({ id: jobId.toLowerCase() })))
  }))

  const cancel = endpoint(Effect.gen(function*() {
    yield* authorized
    const jobId = yield* jobIdParam
    const job = yield* Effect.mapError(store.cancel(jobId, yield* time.now), storeFailure)
    return jsonResponse(200, singleEnvelope(job))
  }))

  const messages = endpoint(Effect.gen(function*() {
    yield* authorized
    const jobId = yield* jobIdParam
    const query = yield* decodeMessagesQuery(yield* HttpServerRequest.ParsedSearchParams)
    const page = yield* Effect.mapError(
      store.messages(jobId, query.filter, query.window, yield* time.now),
      storeFailure
    )
    return jsonResponse(
      200,
      pageEnvelope(page.items, resultInfo(query.window, page.items.length, page.total, shape))
    )
  }))

  /** Carries out a move or release (recorded even if its answer is then lost to a fault). */
  const investigate = (request: {
    readonly action: "MOVE" | "RELEASE"
    readonly destination: Destination | null
    readonly ids: ReadonlyArray<string>
  }) =>
    Effect.gen(function*() {
      const sequence = yield* FiberRef.get(currentSequence)
      return yield* investigations.act(request, { sequence, timestamp: yield* time.now })
    })

  // Both answer 200 with a single envelope whose result is an array (docs/wire-contract.md §13).
  const move = endpoint(Effect.gen(function*() {
    yield* authorized
    const body = yield* decodeMoveBody(yield* readBody(yield* HttpServerRequest.HttpServerRequest))
    const call = yield* investigate({ action: "MOVE", destination: body.destination, ids: body.ids })
    return jsonResponse(200, singleEnvelope(JSON.stringify(moveItems(call))))
  }))

  const release = endpoint(Effect.gen(function*() {
    yield* authorized
    const body = yield* decodeReleaseBody(yield* readBody(yield* HttpServerRequest.HttpServerRequest))
    const call = yield* investigate({ action: "RELEASE", destination: null, ids: body.ids })
    return jsonResponse(200, singleEnvelope(JSON.stringify(releaseItems(call))))
  }))

  return HttpRouter.empty.pipe(
    HttpRouter.get(BulkPath, list),
    HttpRouter.post(BulkPath, create),
    HttpRouter.get(`${BulkPath}/:job_id`, get),
    HttpRouter.del(`${BulkPath}/:job_id`, remove),
    HttpRouter.post(`${BulkPath}/:job_id/cancel`, cancel),
    HttpRouter.get(`${BulkPath}/:job_id/messages`, messages),
    HttpRouter.post(`${InvestigatePath}/move`, move),
    HttpRouter.post(`${InvestigatePath}/release`, release)
  )
}

const resources: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/client\/v4\/accounts\/[^/]+\/email-security\/investigate\/bulk\/?$/, "GET, POST"],
  [/^\/client\/v4\/accounts\/[^/]+\/email-security\/investigate\/bulk\/[^/]+\/?$/, "GET, DELETE"],
  [/^\/client\/v4\/accounts\/[^/]+\/email-security\/investigate\/bulk\/[^/]+\/cancel\/?$/, "POST"],
  [/^\/client\/v4\/accounts\/[^/]+\/email-security\/investigate\/bulk\/[^/]+\/messages\/?$/, "GET"],
  [/^\/client\/v4\/accounts\/[^/]+\/email-security\/investigate\/(move|release)\/?$/, "POST"]
]

/** The methods a path supports, when it is one of the bulk resources. */
export const allowedMethods = (url: string): string | undefined => {
  const path = url.split("?")[0] ?? url
  return resources.find(([pattern]) => pattern.test(path))?.[1]
}
