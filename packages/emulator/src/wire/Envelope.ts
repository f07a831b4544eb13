import type { ResultInfo } from "@cfbulk/core"
import type { ApiMessageEncoded } from "../http/ApiFailure.js"

export type ResultInfoEncoded = typeof ResultInfo.Encoded

// Results arrive already serialised (cached per job), so envelopes are assembled as strings
// around them rather than re-serialising every item.

/** `api-response-single` around one result. */
export const singleEnvelope = (resultJson: string): string =>
  `{"success":true,"errors":[],"messages":[],"result":${resultJson}}`

/** `api-response-common` plus `result` and `result_info`, for a page of a listing. */
export const pageEnvelope = (items: ReadonlyArray<string>, info: ResultInfoEncoded): string =>
  `{"success":true,"errors":[],"messages":[],"result":[${items.join(",")}],"result_info":${
    JSON.stringify(info)
  }}`

/** `api-response-common-failure`. */
export const failureEnvelope = (errors: ReadonlyArray<ApiMessageEncoded>): string =>
  JSON.stringify({ success: false, errors, messages: [], result: null })
