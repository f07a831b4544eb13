// A CommonJS user: require() gets the CommonJS build, and the in-memory service runs on
// effect's CommonJS build.
const { BulkJobs } = require("@cfbulk/core")
const { BulkJobsTest, makeTestJobs } = require("@cfbulk/core/testing")
const { Effect, Stream } = require("effect")

const program = Effect.flatMap(BulkJobs, (jobs) => Stream.runCount(jobs.list()))

Effect.runPromise(Effect.provide(program, BulkJobsTest.layer({ jobs: makeTestJobs(7) }))).then((count) => {
  console.log(JSON.stringify({ count, resolved: require.resolve("@cfbulk/core") }))
})
