import { describe, expect, it } from "@effect/vitest"
import { createdJobKey, readJobKey, seededJobKey } from "../src/model/JobKey.js"
import { postfixIdOf, readPostfixId } from "../src/wire/PostfixId.js"

// A message's postfix id carries its job and its index, so move and release find the message with
// nothing indexed: the encoding must give both back exactly, for any job and index, and look random.

describe("postfix ids", () => {
  it("give back the job key and the index they were made from, at the edges and in between", () => {
    const keys = [
      seededJobKey(0),
      seededJobKey(9_999_999),
      createdJobKey(0),
      createdJobKey(2 ** 31 - 1),
      12345
    ]
    const indices = [0, 1, 2_499, 999_999, 2 ** 32 - 1]
    for (const jobKey of keys) {
      for (const index of indices) {
        for (const jobSeed of [0, 1, 0xffffffff]) {
          const postfix = postfixIdOf(jobKey, jobSeed, index)
          expect(postfix).toMatch(/^[0-9A-Za-z]{16}$/)
          expect(readPostfixId(postfix)).toEqual({ jobKey, index })
        }
      }
    }
  })

  it("differ for every message of a job and between jobs, and do not look sequential", () => {
    const ids = new Set<string>()
    for (let job = 0; job < 20; job++) {
      for (let index = 0; index < 500; index++) ids.add(postfixIdOf(seededJobKey(job), job * 7919, index))
    }
    expect(ids.size).toBe(10_000)
    const firstChars = new Set([...ids].map((id) => id.charAt(0)))
    expect(firstChars.size).toBeGreaterThan(40)
  })

  it("refuse what the emulator never makes", () => {
    for (
      const postfix of ["", "4Njp3P0STMz2c02", "4Njp3P0STMz2c02Q0", "4Njp3P0STMz2c0-Q", "zzzzzzzzzzzzzzzz"]
    ) {
      expect(readPostfixId(postfix)).toBeUndefined()
    }
  })
})

describe("job keys", () => {
  it("tell seeded jobs from created ones", () => {
    expect(readJobKey(seededJobKey(42))).toEqual({ _tag: "Seeded", index: 42 })
    expect(readJobKey(createdJobKey(42))).toEqual({ _tag: "Created", creation: 42 })
    expect(readJobKey(createdJobKey(0))).toEqual({ _tag: "Created", creation: 0 })
  })
})
