/** A date for a table or a detail view: UTC, to the minute (`2025-01-05 10:00`). */
export const shortUtc = (date: Date | null | undefined): string =>
  date === null || date === undefined || Number.isNaN(date.getTime())
    ? ""
    : date.toISOString().slice(0, 16).replace("T", " ")

/** A date for a detail view: UTC, to the second. */
export const longUtc = (date: Date | null | undefined): string =>
  date === null || date === undefined || Number.isNaN(date.getTime())
    ? "-"
    : date.toISOString().slice(0, 19).replace("T", " ") + " UTC"
