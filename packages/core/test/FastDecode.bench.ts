/**
 * A timing script run by hand (not a test): a 1000-job page decoded by `JSON.parse` alone, then
 * `JSON.parse` + Schema (the client's lenient options), then `JSON.parse` + the compiled decoder.
 * Prints the median and the fastest of several runs, in ms per page, and the ratio to `JSON.parse`.
 *
 *   cd packages/core && ../../node_modules/.pnpm/node_modules/.bin/tsx test/FastDecode.bench.ts
 *
 * `RUNS=50` changes the number of timed runs (default 30). On a busy machine the fastest run is the
 * steadier figure. `PAGE=/tmp/page.json` times a page saved from the emulator instead of the
 * sample's jobs repeated (`curl -s -H 'authorization: Bearer t' 'http://127.0.0.1:8799/client/v4/
 * accounts/<id>/email-security/investigate/bulk?per_page=1000&page=3'`): its search params vary
 * from job to job, as real ones do.
 */
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import { readContractFile } from "../../../test-support/contract.js"
import { compileDecoder } from "../src/internal/FastDecode.js"
import { lenient } from "../src/internal/ResponseBody.js"
import { BulkJob } from "../src/schema/BulkJob.js"
import { PageEnvelope } from "../src/schema/Envelope.js"

const JobsPerPage = 1000
const Runs = Number(process.env["RUNS"] ?? 30)

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
  const page = { ...sample, result, result_info: { count: JobsPerPage, per_page: JobsPerPage, next: null } }
  return JSON.stringify(page, null, 2)
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
const schema = PageEnvelope(BulkJob)
const decoders: ReadonlyArray<
  readonly [string, (json: unknown) => Either.Either<unknown, ParseResult.ParseError>]
> = [
  ["JSON.parse + compiled", compileDecoder(schema)],
  ["JSON.parse + compiled (fromJsonParse)", compileDecoder(schema, { fromJsonParse: true })],
  ["JSON.parse + compiled (closures only)", compileDecoder(schema, { generateCode: false })]
]

console.log(
  `page: ${page ?? `${JobsPerPage} sample jobs`}, ${
    (body.length / 1e6).toFixed(2)
  } MB; ${Runs} runs; ms per page`
)
// Schema alone first: its garbage would otherwise weigh on the others' collections.
const decodeWithSchema = Schema.decodeUnknownEither(schema, lenient)
const parseAlone = (): void => {
  JSON.parse(body)
}
const [parseAloneTime, withSchema] = timeTogether([
  parseAlone,
  () => mustDecode(decodeWithSchema(JSON.parse(body)))
])
const [parse, ...compiled] = timeTogether([
  parseAlone,
  ...decoders.map(([, decode]) => () => mustDecode(decode(JSON.parse(body))))
])
const row = (label: string, t: Timing | undefined, base: Timing | undefined) => {
  if (t === undefined || base === undefined) return
  console.log(
    `${label.padEnd(40)} median ${t.median.toFixed(2).padStart(7)} (${
      (t.median / base.median).toFixed(2)
    } x)` +
      `   fastest ${t.fastest.toFixed(2).padStart(7)} (${(t.fastest / base.fastest).toFixed(2)} x)`
  )
}
row("JSON.parse", parse, parse)
row("JSON.parse + Schema", withSchema, parseAloneTime)
decoders.forEach(([label], i) => row(label, compiled[i], parse))
