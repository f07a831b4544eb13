/**
 * @cfbulk/core: an Effect client for Cloudflare Email Security bulk action jobs.
 */
export * from "./schema/index.js"

export * as CloudflareClient from "./http/CloudflareClient.js"
export * from "./http/Config.js"
export * from "./http/Errors.js"

export { BulkJobs, type BulkJobsService } from "./service/BulkJobs.js"
export { version } from "./version.js"
