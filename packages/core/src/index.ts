/**
 * `@cfbulk/core`: an Effect client for Cloudflare Email Security bulk action jobs.
 *
 * The package entry re-exports the schemas of the API (every module of `schema/`), the configuration
 * and the typed errors, the low-level `CloudflareClient` module, and the `BulkJobs` service. Test
 * support is a separate entry, `@cfbulk/core/testing`.
 *
 * @since 0.1.0
 */
export * from "./schema/index.js"
/**
 * The Investigate API's move and release of explicit messages: `InvestigateId`, `MoveRequest`,
 * `ReleaseRequest`, the items of their answers, and `MaxInvestigateIds`.
 *
 * @since 0.1.0
 */
export * from "./schema/Investigate.js"
/**
 * The model of retrying the messages a job left FAILED (`BulkJobs.planRetry` and
 * `BulkJobs.retryFailed`): `RetryStep`, `RetryBatch`, `RetryTarget`, `RetryResult` and the options.
 *
 * @since 0.1.0
 */
export * from "./service/MessageRetry.js"

/**
 * The low-level API client, as a namespace: `CloudflareClient.CloudflareClient` (the service),
 * `CloudflareClient.layer` and `CloudflareClient.make`.
 *
 * @since 0.1.0
 */
export * as CloudflareClient from "./http/CloudflareClient.js"
/**
 * The configuration: `CloudflareConfig`, `Credentials`, and reading them from the environment.
 *
 * @since 0.1.0
 */
export * from "./http/Config.js"
/**
 * The typed errors, and the unions `CloudflareError` and `BulkJobsError`.
 *
 * @since 0.1.0
 */
export * from "./http/Errors.js"

export type {
  /**
   * One page of a listing as `BulkJobs.listPage` and `BulkJobs.messagesPage` return it: the items,
   * the page number and size requested, and the server's `result_info`.
   *
   * @since 0.1.0
   * @category models
   */
  Page
} from "./internal/Page.js"
export {
  /**
   * A wait as the announcements say it, seconds rounded up: `describeWait(52_000, " for the
   * rate-limit window")` is `waiting 52s for the rate-limit window`.
   *
   * @since 0.1.0
   * @category utils
   */
  describeWait,
  /**
   * The log annotation (`cfbulk.wait_ms`, the wait in milliseconds) on the Info-level line that
   * announces a wait of two seconds or more: a spent rate-limit budget, a 429's `Retry-After`, a
   * long backoff, or a lost create's search. An application shows these lines by it, whatever else
   * it logs.
   *
   * @since 0.1.0
   * @category constants
   */
  WaitAnnotation,
  /**
   * The log annotation (`cfbulk.wait_reason`) holding why a wait is made, as its announcement says
   * it after the time, so that an application can say it again as the wait counts down.
   *
   * @since 0.1.0
   * @category constants
   */
  WaitReasonAnnotation
} from "./internal/Waits.js"
export {
  /**
   * The bulk-jobs service, with its layers (`BulkJobs.Default`, `BulkJobs.layer`,
   * `BulkJobs.layerConfig`, `BulkJobs.layerClient`).
   *
   * @since 0.1.0
   * @category services
   */
  BulkJobs,
  /**
   * What the service does beyond the client's configuration (`reconcileTimeout`), for
   * `BulkJobs.layer` and `BulkJobs.layerClientWith`.
   *
   * @since 0.1.0
   * @category models
   */
  type BulkJobsOptions,
  /**
   * The operations `BulkJobs` provides.
   *
   * @since 0.1.0
   * @category models
   */
  type BulkJobsService,
  /**
   * How long `create` looks for its job when its answer was lost, unless told otherwise (10 seconds).
   *
   * @since 0.1.0
   * @category constants
   */
  DefaultReconcileTimeout
} from "./service/BulkJobs.js"
export {
  /**
   * cfbulk's version, as sent in the User-Agent.
   *
   * @since 0.1.0
   * @category constants
   */
  version
} from "./version.js"
