import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import {
  BulkJob,
  BulkJobMessage,
  countersAreConsistent,
  isKnown,
  JobStatuses,
  PageEnvelope,
  ResponseDecodeError
} from "../src/index.js"
import { StubHttpClient } from "../src/testing/index.js"
import { bulkJobsOn, sampleListResponse, withBulkJobs } from "./fixtures.js"

const decodePage = Schema.decodeUnknownSync(PageEnvelope(BulkJob), { onExcessProperty: "preserve" })
const decodeMessages = Schema.decodeUnknownSync(PageEnvelope(BulkJobMessage), {
  onExcessProperty: "preserve"
})

interface WireJob {
  readonly [key: string]: unknown
}
const sampleJobs = (): Array<WireJob> => {
  const { result } = Schema.decodeUnknownSync(
    Schema.Struct({ result: Schema.Array(Schema.Record({ key: Schema.String, value: Schema.Unknown })) })
  )(sampleListResponse)
  return result.map((job) => ({ ...job }))
}
const pageOf = (
  jobs: ReadonlyArray<unknown>,
  resultInfo: Record<string, unknown> = {
    count: jobs.length,
    per_page: 20,
    total_count: 0,
    page: 0,
    next: null,
    previous: null
  }
) => ({
  success: true,
  errors: [],
  messages: [],
  result: jobs,
  result_info: resultInfo
})

