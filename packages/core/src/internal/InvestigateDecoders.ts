import * as Schema from "effect/Schema"
import { SingleEnvelope } from "../schema/Envelope.js"
import { MoveResponseItem, ReleaseResponseItem } from "../schema/Investigate.js"
import { lenient } from "./ResponseBody.js"

// The answers of investigate move and release (docs/wire-contract.md §13), decoded with the same
// leniency as the job answers: unknown keys kept, open strings (§12).

/** The 200 answer of `POST …/investigate/move`: one item per message and recipient. */
export const decodeMoveAnswer = Schema.decodeUnknownEither(
  SingleEnvelope(Schema.Array(MoveResponseItem)),
  lenient
)

/** The 200 answer of `POST …/investigate/release`: one item per message. */
export const decodeReleaseAnswer = Schema.decodeUnknownEither(
  SingleEnvelope(Schema.Array(ReleaseResponseItem)),
  lenient
)
