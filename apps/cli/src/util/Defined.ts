/** Drops the keys whose value is `undefined`, for core's exact optional parameters. */
export const defined = <T extends Record<string, unknown>>(
  record: T
): { [K in keyof T]?: Exclude<T[K], undefined> } => {
  const result: { [K in keyof T]?: Exclude<T[K], undefined> } = {}
  for (const key of Object.keys(record) as Array<keyof T>) {
    const value = record[key]
    if (value !== undefined) result[key] = value as Exclude<T[keyof T], undefined>
  }
  return result
}
