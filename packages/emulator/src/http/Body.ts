import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { type ApiFailure, apiFailure } from "./ApiFailure.js"
import { ErrorCodes } from "./ErrorCodes.js"

/** The largest request body read: a create request is a few hundred bytes, a megabyte is plenty. */
export const MaxBodyBytes = 1024 * 1024

const tooLarge = () =>
  apiFailure(
    413,
    ErrorCodes.PayloadTooLarge,
    `Request body too large: the limit is ${MaxBodyBytes} bytes`
  )

/**
 * The body as text, refused with 413 past `MaxBodyBytes`: by its `content-length` before reading
 * anything, else as soon as the bytes read pass the limit, so a huge body is never held in memory.
 * A body that cannot be read counts as empty (and then fails as malformed JSON).
 */
export const readBody = (
  request: HttpServerRequest.HttpServerRequest
): Effect.Effect<string, ApiFailure> => {
  const declared = Number(request.headers["content-length"] ?? "0")
  if (Number.isFinite(declared) && declared > MaxBodyBytes) return Effect.fail(tooLarge())
  const decoder = new TextDecoder()
  return request.stream.pipe(
    Stream.runFoldEffect({ bytes: 0, text: "" }, (read, chunk) =>
      read.bytes + chunk.length > MaxBodyBytes
        ? Effect.fail(tooLarge())
        : Effect.succeed({
          bytes: read.bytes + chunk.length,
          text: read.text + decoder.decode(chunk, { stream: true })
        })),
    Effect.map((read) => read.text + decoder.decode()),
    Effect.catchTag("RequestError", () => Effect.succeed(""))
  )
}
