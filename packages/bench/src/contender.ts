// One contender of the "stream all jobs" race, run in its own process so that its CPU time and peak
// RSS are its own. It lists every job `passes` times in a row (default 1) and reports the last pass,
// so `passes` 2 measures a warm listing: modules loaded, code optimised, connections open. Prints one
// JSON line: { jobs, requests, wallMs, cpuMs, peakRssMb }.
import { BulkJobs } from "@cfbulk/core"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import Cloudflare from "cloudflare"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"

const [name, url, token, accountId, passesArg] = process.argv.slice(2)
if (name === undefined || url === undefined || token === undefined || accountId === undefined) {
  throw new Error("usage: contender <name> <base url> <token> <account id> [passes]")
}
const passes = Number(passesArg ?? "1")
const perPage = 1000
const listUrl = `${url}/accounts/${accountId}/email-security/investigate/bulk`
const headers = { authorization: `Bearer ${token}`, accept: "application/json" }
let requests = 0

interface PageBody {
  readonly result: ReadonlyArray<{ readonly job_id: string }>
}
const isPageBody = (body: unknown): body is PageBody =>
  typeof body === "object" && body !== null && "result" in body && Array.isArray(body.result)

const fetchPage = async (page: number): Promise<PageBody> => {
  requests++
  const response = await fetch(`${listUrl}?page=${page}&per_page=${perPage}`, { headers })
  const body: unknown = await response.json()
  if (!response.ok || !isPageBody(body)) throw new Error(`page ${page}: ${response.status}`)
  return body
}

/** The plain loop: one page at a time until a short page. */
const fetchSequential = async (): Promise<number> => {
  let jobs = 0
  for (let page = 1;; page++) {
    const body = await fetchPage(page)
    jobs += body.result.length
    if (body.result.length < perPage) return jobs
  }
}

/** Four pages in flight, in order, stopping at the first short page. */
const fetchPipelined = async (): Promise<number> => {
  const inFlight = 4
  let jobs = 0
  let next = 1
  const queue: Array<Promise<PageBody>> = []
  while (queue.length < inFlight) queue.push(fetchPage(next++))
  for (;;) {
    const head = queue.shift()
    if (head === undefined) return jobs
    const body = await head
    jobs += body.result.length
    if (body.result.length < perPage) {
      await Promise.allSettled(queue)
      return jobs
    }
    queue.push(fetchPage(next++))
  }
}

/** The official SDK's auto-pagination. */
const sdk = async (): Promise<number> => {
  const client = new Cloudflare({
    apiToken: token,
    baseURL: url,
    maxRetries: 0,
    fetch: (input, init) => {
      requests++
      return fetch(input, init)
    }
  })
  let jobs = 0
  for await (
    const _job of client.emailSecurity.investigate.bulk.list({ account_id: accountId, per_page: perPage })
  ) {
    jobs++
  }
  return jobs
}

/** cfbulk with its defaults, one layer for every pass (as an application keeps its layer). */
const cfbulkRuntime = (() => {
  const counting = Layer.effect(
    HttpClient.HttpClient,
    Effect.map(HttpClient.HttpClient, (client) =>
      HttpClient.tapRequest(client, () =>
        Effect.sync(() => {
          requests++
        })))
  ).pipe(Layer.provide(FetchHttpClient.layer))
  const layer = BulkJobs.layer({
    credentials: { _tag: "ApiToken", token: Redacted.make(token) },
    accountId,
    baseUrl: url
  }).pipe(Layer.provide(counting))
  return ManagedRuntime.make(layer)
})()
const cfbulk = (): Promise<number> =>
  cfbulkRuntime.runPromise(Effect.flatMap(BulkJobs, (jobs) => Stream.runCount(jobs.list())))

const contenders: Record<string, () => Promise<number>> = {
  cfbulk,
  sdk,
  "fetch-sequential": fetchSequential,
  "fetch-4-in-flight": fetchPipelined
}

const contender = contenders[name]
if (contender === undefined) throw new Error(`unknown contender ${name}`)
for (let pass = 1; pass < passes; pass++) await contender()
requests = 0
const cpuBefore = process.cpuUsage()
const started = performance.now()
const jobs = await contender()
const wallMs = performance.now() - started
const cpu = process.cpuUsage(cpuBefore)
await cfbulkRuntime.dispose()
process.stdout.write(
  JSON.stringify({
    jobs,
    requests,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024
  }) + "\n"
)
