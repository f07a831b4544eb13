/**
 * The typed errors of the client: one class per way a request can fail, each naming the request and
 * reading as a sentence a person can act on.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import { formatApiMessages } from "../internal/ApiMessages.js"
import type { ApiMessage } from "../schema/Envelope.js"

// Every error names the request (method and path, never headers or credentials) and reads as one
// sentence a person can act on. None of them keeps the platform's request object, whose headers
// would otherwise travel into logs through `Cause.pretty`.

/**
 * What sending a request a second time would repeat: nothing that matters (`"None"`: a read, a
 * cancel, a delete), starting a job (`"CreatesJob"`), or moving or releasing messages
 * (`"ActsOnMessages"`). A request that repeats something is sent again only when it certainly did
 * not reach the server, and an error that leaves its outcome unknown says what to check.
 *
 * @since 0.1.0
 * @category models
 */
export type RepeatRisk = "None" | "CreatesJob" | "ActsOnMessages"

/**
 * Which request failed: no headers, no body, no credentials.
 *
 * @since 0.1.0
 * @category models
 */
export interface RequestInfo {
  readonly method: string
  readonly path: string
  /** What sending it again would repeat (see `RepeatRisk`); absent means nothing. */
  readonly repeatRisk?: RepeatRisk | undefined
}

const describe = (request: RequestInfo): string => `${request.method} ${request.path}`

/**
 * Why resending after this failure could act twice, from what the request does: a create could
 * start the same MOVE or RELEASE job twice; a move or release could act on its messages again.
 */
const uncertainOutcome = (request: RequestInfo, outcomeUnknown: boolean | undefined): string => {
  if (outcomeUnknown !== true) return ""
  switch (request.repeatRisk) {
    case "CreatesJob":
      return "; the request may have reached Cloudflare, so the job may exist: list the newest jobs before creating it again"
    case "ActsOnMessages":
      return "; the request may have reached Cloudflare and acted on the messages: check them before sending it again"
    default:
      return "; the request may have reached Cloudflare and acted: check before sending it again"
  }
}

/**
 * 401 or 403: the credentials are missing, wrong, or lack the permission.
 *
 * @since 0.1.0
 * @category errors
 */
export class AuthenticationError extends Data.TaggedError("AuthenticationError")<{
  readonly request: RequestInfo
  readonly status: number
  readonly errors: ReadonlyArray<ApiMessage>
}> {
  override get message(): string {
    const hint = this.status === 403
      ? "check that the token has 'Cloud Email Security: Write' (or Read for listing) on this account"
      : "check CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL with CLOUDFLARE_API_KEY"
    return `${describe(this.request)} was refused with ${this.status}${
      formatApiMessages(this.errors)
    } (${hint})`
  }
}

/**
 * 404: no such job (or account), or the job was deleted.
 *
 * @since 0.1.0
 * @category errors
 */
export class NotFoundError extends Data.TaggedError("NotFoundError")<{
  readonly request: RequestInfo
  readonly errors: ReadonlyArray<ApiMessage>
}> {
  override get message(): string {
    return `${describe(this.request)} found nothing (404)${
      formatApiMessages(this.errors)
    } (check the job id and the account id)`
  }
}

/**
 * 429 that could not be waited out: retries ran out, or the server asked for a longer wait than allowed.
 *
 * @since 0.1.0
 * @category errors
 */
export class RateLimitedError extends Data.TaggedError("RateLimitedError")<{
  readonly request: RequestInfo
  readonly retryAfter: Duration.Duration
  readonly errors: ReadonlyArray<ApiMessage>
}> {
  override get message(): string {
    return `${describe(this.request)} was rate limited (429)${formatApiMessages(this.errors)}: ` +
      `Cloudflare blocks this account's API calls for ${
        Duration.format(this.retryAfter)
      }; try again after that`
  }
}

/**
 * Any other 4xx or 5xx, with every code and message Cloudflare sent.
 *
 * @since 0.1.0
 * @category errors
 */
export class CloudflareApiError extends Data.TaggedError("CloudflareApiError")<{
  readonly request: RequestInfo
  readonly status: number
  readonly errors: ReadonlyArray<ApiMessage>
  /** The request (a create, a move or a release) may have acted although it failed this way. */
  readonly outcomeUnknown?: boolean | undefined
}> {
  override get message(): string {
    const hint = this.outcomeUnknown === true
      ? uncertainOutcome(this.request, true)
      : this.status >= 500
      ? " (a Cloudflare-side failure; retrying later may help)"
      : ""
    return `${describe(this.request)} failed with ${this.status}${formatApiMessages(this.errors)}${hint}`
  }
}

