import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import type { ParseOptions } from "effect/SchemaAST"

/** How much of a body an error may quote: enough to recognise an HTML error page, never the whole payload. */
export const BodySnippetLength = 200

export const snippet = (body: string): string => body.slice(0, BodySnippetLength)

/** `JSON.parse` as a value: a body that is not JSON is an expected outcome, not an exception. */
export const parseJson = (body: string): Either.Either<unknown, string> => {
  try {
    return Either.right(JSON.parse(body))
  } catch (error) {
    return Either.left(error instanceof Error ? error.message : "the body is not JSON")
  }
}

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (out, key) =>
      typeof key === "number" ? `${out}[${key}]` : out === "" ? String(key) : `${out}.${String(key)}`,
    ""
  )

/**
 * The problem of a failed decode as `result[3].total_messages_discovered: Expected number, actual "3"`.
 *
 * Every schema here is parsed with `errors: "first"`, so a ParseError holds one problem; the
 * formatter still lists one entry per alternative of a union that matched nothing (an optional
 * field is a union with `undefined`: `Expected undefined, actual 0`). Those are not further
 * problems, so only the first entry, the schema's own, is told. A message that already names its
 * field (`batchSize must be ...`) is not prefixed with that field again.
 */
export const describeParseError = (error: ParseResult.ParseError): string => {
  const first = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  if (first === undefined) return "the response does not match the expected shape"
  const path = formatPath(first.path)
  const namesItsField = path !== "" && first.message.startsWith(`${path} `)
  return path === "" || namesItsField ? first.message : `${path}: ${first.message}`
}

/** Parse options for every response: unknown properties never fail a decode and are kept (docs/wire-contract.md §12.3). */
export const lenient: ParseOptions = { onExcessProperty: "preserve", errors: "first" }
