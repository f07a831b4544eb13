import * as HelpDoc from "@effect/cli/HelpDoc"
import * as CliValidationError from "@effect/cli/ValidationError"
import * as Cause from "effect/Cause"
import * as Option from "effect/Option"
import { commandDescriptions } from "./Descriptions.js"
import { stripAnsi } from "./io/Paint.js"
import { redact } from "./Redact.js"

/** What the process ends with: an exit code and, unless the failure was already shown, a line for stderr. */
export interface Outcome {
  readonly code: number
  readonly text: string | undefined
}

export const ExitCode = {
  Ok: 0,
  /** The API or the network failed. */
  Failure: 1,
  /** The command line was wrong, or a confirmation was declined: nothing was sent. */
  Usage: 2,
  /** A watched job ended FAILED or CANCELLED. */
  JobUnsuccessful: 3,
  /** The credentials were refused (401) or lack a permission (403). */
  Auth: 4,
  /** Stopped by Ctrl-C (128 + SIGINT). */
  Interrupted: 130
} as const

const tagOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "_tag" in error && typeof error._tag === "string"
    ? error._tag
    : undefined

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === "string" ? error : JSON.stringify(error)

const codeOf = (tag: string | undefined): number => {
  switch (tag) {
    case "UsageError":
    case "Declined":
    case "RetryRefused":
    case "ValidationError":
    case "ConfigurationError":
      return ExitCode.Usage
    case "AuthenticationError":
      return ExitCode.Auth
    case "JobEndedUnsuccessfully":
      return ExitCode.JobUnsuccessful
    // A create whose answer was lost and whose job could not be found: an API failure, whose message
    // says to list the newest jobs before creating it again.
    case "UnconfirmedCreateError":
      return ExitCode.Failure
    default:
      return ExitCode.Failure
  }
}

const line = (text: string): string => redact(`cfbulk: ${text}`)

/** @effect/cli's description of a bad command line, as one line of plain text. */
const usageProblem = (error: CliValidationError.ValidationError): string =>
  stripAnsi(HelpDoc.toAnsiText(error.error)).replace(/\s+/g, " ").trim()

/**
 * Maps how a command ended to an exit code and one line for stderr: the error's own message (what
 * failed, Cloudflare's codes, what to try), the stack only with `--verbose`, never a credential.
 */
export const exitOutcomeOf = (
  cause: Cause.Cause<unknown>,
  verbose: boolean,
  subcommand?: string
): Outcome => {
  const failure = Cause.failureOption(cause)
  if (Option.isSome(failure)) {
    const error = failure.value
    if (CliValidationError.isValidationError(error)) {
      const command = subcommand === undefined || !(subcommand in commandDescriptions)
        ? "cfbulk"
        : `cfbulk ${subcommand}`
      return { code: ExitCode.Usage, text: line(`${usageProblem(error)} (see '${command} --help')`) }
    }
    const tag = tagOf(error)
    if (tag === "BrokenPipe") return { code: ExitCode.Ok, text: undefined }
    const details = verbose ? "\n" + redact(Cause.pretty(cause)) : ""
    return { code: codeOf(tag), text: line(messageOf(error)) + details }
  }
  const defect = Cause.dieOption(cause)
  if (Option.isSome(defect)) {
    const details = verbose ? "\n" + redact(Cause.pretty(cause)) : " (run with --verbose for details)"
    return { code: ExitCode.Failure, text: line(`internal error: ${messageOf(defect.value)}`) + details }
  }
  return { code: ExitCode.Interrupted, text: undefined }
}
