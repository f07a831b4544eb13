/**
 * A timing script run by hand (not a test): a page of 1000 jobs decoded by `JSON.parse` alone, then
 * `JSON.parse` + Schema (the client's options), then `JSON.parse` + the decoder BulkJobs uses (the
 * fast path, checked against Schema). Prints the median and the fastest of several runs, in ms per
 * page, and the ratio to `JSON.parse`. Run it bundled, as the CLI runs: under tsx's per-file
 * transform the hand-written decoder takes about twice as long as in a bundle or in core's build.
 *
 *   cd packages/core && ../../node_modules/.bin/esbuild test/AnswerDecoders.bench.ts --bundle \
 *     --platform=node --format=esm --outfile=/tmp/answer-decoders-bench.mjs && node /tmp/answer-decoders-bench.mjs
 *
 * `RUNS=50` changes the number of timed runs (default 30). On a busy machine the fastest run is the
 * steadier figure. `PAGE=/tmp/page.json` times a page saved from the emulator instead of test jobs
 * (`curl -s -H 'authorization: Bearer t' 'http://127.0.0.1:8799/client/v4/accounts/<id>/email-security/
 * investigate/bulk?per_page=1000'`): its search params vary from job to job, as real ones do.
 * `KIND=messagePage` with a page of a job's messages times that.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import { answerSchemas, makeAnswerDecoders, schemaDecoder } from "../src/internal/AnswerDecoders.js"
import { BulkJob } from "../src/schema/BulkJob.js"
import { makeTestJobs } from "../src/testing/index.js"

const JobsPerPage = 1000
const Runs = Number(process.env["RUNS"] ?? 30)
const kind = process.env["KIND"] === "messagePage" ? "messagePage" : "jobPage"

/** Test jobs as the wire carries them, each with a key this client does not know. */
const buildPage = (): string => {
  const result = Schema.encodeSync(Schema.Array(BulkJob))(makeTestJobs(JobsPerPage)).map((job, i) => ({
    ...job,
    x_added_later: { since: "v2", n: i }
  }))
  return JSON.stringify({
    success: true,
    errors: [],
    messages: [],
    result,
    result_info: { count: JobsPerPage }
  })
}

interface Timing {
  readonly median: number
  readonly fastest: number
}

const summarize = (samples: Array<number>): Timing => {
  samples.sort((a, b) => a - b)
  return { median: samples[Math.floor(samples.length / 2)] ?? Number.NaN, fastest: samples[0] ?? Number.NaN }
}

/** Times the candidates round-robin, so that they share the machine's noise and each other's garbage. */
const timeTogether = (candidates: ReadonlyArray<() => void>): Array<Timing> => {
  for (let i = 0; i < 10; i++) candidates.forEach((run) => run())
  const samples = candidates.map((): Array<number> => [])
  for (let i = 0; i < Runs; i++) {
    candidates.forEach((run, c) => {
      const start = performance.now()
      run()
      samples[c]?.push(performance.now() - start)
    })
  }
  return samples.map(summarize)
}

const mustDecode = (result: Either.Either<unknown, ParseResult.ParseError>): void => {
  if (Either.isLeft(result)) throw new Error(`the page does not decode: ${result.left.message}`)
}

const page = process.env["PAGE"]
const body = page === undefined ? buildPage() : readFileSync(page, "utf8")
const decoders = Effect.runSync(makeAnswerDecoders())
const decodeWithSchema = kind === "jobPage"
  ? schemaDecoder(answerSchemas.jobPage)
  : schemaDecoder(answerSchemas.messagePage)
const decode = decoders[kind]

console.log(
  `page: ${page ?? `${JobsPerPage} test jobs`}, ${
    (body.length / 1e6).toFixed(2)
  } MB; ${Runs} runs; ms per page`
)
const parseAlone = (): void => {
  JSON.parse(body)
}
// Schema alone first: its garbage would otherwise weigh on the others' collections.
const [parseBeside, withSchema] = timeTogether([
  parseAlone,
  () => mustDecode(decodeWithSchema(JSON.parse(body)))
])
const [parse, withDecoder] = timeTogether([parseAlone, () => mustDecode(decode(JSON.parse(body)))])
const row = (label: string, t: Timing | undefined, base: Timing | undefined) => {
  if (t === undefined || base === undefined) return
  console.log(
    `${label.padEnd(30)} median ${t.median.toFixed(2).padStart(7)} (${
      (t.median / base.median).toFixed(2)
    } x)` +
      `   fastest ${t.fastest.toFixed(2).padStart(7)} (${(t.fastest / base.fastest).toFixed(2)} x)`
  )
}
row("JSON.parse", parse, parse)
row("JSON.parse + Schema", withSchema, parseBeside)
row("JSON.parse + BulkJobs' decoder", withDecoder, parse)
