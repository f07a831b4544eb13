import { describe, expect, it } from "vitest"
import { heapFlagsToSet } from "../../src/HeapTuning.js"

describe("heapFlagsToSet", () => {
  it("sets both flags when the user set neither", () => {
    expect(heapFlagsToSet([], "")).toEqual(["--semi-space-growth-factor=1", "--heap-growing-percent=100"])
  })

  it("leaves alone a flag given on node's command line, in either spelling", () => {
    expect(heapFlagsToSet(["--heap_growing_percent=30"], "")).toEqual(["--semi-space-growth-factor=1"])
    expect(heapFlagsToSet(["--semi-space-growth-factor=2"], "")).toEqual(["--heap-growing-percent=100"])
  })

  it("leaves alone a flag given in NODE_OPTIONS", () => {
    expect(heapFlagsToSet([], "--max-old-space-size=512 --heap-growing-percent=50")).toEqual([
      "--semi-space-growth-factor=1"
    ])
  })
})
