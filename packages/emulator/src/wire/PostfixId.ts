import { permute, unpermute } from "../random/Bijection.js"
import { hash3, mix32 } from "../random/SeededRandom.js"

// A message's postfix id (the first part of its investigate id, `4Njp3P0STMz2c02Q-…`) encodes its
// job and its index reversibly: move and release find any message of any job from its id, at no
// cost however many jobs are seeded, while the ids still look random. 16 alphanumerics hold 95 bits:
// a 31-bit check, drawn from the job's seed, keys the scrambling of the job key and of the index.

const Alphanumerics = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
const Base = BigInt(Alphanumerics.length)
const Length = 16
const Largest = (1n << 95n) - 1n
const Digits = new Map(Array.from(Alphanumerics, (char, value) => [char, BigInt(value)]))
const SALT_CHECK = 23

const indexKey = (check: number): number => mix32(check ^ 0x1d3c5b7a)

/** The postfix id of message `index` of the job with key `jobKey` and message seed `jobSeed`. */
export const postfixIdOf = (jobKey: number, jobSeed: number, index: number): string => {
  const check = hash3(jobSeed, index, SALT_CHECK) >>> 1
  let value = (BigInt(check) << 64n) | (BigInt(permute(jobKey, check)) << 32n) |
    BigInt(permute(index, indexKey(check)))
  let out = ""
  for (let digit = 0; digit < Length; digit++) {
    out = Alphanumerics.charAt(Number(value % Base)) + out
    value /= Base
  }
  return out
}

/**
 * The job key and message index a postfix id encodes, or undefined when it cannot be one of the
 * emulator's. Any 16 alphanumerics decode to something: the caller must check that this message
 * of this job really has the id.
 */
export const readPostfixId = (
  postfix: string
): { readonly jobKey: number; readonly index: number } | undefined => {
  if (postfix.length !== Length) return undefined
  let value = 0n
  for (const char of postfix) {
    const digit = Digits.get(char)
    if (digit === undefined) return undefined
    value = value * Base + digit
  }
  if (value > Largest) return undefined
  const check = Number(value >> 64n)
  return {
    jobKey: unpermute(Number((value >> 32n) & 0xffffffffn), check),
    index: unpermute(Number(value & 0xffffffffn), indexKey(check))
  }
}
