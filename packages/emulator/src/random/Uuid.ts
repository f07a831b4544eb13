import { permute, unpermute } from "./Bijection.js"
import { hash3 } from "./SeededRandom.js"

// Byte-to-hex table: ids are built for every job of every page, and `toString(16)` is slow.
const Hex2 = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"))
const Hex1 = Array.from({ length: 16 }, (_, nibble) => nibble.toString(16))

const byte = (word: number, shift: number): string => Hex2[(word >>> shift) & 255] ?? "00"
const nibble = (word: number, shift: number): string => Hex1[(word >>> shift) & 15] ?? "0"
const hex8 = (word: number): string => byte(word, 24) + byte(word, 16) + byte(word, 8) + byte(word, 0)

/** A version-4-shaped UUID built from four 32-bit words (the last word fills its final 8 hex digits). */
export const uuidFromWords = (a: number, b: number, c: number, d: number): string =>
  hex8(a) + "-" + byte(b, 24) + byte(b, 16) + "-4" + nibble(b, 8) + byte(b, 0) + "-" +
  (Hex1[8 | ((c >>> 28) & 3)] ?? "8") + nibble(c, 24) + byte(c, 16) + "-" + byte(c, 8) + byte(c, 0) + hex8(d)

/** A UUID that is a pure function of three integers. */
export const uuidFrom = (a: number, b: number, salt: number): string =>
  uuidFromWords(hash3(a, b, salt), hash3(a, b, salt + 1), hash3(a, b, salt + 2), hash3(a, b, salt + 3))

// The id's last word is a keyed bijection of the index, so a seeded job's index can be read back from its
// id without an index of 100,000 ids, while consecutive jobs still get unrelated-looking ids.
const SALT_SEEDED_ID = 0x5eed
const keyOf = (seed: number): number => hash3(seed, 0x6b6579, SALT_SEEDED_ID)

/** The id of the seeded job at `index`: random-looking, but its last 8 hex digits encode the index. */
export const seededJobId = (seed: number, index: number): string =>
  uuidFromWords(
    hash3(seed, index, SALT_SEEDED_ID + 1),
    hash3(seed, index, SALT_SEEDED_ID + 2),
    hash3(seed, index, SALT_SEEDED_ID + 3),
    permute(index, keyOf(seed))
  )

/** The index of a seeded job from its id, or undefined when the id is not one of the seed's jobs. */
export const seededJobIndex = (seed: number, jobs: number, id: string): number | undefined => {
  const lowered = id.toLowerCase()
  const tail = lowered.slice(-8)
  if (!/^[0-9a-f]{8}$/.test(tail)) return undefined
  const index = unpermute(Number.parseInt(tail, 16), keyOf(seed))
  return index < jobs && seededJobId(seed, index) === lowered ? index : undefined
}
