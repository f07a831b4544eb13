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

const dayMillis = 86_400_000

/**
 * A time still to come, as short as it can be read right: the time of day alone while it is less
 * than a day away from `now` (`14:05:30 UTC`: no other day has that time before it), else with the
 * date (`2025-01-07 14:05:30 UTC`).
 */
export const comingUtc = (date: Date, now: number): string =>
  date.getTime() - now < dayMillis ? longUtc(date).slice(11) : longUtc(date)
