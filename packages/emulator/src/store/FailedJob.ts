import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type { InsertFailedJob } from "../Control.js"
import { InvalidOptions } from "../Errors.js"
import type { NewJob } from "./CreatedJob.js"

/** Enough for any batch test, small enough that a job never takes long to list. */
const MaxMessages = 1_000_000

const DefaultRetryAfter = Duration.hours(1)

/** Enough to test a message to a whole team, few enough that its rows stay readable. */
const MaxRecipientsPerMessage = 100

const count = (name: string, value: number | undefined): Either.Either<number, InvalidOptions> => {
  const actual = value ?? 0
  return Number.isInteger(actual) && actual >= 0 && actual <= MaxMessages
    ? Either.right(actual)
    : Either.left(
      new InvalidOptions({ issue: `${name} must be a whole number from 0 to ${MaxMessages} (got ${actual})` })
    )
}

const recipientsOf = (value: number | undefined): Either.Either<number, InvalidOptions> => {
  const actual = value ?? 1
  return Number.isInteger(actual) && actual >= 1 && actual <= MaxRecipientsPerMessage
    ? Either.right(actual)
    : Either.left(
      new InvalidOptions({
        issue:
          `recipientsPerMessage must be a whole number from 1 to ${MaxRecipientsPerMessage} (got ${actual})`
      })
    )
}

const futureOf = (input: Duration.DurationInput | undefined): Either.Either<number, InvalidOptions> =>
  Option.match(input === undefined ? Option.some(DefaultRetryAfter) : Duration.decodeUnknown(input), {
    onNone: () =>
      Either.left(new InvalidOptions({ issue: `retryAfter ${JSON.stringify(input)} is not a duration` })),
    onSome: (duration) => {
      const millis = Duration.toMillis(duration)
      return Number.isFinite(millis) && millis >= 1
        ? Either.right(millis)
        : Either.left(
          new InvalidOptions({ issue: "retryAfter must be at least 1 millisecond in the future" })
        )
    }
  })

/**
 * The new job `insertFailedJob` describes, at `now`: COMPLETED for ever, with exactly the FAILED
 * messages asked for, laid out as asked, or `InvalidOptions` when the counts do not add up. The
 * counts are of messages; the job lists each one on `recipientsPerMessage` rows.
 */
export const failedJobOf = (job: InsertFailedJob, now: number): Either.Either<NewJob, InvalidOptions> =>
  Either.flatMap(
    Either.all({
      failed: count("failed", job.failed),
      succeeded: count("succeeded", job.succeeded),
      withoutInvestigateId: count("withoutInvestigateId", job.withoutInvestigateId),
      notYetDue: count("notYetDue", job.notYetDue),
      failOnRetry: count("failOnRetry", job.failOnRetry),
      recipientsPerMessage: recipientsOf(job.recipientsPerMessage),
      retryAfter: futureOf(job.retryAfter)
    }),
    (counts) => {
      const laidOut = counts.withoutInvestigateId + counts.notYetDue + counts.failOnRetry
      if (laidOut > counts.failed) {
        return Either.left(
          new InvalidOptions({
            issue:
              `withoutInvestigateId + notYetDue + failOnRetry (${laidOut}) is more than failed (${counts.failed})`
          })
        )
      }
      const rows = counts.recipientsPerMessage
      if ((counts.failed + counts.succeeded) * rows > MaxMessages) {
        return Either.left(
          new InvalidOptions({
            issue: rows === 1
              ? `failed + succeeded must be at most ${MaxMessages}`
              : `(failed + succeeded) * recipientsPerMessage must be at most ${MaxMessages}`
          })
        )
      }
      return Either.right({
        action: job.action ?? "MOVE",
        destination: job.destination ?? null,
        comment: job.comment ?? null,
        searchParams: job.searchParams ?? { detections_only: true, submissions: false },
        messages: (counts.failed + counts.succeeded) * rows,
        status: "COMPLETED",
        shape: job.shape,
        failedMessages: {
          count: counts.failed * rows,
          layout: {
            recipientsPerMessage: rows,
            withoutInvestigateId: counts.withoutInvestigateId,
            notYetDue: counts.notYetDue,
            retryAfter: now + counts.retryAfter,
            failOnRetry: counts.failOnRetry
          }
        }
      })
    }
  )
