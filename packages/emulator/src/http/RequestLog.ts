/**
 * The emulator's log of the requests it answered, which tests read through `EmulatorControl.requests`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Ref from "effect/Ref"

/**
 * One request the emulator answered (or dropped).
 *
 * @since 0.1.0
 * @category models
 */
export interface RequestLogEntry {
  /** 1 for the first request the emulator received. */
  readonly sequence: number
  readonly method: string
  /** Path and query, as sent. */
  readonly path: string
  /** The status answered, or null when the connection was reset instead. */
  readonly status: number | null
  /** Emulator time (ms since the epoch) the request arrived. */
  readonly timestamp: number
  /** The fault served, if any (`BadGateway`, `Reset`, ...). */
  readonly fault?: string | undefined
}

/**
 * The request log itself: numbers requests and keeps the most recent entries. Internal to the
 * emulator (not exported from `@cfbulk/emulator`): tests read it through `EmulatorControl`.
 *
 * @since 0.1.0
 * @category internal
 */
export interface RequestLog {
  /** Numbers a new request (1, 2, ...). */
  readonly next: Effect.Effect<number>
  readonly record: (entry: RequestLogEntry) => Effect.Effect<void>
  /** The most recent entries, oldest first (at most the configured limit). */
  readonly entries: Effect.Effect<ReadonlyArray<RequestLogEntry>>
  /** Requests received since start, whatever the log kept. */
  readonly count: Effect.Effect<number>
  readonly clear: Effect.Effect<void>
}

/**
 * An empty request log that keeps at most `limit` entries (0 keeps none but still counts). Internal
 * to the emulator (not exported from `@cfbulk/emulator`).
 *
 * @since 0.1.0
 * @category internal
 */
export const makeRequestLog = (limit: number): Effect.Effect<RequestLog> =>
  Effect.map(
    Effect.all([Ref.make(0), Ref.make<ReadonlyArray<RequestLogEntry>>([])]),
    ([counter, log]) => ({
      next: Ref.updateAndGet(counter, (count) => count + 1),
      record: (entry) =>
        limit === 0
          ? Effect.void
          : Ref.update(log, (entries) =>
            entries.length < limit
              ? [...entries, entry]
              : [...entries.slice(entries.length - limit + 1), entry]),
      entries: Ref.get(log),
      count: Ref.get(counter),
      clear: Ref.set(log, [])
    })
  )

/**
 * The `sequence` of the request being answered, set by the app around each answer, so that an
 * endpoint can say which request carried out what it records. Internal to the emulator (not exported
 * from `@cfbulk/emulator`).
 *
 * @since 0.1.0
 * @category internal
 */
export const currentSequence: FiberRef.FiberRef<number> = FiberRef.unsafeMake(0)
