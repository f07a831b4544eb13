import * as Schema from "effect/Schema"
import { DestinationOpen, DispositionOpen } from "./Enums.js"
import { optionalNullable } from "../internal/schemaFields.js"

const knownTypes: ReadonlyArray<string> = ["MOVE", "RELEASE"]

/** `action_params` of a MOVE job. `expected_disposition` is deprecated and only ever decoded. */
export const MoveParams = Schema.Struct({
  type: Schema.Literal("MOVE"),
  destination: DestinationOpen,
  expected_disposition: optionalNullable(DispositionOpen)
}).annotations({ identifier: "MoveParams" })
export type MoveParams = typeof MoveParams.Type

export const ReleaseParams = Schema.Struct({
  type: Schema.Literal("RELEASE")
}).annotations({ identifier: "ReleaseParams" })
export type ReleaseParams = typeof ReleaseParams.Type

/**
 * An action the API added after this client was written (§12.3): kept opaque, with its other
 * properties passed through. Known types never fall through to here, so a MOVE with a broken
 * field still fails with a precise path.
 */
export const UnknownActionParams = Schema.Struct({
  type: Schema.String.pipe(
    Schema.filter((type) => !knownTypes.includes(type)),
    Schema.brand("UnknownActionType")
  )
}).annotations({ identifier: "UnknownActionParams" })
export type UnknownActionParams = typeof UnknownActionParams.Type

/** `action_params` of a job, discriminated on `type`. */
export const ActionParams = Schema.Union(MoveParams, ReleaseParams, UnknownActionParams).annotations({
  identifier: "ActionParams"
})
export type ActionParams = typeof ActionParams.Type

/** `action_params` of one message of a job: the action plus the mailbox it applies to. */
export const MessageMoveParams = Schema.Struct({
  ...MoveParams.fields,
  client_recipient: Schema.String
}).annotations({ identifier: "MessageMoveParams" })

export const MessageReleaseParams = Schema.Struct({
  ...ReleaseParams.fields,
  client_recipient: Schema.String
}).annotations({ identifier: "MessageReleaseParams" })

export const MessageActionParams = Schema.Union(MessageMoveParams, MessageReleaseParams, UnknownActionParams)
  .annotations({ identifier: "MessageActionParams" })
export type MessageActionParams = typeof MessageActionParams.Type
