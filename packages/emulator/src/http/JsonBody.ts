import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { type ApiFailure, apiFailure } from "./ApiFailure.js"
import { ErrorCodes } from "./ErrorCodes.js"

const parseJson = Schema.decodeEither(Schema.parseJson())

/** A 400 for a body that is JSON but not what the endpoint takes; `pointer` names the field. */
export const invalidBody = (message: string, pointer: string): ApiFailure =>
  apiFailure(400, ErrorCodes.InvalidBody, message, pointer)

/**
 * A decoder of request bodies with `schema`, failing as the API does: 1001 for a body that is not
 * JSON, 1002 for one that is not an object (`name` says what it should be) or whose first wrong
 * field is named in the message and in `source.pointer`. Fields the schema does not know are ignored.
 * `precheck` may refuse the object first, with a more helpful answer than the schema's.
 */
export const bodyDecoder = <A, I>(
  schema: Schema.Schema<A, I>,
  name: string,
  precheck: (body: object) => ApiFailure | undefined = () => undefined
) => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "first", onExcessProperty: "ignore" })
  return (text: string): Either.Either<A, ApiFailure> => {
    const json = parseJson(text)
    if (Either.isLeft(json)) {
      const reason = ParseResult.ArrayFormatter.formatErrorSync(json.left)[0]?.message ?? "not JSON"
      return Either.left(
        apiFailure(400, ErrorCodes.MalformedJson, `Malformed JSON in request body: ${reason}`)
      )
    }
    const body = json.right
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return Either.left(invalidBody(`The request body must be a JSON object (${name})`, ""))
    }
    const refused = precheck(body)
    if (refused !== undefined) return Either.left(refused)
    return Either.mapLeft(decode(body), (error) => {
      const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
      const path = (issue?.path ?? []).map(String)
      const where = path.length === 0 ? "request body" : path.join(".")
      const message = issue?.message ?? "invalid value"
      const described = message === "is missing"
        ? `${where} is required`
        : message.startsWith(where)
        ? message
        : `${where}: ${message}`
      return invalidBody(`Invalid request body: ${described}`, `/${path.join("/")}`)
    })
  }
}
