/**
 * Forward-compatible enums: a value the API adds later decodes as its raw string instead of failing.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A value the API sent that this client version does not know yet (a new status such as `PAUSED`,
 * or one an older API still sends). Branded so that `switch` over the known literals narrows, while
 * unknown values survive decoding instead of failing the whole page.
 */
const UnknownValue = Schema.String.pipe(Schema.brand("UnknownValue"))
/**
 * A string the API sent that this client version does not know: branded, so that it never narrows
 * to one of the known literals.
 *
 * @since 0.1.0
 * @category models
 */
export type UnknownValue = typeof UnknownValue.Type

/**
 * The known literals of an enum, or any other string the server may add later.
 *
 * @since 0.1.0
 * @category models
 */
export type OpenEnum<Known extends string> = Known | UnknownValue

/**
 * Decodes a string enum forward-compatibly (docs/wire-contract.md §12.1): known values decode to their
 * literal, anything else is kept as its raw string.
 *
 * @since 0.1.0
 * @category schemas
 */
export const OpenEnum = <const Known extends ReadonlyArray<string>>(
  ...known: Known
): Schema.Schema<OpenEnum<Known[number]>, string> => Schema.Union(Schema.Literal(...known), UnknownValue)

/**
 * True for the values this client version knows, narrowing away {@link UnknownValue}.
 *
 * @since 0.1.0
 * @category utils
 */
export const isKnown = <const Known extends string>(
  known: ReadonlyArray<Known>,
  value: OpenEnum<Known>
): value is Known => (known as ReadonlyArray<string>).includes(value)
