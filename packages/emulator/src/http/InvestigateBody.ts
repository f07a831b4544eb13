import { Destinations, Dispositions } from "@cfbulk/core"
import * as Schema from "effect/Schema"
import { type ApiFailure } from "./ApiFailure.js"
import { oneOf, optional, optionalNullable } from "./Fields.js"
import { bodyDecoder, invalidBody } from "./JsonBody.js"

// The bodies of investigate move and release as the OpenAPI document declares them
// (docs/wire-contract.md §13), not as cfbulk sends them: core's MoveRequest and ReleaseRequest add
// cfbulk's own rules (1000 ids a call for release too, trimmed non-empty ids), and the emulator must
// not refuse a body the API takes. An id is any string: one that names no message ("", " a", a typo)
// is answered with a "not found" item, not a 400.

/** The most ids one move takes (`maxItems` of move's `ids`); release declares no bound. */
const MaxMoveIds = 1000

const InvestigateId = Schema.String.annotations({
  message: (issue) => `an investigate id must be a string, not ${JSON.stringify(issue.actual)}`
})

const ids = (max: number | undefined) => {
  const some = Schema.Array(InvestigateId).annotations({
    message: () => "ids must be an array of investigate ids"
  }).pipe(Schema.minItems(1, { message: () => "ids must name at least one message" }))
  return max === undefined
    ? some
    : some.pipe(Schema.maxItems(max, { message: () => `ids takes at most ${max} messages a call` }))
}

/** The deprecated `postfix_ids`, checked for its type and otherwise ignored (the emulator acts on `ids`). */
const PostfixIds = Schema.Array(Schema.String).annotations({
  message: () => "postfix_ids must be an array of strings"
})

const MoveBody = Schema.Struct({
  destination: oneOf("destination", Destinations),
  ids: ids(MaxMoveIds),
  postfix_ids: optional(PostfixIds),
  expected_disposition: optionalNullable(oneOf("expected_disposition", Dispositions))
})

const ReleaseBody = Schema.Struct({ ids: ids(undefined) })

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
export const decodeMoveBody = bodyDecoder(MoveBody, "a move request", postfixIdsAlone)

/** A release request's body, or the API's 400 (docs/wire-contract.md §13.2). */
export const decodeReleaseBody = bodyDecoder(ReleaseBody, "a release request", postfixIdsAlone)