/**
 * The request did not complete: the connection failed, was reset, or the timeout passed.
 *
 * @since 0.1.0
 * @category errors
 */
export class TransportError extends Data.TaggedError("TransportError")<{
  readonly request: RequestInfo
  readonly reason: "Timeout" | "Connection"
  readonly detail: string
  /** The request (a create, a move or a release) may have acted although it failed this way. */
  readonly outcomeUnknown?: boolean | undefined
}> {
  override get message(): string {
    const request = describe(this.request)
    if (this.outcomeUnknown === true) {
      const what = this.reason === "Timeout" ? `timed out after ${this.detail}` : `broke off: ${this.detail}`
      return `${request} ${what}${uncertainOutcome(this.request, true)}`
    }
    return this.reason === "Timeout"
      ? `${request} timed out after ${this.detail} (raise the timeout, or check the network)`
      : `${request} could not reach Cloudflare: ${this.detail} (check the base URL and the network)`
  }
}

/**
 * A response that is not the JSON the contract promises: an HTML error page from the edge,
 * truncated JSON, or a known field of the wrong type. Carries the status and the first 200
 * characters of the body, never the headers.
 *
 * @since 0.1.0
 * @category errors
 */
export class ResponseDecodeError extends Data.TaggedError("ResponseDecodeError")<{
  readonly request: RequestInfo
  readonly status: number
  readonly body: string
  readonly issue: string
  readonly page?: number | undefined
  /** The request (a create, a move or a release) may have acted: a 2xx whose body was cut, say. */
  readonly outcomeUnknown?: boolean | undefined
}> {
  override get message(): string {
    const where = this.page === undefined ? "" : ` (page ${this.page})`
    const request = describe(this.request)
    return `${request} returned a response cfbulk cannot read${where}, status ${this.status}: ${this.issue}; ` +
      `body starts with ${JSON.stringify(this.body)}${uncertainOutcome(this.request, this.outcomeUnknown)}`
  }
}

/**
 * Bad input: nothing was sent.
 *
 * @since 0.1.0
 * @category errors
 */
export class ValidationError extends Data.TaggedError("ValidationError")<{
  readonly issue: string
}> {
  override get message(): string {
    return `invalid input: ${this.issue}`
  }
}

/**
 * Configuration that cannot work (missing credentials, a cleartext base URL).
 *
 * @since 0.1.0
 * @category errors
 */
export class ConfigurationError extends Data.TaggedError("ConfigurationError")<{
  readonly issue: string
}> {
  override get message(): string {
    return `invalid configuration: ${this.issue}`
  }
}

/**
 * Every error a request to the API can end with.
 *
 * @since 0.1.0
 * @category errors
 */
export type CloudflareError =
  | AuthenticationError
  | NotFoundError
  | RateLimitedError
  | CloudflareApiError
  | TransportError
  | ResponseDecodeError

/**
 * A create whose own answer was lost (a 5xx, a broken connection, a timeout, an unreadable 2xx), and
 * whose job could not be told apart afterwards: `BulkJobs.create` looked for it among the newest jobs
 * and found none that match (`matches` empty: it may not exist, or may still appear) or more than one
 * (`matches` lists them). The create was sent once and never again.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnconfirmedCreateError extends Data.TaggedError("UnconfirmedCreateError")<{
  readonly request: RequestInfo
  readonly action: string
  /** The failure that lost the create's answer. */
  readonly lost: CloudflareError
  /** How long the newest jobs were searched. */
  readonly searched: Duration.Duration
  /** The jobs that match the create, when there was more than one. */
  readonly matches: ReadonlyArray<string>
}> {
  override get message(): string {
    // The lost failure's own sentence, without the request it names again or its advice to look.
    const request = describe(this.request)
    const detail = (this.lost.message.split("; the request may have")[0] ?? "").replace(`${request} `, "")
    const lost = `${request} lost its answer (${detail})`
    const check = `list the newest ${this.action} jobs before creating it again`
    const searched = Math.round(Duration.toSeconds(this.searched))
    return this.matches.length === 0
      ? `${lost}, and no job matching it appeared within ${searched}s: ` +
        `the job may exist and appear later, or may not exist; ${check}`
      : `${lost}, and ${this.matches.length} jobs created since match it (${this.matches.join(", ")}): ` +
        `check which one is yours before creating it again`
  }
}

/**
 * Every error an operation of `BulkJobs` can end with.
 *
 * @since 0.1.0
 * @category errors
 */
export type BulkJobsError = CloudflareError | ValidationError | UnconfirmedCreateError
