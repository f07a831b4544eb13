import * as Schema from "effect/Schema"

// Field combinators shared by every decoded object, so the lenient rules of docs/wire-contract.md §12 live
// in one place.

/** An optional field that may also be `null`; absent and `null` both decode to `null`. */
export const nullable = <A, I, R>(schema: Schema.Schema<A, I, R>) =>
  Schema.optionalWith(Schema.NullOr(schema), { default: () => null })

/** An optional field kept absent when the server leaves it out. */
export const optional = <A, I, R>(schema: Schema.Schema<A, I, R>) =>
  Schema.optionalWith(schema, { exact: true })

/** An optional field that the spec allows to be `null` (kept absent when absent). */
export const optionalNullable = <A, I, R>(schema: Schema.Schema<A, I, R>) =>
  Schema.optionalWith(Schema.NullOr(schema), { exact: true })

/** An ISO-8601 date-time string decoded to a `Date`. */
export const DateTime = Schema.Date

/** A counter that older API versions leave out (docs/wire-contract.md §11 rows 3-4): absent decodes to 0. */
export const counter = Schema.optionalWith(Schema.Int, { default: () => 0 })
