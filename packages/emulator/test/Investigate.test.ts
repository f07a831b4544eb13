// Investigate move and release (docs/wire-contract.md §13) through plain HTTP on the in-process
// emulator: the answers line up with the investigate ids its jobs' messages carry, some messages fail
// as their data says (or as a test asks), unknown ids get a failed item, and a call goes through the
// rate limit and scripted faults like any other. Time is the TestClock's.
import { type BulkJobMessage, BulkJobs, MoveResponseItem, ReleaseResponseItem } from "@cfbulk/core"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { EmulatorControl, Fault, type InsertFailedJob, layer } from "../src/index.js"
import { clientAndEmulator } from "./support/Layers.js"
import { JobsPath, MovePath, ReleasePath, send } from "./support/Raw.js"

const JsonObject = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/** A move or release answer: a success envelope whose result is an array, as sent. */
const RawAnswer = Schema.Struct({
  success: Schema.Literal(true),
  errors: Schema.Tuple(),
  messages: Schema.Tuple(),
  result: Schema.Array(JsonObject)
})
const decodeRawAnswer = Schema.decodeUnknownSync(RawAnswer)
const decodeMoveItems = Schema.decodeUnknownSync(Schema.Array(MoveResponseItem))
const decodeReleaseItems = Schema.decodeUnknownSync(Schema.Array(ReleaseResponseItem))

const post = (path: string, body: unknown) => send("POST", path, { body: JSON.stringify(body) })

/** Posts a move and returns its items, decoded with core's schema after checking the envelope. */
const move = (ids: ReadonlyArray<string>, destination = "Inbox") =>
  Effect.map(post(MovePath, { destination, ids }), (response) => {
    expect(response.status).toBe(200)
    return decodeMoveItems(decodeRawAnswer(response.json()).result)
  })

const release = (ids: ReadonlyArray<string>) =>
  Effect.map(post(ReleasePath, { ids }), (response) => {
    expect(response.status).toBe(200)
    return decodeReleaseItems(decodeRawAnswer(response.json()).result)
  })

const messagesOf = (jobId: string) =>
  Effect.flatMap(BulkJobs, (jobs) => Stream.runCollect(jobs.messages(jobId, { per_page: 1000 }))).pipe(
    Effect.map(Chunk.toReadonlyArray)
  )

const investigateId = (message: BulkJobMessage): string | undefined => message.message?.id

const withIds = (messages: ReadonlyArray<BulkJobMessage>) =>
  messages.flatMap((message) => {
    const id = investigateId(message)
    return id === undefined ? [] : [{ id, message }]
  })

// The reasons a message fails for good: its mailbox or the message is gone, or access is denied.
// Retrying such a FAILED row fails again; every other row is moved or released.
const failsAgain = (message: BulkJobMessage) =>
  message.status === "FAILED" &&
  /Mailbox not found|no longer exists|Access denied/.test(message.status_message ?? "")

/** A seeded job of `action` with FAILED rows of both kinds, among the account's first jobs. */
const jobWithBothFailures = (action: "MOVE" | "RELEASE") =>
  Effect.gen(function*() {
    const jobs = yield* BulkJobs
    const all = Chunk.toReadonlyArray(
      yield* Stream.runCollect(jobs.list({ per_page: 100, action_type: action }))
    )
    for (const job of all) {
      if (job.messages_failed < 4 || job.total_messages_discovered > 1000) continue
      const messages = yield* messagesOf(job.job_id)
      const failed = messages.filter((message) => message.status === "FAILED")
      if (failed.some(failsAgain) && failed.some((message) => !failsAgain(message))) return { job, messages }
    }
    return yield* Effect.dieMessage(`no ${action} job with both kinds of failed messages`)
  })

