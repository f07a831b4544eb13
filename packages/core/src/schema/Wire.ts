/**
 * Turning decoded values back into their JSON wire form, fast.
 *
 * @since 0.1.0
 */

/**
 * The wire form of a value decoded by cfbulk's schemas: dates back to ISO-8601 strings, everything
 * else as it is, unknown properties included.
 *
 * @since 0.1.0
 * @category models
 */
export type Wire<T> = T extends Date ? string
  : T extends ReadonlyArray<infer Item> ? ReadonlyArray<Wire<Item>>
  : T extends object ? { readonly [K in keyof T]: Wire<T[K]> }
  : T

const walk = (value: unknown): unknown => {
  if (typeof value !== "object" || value === null) return value
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(walk)
  // A plain loop, not Object.fromEntries(Object.entries(…).map(…)): the CLI encodes every job of a
  // listing, and the entry arrays were most of its CPU time and garbage.
  const wire: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const item = walk(Reflect.get(value, key))
    // Defined, not assigned, so a server-sent "__proto__" stays an ordinary property.
    if (key === "__proto__") {
      Object.defineProperty(wire, key, { value: item, enumerable: true, writable: true, configurable: true })
    } else {
      wire[key] = item
    }
  }
  return wire
}

/**
 * What `Schema.encode` gives for a `BulkJob`, a `BulkJobMessage` or any envelope of them, without
 * running the schema: their only transformations are string ⇄ Date (brands, refinements and decode
 * defaults encode as themselves), so a plain walk over the value is enough and costs far less. A
 * property test keeps this equal to `Schema.encode`.
 *
 * @since 0.1.0
 * @category utils
 */
export const toWire = <T>(value: T): Wire<T> => walk(value) as Wire<T>

/**
 * `JSON.stringify(toWire(value))` without building the wire copy: `JSON.stringify` already writes a
 * `Date` as its `toISOString()` (every decoded date is valid) and visits the same own keys in the
 * same order. A property test keeps the two equal.
 *
 * @since 0.1.0
 * @category utils
 */
export const toWireJson = (value: unknown): string => JSON.stringify(value)
