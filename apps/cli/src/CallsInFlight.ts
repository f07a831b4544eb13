import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"

// A move or release call that was sent and whose messages have no result yet: if the retry is
// stopped now (Ctrl-C), Cloudflare may have acted on them, and no row says so. Watched where the
// requests go out (the HTTP client the CLI gives core), since core's stream has no results for a
// call until it is over. One process runs one retry: the state is the module's, like the live line's.

/** A call under way: what it does and how many Investigate ids its body names. */
export interface CallInFlight {
  readonly action: "move" | "release"
  readonly ids: number
}

let current: CallInFlight | undefined = undefined

/** The move or release call sent and not yet settled, if any. */
export const callInFlight = (): CallInFlight | undefined => current

/** The call's results came (core reports every message of a call once it is over): nothing is in flight. */
export const settled = (): void => {
  current = undefined
}

/** Answers after which Cloudflare did nothing and core reports no result: a 429 (sent again later), refused credentials. */
const nothingDone = new Set([401, 403, 429])

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** The ids a JSON body names (docs/wire-contract.md §13: `{ "ids": [...] }`), if it is one. */
const idsIn = (body: HttpClientRequest.HttpClientRequest["body"]): number | undefined => {
  if (body._tag !== "Uint8Array") return undefined
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(body.body))
    return isRecord(value) && Array.isArray(value.ids) ? value.ids.length : undefined
  } catch {
    return undefined
  }
}

const callOf = (request: HttpClientRequest.HttpClientRequest): CallInFlight | undefined => {
  if (request.method !== "POST") return undefined
  const action = request.url.endsWith("/investigate/move")
    ? "move"
    : request.url.endsWith("/investigate/release")
    ? "release"
    : undefined
  const ids = action === undefined ? undefined : idsIn(request.body)
  return action === undefined || ids === undefined ? undefined : { action, ids }
}

/**
 * The client, noting each move or release call as it is sent. The note stays until the call's
 * results come (`settled`), or an answer says nothing was done; a call cut off by Ctrl-C keeps it.
 */
export const watchInvestigateCalls = <E, R>(
  client: HttpClient.HttpClient.With<E, R>
): HttpClient.HttpClient.With<E, R> =>
  HttpClient.transform(client, (response, request) => {
    const call = callOf(request)
    if (call === undefined) return response
    return Effect.zipRight(
      Effect.sync(() => {
        current = call
      }),
      Effect.tap(response, (answer) =>
        Effect.sync(() => {
          if (nothingDone.has(answer.status)) current = undefined
        }))
    )
  })