describe("investigate move", () => {
  it.effect("answers one item per message, lined up with the messages' investigate ids", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const { job, messages } = yield* jobWithBothFailures("MOVE")
      const targets = withIds(messages)
      expect(targets).toHaveLength(messages.length)
      const now = yield* control.now
      const items = yield* move(targets.map((target) => target.id), "RecoverableItemsDeletions")

      expect(items).toHaveLength(targets.length)
      targets.forEach(({ id, message }, position) => {
        const fails = failsAgain(message)
        expect(items[position]).toEqual({
          message_id: id,
          success: !fails,
          recipient: message.message?.client_recipients[0],
          destination: "RecoverableItemsDeletions",
          status: fails ? message.status_message : "completed",
          operation: "move",
          completed_at: fails ? null : new Date(now)
        })
      })
      expect(items.some((item) => !item.success)).toBe(true)
      expect(items.some((item) => item.success)).toBe(true)

      const [call, ...others] = yield* control.investigations
      expect(others).toEqual([])
      expect(call).toMatchObject({ action: "MOVE", destination: "RecoverableItemsDeletions", timestamp: now })
      expect(call?.ids).toEqual(targets.map((target) => target.id))
      expect(call?.outcomes.map((outcome) => [outcome.jobId, outcome.index, outcome.result])).toEqual(
        targets.map(({ message }, index) => [job.job_id, index, failsAgain(message) ? "Failed" : "Done"])
      )
      const log = yield* control.requests
      expect(log.find((entry) => entry.method === "POST")?.sequence).toBe(call?.sequence)
    }).pipe(Effect.provide(clientAndEmulator({ jobs: 300, rateLimit: false }))))

  it.effect("finds the messages of created and inserted jobs too; legacy jobs' messages have no id", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const inserted = yield* control.insertJob({ status: "COMPLETED", messages: 40 })
      const legacy = yield* control.insertJob({ status: "COMPLETED", messages: 10, shape: "legacy" })
      const targets = withIds(yield* messagesOf(inserted))
      expect(targets).toHaveLength(40)
      const items = yield* move(targets.map((target) => target.id))
      expect(items.map((item) => [item.message_id, item.success])).toEqual(
        targets.map(({ id, message }) => [id, !failsAgain(message)])
      )
      expect((yield* messagesOf(legacy)).map(investigateId)).toEqual(Array(10).fill(undefined))
    }).pipe(Effect.provide(clientAndEmulator({ rateLimit: false }))))

  it.effect("finds a message of the millionth seeded job, with nothing indexed", () =>
    Effect.gen(function*() {
      const jobs = yield* BulkJobs
      let found: ReadonlyArray<BulkJobMessage> = []
      for (let page = 1_000_000; found.length === 0; page--) {
        const [job] = (yield* jobs.listPage({ per_page: 1, page })).items
        if (job === undefined) return expect.fail(`no job on page ${page}`)
        found = job.total_messages_discovered > 0 ? yield* messagesOf(job.job_id) : []
      }
      const targets = withIds(found)
      const items = yield* move(targets.map((target) => target.id))
      expect(items.map((item) => item.recipient)).toEqual(
        targets.map(({ message }) => message.message?.client_recipients[0])
      )
    }).pipe(Effect.provide(clientAndEmulator({ jobs: 1_000_000, rateLimit: false }))))
})

describe("investigate release", () => {
  it.effect("answers one item per message: its recipients delivered, or failed", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const { messages } = yield* jobWithBothFailures("RELEASE")
      const targets = withIds(messages)
      const items = yield* release(targets.map((target) => target.id))
      expect(items).toEqual(targets.map(({ id, message }) => {
        const recipients = message.message?.client_recipients ?? []
        return failsAgain(message)
          ? { id, delivered: [], undelivered: [], failed: recipients }
          : { id, delivered: recipients, undelivered: [], failed: [] }
      }))
      expect(items.some((item) => item.failed?.length === 1)).toBe(true)
      const calls = yield* control.investigations
      expect(calls.map((call) => [call.action, call.destination, call.ids.length])).toEqual([
        ["RELEASE", null, targets.length]
      ])
    }).pipe(Effect.provide(clientAndEmulator({ jobs: 300, rateLimit: false }))))
})

describe("a long release", () => {
  it.effect("takes 1,500 ids in one call (the document declares no maxItems for release)", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({ action: "RELEASE", failed: 1500, failOnRetry: 3 })
      const targets = withIds(yield* messagesOf(jobId))
      expect(targets).toHaveLength(1500)
      const items = yield* release(targets.map((target) => target.id))
      expect(items.map((item) => item.id)).toEqual(targets.map((target) => target.id))
      expect(items.filter((item) => item.failed?.length === 1).map((item) => item.id)).toEqual(
        targets.slice(0, 3).map((target) => target.id)
      )
      expect(items.slice(3).every((item) => item.delivered?.length === 1)).toBe(true)
      expect((yield* control.investigations).map((call) => call.ids.length)).toEqual([1500])
    }).pipe(Effect.provide(clientAndEmulator({ rateLimit: false }))))
})

