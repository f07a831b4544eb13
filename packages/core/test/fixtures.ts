import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Tracer from "effect/Tracer"
import { readContractFile } from "../../../test-support/contract.js"
import { BulkJob, BulkJobs, type BulkJobsOptions, type CloudflareClient } from "../src/index.js"
import { makeTestJobs, StubHttpClient } from "../src/testing/index.js"

export const accountId = "023e105f4ecef8ad9ca31a8372d0c353"
export const token = "tok-SECRET-4f1c9e7d2b"
export const baseUrl = "https://api.example.test/client/v4"

/** The sample response shipped with the wire contract. */
export const sampleListResponse: unknown = JSON.parse(readContractFile("sample-list-response.json"))

const encodeJobs = Schema.encodeSync(Schema.Array(BulkJob))

/** `count` jobs as the wire carries them, newest first. */
export const wireJobs = (count: number): Array<unknown> => [...encodeJobs(makeTestJobs(count))]

export interface RecordedRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
}

/** A stub API serving `jobs` page by page like the real one, recording every request. */
export const jobsApi = (jobs: () => ReadonlyArray<unknown>) => {
  const requests: Array<RecordedRequest> = []
  const handler = (request: StubHttpClient.StubRequest): Response => {
    requests.push(request)
    const page = Number(request.url.searchParams.get("page") ?? "1")
    const perPage = Number(request.url.searchParams.get("per_page") ?? "20")
    const all = jobs()
    return StubHttpClient.page(all.slice((page - 1) * perPage, page * perPage), perPage)
  }
  return { requests, handler }
}

export const clientOptions = (
  overrides: Partial<CloudflareClient.MakeOptions & BulkJobsOptions> = {}
): CloudflareClient.MakeOptions => ({
  credentials: { _tag: "ApiToken", token: Redacted.make(token) },
  accountId,
  baseUrl,
  ...overrides
})

/** `BulkJobs` over the real client, answered by `handler`. */
export const bulkJobsOn = (
  handler: StubHttpClient.StubHandler,
  overrides: Partial<CloudflareClient.MakeOptions & BulkJobsOptions> = {}
) => BulkJobs.layer(clientOptions(overrides)).pipe(Layer.provide(StubHttpClient.layer(handler)))

/** Runs `f` with the service from `layer`. */
export const withBulkJobs = <A, E, E2, R>(
  layer: Layer.Layer<BulkJobs, E2>,
  f: (service: BulkJobs["Type"]) => Effect.Effect<A, E, R>
): Effect.Effect<A, E | E2, R> => Effect.provide(Effect.flatMap(BulkJobs, f), layer)

/** A tracer that keeps every span's name and attributes. */
export const recordingTracer = () => {
  const spans: Array<{ name: string; attributes: Map<string, unknown> }> = []
  const tracer = Tracer.make({
    span: (name, parent, context, links, startTime, kind) => {
      const attributes = new Map<string, unknown>()
      spans.push({ name, attributes })
      const span: Tracer.Span = {
        _tag: "Span",
        name,
        spanId: String(spans.length),
        traceId: "trace",
        parent,
        context,
        status: { _tag: "Started", startTime },
        attributes,
        links,
        sampled: true,
        kind,
        end: () => undefined,
        attribute: (key, value) => void attributes.set(key, value),
        event: () => undefined,
        addLinks: () => undefined
      }
      return span
    },
    context: (f) => f()
  })
  return { spans, tracer }
}
