import * as Cause from "effect/Cause"
import * as HashMap from "effect/HashMap"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as LiveLine from "./io/LiveLine.js"
import { redact } from "./Redact.js"
import { recordWait, WaitAnnotation, waitMillisOf, WaitReasonAnnotation } from "./Waits.js"

const messageText = (message: unknown): string =>
  (Array.isArray(message) ? message : [message]).map((part) => typeof part === "string" ? part : String(part))
    .join(" ")

/**
 * Everything logged goes to stderr, so stdout keeps only data; every line is scrubbed of credential
 * values. Effect's default logger would print to stdout. Notes (Info, and Debug with `--verbose`) are
 * plain lines, `cfbulk: <message>`; warnings and errors say their level.
 *
 * A wait's announcement from core (annotated `cfbulk.wait_ms`) is such a line, printed once, as
 * `cfbulk: waiting 52s for the rate-limit window (Ratelimit: 0 left)`, whatever the output format;
 * the wait is also recorded for a live progress line to show. Every line goes above a live line, if
 * one is shown. `--quiet` raises the minimum level to Warning (Main), so none of these reach here.
 */
export const stderrLogger = (verbose: boolean): Logger.Logger<unknown, void> =>
  Logger.make(({ annotations, cause, date, logLevel, message }) => {
    const level = LogLevel.lessThanEqual(logLevel, LogLevel.Info) ? "" : `${logLevel.label.toLowerCase()}: `
    const text = messageText(message)
    const wait = Option.flatMap(
      HashMap.get(annotations, WaitAnnotation),
      (value) => Option.fromNullable(waitMillisOf(value))
    )
    if (Option.isSome(wait)) {
      const why = HashMap.get(annotations, WaitReasonAnnotation).pipe(
        Option.filter((value): value is string => typeof value === "string"),
        Option.getOrElse(() => "")
      )
      recordWait(wait.value, why, date.getTime())
    }
    let line = `cfbulk: ${level}${text}`
    if (verbose && !Cause.isEmpty(cause)) line += "\n" + Cause.pretty(cause)
    LiveLine.above(redact(line) + "\n")
  })
