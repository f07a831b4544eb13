// `Schema.Date` decodes a string with `new Date(s)` and rejects an invalid result. V8's date parser
// is a large part of a page's decode time, so the form the API sends (`2024-01-05T10:00:00Z`, maybe
// with a fraction or a `±HH:mm` offset) is computed here as the ECMAScript date-time string format
// fixes it; any other string goes to `new Date(s)`.

/** `new Date(s)`, or `undefined` where that is an invalid date (and Schema's decode fails). */
export const decodeWireDate = (s: string): Date | undefined => {
  const fast = isoMillis(s)
  if (!Number.isNaN(fast)) return new Date(fast)
  const date = new Date(s)
  return Number.isNaN(date.getTime()) ? undefined : date
}

/**
 * The time of `YYYY-MM-DDTHH:mm:ss[.f…](Z|±HH:mm)`, `NaN` for other strings and for fields out of
 * range (year 0, a 30th of February, hour 24), which `new Date` judges as leniently as it does.
 */
const isoMillis = (s: string): number => {
  const n = s.length
  const c = (i: number) => s.charCodeAt(i)
  if (n < 20 || c(4) !== 45 || c(7) !== 45 || c(10) !== 84 || c(13) !== 58 || c(16) !== 58) return Number.NaN
  const year = twoDigits(s, 0) * 100 + twoDigits(s, 2)
  const month = twoDigits(s, 5)
  const day = twoDigits(s, 8)
  const hour = twoDigits(s, 11)
  const minute = twoDigits(s, 14)
  const second = twoDigits(s, 17)
  let i = 19
  let millis = 0
  if (c(i) === 46) {
    // V8 reads any number of fraction digits and keeps the first three, truncating.
    while (++i < n && isDigit(c(i))) if (i < 23) millis = millis * 10 + c(i) - 48
    if (i === 20 || i > 29) return Number.NaN
    if (i < 23) millis *= i === 21 ? 100 : 10
  }
  let offset = 0
  if (c(i) === 43 || c(i) === 45) {
    const [hours, minutes] = [twoDigits(s, i + 1), twoDigits(s, i + 4)]
    if (i + 6 !== n || c(i + 3) !== 58 || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
      return Number.NaN
    }
    offset = (c(i) === 43 ? 1 : -1) * (hours * 60 + minutes)
  } else if (c(i) !== 90 || i + 1 !== n) return Number.NaN
  const days = month === 2 ?
    (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) :
    30 + ((month + (month >> 3)) & 1)
  if (
    year < 1 || month < 1 || month > 12 || day < 1 || day > days || hour < 0 || hour > 23 || minute < 0 ||
    minute > 59 || second < 0 || second > 59
  ) return Number.NaN
  return daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute - offset) * 60 + second) * 1000 +
    millis
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57

/** The two-digit number at `s[i]`, or a number negative enough to make any field built with it negative. */
const twoDigits = (s: string, i: number): number => {
  const high = s.charCodeAt(i)
  const low = s.charCodeAt(i + 1)
  return isDigit(high) && isDigit(low) ? high * 10 + low - 528 : -10_000
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar in years 1 to 9999 (Howard
 * Hinnant's `days_from_civil`). Unlike `Date.UTC`, it does not read years 0 to 99 as 1900 to 1999.
 */
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year
  const era = (y / 400) | 0
  const yearOfEra = y - era * 400
  const dayOfYear = (((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) | 0) + day - 1
  return era * 146_097 + yearOfEra * 365 + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0) + dayOfYear -
    719_468
}
