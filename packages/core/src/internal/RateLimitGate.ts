import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import type { RateLimitState } from "./RateLimitHeaders.js"
import { announceWait } from "./Waits.js"

interface GateState {
  /** Nobody sends before this instant: a 429 blocks every call of the account (docs/wire-contract.md §10). */
  readonly blockedUntil: number
  /** Requests this layer may still send in the current window, or undefined before any header was seen. */
  readonly remaining: number | undefined
  readonly resetAt: number
  readonly inFlight: number
  /** The end of the last wait announced: fibers waiting for the same window announce it once. */
  readonly announcedUntil: number
}

/**
 * The one place every request of a layer passes before it is sent. It keeps the account's
 * rate-limit budget as Cloudflare last reported it, minus what this layer has sent since, and
 * makes new requests wait for the window to reset when the budget runs low; after a 429 it
 * holds every request until `Retry-After` has passed, not just the fiber that got it.
 */
export interface RateLimitGate {
  /**
   * Waits (interruptibly, even as the acquire of `acquireUseRelease`) until a request may be sent,
   * and counts it as in flight: pair it with `release`. Fails at once, with the wait left, when a
   * 429 blocks the account for longer than `maxWait`.
   */
  readonly acquire: (maxWait: Duration.Duration) => Effect.Effect<void, Duration.Duration>
  /** Marks a request as answered, learning the budget from its `Ratelimit` header if it had one. */
  readonly release: (observed: RateLimitState | undefined) => Effect.Effect<void>
  /** Blocks every request until the wait has passed. */
  readonly block: (wait: Duration.Duration) => Effect.Effect<void>
}

/**
 * Why a request waits for the next window, as the wait's announcement ends. The budget is this
 * layer's estimate: Cloudflare's count minus the requests still in flight, which can fall below 0;
 * people are told 0. What is left above 0 is the reserve kept for the account's other clients.
 */
export const budgetWaitReason = (remaining: number): string =>
  remaining > 0
    ? ` for the rate-limit window (Ratelimit: ${remaining} left, in reserve)`
    : " for the rate-limit window (Ratelimit: 0 left)"

type Decision =
  | { readonly _tag: "Go" }
  | { readonly _tag: "Wait"; readonly millis: number; readonly why: string }

export const makeRateLimitGate = (reserve: number): Effect.Effect<RateLimitGate> =>
  Effect.gen(function*() {
    const state = yield* Ref.make<GateState>({
      blockedUntil: 0,
      remaining: undefined,
      resetAt: 0,
      inFlight: 0,
      announcedUntil: 0
    })

    const decide = (now: number) =>
      Ref.modify(state, (current): [Decision, GateState] => {
        if (now < current.blockedUntil) {
          const why = ": Cloudflare answered 429 Too Many Requests (Retry-After)"
          return [{ _tag: "Wait", millis: current.blockedUntil - now, why }, current]
        }
        // A window that has passed no longer limits: the next answer will report the new one.
        const remaining = now >= current.resetAt ? undefined : current.remaining
        if (remaining !== undefined && remaining <= reserve) {
          return [{ _tag: "Wait", millis: current.resetAt - now, why: budgetWaitReason(remaining) }, current]
        }
        return [
          { _tag: "Go" },
          {
            ...current,
            remaining: remaining === undefined ? undefined : remaining - 1,
            inFlight: current.inFlight + 1
          }
        ]
      })

    /** Announces a wait unless one already announced covers it (every fiber meets the same window). */
    const announceOnce = (now: number, millis: number, why: string) =>
      Effect.flatMap(
        Ref.modify(state, (current): [boolean, GateState] =>
          now + millis <= current.announcedUntil + 1_000
            ? [false, current]
            : [true, { ...current, announcedUntil: now + millis }]),
        (fresh) => fresh ? announceWait(millis, why) : Effect.void
      )

    const acquire = (maxWait: Duration.Duration): Effect.Effect<void, Duration.Duration> =>
      Effect.gen(function*() {
        while (true) {
          const now = yield* Clock.currentTimeMillis
          const blockedFor = Duration.millis((yield* Ref.get(state)).blockedUntil - now)
          if (Duration.greaterThan(blockedFor, maxWait)) return yield* Effect.fail(blockedFor)
          const decision = yield* decide(now)
          if (decision._tag === "Go") return
          yield* announceOnce(now, decision.millis, decision.why)
          // Taken as the acquire of `acquireUseRelease`, which runs uninterruptibly: the wait is the
          // one interruptible part, and no slot is held during it (a slot is only ever taken by
          // `decide`, atomically, right before returning).
          yield* Effect.interruptible(Effect.sleep(Duration.millis(decision.millis)))
        }
      })

    const release = (observed: RateLimitState | undefined) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Ref.update(state, (current) => {
          const inFlight = Math.max(0, current.inFlight - 1)
          if (observed === undefined) return { ...current, inFlight }
          // The server's count may not include requests still in flight, so they are assumed spent.
          const reported = observed.remaining - inFlight
          const sameWindow = current.remaining !== undefined && now < current.resetAt
          return {
            ...current,
            inFlight,
            remaining: sameWindow ? Math.min(current.remaining ?? reported, reported) : reported,
            resetAt: now + observed.resetSeconds * 1000
          }
        }))

    const block = (wait: Duration.Duration) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Ref.update(state, (current) => {
          const until = now + Duration.toMillis(wait)
          return { ...current, blockedUntil: Math.max(current.blockedUntil, until) }
        }))

    return { acquire, release, block }
  })
