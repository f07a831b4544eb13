/**
 * Test support for applications built on `@cfbulk/core`, imported from `@cfbulk/core/testing`:
 * - `BulkJobsTest`: an in-memory `BulkJobs` (no HTTP) seeded with jobs;
 * - `StubHttpClient`: canned answers under the real client, to test behaviour at the HTTP level;
 * - sample jobs to seed either.
 *
 * @since 0.1.0
 */
export * as BulkJobsTest from "./BulkJobsTest.js"
/**
 * Sample jobs and messages: `testJobId`, `makeTestJob`, `makeTestJobs`, `testInvestigateId`,
 * `makeTestMessage`.
 *
 * @since 0.1.0
 */
export * from "./SampleJobs.js"
/**
 * An `HttpClient` that answers from a function, with helpers that build Cloudflare's answers.
 *
 * @since 0.1.0
 */
export * as StubHttpClient from "./StubHttpClient.js"