describe("unknown ids", () => {
  it.effect("get a failed item each, whatever is wrong with them, and the known ones still work", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const kept = yield* control.insertJob({ status: "COMPLETED", messages: 3 })
      const deleted = yield* control.insertJob({ status: "COMPLETED", messages: 3 })
      const [known] = withIds(yield* messagesOf(kept)).filter(({ message }) => !failsAgain(message))
      const [gone] = withIds(yield* messagesOf(deleted))
      if (known === undefined || gone === undefined) return expect.fail("no messages")
      yield* Effect.flatMap(BulkJobs, (jobs) => jobs.delete(deleted))
      const [postfix, ...rest] = known.id.split("-")
      const unknown = [
        "4Njp3P0STMz2c02Q-2024-01-05T10:00:00-12345678",
        [postfix, "2020-01-01T00:00:00", rest.at(-1)].join("-"),
        `${known.id}0`,
        gone.id,
        "not an investigate id",
        // The document's InvestigateId is a plain string: an empty or padded one names no message.
        "",
        ` ${known.id}`,
        `${known.id}\n`
      ]
      const items = yield* move([known.id, ...unknown])
      expect(items[0]).toMatchObject({ message_id: known.id, success: true })
      expect(items.slice(1)).toEqual(unknown.map((id) => ({
        message_id: id,
        success: false,
        recipient: null,
        destination: "Inbox",
        status: "Message not found",
        operation: "move",
        completed_at: null
      })))
      const released = yield* release([known.id, ...unknown])
      expect(released[0]).toMatchObject({ id: known.id, failed: [] })
      expect(released.slice(1)).toEqual(
        unknown.map((id) => ({ id, delivered: null, undelivered: null, failed: null }))
      )
      const calls = yield* control.investigations
      const expected = ["Done", ...unknown.map(() => "NotFound")]
      expect(calls.map((call) => call.outcomes.map((outcome) => outcome.result))).toEqual([
        expected,
        expected
      ])
    }).pipe(Effect.provide(clientAndEmulator({ rateLimit: false }))))
})

describe("failInvestigate", () => {
  it.effect("fails exactly the ids a test names, by list or predicate, until cleared", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({ failed: 6 })
      const ids = withIds(yield* messagesOf(jobId)).map((target) => target.id)
      const [first, second, third] = ids
      yield* control.failInvestigate([first ?? ""], "Quota exceeded")
      yield* control.failInvestigate((id) => id === third)
      const items = yield* move(ids)
      expect(items.map((item) => [item.success, item.status])).toEqual([
        [false, "Quota exceeded"],
        [true, "completed"],
        [false, "Mailbox not found for the recipient"],
        [true, "completed"],
        [true, "completed"],
        [true, "completed"]
      ])
      const released = yield* release([second ?? "", third ?? ""])
      expect(released.map((item) => item.failed?.length)).toEqual([0, 1])
      yield* control.clearInvestigateFailures
      expect((yield* move(ids)).every((item) => item.success)).toBe(true)
    }).pipe(Effect.provide(clientAndEmulator({ rateLimit: false }))))
})