describe("decoding the wire format", () => {
  it("decodes the sample response shipped with the contract", () => {
    const page = decodePage(sampleListResponse)
    expect(page.result).toHaveLength(3)
    const [move, release, cancelled] = page.result
    expect(move?.action_params).toEqual({ type: "MOVE", destination: "JunkEmail" })
    expect(move?.created_at).toEqual(new Date("2022-07-25T14:31:02Z"))
    expect(move?.search_params.start).toEqual(new Date("2022-06-25T14:30:00Z"))
    expect(move?.search_params.alert_id).toBeNull()
    expect(release?.status).toBe("PROCESSING")
    expect(release?.completed_at).toBeNull()
    expect(cancelled?.messages_cancelled).toBe(6)
    expect(page.result.every(countersAreConsistent)).toBe(true)
    expect(page.result_info?.next).toBeNull()
  })

  describe("drift between API versions (docs/wire-contract.md §11)", () => {
    it("row 1: a job status the newer spec dropped (SKIPPED) and one added later (PAUSED) decode as strings", () => {
      const jobs = sampleJobs()
      const page = decodePage(pageOf([{ ...jobs[0], status: "SKIPPED" }, { ...jobs[1], status: "PAUSED" }]))
      expect(page.result.map((job) => job.status)).toEqual(["SKIPPED", "PAUSED"])
      const [skipped, paused] = page.result
      expect(skipped && isKnown(JobStatuses, skipped.status)).toBe(true)
      expect(paused && isKnown(JobStatuses, paused.status)).toBe(false)
    })

    it("rows 3-4: the older API omits messages_skipped and messages_cancelled; they decode to 0", () => {
      const { messages_skipped: _s, messages_cancelled: _c, ...old } = sampleJobs()[0] ?? {}
      const [job] = decodePage(pageOf([old])).result
      expect(job?.messages_skipped).toBe(0)
      expect(job?.messages_cancelled).toBe(0)
    })

    it("rows 6-7: move_failed and smtp_helo_ip (newer) and their absence (older) both decode", () => {
      const jobs = sampleJobs()
      const newer = {
        ...jobs[0],
        search_params: { delivery_status: "move_failed", smtp_helo_ip: "192.0.2.7" }
      }
      const older = { ...jobs[0], search_params: { delivery_status: "delivered" } }
      const [a, b] = decodePage(pageOf([newer, older])).result
      expect(a?.search_params).toEqual({ delivery_status: "move_failed", smtp_helo_ip: "192.0.2.7" })
      expect(b?.search_params).toEqual({ delivery_status: "delivered" })
    })

    it("rows 8-9, 14-15: deprecated action_log and expected_disposition, and null in nullable enums", () => {
      const job = {
        ...sampleJobs()[0],
        action_params: { type: "MOVE", destination: "Inbox", expected_disposition: null },
        search_params: {
          action_log: true,
          final_disposition: null,
          delivery_status: null,
          message_action: null
        }
      }
      const withDisposition = {
        ...job,
        action_params: { type: "MOVE", destination: "Inbox", expected_disposition: "SPAM" }
      }
      const [a, b] = decodePage(pageOf([job, withDisposition])).result
      expect(a?.action_params).toEqual({ type: "MOVE", destination: "Inbox", expected_disposition: null })
      expect(a?.search_params.final_disposition).toBeNull()
      expect(a?.search_params.action_log).toBe(true)
      expect(b?.action_params).toMatchObject({ expected_disposition: "SPAM" })
    })

    it("row 12: result_info with a real total_count and page (older) or without page (newer)", () => {
      const jobs = sampleJobs()
      expect(decodePage(pageOf(jobs, { count: 3, per_page: 20, total_count: 3, page: 1 })).result_info)
        .toEqual({ count: 3, per_page: 20, total_count: 3, page: 1 })
      expect(decodePage(pageOf(jobs, { count: 3, per_page: 20, total_count: 0 })).result_info?.page)
        .toBeUndefined()
    })

    it("rows 10-11: message statuses DISCOVERING (older) and SKIPPED, with and without the full message record", () => {
      const base = {
        message_id: "5b1f6c1e-7b44-4c66-9d1c-3f4f4b0a9e11",
        postfix_id: "4Njp3P0STMz2c02Q",
        action_type: "MOVE",
        action_params: { type: "MOVE", destination: "JunkEmail", client_recipient: "a@example.com" },
        retry_count: 0,
        created_at: "2026-01-01T00:00:00Z"
      }
      const detailed = {
        ...base,
        status: "SKIPPED",
        message: {
          id: "4Njp3P0STMz2c02Q-2024-01-05T10:00:00-12345678",
          ts: "2024-01-05T10:00:00Z",
          client_recipients: ["a@example.com"],
          postfix_id: "4Njp3P0STMz2c02Q",
          detection_reasons: [],
          action_log: [],
          is_quarantined: false,
          is_phish_submission: true,
          properties: {},
          delivery_mode: "A_NEW_MODE",
          some_new_field: { nested: true }
        }
      }
      const page = decodeMessages(pageOf([{ ...base, status: "DISCOVERING" }, detailed]))
      expect(page.result.map((message) => message.status)).toEqual(["DISCOVERING", "SKIPPED"])
      expect(page.result[0]?.processed_at).toBeNull()
      expect(page.result[1]?.message).toMatchObject({
        delivery_mode: "A_NEW_MODE",
        some_new_field: { nested: true }
      })
    })

    it("§12.3: unknown properties are kept, and an unknown action type is kept as an opaque variant", () => {
      const job = {
        ...sampleJobs()[1],
        brand_new_field: [1, 2],
        action_type: "QUARANTINE",
        action_params: { type: "QUARANTINE", reason: "x" }
      }
      const [decoded] = decodePage(pageOf([job])).result
      expect(decoded).toMatchObject({ brand_new_field: [1, 2], action_type: "QUARANTINE" })
      expect(decoded?.action_params).toEqual({ type: "QUARANTINE", reason: "x" })
    })
  })

  it.effect("a known field of the wrong type fails the page with a typed error naming the JSON path and the page", () =>
    Effect.gen(function*() {
      const jobs = sampleJobs()
      const broken = [jobs[0], { ...jobs[1], total_messages_discovered: "40" }, jobs[2]]
      const layer = bulkJobsOn((request) =>
        request.url.searchParams.get("page") === "1"
          ? StubHttpClient.page(
            Array.from({ length: 3 }, () => jobs[0]).map((job, i) => ({
              ...job,
              job_id: `f174e90a-fafe-4643-bbbc-4a0ed4fc841${i}`
            })),
            3
          )
          : StubHttpClient.page(broken, 3)
      )
      const error = yield* withBulkJobs(layer, (jobs) => Stream.runDrain(jobs.list({ per_page: 3 }))).pipe(
        Effect.flip
      )
      expect(error).toBeInstanceOf(ResponseDecodeError)
      expect(error._tag).toBe("ResponseDecodeError")
      if (error._tag !== "ResponseDecodeError") return
      expect(error.page).toBe(2)
      expect(error.issue).toContain("result[1].total_messages_discovered")
      expect(error.message).toContain("page 2")
      expect(error.status).toBe(200)
    }))

  it.effect("a MOVE job without its destination fails with the path, rather than passing as an unknown action", () =>
    Effect.gen(function*() {
      const job = { ...sampleJobs()[0], action_params: { type: "MOVE" } }
      const layer = bulkJobsOn(() => StubHttpClient.page([job], 20))
      const error = yield* withBulkJobs(layer, (jobs) => Stream.runDrain(jobs.list())).pipe(Effect.flip)
      expect(error._tag).toBe("ResponseDecodeError")
      expect(error._tag === "ResponseDecodeError" && error.issue).toContain("result[0].action_params")
    }))
})
