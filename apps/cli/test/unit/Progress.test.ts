import { CloudflareApiError, UnconfirmedCreateError } from "@cfbulk/core"
import { describeWait } from "@cfbulk/core"
import { Cause, Duration, Either } from "effect"
import { describe, expect, it } from "vitest"
import { normalizeArgv } from "../../src/Argv.js"
import { parseJobId } from "../../src/commands/Arguments.js"
import { exitOutcomeOf } from "../../src/ErrorRendering.js"
import { listingLine, type ListingView } from "../../src/ListingProgress.js"
import { fitLine, formatCount, formatRate } from "../../src/ProgressText.js"
import { recordWait, waitingAt } from "../../src/Waits.js"

const visible = (line: string) => line.replace(/\u001b\[[0-9;]*m/g, "")

describe("a listing's progress line", () => {
  const view: ListingView = {
    noun: "job",
    items: 123_000,
    pages: 123,
    rate: 4120.4,
    elapsedMs: 65_000,
    tick: 2,
    waiting: undefined,
    done: false
  }
  const waits = [
    "waiting 52s for the rate-limit window (Ratelimit: 0 left)",
    "waiting 2m 05s: Cloudflare answered 429 Too Many Requests (Retry-After)",
    "waiting 4s before retry 2 of GET /client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/email-security/investigate/bulk?page=3&per_page=1000: 503"
  ]

  it("says items, pages, rate and elapsed time, and no percentage", () => {
    expect(listingLine(view, 80, false)).toBe("⠹ 123,000 jobs  123 pages  4,120/s  1m 05s")
    expect(listingLine({ ...view, items: 1, pages: 1, rate: undefined }, 80, false)).toBe(
      "⠹ 1 job  1 page  -/s  1m 05s"
    )
    expect(listingLine({ ...view, done: true }, 80, false)).toBe("  123,000 jobs  123 pages  4,120/s  1m 05s")
  })

  it("says the wait while one lasts, dropping its parenthesis or the rate when the room is short", () => {
    expect(listingLine({ ...view, items: 12_000, pages: 12, waiting: waits[0] }, 80, false)).toBe(
      "⠹ 12,000 jobs  12 pages  4,120/s  1m 05s  waiting 52s for the rate-limit window"
    )
    expect(listingLine({ ...view, waiting: waits[0] }, 80, false)).toBe(
      "⠹ 123,000 jobs  123 pages  1m 05s  waiting 52s for the rate-limit window"
    )
    expect(listingLine({ ...view, waiting: waits[0] }, 120, false)).toContain("(Ratelimit: 0 left)")
    expect(listingLine({ ...view, waiting: waits[1] }, 80, false)).toBe(
      "⠹ 123,000 jobs  waiting 2m 05s: Cloudflare answered 429 Too Many Requests"
    )
    // Finished, a listing waits for nothing.
    expect(listingLine({ ...view, waiting: waits[0], done: true }, 80, false)).not.toContain("waiting")
  })

  for (const columns of [20, 40, 80, 200]) {
    it(`never wraps at ${columns} columns, whatever the wait`, () => {
      for (const waiting of [undefined, ...waits]) {
        for (const color of [false, true]) {
          const line = visible(listingLine({ ...view, waiting }, columns, color))
          expect(line.length).toBeLessThan(columns)
          expect(line).toContain("123,000 job")
        }
      }
    })
  }

  it("paints the wait only when asked to", () => {
    expect(listingLine({ ...view, waiting: waits[0] }, 80, false)).not.toContain("\u001b[")
    expect(listingLine({ ...view, waiting: waits[0] }, 80, true)).toContain("\u001b[33mwaiting 52s")
  })
})

describe("the pieces progress lines share", () => {
  it("formats counts, rates and waits for people", () => {
    expect([formatCount(0), formatCount(999), formatCount(1000), formatCount(1234567)]).toEqual([
      "0",
      "999",
      "1,000",
      "1,234,567"
    ])
    expect([formatRate(undefined), formatRate(12.34), formatRate(4120.4)]).toEqual([
      "-/s",
      "12.3/s",
      "4,120/s"
    ])
    expect([51_001, 52_000, 125_000, 0].map((millis) => describeWait(millis, ""))).toEqual([
      "waiting 52s",
      "waiting 52s",
      "waiting 2m 05s",
      "waiting 0s"
    ])
  })

  it("fits the first candidate that fits, else cuts the last with an ellipsis", () => {
    expect(fitLine(["a long one", "short"], 6)).toBe("short")
    expect(fitLine(["a long one", "still too long"], 6)).toBe("still…")
  })
})

describe("waits recorded from their announcement's annotations", () => {
  it("count down to the end of the wait, then are over", () => {
    recordWait(52_000, " for the rate-limit window (Ratelimit: 0 left)", 1_000_000)
    expect(waitingAt(1_000_000)).toBe("waiting 52s for the rate-limit window (Ratelimit: 0 left)")
    expect(waitingAt(1_005_500)).toBe("waiting 47s for the rate-limit window (Ratelimit: 0 left)")
    expect(waitingAt(1_052_000)).toBeUndefined()
    // A shorter wait inside a longer one does not hide it.
    recordWait(60_000, ": Cloudflare answered 429 Too Many Requests (Retry-After)", 2_000_000)
    recordWait(3_000, " before retry 1 of GET /x: 503", 2_001_000)
    expect(waitingAt(2_002_000)).toBe("waiting 58s: Cloudflare answered 429 Too Many Requests (Retry-After)")
  })
})

describe("job ids", () => {
  const id = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
  it("drop the whitespace around them, a trailing CR included", () => {
    for (const text of [id, `${id}\r`, `  ${id}  `, `\t${id}\r\n`]) {
      expect(parseJobId(text)).toEqual(Either.right(id))
    }
  })
  it("refuse anything else, quoting it as given", () => {
    for (const text of ["", " ", "not-a-job", `${id}x`, `${id}\r\rx`, `${id.slice(0, 8)} ${id.slice(9)}`]) {
      expect(parseJobId(text)).toEqual(Either.left(`${JSON.stringify(text)} is not a job id (a UUID)`))
    }
  })
})

describe("--quiet", () => {
  it("is a global flag, moved in front like --verbose", () => {
    const result = normalizeArgv(["node", "cfbulk", "list", "--quiet", "--limit", "2"])
    expect(result.argv).toEqual(["node", "cfbulk", "--quiet", "list", "--limit", "2"])
    expect({ quiet: result.quiet, verbose: result.verbose }).toEqual({ quiet: true, verbose: false })
  })
})

describe("a create that could not be confirmed", () => {
  it("is one line and exit 1", () => {
    const request = { method: "POST", path: "/client/v4/accounts/a/email-security/investigate/bulk" }
    const error = new UnconfirmedCreateError({
      request,
      action: "MOVE",
      lost: new CloudflareApiError({ request, status: 503, errors: [] }),
      searched: Duration.seconds(10),
      matches: []
    })
    const outcome = exitOutcomeOf(Cause.fail(error), false, "create")
    expect(outcome.code).toBe(1)
    expect(outcome.text?.split("\n")).toHaveLength(1)
    expect(outcome.text).toMatch(
      /^cfbulk: POST .* lost its answer .*list the newest MOVE jobs before creating it again$/
    )
  })
})
