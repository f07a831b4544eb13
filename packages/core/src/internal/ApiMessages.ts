import type { ApiMessage } from "../schema/Envelope.js"

/** Cloudflare's `errors[]` as `: [1001] bad search; [1002] …`, or nothing when there are none. */
export const formatApiMessages = (errors: ReadonlyArray<ApiMessage>): string =>
  errors.length === 0 ? "" : ": " + errors.map((error) => `[${error.code}] ${error.message}`).join("; ")
