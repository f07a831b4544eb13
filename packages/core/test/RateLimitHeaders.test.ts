import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Option from "effect/Option"
import { parseRateLimit, parseRateLimitPolicy, parseRetryAfter } from "../src/internal/RateLimitHeaders.js"

describe("rate-limit headers", () => {
  it("parses Ratelimit as a structured list and keeps the most constraining item", () => {
    expect(parseRateLimit("\"default\";r=50;t=30")).toEqual(Option.some({ remaining: 50, resetSeconds: 30 }))
    expect(parseRateLimit("\"burst\";r=90;t=5, \"default\";r=7;t=200;x=1")).toEqual(
      Option.some({ remaining: 7, resetSeconds: 200 })
    )
  })

  it("ignores what it cannot read", () => {
    expect(parseRateLimit(undefined)).toEqual(Option.none())
    expect(parseRateLimit("garbage")).toEqual(Option.none())
    expect(parseRateLimit("\"default\";r=abc;t=1")).toEqual(Option.none())
  })

  it("parses Ratelimit-Policy", () => {
    expect(parseRateLimitPolicy("\"default\";q=1200;w=300, \"burst\";q=100;w=60")).toEqual([
      { name: "default", quota: 1200, windowSeconds: 300 },
      { name: "burst", quota: 100, windowSeconds: 60 }
    ])
  })

  it("parses Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-11-28T10:00:00Z")
    expect(parseRetryAfter("120", now).pipe(Option.map(Duration.toSeconds))).toEqual(Option.some(120))
    expect(parseRetryAfter("Sat, 28 Nov 2026 10:01:00 GMT", now).pipe(Option.map(Duration.toSeconds)))
      .toEqual(
        Option.some(60)
      )
    expect(parseRetryAfter("Sat, 28 Nov 2026 09:00:00 GMT", now).pipe(Option.map(Duration.toMillis))).toEqual(
      Option.some(0)
    )
    expect(parseRetryAfter("soon", now)).toEqual(Option.none())
  })
})
