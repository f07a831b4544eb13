import { BulkJobs, type BulkJobsOptions, type CloudflareClient } from "@cfbulk/core"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { Defaults, type EmulatorOptions, InProcessUrl, layer } from "../../src/index.js"

/**
 * core's real `BulkJobs` client over the in-process emulator, plus its `EmulatorControl`: the
 * client talks HTTP (envelopes, headers, status codes) without a socket, under the test's Clock.
 */
export const clientAndEmulator = (
  options: EmulatorOptions = {},
  client: Partial<CloudflareClient.MakeOptions & BulkJobsOptions> = {}
) =>
  BulkJobs.layer({
    credentials: { _tag: "ApiToken", token: Redacted.make(options.token ?? Defaults.token) },
    accountId: options.accountId ?? Defaults.accountId,
    baseUrl: InProcessUrl,
    ...client
  }).pipe(Layer.provideMerge(layer(options)))
