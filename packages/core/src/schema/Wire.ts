/**
 * The wire form of a value decoded by cfbulk's schemas: dates back to ISO-8601 strings, everything
 * else as it is, unknown properties included.
 */
export type Wire<T> = T extends Date ? string
  : T extends ReadonlyArray<infer Item> ? ReadonlyArray<Wire<Item>>
  : T extends object ? { readonly [K in keyof T]: Wire<T[K]> }
  : T

const walk = (value: unknown): unknown => {
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(walk)
  if (typeof value !== "object" || value === null) return value
  // fromEntries defines each key, so a server-sent "__proto__" stays an ordinary property.
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item)]))
}

/**
 * What `Schema.encode` gives for a `BulkJob`, a `BulkJobMessage` or any envelope of them, about
 * 30 times faster: their only transformations are string ⇄ Date (brands, refinements and decode
 * defaults encode as themselves). A property test keeps this equal to `Schema.encode`.
 */
export const toWire = <T>(value: T): Wire<T> => walk(value) as Wire<T>
