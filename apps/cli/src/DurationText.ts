/** A short human form, to the second: `0s`, `12s`, `3m 05s`, `1h 02m`. */
export const formatShort = (millis: number): string => {
  if (!Number.isFinite(millis) || millis < 0) return "?"
  const seconds = Math.round(millis / 1000)
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, "0")}s`
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`
}
