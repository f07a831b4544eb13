// A keyed bijection on 32-bit integers: ids that encode a number (a seeded job's index, a message's
// place) look random, yet the number is read back from the id with no table of ids kept.

const M1 = 0x7feb352d
const M2 = 0x846ca68b

const inverseOf = (odd: number): number => {
  let inverse = odd
  for (let step = 0; step < 5; step++) inverse = Math.imul(inverse, 2 - Math.imul(odd, inverse))
  return inverse >>> 0
}
const M1_INVERSE = inverseOf(M1)
const M2_INVERSE = inverseOf(M2)

/** Scrambles a 32-bit value under `key`; `unpermute` with the same key gives it back. */
export const permute = (value: number, key: number): number => {
  let x = (value ^ key) >>> 0
  x = Math.imul(x, M1) >>> 0
  x = (x ^ (x >>> 16)) >>> 0
  x = Math.imul(x, M2) >>> 0
  return (x ^ (x >>> 16)) >>> 0
}

/** The inverse of `permute` under the same key. */
export const unpermute = (value: number, key: number): number => {
  let x = (value ^ (value >>> 16)) >>> 0
  x = Math.imul(x, M2_INVERSE) >>> 0
  x = (x ^ (x >>> 16)) >>> 0
  x = Math.imul(x, M1_INVERSE) >>> 0
  return (x ^ key) >>> 0
}
