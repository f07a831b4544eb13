// Run in its own process (see Decode.ts): times JSON.parse alone and JSON.parse plus cfbulk's page
// decoder on the page in the file given, and prints { jsonParseMs, cfbulkMs } as one JSON line.
import { BulkJob, PageEnvelope } from "@cfbulk/core"
import * as Either from "effect/Either"
import { readFileSync } from "node:fs"
// The decoder is internal to core; the private bench reaches it by path.
import { compileDecoder } from "../../core/src/internal/FastDecode.js"
import { median } from "./Stats.js"

const [file] = process.argv.slice(2)
if (file === undefined) throw new Error("usage: decode-child <page file>")
const text = readFileSync(file, "utf8")
// The decoder BulkJobs itself uses for a page of jobs, with its forward-compatible rules (unknown
// keys kept, open enums).
const decode = compileDecoder(PageEnvelope(BulkJob), { fromJsonParse: true })
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
