import {
  type EmulatorOptions,
  Fault,
  type FaultMatch,
  type InsertFailedJob,
  type InsertJob,
  type InvestigateCall,
  type RequestLogEntry,
  startServer
} from "@cfbulk/emulator"

/** The emulator on loopback, as the end-to-end tests use it. */
export interface TestEmulator {
  readonly url: string
  readonly accountId: string
  readonly token: string
  /** The variables that point the CLI at this emulator, authenticated with its token. */
  readonly env: Readonly<Record<string, string>>
  /** Requests the emulator received so far: proves that a refused command sent nothing. */
  readonly requestCount: () => Promise<number>
  /** The request log, oldest first: method, path with query, status. */
  readonly requests: () => Promise<ReadonlyArray<RequestLogEntry>>
  /** The next request gets this fault. */
  readonly failNext: (kind: "500" | "reset") => Promise<void>
  /** The next request matching `match` (any, by default) gets `fault`. */
  readonly enqueue: (fault: Fault, match?: FaultMatch) => Promise<void>
  /** How many queued faults no request has taken yet. */
  readonly pendingFaults: () => Promise<number>
  /** Puts a job at the head of the listing; returns its id. */
  readonly insertJob: (job?: InsertJob) => Promise<string>
  /** Puts a finished job with exactly this many FAILED messages at the head of the listing; returns its id. */
  readonly insertFailedJob: (job: InsertFailedJob) => Promise<string>
  /** Makes move and release fail for these investigate ids, with `reason`. */
  readonly failInvestigate: (ids: ReadonlyArray<string>, reason: string) => Promise<void>
  /** The move and release calls carried out so far, oldest first, with their ids. */
  readonly investigations: () => Promise<ReadonlyArray<InvestigateCall>>
  readonly stop: () => Promise<void>
}

export const startEmulator = async (options: EmulatorOptions): Promise<TestEmulator> => {
  // No rate limit: the suite sends a few hundred requests and is not about the limiter.
  const server = await startServer({ rateLimit: false, ...options })
  return {
    url: server.url,
    accountId: server.accountId,
    token: server.token,
    env: {
      CLOUDFLARE_API_TOKEN: server.token,
      CLOUDFLARE_ACCOUNT_ID: server.accountId,
      CLOUDFLARE_BASE_URL: server.url
    },
    requestCount: () => server.control.requestCount(),
    requests: () => server.control.requests(),
    failNext: (kind) =>
      server.control.enqueue(kind === "500" ? Fault.ServerError({ status: 500 }) : Fault.Reset()),
    enqueue: (fault, match) => server.control.enqueue(fault, match),
    pendingFaults: async () => (await server.control.pendingFaults()).length,
    insertJob: (job) => server.control.insertJob(job),
    insertFailedJob: (job) => server.control.insertFailedJob(job),
    failInvestigate: (ids, reason) => server.control.failInvestigate(ids, reason),
    investigations: () => server.control.investigations(),
    stop: () => server.close()
  }
}
