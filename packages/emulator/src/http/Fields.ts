import * as Schema from "effect/Schema"

// Schema combinators of the emulator's request decoding (query and body). Core has the same field
// rules for its responses, but keeps them internal (`schema/Fields.ts` is not exported).

/** One of a fixed set of strings; a miss lists every value, not just the first literal tried. */
export const oneOf = <const Values extends ReadonlyArray<string>>(name: string, values: Values) =>
  Schema.Literal(...values).annotations({
    // Overrides the message of whichever literal failed first, so the answer lists every value.
    message: () => ({ message: `${name} must be one of ${values.join(", ")}`, override: true })
  })

/** An optional field kept absent when the request leaves it out. */
export const optional = <A, I, R>(schema: Schema.Schema<A, I, R>) =>
  Schema.optionalWith(schema, { exact: true })

/** An optional field that may also be `null` (kept absent when absent). */
export const optionalNullable = <A, I, R>(schema: Schema.Schema<A, I, R>) =>
  Schema.optionalWith(Schema.NullOr(schema), { exact: true })
