import type { MoveResponseItemEncoded, ReleaseResponseItemEncoded } from "@cfbulk/core"
import type { InvestigateCall } from "../store/Investigations.js"
import { isoString } from "./Iso.js"

// The answers of investigate move and release (docs/wire-contract.md §13), built from what the call
// did. The document names the fields but not the values of `status` and `operation`: `operation` is
// "move", as Cloudflare's post-delivery event logs spell it, and `status` is "completed" or, on a
// failure, the reason itself, which is what a client can show.

/**
 * Move's `result`: one item per (message, recipient), `message_id` being the id as sent, each item
 * saying whether moving worked for its recipient. An id that names no message gets one failed item
 * with no recipient and status "Message not found": a client then knows that id failed, rather
 * than having to notice that the answer left it out (docs/wire-contract.md §13.1).
 */
export const moveItems = (call: InvestigateCall): ReadonlyArray<MoveResponseItemEncoded> =>
  call.outcomes.flatMap((outcome) => {
    const item = (recipient: string | null, reason: string | null): MoveResponseItemEncoded => ({
      message_id: outcome.id,
      success: reason === null,
      recipient,
      destination: call.destination,
      status: reason ?? "completed",
      operation: "move",
      completed_at: reason === null ? isoString(call.timestamp) : null
    })
    return outcome.byRecipient.length === 0
      ? [item(null, outcome.reason)]
      : outcome.byRecipient.map(({ reason, recipient }) => item(recipient, reason))
  })

/**
 * Release's `result`: one item per id, its recipients under `delivered`, or under `failed` for
 * those the release failed for. An id that names no message has no recipients to group: its item
 * has `delivered`, `undelivered` and `failed` all null, which no released message has
 * (docs/wire-contract.md §13.2).
 */
export const releaseItems = (call: InvestigateCall): ReadonlyArray<ReleaseResponseItemEncoded> =>
  call.outcomes.map((outcome) =>
    outcome.result === "NotFound"
      ? { id: outcome.id, delivered: null, undelivered: null, failed: null }
      : {
        id: outcome.id,
        delivered: outcome.byRecipient.flatMap(({ reason, recipient }) => reason === null ? [recipient] : []),
        undelivered: [],
        failed: outcome.byRecipient.flatMap(({ reason, recipient }) => reason === null ? [] : [recipient])
      }
  )
