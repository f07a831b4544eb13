// A user's Effect application: BulkJobs over Node's HTTP client, configured from the environment,
// listing every job of the account once.
import { BulkJobs } from "@cfbulk/core"
import { NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import { Config, Console, Effect, Layer, Stream } from "effect"

const BulkJobsLive = Layer.unwrapEffect(
  Effect.gen(function*() {
    const token = yield* Config.redacted("CLOUDFLARE_API_TOKEN")
    const accountId = yield* Config.string("CLOUDFLARE_ACCOUNT_ID")
    const baseUrl = yield* Config.string("CLOUDFLARE_BASE_URL")
    return BulkJobs.layer({ credentials: { _tag: "ApiToken", token }, accountId, baseUrl })
  })
).pipe(Layer.provide(NodeHttpClient.layerUndici))

const program = Effect.gen(function*() {
  const jobs = yield* BulkJobs
  const ids = yield* jobs.list().pipe(
    Stream.map((job) => job.job_id),
    Stream.runCollect
  )
  yield* Console.log(JSON.stringify({ jobs: ids.length, distinct: new Set(ids).size }))
}).pipe(
  Effect.catchTags({
    AuthenticationError: (error) => Console.error(`not allowed: ${error.message}`)
  })
)

program.pipe(Effect.provide(BulkJobsLive), NodeRuntime.runMain)
