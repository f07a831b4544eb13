/**
 * The `action_params` of a job and of its messages: what the job does (MOVE to a folder, or RELEASE
 * from quarantine), decoded so that an action added by a later API version still decodes.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { optionalNullable } from "../internal/schemaFields.js"
import { DestinationOpen, DispositionOpen } from "./Enums.js"

const knownTypes: ReadonlyArray<string> = ["MOVE", "RELEASE"]

/**
 * `action_params` of a MOVE job. `expected_disposition` is deprecated and only ever decoded.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MoveParams = Schema.Struct({
  type: Schema.Literal("MOVE"),
  destination: DestinationOpen,
  expected_disposition: optionalNullable(DispositionOpen)
}).annotations({ identifier: "MoveParams" })

/**
 * The decoded `action_params` of a MOVE job: the folder the messages are moved to.
 *
 * @since 0.1.0
 * @category models
 */
export type MoveParams = typeof MoveParams.Type

/**
 * `action_params` of a RELEASE job, which releases the messages from quarantine: only the `type`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ReleaseParams = Schema.Struct({
  type: Schema.Literal("RELEASE")
}).annotations({ identifier: "ReleaseParams" })

/**
 * The decoded `action_params` of a RELEASE job.
 *
 * @since 0.1.0
 * @category models
 */
export type ReleaseParams = typeof ReleaseParams.Type

/**
 * An action the API added after this client was written (docs/wire-contract.md §12.3): kept opaque, with its
 * other properties passed through. Known types never fall through to here, so a MOVE with a broken
 * field still fails with a precise path.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UnknownActionParams = Schema.Struct({
  type: Schema.String.pipe(
    Schema.filter((type) => !knownTypes.includes(type)),
    Schema.brand("UnknownActionType")
  )
}).annotations({ identifier: "UnknownActionParams" })

/**
 * The decoded `action_params` of an action this client does not know: its `type` is branded
 * `UnknownActionType`, so it never narrows to `"MOVE"` or `"RELEASE"`.
 *
 * @since 0.1.0
 * @category models
 */
export type UnknownActionParams = typeof UnknownActionParams.Type

/**
 * `action_params` of a job, discriminated on `type`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ActionParams = Schema.Union(MoveParams, ReleaseParams, UnknownActionParams).annotations({
  identifier: "ActionParams"
})

/**
 * The decoded `action_params` of a job: switch on `type` to tell MOVE, RELEASE and unknown actions apart.
 *
 * @since 0.1.0
 * @category models
 */
export type ActionParams = typeof ActionParams.Type

/**
 * `action_params` of one message of a job: the action plus the mailbox it applies to.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MessageMoveParams = Schema.Struct({
  ...MoveParams.fields,
  client_recipient: Schema.String
}).annotations({ identifier: "MessageMoveParams" })

/**
 * `action_params` of one message of a RELEASE job: the action plus the mailbox it applies to.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MessageReleaseParams = Schema.Struct({
  ...ReleaseParams.fields,
  client_recipient: Schema.String
}).annotations({ identifier: "MessageReleaseParams" })

/**
 * `action_params` of one message of a job, discriminated on `type`: MOVE, RELEASE, or an action this
 * client does not know.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MessageActionParams = Schema.Union(MessageMoveParams, MessageReleaseParams, UnknownActionParams)
  .annotations({ identifier: "MessageActionParams" })

/**
 * The decoded `action_params` of one message of a job.
 *
 * @since 0.1.0
 * @category models
 */
export type MessageActionParams = typeof MessageActionParams.Type
