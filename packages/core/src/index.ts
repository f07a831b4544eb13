/**
 * @cfbulk/core: an Effect client for Cloudflare Email Security bulk action jobs.
 */
export * from "./schema/index.js"

export * as CloudflareClient from "./http/CloudflareClient.js"
export * from "./http/Config.js"
export * from "./http/Errors.js"
export { parseRateLimit, parseRateLimitPolicy, parseRetryAfter } from "./http/RateLimitHeaders.js"

export { BulkJobs, type BulkJobsService } from "./service/BulkJobs.js"
export { isLastPage, type Page } from "./service/Page.js"
export {
  paginate,
  paginateDeferred,
  type PaginateDeferredOptions,
  type PaginateOptions
} from "./service/Paginate.js"
export { version } from "./version.js"
