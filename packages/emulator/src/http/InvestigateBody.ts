import { Destinations, MoveRequest, ReleaseRequest } from "@cfbulk/core"
import * as Schema from "effect/Schema"
import { type ApiFailure } from "./ApiFailure.js"
import { oneOf } from "./Fields.js"
import { bodyDecoder, invalidBody } from "./JsonBody.js"

// The bodies of investigate move and release (docs/wire-contract.md §13), checked with core's
// schemas: 1 to 1000 investigate ids, each a non-empty string with no surrounding blanks. Only the
// destination is re-declared, with the same values, so that a wrong one is answered with all of them.

const MoveBody = Schema.Struct({ ...MoveRequest.fields, destination: oneOf("destination", Destinations) })

/**
 * A body naming messages by the deprecated `postfix_ids` alone is answered with what to send
 * instead of a bare "ids is required": the emulator takes investigate ids only.
 */
const postfixIdsAlone = (body: object): ApiFailure | undefined =>
  "postfix_ids" in body && !("ids" in body)
    ? invalidBody(
      "Invalid request body: ids is required; postfix_ids is deprecated (end of life 2026-11-01): " +
        "name the messages by their investigate ids",
      "/ids"
    )
    : undefined

/** A move request's body, or the API's 400 (docs/wire-contract.md §13.1). */
export const decodeMoveBody = bodyDecoder(MoveBody, "MoveRequest", postfixIdsAlone)

/** A release request's body, or the API's 400 (docs/wire-contract.md §13.2). */
export const decodeReleaseBody = bodyDecoder(ReleaseRequest, "ReleaseRequest", postfixIdsAlone)
