import * as Cause from "effect/Cause"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import { redact } from "./Redact.js"

const messageText = (message: unknown): string =>
  (Array.isArray(message) ? message : [message]).map((part) => typeof part === "string" ? part : String(part))
    .join(" ")

/**
 * Everything logged goes to stderr, so stdout keeps only data; every line is scrubbed of credential
 * values. Effect's default logger would print to stdout.
 */
export const stderrLogger = (verbose: boolean): Logger.Logger<unknown, void> =>
  Logger.make(({ cause, logLevel, message }) => {
    const level = LogLevel.lessThan(logLevel, LogLevel.Info) ? "" : `${logLevel.label.toLowerCase()}: `
    let text = `cfbulk: ${level}${messageText(message)}`
    if (verbose && !Cause.isEmpty(cause)) text += "\n" + Cause.pretty(cause)
    try {
      process.stderr.write(redact(text) + "\n")
    } catch {
      // Nowhere left to log to.
    }
  })
