import { describe, expect, it } from "vitest"
import { heapFlagsToSet } from "../../src/HeapTuning.js"

const both = ["--semi-space-growth-factor=1", "--heap-growing-percent=100"]

describe("heapFlagsToSet", () => {
  it("sets both flags when the user set neither", () => {
    expect(heapFlagsToSet([], {})).toEqual(both)
    expect(heapFlagsToSet(["--enable-source-maps"], { NODE_OPTIONS: "--max-old-space-size=4096" })).toEqual(
      both
    )
  })

  it("leaves alone a flag given on node's command line, in any spelling node accepts", () => {
    expect(heapFlagsToSet(["--heap_growing_percent=30"], {})).toEqual(["--semi-space-growth-factor=1"])
    expect(heapFlagsToSet(["-heap-growing-percent=30"], {})).toEqual(["--semi-space-growth-factor=1"])
    expect(heapFlagsToSet(["--semi-space-growth-factor=2"], {})).toEqual(["--heap-growing-percent=100"])
  })

  it("does not pin the young generation when the user sized it, on the command line or in NODE_OPTIONS", () => {
    expect(heapFlagsToSet(["--max-semi-space-size=64"], {})).toEqual(["--heap-growing-percent=100"])
    expect(heapFlagsToSet([], { NODE_OPTIONS: "--inspect  --min_semi_space_size=8" })).toEqual([
      "--heap-growing-percent=100"
    ])
  })

  it("does not mistake a longer option for one of its own", () => {
    expect(heapFlagsToSet(["--heap-growing-percentage=5"], {})).toEqual(both)
  })

  it("sets nothing with CFBULK_HEAP_TUNING=0", () => {
    expect(heapFlagsToSet([], { CFBULK_HEAP_TUNING: "0" })).toEqual([])
    expect(heapFlagsToSet([], { CFBULK_HEAP_TUNING: "1" })).toEqual(both)
  })
})
