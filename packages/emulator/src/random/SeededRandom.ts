// Every seeded choice of the emulator is a pure function of small integers (the seed, a job index,
// a salt), so the same seed always gives the same jobs without storing them.

/** The murmur3 finaliser: a fast, well-mixed 32-bit hash of one 32-bit integer. */
export const mix32 = (input: number): number => {
  let x = input | 0
  x ^= x >>> 16
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  x ^= x >>> 16
  return x >>> 0
}

/** A 32-bit hash of up to three integers; distinct salts give independent streams. */
export const hash3 = (a: number, b: number, c: number): number =>
  mix32(mix32(mix32(a ^ 0x9e3779b9) ^ Math.imul(b | 0, 0x27d4eb2d)) ^ Math.imul(c | 0, 0x165667b1))

/** A number in [0, 1) from a 32-bit hash. */
export const unit = (h: number): number => h / 4294967296

export type NonEmpty<A> = readonly [A, ...ReadonlyArray<A>]

/** A small, fast PRNG (mulberry32) for the many choices that describe one job or message. */
export interface Rng {
  /** A number in [0, 1). */
  readonly next: () => number
  /** An integer in [0, bound). */
  readonly int: (bound: number) => number
  /** An integer in [min, max]. */
  readonly between: (min: number, max: number) => number
  readonly chance: (probability: number) => boolean
  readonly pick: <A>(items: NonEmpty<A>) => A
  /** An unsigned 32-bit integer. */
  readonly uint32: () => number
}

export const makeRng = (seed: number): Rng => {
  let state = seed >>> 0
  const uint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  const next = () => uint32() / 4294967296
  const int = (bound: number) => Math.floor(next() * bound)
  return {
    next,
    int,
    uint32,
    between: (min, max) => min + int(max - min + 1),
    chance: (probability) => next() < probability,
    pick: <A>(items: NonEmpty<A>): A => items[int(items.length)] ?? items[0]
  }
}

/** Picks by weight: `[["COMPLETED", 84], ["FAILED", 6]]`. */
export const weighted = <A>(u: number, choices: NonEmpty<readonly [A, number]>): A => {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
  let threshold = u * total
  for (const [value, weight] of choices) {
    if (threshold < weight) return value
    threshold -= weight
  }
  // Only reached through rounding at u close to 1.
  return choices[choices.length - 1]?.[0] ?? choices[0][0]
}
