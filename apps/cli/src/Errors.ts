import * as Data from "effect/Data"

// Failures that belong to the command line itself, next to core's API errors. Each reads as one
// sentence on stderr and maps to one exit code in ErrorRendering.

/** The command line cannot be carried out as typed: nothing was sent (exit 2). */
export class UsageError extends Data.TaggedError("UsageError")<{
  readonly issue: string
}> {
  override get message(): string {
    return this.issue
  }
}

/** The user answered "no" to a confirmation: nothing was sent (exit 2). */
export class Declined extends Data.TaggedError("Declined")<{
  readonly what: string
}> {
  override get message(): string {
    return `${this.what}: not confirmed, nothing was sent`
  }
}

/** A watched job reached FAILED or CANCELLED (exit 3). */
export class JobEndedUnsuccessfully extends Data.TaggedError("JobEndedUnsuccessfully")<{
  readonly jobId: string
  readonly status: string
  readonly statusMessage: string | null
}> {
  override get message(): string {
    const why = this.statusMessage === null || this.statusMessage === "" ? "" : `: ${this.statusMessage}`
    return `job ${this.jobId} ended ${this.status}${why}`
  }
}

/** The reader of stdout went away (`cfbulk list | head`): stop quietly. */
export class BrokenPipe extends Data.TaggedError("BrokenPipe")<{}> {}

/** stdout failed for another reason (a full disk, a closed file): the output is incomplete (exit 1). */
export class StdoutError extends Data.TaggedError("StdoutError")<{
  readonly reason: string
}> {
  override get message(): string {
    return `cannot write to stdout: ${this.reason}`
  }
}

/** The local emulator could not start: it could not listen (the port is taken, say). Bad options are a UsageError. */
export class EmulatorStartError extends Data.TaggedError("EmulatorStartError")<{
  readonly issue: string
}> {
  override get message(): string {
    // The emulator's own messages already say what could not start, and why.
    return this.issue
  }
}

/**
 * A retry ended with messages not moved or released: failed, of unknown outcome, or skipped (exit 1).
 * Its message is the retry's summary, which says what to do about each kind.
 */
export class RetryIncomplete extends Data.TaggedError("RetryIncomplete")<{
  readonly summary: string
}> {
  override get message(): string {
    return this.summary
  }
}

/**
 * Core refused to retry a job's FAILED messages, before sending anything (exit 2): the job is still
 * running, or its action or folder is one cfbulk does not retry. Its message is core's, which says
 * what to do (`wait for it to end (cfbulk watch <id>)`), without the "invalid input" of a bad value.
 */
export class RetryRefused extends Data.TaggedError("RetryRefused")<{
  readonly issue: string
}> {
  override get message(): string {
    return `cannot retry: ${this.issue}`
  }
}
