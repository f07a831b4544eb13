import type { ResultInfo } from "@cfbulk/core"
import type { ApiMessageEncoded } from "../http/ApiFailure.js"
import { joinBytes, utf8 } from "./Bytes.js"

export type ResultInfoEncoded = typeof ResultInfo.Encoded

// Results arrive already serialised (cached per job, as UTF-8 bytes), so envelopes are assembled
// around them rather than re-serialising every item.

/** `api-response-single` around one result. */
export const singleEnvelope = (result: string | Uint8Array): Uint8Array =>
  joinBytes(`{"success":true,"errors":[],"messages":[],"result":`, [
    typeof result === "string" ? utf8(result) : result
  ], "}")

/** `api-response-common` plus `result` and `result_info`, for a page of a listing (items as UTF-8 JSON). */
export const pageEnvelope = (items: ReadonlyArray<Uint8Array>, info: ResultInfoEncoded): Uint8Array =>
  joinBytes(
    `{"success":true,"errors":[],"messages":[],"result":[`,
    items,
    `],"result_info":${JSON.stringify(info)}}`
  )

/** `api-response-common-failure`. */
export const failureEnvelope = (errors: ReadonlyArray<ApiMessageEncoded>): string =>
  JSON.stringify({ success: false, errors, messages: [], result: null })
