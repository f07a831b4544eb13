import { stringify } from "csv-stringify/sync"

/**
 * CSV cells: text as is, nothing as an empty cell, numbers and booleans as written in JSON, and
 * nested objects (`search_params`, `action_params`) as their JSON text, so a column holds one value
 * and a reader gets the object back with one `JSON.parse`.
 */
export const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return ""
  if (typeof value === "string") return value
  if (typeof value === "number" || typeof value === "boolean") return String(value)
  return JSON.stringify(value)
}

/** RFC 4180 records: CRLF line ends, quotes only where a cell needs them. */
export const csvRecords = (rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  rows.length === 0 ? "" : stringify(rows.map((row) => [...row]), { record_delimiter: "\r\n" })
