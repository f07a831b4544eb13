import * as Duration from "effect/Duration"
import * as Option from "effect/Option"

const units: Record<string, (value: number) => Duration.Duration> = {
  ms: Duration.millis,
  s: Duration.seconds,
  m: Duration.minutes,
  h: Duration.hours
}

/**
 * Reads a duration as people type it on a command line: `30s`, `500ms`, `2m`, `1.5h`, a bare
 * number of seconds, or Effect's own form (`30 seconds`).
 */
export const parseDuration = (input: string): Option.Option<Duration.Duration> => {
  const text = input.trim()
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(text)
  if (match !== null) {
    const value = Number(match[1])
    const unit = units[match[2] ?? "s"]
    return unit === undefined ? Option.none() : Option.some(unit(value))
  }
  return Duration.decodeUnknown(text)
}

/** A short human form, to the second: `0s`, `12s`, `3m 05s`, `1h 02m`. */
export const formatShort = (millis: number): string => {
  if (!Number.isFinite(millis) || millis < 0) return "?"
  const seconds = Math.round(millis / 1000)
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, "0")}s`
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`
}
