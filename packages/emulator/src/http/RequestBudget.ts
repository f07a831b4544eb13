import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import type { RateLimit } from "../EmulatorOptions.js"

/** The budget after counting one request. */
export interface Budget {
  readonly allowed: boolean
  readonly remaining: number
  /** Seconds until the window resets, rounded up. */
  readonly resetSeconds: number
  readonly limit: RateLimit
}

/** The emulator's request budget (`--rate-limit`): counts the requests of each window. */
export interface RequestBudget {
  /** Counts a request; undefined when the emulator has no limit. */
  readonly hit: (now: number) => Effect.Effect<Budget | undefined>
}

interface Window {
  readonly start: number
  readonly used: number
}

/**
 * Fixed windows, like Cloudflare's global limit (docs/wire-contract.md §10): a window opens at the first request after
 * the previous one closed; past the quota every request is refused until the window ends.
 */
export const makeRequestBudget = (limit: RateLimit | null): Effect.Effect<RequestBudget> =>
  Effect.map(Ref.make<Window>({ start: Number.NEGATIVE_INFINITY, used: 0 }), (window) => ({
    hit: (now) => {
      if (limit === null) return Effect.succeed(undefined)
      const length = limit.windowSeconds * 1000
      return Ref.modify(window, (current): [Budget, Window] => {
        const next = now >= current.start + length
          ? { start: now, used: 1 }
          : { ...current, used: current.used + 1 }
        return [
          {
            allowed: next.used <= limit.requests,
            remaining: Math.max(0, limit.requests - next.used),
            resetSeconds: Math.max(1, Math.ceil((next.start + length - now) / 1000)),
            limit
          },
          next
        ]
      })
    }
  }))

/** `Ratelimit` and `Ratelimit-Policy` as Cloudflare sends them on every response. */
export const rateLimitHeaders = (budget: Budget): Record<string, string> => ({
  ratelimit: `"default";r=${budget.remaining};t=${budget.resetSeconds}`,
  "ratelimit-policy": `"default";q=${budget.limit.requests};w=${budget.limit.windowSeconds}`
})
