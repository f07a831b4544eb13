import { BulkJobs, ConfigurationError, credentialsConfig } from "@cfbulk/core"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import type { Globals } from "./GlobalOptions.js"

const missingCredentials = new ConfigurationError({
  issue: "no credentials: set CLOUDFLARE_API_TOKEN (or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY) in the " +
    "environment; cfbulk never takes them as flags"
})

/**
 * `BulkJobs` from the global options and the credentials in the environment, over the platform's
 * fetch. Built only by the commands that call the API, so `--help` and `create --dry-run` need no
 * account.
 *
 * fetch rather than node:http (`NodeHttpClient`), although its undici costs about 35 MB of memory:
 * it keeps connections alive, asks for compressed answers (a 1000-job page is ~700 KB of JSON), and
 * tells a connection that never opened from one that timed out after sending, so a create is
 * retried only when that is safe. Against the real API the network matters more.
 */
export const bulkJobsLayer = (globals: Globals): Layer.Layer<BulkJobs, ConfigurationError> =>
  Layer.unwrapEffect(
    Effect.map(
      Effect.mapError(credentialsConfig, () => missingCredentials),
      (credentials) =>
        BulkJobs.layer({
          credentials,
          // Core's own check names both the variable and the flag when this is empty.
          accountId: Option.getOrElse(globals.accountId, () => ""),
          baseUrl: Option.getOrUndefined(globals.baseUrl),
          timeout: Option.getOrUndefined(globals.timeout),
          maxRetries: Option.getOrUndefined(globals.maxRetries)
        })
    )
  ).pipe(Layer.provide(FetchHttpClient.layer))

/** Runs an effect that needs `BulkJobs` with the service built from the global options. */
export const withBulkJobs = <A, E>(
  globals: Globals,
  effect: Effect.Effect<A, E, BulkJobs>
): Effect.Effect<A, E | ConfigurationError> => Effect.provide(effect, bulkJobsLayer(globals))

/**
 * The service built now, so its configuration (credentials, account id, base URL) is checked before
 * anything is asked: a confirmed action must not then fail for a missing token.
 */
export const buildBulkJobs = (
  globals: Globals
): Effect.Effect<Context.Context<BulkJobs>, ConfigurationError, Scope.Scope> =>
  Layer.build(bulkJobsLayer(globals))