describe("insertFailedJob", () => {
  it.effect("makes a finished job with exactly the FAILED messages asked for, laid out in order", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobs = yield* BulkJobs
      const now = yield* control.now
      const jobId = yield* control.insertFailedJob({
        action: "RELEASE",
        failed: 2500,
        succeeded: 300,
        withoutInvestigateId: 100,
        notYetDue: 50,
        retryAfter: "2 hours",
        failOnRetry: 20
      })
      const job = yield* jobs.get(jobId)
      expect(job).toMatchObject({
        status: "COMPLETED",
        action_type: "RELEASE",
        total_messages_discovered: 2800,
        messages_failed: 2500,
        messages_successful: 300,
        messages_skipped: 0,
        messages_cancelled: 0,
        messages_pending: 0
      })
      const failed = (yield* messagesOf(jobId)).filter((message) => message.status === "FAILED")
      expect(failed).toHaveLength(2500)
      const noId = failed.slice(0, 100)
      const notYetDue = failed.slice(100, 150)
      const unreachable = failed.slice(150, 170)
      const retryable = failed.slice(170)
      expect(noId.map(investigateId)).toEqual(Array(100).fill(undefined))
      expect(failed.slice(100).every((message) => investigateId(message) !== undefined)).toBe(true)
      expect(notYetDue.map((message) => message.retry_after?.getTime())).toEqual(
        Array(50).fill(now + 7_200_000)
      )
      expect([...noId, ...unreachable, ...retryable].every((message) => message.retry_after === null)).toBe(
        true
      )
      expect(unreachable.every((message) => message.status_message === "Mailbox not found for the recipient"))
        .toBe(true)
      expect([...notYetDue, ...retryable].some(failsAgain)).toBe(false)

      const ids = withIds(failed).map((target) => target.id)
      const outcomes = []
      for (let start = 0; start < ids.length; start += 1000) {
        outcomes.push(...(yield* release(ids.slice(start, start + 1000))))
      }
      const failing = outcomes.flatMap((item, position) => item.failed?.length === 0 ? [] : [position])
      // The 20 unreachable messages come right after the 50 not yet due, among those with an id.
      expect(failing).toEqual(Array.from({ length: 20 }, (_, offset) => 50 + offset))
    }).pipe(Effect.provide(clientAndEmulator({ rateLimit: false }))))

  it.effect("in the legacy shape, no FAILED message has an investigate id", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({ failed: 30, succeeded: 5, shape: "legacy" })
      const messages = yield* messagesOf(jobId)
      expect(messages.filter((message) => message.status === "FAILED")).toHaveLength(30)
      expect(messages.some((message) => investigateId(message) !== undefined)).toBe(false)
    }).pipe(Effect.provide(clientAndEmulator({ rateLimit: false }))))

  it.effect("refuses counts that do not add up, with InvalidOptions naming them", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const refused: ReadonlyArray<InsertFailedJob> = [
        { failed: 10, withoutInvestigateId: 5, notYetDue: 4, failOnRetry: 2 },
        { failed: -1 },
        { failed: 2.5 },
        { failed: 10, retryAfter: "-5 seconds" },
        { failed: 10, retryAfter: 0 },
        { failed: 900_000, succeeded: 200_000 },
        { failed: 10, recipientsPerMessage: 0 },
        { failed: 10, recipientsPerMessage: 1.5 },
        { failed: 10, recipientsPerMessage: 101 },
        { failed: 300_000, succeeded: 300_000, recipientsPerMessage: 2 }
      ]
      const issues = []
      for (const spec of refused) {
        const error = yield* Effect.flip(control.insertFailedJob(spec))
        expect(error._tag).toBe("InvalidOptions")
        issues.push(error.issue)
      }
      expect(issues).toEqual([
        "withoutInvestigateId + notYetDue + failOnRetry (11) is more than failed (10)",
        "failed must be a whole number from 0 to 1000000 (got -1)",
        "failed must be a whole number from 0 to 1000000 (got 2.5)",
        "retryAfter must be at least 1 millisecond in the future",
        "retryAfter must be at least 1 millisecond in the future",
        "failed + succeeded must be at most 1000000",
        "recipientsPerMessage must be a whole number from 1 to 100 (got 0)",
        "recipientsPerMessage must be a whole number from 1 to 100 (got 1.5)",
        "recipientsPerMessage must be a whole number from 1 to 100 (got 101)",
        "(failed + succeeded) * recipientsPerMessage must be at most 1000000"
      ])
      expect(yield* control.jobCount).toBe(50)
    }).pipe(Effect.provide(layer())))
})

/** The rows of a job in groups of `size` consecutive rows. */
const groupsOf = <A>(rows: ReadonlyArray<A>, size: number): ReadonlyArray<ReadonlyArray<A>> =>
  Array.from(
    { length: Math.ceil(rows.length / size) },
    (_, group) => rows.slice(group * size, group * size + size)
  )

/** A row's own recipient (`action_params.client_recipient`). */
const rowRecipient = (message: BulkJobMessage): string => {
  const params = message.action_params
  return "client_recipient" in params && typeof params.client_recipient === "string"
    ? params.client_recipient
    : ""
}

