import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { BulkJobs, resolveConfig, version } from "../src/index.js"
import { StubHttpClient, testJobId } from "../src/testing/index.js"
import { bulkJobsOn, clientOptions, token, wireJobs, withBulkJobs } from "./fixtures.js"

const [job] = wireJobs(1)

const capture = () => {
  const seen: Array<StubHttpClient.StubRequest> = []
  const handler = (request: StubHttpClient.StubRequest) => {
    seen.push(request)
    return StubHttpClient.single(job)
  }
  return { seen, handler }
}

describe("authentication and request headers", () => {
  it.effect("an API token is sent as a Bearer token, with Accept and a User-Agent naming cfbulk and its version", () =>
    Effect.gen(function*() {
      const api = capture()
      yield* withBulkJobs(bulkJobsOn(api.handler), (jobs) => jobs.get(testJobId(1)))
      const headers = api.seen[0]?.headers
      expect(headers?.authorization).toBe(`Bearer ${token}`)
      expect(headers?.accept).toBe("application/json")
      expect(headers?.["user-agent"]).toContain(`cfbulk/${version}`)
      expect(headers?.["x-auth-key"]).toBeUndefined()
    }))

  it.effect("legacy credentials are sent as X-Auth-Email and X-Auth-Key, without Authorization", () =>
    Effect.gen(function*() {
      const api = capture()
      const layer = bulkJobsOn(api.handler, {
        credentials: {
          _tag: "ApiKey",
          email: Redacted.make("ops@example.com"),
          key: Redacted.make("global-key-123")
        }
      })
      yield* withBulkJobs(layer, (jobs) => jobs.get(testJobId(1)))
      const headers = api.seen[0]?.headers
      expect(headers?.["x-auth-email"]).toBe("ops@example.com")
      expect(headers?.["x-auth-key"]).toBe("global-key-123")
      expect(headers?.authorization).toBeUndefined()
    }))

  it.effect("the base URL may carry a trailing slash or none: paths join with exactly one", () =>
    Effect.gen(function*() {
      for (const baseUrl of ["https://api.example.test/client/v4", "https://api.example.test/client/v4/"]) {
        const api = capture()
        yield* withBulkJobs(bulkJobsOn(api.handler, { baseUrl }), (jobs) => jobs.get(testJobId(1)))
        expect(api.seen[0]?.url.href).toBe(
          `https://api.example.test/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/email-security/investigate/bulk/${
            testJobId(1)
          }`
        )
      }
    }))

  it.effect("BulkJobs.Default reads the token, account and base URL from the environment", () =>
    Effect.gen(function*() {
      const provider = ConfigProvider.fromMap(
        new Map([["CLOUDFLARE_API_TOKEN", token], ["CLOUDFLARE_ACCOUNT_ID", "abc123"], [
          "CLOUDFLARE_BASE_URL",
          "http://127.0.0.1:9/client/v4"
        ]])
      )
      const service = yield* Effect.provide(
        BulkJobs,
        BulkJobs.Default.pipe(Layer.provide(Layer.setConfigProvider(provider)))
      )
      expect(service.accountId).toBe("abc123")
    }))

  it.effect("missing credentials fail with a configuration error that says what to set", () =>
    Effect.gen(function*() {
      const provider = ConfigProvider.fromMap(new Map([["CLOUDFLARE_ACCOUNT_ID", "abc123"]]))
      const error = yield* Effect.provide(
        BulkJobs,
        BulkJobs.Default.pipe(Layer.provide(Layer.setConfigProvider(provider)))
      ).pipe(
        Effect.flip
      )
      expect(error._tag).toBe("ConfigurationError")
      expect(error.message).toContain("CLOUDFLARE_API_TOKEN")
    }))
})

describe("configuration checks, before any request", () => {
  it.effect("a plain http:// base URL is refused unless its host is loopback", () =>
    Effect.gen(function*() {
      const error = yield* resolveConfig(clientOptions({ baseUrl: "http://api.cloudflare.com/client/v4" }))
        .pipe(Effect.flip)
      expect(error.message).toContain("cleartext")
      for (
        const loopback of [
          "http://127.0.0.1:8787/client/v4",
          "http://localhost:1/client/v4",
          "http://[::1]:2/client/v4"
        ]
      ) {
        const config = yield* resolveConfig(clientOptions({ baseUrl: loopback }))
        expect(config.baseUrl.protocol).toBe("http:")
      }
    }))

  it.effect("an account id over 32 characters is refused", () =>
    Effect.gen(function*() {
      const error = yield* resolveConfig(clientOptions({ accountId: "a".repeat(33) })).pipe(Effect.flip)
      expect(error._tag).toBe("ConfigurationError")
      expect(error.message).toContain("at most 32")
    }))

  it.effect("a layer with a bad base URL fails to build and sends nothing", () =>
    Effect.gen(function*() {
      const api = capture()
      const error = yield* withBulkJobs(bulkJobsOn(api.handler, { baseUrl: "not a url" }), (jobs) =>
        jobs.get(testJobId(1)))
        .pipe(Effect.flip)
      expect(error._tag).toBe("ConfigurationError")
      expect(api.seen).toHaveLength(0)
    }))
})
