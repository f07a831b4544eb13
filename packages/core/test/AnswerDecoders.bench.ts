/**
 * A timing script run by hand (not a test): a page of 1000 jobs decoded by `JSON.parse` alone, then
 * `JSON.parse` + Schema (the client's options), then `JSON.parse` + the decoder BulkJobs uses (the
 * fast path, checked against Schema). Prints the median and the fastest of several runs, in ms per
 * page, and the ratio to `JSON.parse`.
 *
 *   cd packages/core && ../../node_modules/.bin/tsx test/AnswerDecoders.bench.ts
 *
 * `RUNS=50` changes the number of timed runs (default 30). On a busy machine the fastest run is the
 * steadier figure. `PAGE=/tmp/page.json` times a page saved from the emulator instead of the
 * sample's jobs repeated (`curl -s -H 'authorization: Bearer t' 'http://127.0.0.1:8799/client/v4/
 * accounts/<id>/email-security/investigate/bulk?per_page=1000&page=3'`): its search params vary
 * from job to job, as real ones do. `KIND=messagePage` with a page of a job's messages times that.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import { readContractFile } from "../../../test-support/contract.js"
import { answerSchemas, makeAnswerDecoders, schemaDecoder } from "../src/internal/AnswerDecoders.js"

const JobsPerPage = 1000
const Runs = Number(process.env["RUNS"] ?? 30)
const kind = process.env["KIND"] === "messagePage" ? "messagePage" : "jobPage"

/** What the page is built from: the sample's jobs, and its other keys (kept as they are). */
const Sample = Schema.Struct({
  result: Schema.Array(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
})
const sample = Schema.decodeUnknownSync(Sample, { onExcessProperty: "preserve" })(
  JSON.parse(readContractFile("sample-list-response.json"))
)

/** The sample's jobs repeated to a full page, each with its own id and a key this client does not know. */
const buildPage = (): string => {
  const result = Array.from({ length: JobsPerPage }, (_, i) => {
    const job = sample.result[i % sample.result.length] ?? {}
    return {
      ...job,
      job_id: `${String(job["job_id"]).slice(0, 24)}${i.toString(16).padStart(12, "0")}`,
      x_added_later: { since: "v2", n: i }
    }
  })
  return JSON.stringify({
    ...sample,
    result,
    result_info: { count: JobsPerPage, per_page: JobsPerPage, next: null }
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
  `page: ${page ?? `${JobsPerPage} sample jobs`}, ${
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
