import * as Data from "effect/Data"

/** No job with this id in the account (never existed, or deleted). */
export class JobNotFound extends Data.TaggedError("JobNotFound")<{ readonly jobId: string }> {}

/** Delete of a job that is still running. */
export class JobNotTerminal extends Data.TaggedError("JobNotTerminal")<{
  readonly jobId: string
  readonly status: string
}> {}

/** Cancel of a job that already ended. */
export class JobAlreadyEnded extends Data.TaggedError("JobAlreadyEnded")<{
  readonly jobId: string
  readonly status: string
}> {}
