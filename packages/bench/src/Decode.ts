import { BulkJob, PageEnvelope } from "@cfbulk/core"
import * as Schema from "effect/Schema"
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
  const decode = Schema.decodeUnknownSync(PageEnvelope(BulkJob), { onExcessProperty: "preserve" })
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
  const jsonParseMs = time(() => JSON.parse(text))
  const cfbulkMs = time(() => decode(JSON.parse(text)))
  return {
    jsonParseMs: round(jsonParseMs, 2),
    cfbulkMs: round(cfbulkMs, 2),
    ratio: round(cfbulkMs / jsonParseMs, 2)
  }
}
