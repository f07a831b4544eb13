import { BulkJobs } from "@cfbulk/core"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { clientAndEmulator } from "./support/Layers.js"

describe("smoke", () => {
  it.effect("lists every seeded job through core's client", () =>
    Effect.gen(function*() {
      const jobs = yield* BulkJobs
      const all = yield* Stream.runCollect(jobs.list({ per_page: 7 }))
      expect(Chunk.size(all)).toBe(50)
    }).pipe(Effect.provide(clientAndEmulator())))
})
