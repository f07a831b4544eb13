// Vitest types its asymmetric matchers (`expect.any`, `expect.stringContaining`, ...) as `any`, so that
// one fits in any expected value; type-aware lint then rightly flags the object literals holding one.
// These are the same matchers, typed as what `toMatchObject` and `toEqual` compare against: `unknown`.
import { expect } from "@effect/vitest"

/** Matches any string. */
export const anyString: unknown = expect.any(String)

/** Matches a string that contains `text`. */
export const stringContaining = (text: string): unknown => expect.stringContaining(text)