const times = <A>(count: number, value: A): ReadonlyArray<A> => Array.from({ length: count }, () => value)

describe("a message to several recipients (insertFailedJob's recipientsPerMessage)", () => {
  it.effect("is listed once per recipient: consecutive rows sharing its status and investigate id", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobs = yield* BulkJobs
      const jobId = yield* control.insertFailedJob({
        failed: 40,
        succeeded: 20,
        withoutInvestigateId: 2,
        notYetDue: 3,
        failOnRetry: 4,
        recipientsPerMessage: 3
      })
      expect(yield* jobs.get(jobId)).toMatchObject({
        total_messages_discovered: 180,
        messages_failed: 120,
        messages_successful: 60,
        messages_pending: 0
      })
      const rows = yield* messagesOf(jobId)
      expect(rows).toHaveLength(180)
      expect(new Set(rows.map((row) => row.message_id)).size).toBe(180)
      const messages = groupsOf(rows, 3)
      for (const group of messages) {
        const [lead] = group
        if (lead === undefined) return expect.fail("an empty group")
        expect(group.map((row) => [row.status, investigateId(row), row.postfix_id, row.retry_after])).toEqual(
          times(3, [lead.status, investigateId(lead), lead.postfix_id, lead.retry_after])
        )
        const recipients = group.map(rowRecipient)
        expect(new Set(recipients).size).toBe(3)
        if (lead.message !== undefined) {
          expect(group.map((row) => row.message?.client_recipients)).toEqual(times(3, recipients))
        }
      }
      // The layout counts messages: 2 without an id, 3 not yet due, 4 that fail again, in order.
      const failed = messages.filter((group) => group[0]?.status === "FAILED")
      expect(failed).toHaveLength(40)
      const traits = failed.map(([row]) =>
        row === undefined || investigateId(row) === undefined
          ? "no id"
          : row.retry_after !== null
          ? "not yet due"
          : failsAgain(row)
          ? "fails again"
          : "retryable"
      )
      expect(traits).toEqual([
        ...times(2, "no id"),
        ...times(3, "not yet due"),
        ...times(4, "fails again"),
        ...times(31, "retryable")
      ])
      expect(new Set(rows.flatMap((row) => investigateId(row) ?? [])).size).toBe(58)
    }).pipe(Effect.provide(clientAndEmulator({ rateLimit: false }))))

  it.effect("a move answers one item per recipient, a release lists each recipient", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({ failed: 4, failOnRetry: 1, recipientsPerMessage: 2 })
      const messages = groupsOf(yield* messagesOf(jobId), 2)
      const ids = messages.map((group) =>
        (group[0] === undefined ? undefined : investigateId(group[0])) ?? ""
      )
      const recipients = messages.map((group) => group.map(rowRecipient))

      const items = yield* move(ids)
      expect(items.map((item) => [item.message_id, item.recipient, item.success, item.status])).toEqual(
        ids.flatMap((id, message) =>
          (recipients[message] ?? []).map((recipient) => [
            id,
            recipient,
            message !== 0,
            message === 0 ? "Mailbox not found for the recipient" : "completed"
          ])
        )
      )
      const released = yield* release(ids)
      expect(released).toEqual(ids.map((id, message) => ({
        id,
        delivered: message === 0 ? [] : recipients[message],
        undelivered: [],
        failed: message === 0 ? recipients[message] : []
      })))
    }).pipe(Effect.provide(clientAndEmulator({ rateLimit: false }))))

  it.effect("failInvestigate fails one recipient of a message with a predicate on (id, recipient)", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({ action: "RELEASE", failed: 3, recipientsPerMessage: 3 })
      const messages = groupsOf(yield* messagesOf(jobId), 3)
      const ids = messages.map((group) =>
        (group[0] === undefined ? undefined : investigateId(group[0])) ?? ""
      )
      const recipients = messages.map((group) => group.map(rowRecipient))
      const [first, second, third] = ids
      const [, middle] = recipients[0] ?? []
      yield* control.failInvestigate((id, recipient) => id === first && recipient === middle, "Mailbox full")
      // The id-only forms still fail the whole message.
      yield* control.failInvestigate([second ?? ""], "Quota exceeded")
      yield* control.failInvestigate((id) => id === third, "Access denied")

      const released = yield* release(ids)
      const [a, b, c] = recipients
      expect(released).toEqual([
        { id: first, delivered: [a?.[0], a?.[2]], undelivered: [], failed: [middle] },
        { id: second, delivered: [], undelivered: [], failed: b },
        { id: third, delivered: [], undelivered: [], failed: c }
      ])
      const items = yield* move([first ?? ""])
      expect(items.map((item) => [item.recipient, item.success, item.status])).toEqual([
        [a?.[0], true, "completed"],
        [middle, false, "Mailbox full"],
        [a?.[2], true, "completed"]
      ])
      const [call] = yield* control.investigations
      expect(call?.outcomes[0]).toMatchObject({
        id: first,
        result: "Failed",
        reason: "Mailbox full",
        index: 0,
        recipients: a,
        byRecipient: [
          { recipient: a?.[0], reason: null },
          { recipient: middle, reason: "Mailbox full" },
          { recipient: a?.[2], reason: null }
        ]
      })
    }).pipe(Effect.provide(clientAndEmulator({ rateLimit: false }))))
})

