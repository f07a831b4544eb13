import { BulkJob, compileDecoder, PageEnvelope } from "@cfbulk/core"
import * as Either from "effect/Either"
import { median, round } from "./Stats.js"

export interface DecodeResult {
  readonly jsonParseMs: number
  readonly cfbulkMs: number
  readonly ratio: number
}

/**
 * Milliseconds to decode one 1000-job page (as the emulator serves it): `JSON.parse` alone against
 * `JSON.parse` plus cfbulk's decoder with its forward-compatible rules (unknown keys kept).
 */
export const measureDecode = async (url: string, token: string, accountId: string): Promise<DecodeResult> => {
  const response = await fetch(`${url}/accounts/${accountId}/email-security/investigate/bulk?per_page=1000`, {
    headers: { authorization: `Bearer ${token}` }
  })
  const text = await response.text()
  // The decoder BulkJobs itself uses for a page of jobs.
  const decode = compileDecoder(PageEnvelope(BulkJob), { fromJsonParse: true })
  const time = (f: () => void) => {
    for (let i = 0; i < 5; i++) f()
    const samples: Array<number> = []
    for (let i = 0; i < 30; i++) {
      const started = performance.now()
      f()
      samples.push(performance.now() - started)
    }
    return median(samples)
  }
  if (Either.isLeft(decode(JSON.parse(text)))) throw new Error("the emulator's page does not decode")
  const jsonParseMs = time(() => JSON.parse(text))
  const cfbulkMs = time(() => decode(JSON.parse(text)))
  return {
    jsonParseMs: round(jsonParseMs, 2),
    cfbulkMs: round(cfbulkMs, 2),
    ratio: round(cfbulkMs / jsonParseMs, 2)
  }
}
