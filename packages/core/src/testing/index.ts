/**
 * Test support for applications built on `@cfbulk/core`:
 * - `BulkJobsTest`: an in-memory `BulkJobs` (no HTTP) seeded with jobs;
 * - `StubHttpClient`: canned answers under the real client, to test behaviour at the HTTP level;
 * - sample jobs to seed either.
 */
export * as BulkJobsTest from "./BulkJobsTest.js"
export * from "./SampleJobs.js"
export * as StubHttpClient from "./StubHttpClient.js"