describe("faults and the rate limit", () => {
  it.effect("a lost answer: the move is carried out, then 503 or a reset; nth picks the call", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({ failed: 9 })
      const ids = withIds(yield* messagesOf(jobId)).map((target) => target.id)
      yield* control.clearRequests
      yield* control.enqueue(Fault.LoseAnswer({ as: "ServerError" }), { path: "/investigate/move", nth: 2 })
      yield* control.enqueue(Fault.LoseAnswer({ as: "Reset" }), { path: "/investigate/move", nth: 4 })
      const statuses = []
      for (let call = 0; call < 3; call++) {
        // A read between the moves does not count towards nth: it does not match the path.
        yield* send("GET", `${JobsPath}/${jobId}`)
        statuses.push(
          (yield* post(MovePath, { destination: "Inbox", ids: ids.slice(call * 3, call * 3 + 3) })).status
        )
      }
      const reset = yield* Effect.either(post(MovePath, { destination: "Inbox", ids: ids.slice(0, 1) }))
      expect(statuses).toEqual([200, 503, 200])
      expect(reset._tag).toBe("Left")

      const posts = (yield* control.requests).filter((entry) => entry.method === "POST")
      expect(posts.map((entry) => [entry.status, entry.fault])).toEqual([
        [200, undefined],
        [503, "LoseAnswer"],
        [200, undefined],
        [null, "LoseAnswer"]
      ])
      const calls = yield* control.investigations
      expect(calls.map((call) => call.sequence)).toEqual(posts.map((entry) => entry.sequence))
      expect(calls.map((call) => call.ids)).toEqual([
        ids.slice(0, 3),
        ids.slice(3, 6),
        ids.slice(6, 9),
        ids.slice(0, 1)
      ])
      expect(yield* control.pendingFaults).toEqual([])
    }).pipe(Effect.provide(clientAndEmulator({ rateLimit: false }))))

  it.effect("a 429 is not carried out; the calls share the account's request budget", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl
      const jobId = yield* control.insertFailedJob({ failed: 2 })
      const ids = withIds(yield* messagesOf(jobId)).map((target) => target.id)
      yield* control.enqueue(Fault.RateLimited({ retryAfter: 30 }), { path: "/investigate/release" })
      const limited = yield* post(ReleasePath, { ids })
      expect(limited.status).toBe(429)
      expect(limited.headers["retry-after"]).toBe("30")
      expect(yield* control.investigations).toEqual([])
      // The budget is 4 requests: the messages read and the rate-limited release used 2.
      expect((yield* post(ReleasePath, { ids })).status).toBe(200)
      expect((yield* post(MovePath, { destination: "Inbox", ids })).status).toBe(200)
      const overBudget = yield* post(MovePath, { destination: "Inbox", ids })
      expect(overBudget.status).toBe(429)
      expect((yield* control.investigations).map((call) => call.action)).toEqual(["RELEASE", "MOVE"])
    }).pipe(Effect.provide(clientAndEmulator({ rateLimit: "4/300" }))))
})
