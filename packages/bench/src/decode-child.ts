// Run in its own process (see Decode.ts): times JSON.parse alone and JSON.parse plus cfbulk's page
// decoder on the page in the file given, and prints { jsonParseMs, cfbulkMs } as one JSON line.
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { readFileSync } from "node:fs"
// The decoders are internal to core; the private bench reaches them by path.
import { makeAnswerDecoders } from "../../core/src/internal/AnswerDecoders.js"
import { median } from "./Stats.js"

const [file] = process.argv.slice(2)
if (file === undefined) throw new Error("usage: decode-child <page file>")
const text = readFileSync(file, "utf8")
// The decoder BulkJobs itself uses for a page of jobs, built as its layer builds it (the fast path,
// once it agrees with Schema on the canary), with its forward-compatible rules.
const decode = Effect.runSync(makeAnswerDecoders()).jobPage
if (Either.isLeft(decode(JSON.parse(text)))) throw new Error("the emulator's page does not decode")

const parseOnly = (): unknown => JSON.parse(text)
const parseAndDecode = () => decode(JSON.parse(text))
const timed = (f: () => unknown): number => {
  const started = performance.now()
  f()
  return performance.now() - started
}
// Until both are optimized, then samples taken in alternation, so a slow spell of the machine
// weighs on both alike.
for (let i = 0; i < 50; i++) {
  parseOnly()
  parseAndDecode()
}
const parse: Array<number> = []
const full: Array<number> = []
for (let i = 0; i < 100; i++) {
  parse.push(timed(parseOnly))
  full.push(timed(parseAndDecode))
}
process.stdout.write(JSON.stringify({ jsonParseMs: median(parse), cfbulkMs: median(full) }) + "\n")
