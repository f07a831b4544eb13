import { writeFileSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { bundleScript } from "./Bundle.js"
import { run } from "./Child.js"
import { round } from "./Stats.js"

export interface DecodeResult {
  readonly jsonParseMs: number
  readonly cfbulkMs: number
  readonly ratio: number
}

const isTimes = (value: unknown): value is { readonly jsonParseMs: number; readonly cfbulkMs: number } =>
  typeof value === "object" && value !== null && "jsonParseMs" in value && "cfbulkMs" in value &&
  typeof value.jsonParseMs === "number" && typeof value.cfbulkMs === "number"

/**
 * Milliseconds to decode one 1000-job page (as the emulator serves it): `JSON.parse` alone against
 * `JSON.parse` plus cfbulk's decoder. Measured in a fresh process, away from the bench's own heap
 * and loader, 50 warm-up rounds then the median of 100 alternating samples of each.
 */
export const measureDecode = async (url: string, token: string, accountId: string): Promise<DecodeResult> => {
  const response = await fetch(`${url}/accounts/${accountId}/email-security/investigate/bulk?per_page=1000`, {
    headers: { authorization: `Bearer ${token}` }
  })
  const page = path.join(os.tmpdir(), `cfbulk-bench-page-${process.pid}.json`)
  writeFileSync(page, await response.text())
  const script = await bundleScript(fileURLToPath(new URL("./decode-child.ts", import.meta.url)))
  const times: unknown = JSON.parse(await run(process.execPath, [script, page]))
  if (!isTimes(times)) throw new Error(`the decode measurement printed ${JSON.stringify(times)}`)
  return {
    jsonParseMs: round(times.jsonParseMs, 2),
    cfbulkMs: round(times.cfbulkMs, 2),
    ratio: round(times.cfbulkMs / times.jsonParseMs, 2)
  }
}
