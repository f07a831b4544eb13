/**
 * `@cfbulk/emulator`: a local emulator of the Cloudflare Email Security bulk action jobs API.
 *
 * - `layer(options)`: in-process, an `HttpClient` plus `EmulatorControl`, no socket (fast tests, `TestClock`).
 * - `start(options)`: a loopback server in a `Scope`; `startServer(options)` is the same as a Promise.
 * - the `cfbulk-emulator` bin serves it from the command line; its `@effect/cli` command is
 *   `@cfbulk/emulator/command` (module `EmulatorCommand`), not exported here, so that this entry
 *   needs no @effect/cli.
 *
 * Everything below is exported from the package entry; each entry names the module that documents it.
 *
 * @since 0.1.0
 */
export {
  /**
   * The test controls of the emulator as a service, provided by `layer` (module `Control`).
   *
   * @since 0.1.0
   * @category control
   */
  EmulatorControl,
  /**
   * The test controls: faults, request log, jobs, clock (a type; module `Control`).
   *
   * @since 0.1.0
   * @category control
   */
  type EmulatorControlService,
  /**
   * The account, credentials and seed of a running emulator (a type; module `Control`).
   *
   * @since 0.1.0
   * @category control
   */
  type EmulatorInfo,
  /**
   * A finished job with an exact number of FAILED messages, for retry tests (a type; module `Control`).
   *
   * @since 0.1.0
   * @category control
   */
  type InsertFailedJob,
  /**
   * A job a test inserts at the head of the listing (a type; module `Control`).
   *
   * @since 0.1.0
   * @category control
   */
  type InsertJob
} from "./Control.js"
export {
  /**
   * The emulator before any transport: its app and its controls (a type; module `Emulator`).
   *
   * @since 0.1.0
   * @category emulator
   */
  type Emulator,
  /**
   * Builds the emulator from options (module `Emulator`).
   *
   * @since 0.1.0
   * @category emulator
   */
  make,
  /**
   * Builds the emulator from checked options (module `Emulator`).
   *
   * @since 0.1.0
   * @category emulator
   */
  makeFromResolved
} from "./Emulator.js"
export {
  /**
   * The default of every option (module `EmulatorOptions`).
   *
   * @since 0.1.0
   * @category options
   */
  Defaults,
  /**
   * How to run the emulator (a type; module `EmulatorOptions`).
   *
   * @since 0.1.0
   * @category options
   */
  type EmulatorOptions,
  /**
   * Reads a `--rate-limit` value such as `1200/300`, or `off` (module `EmulatorOptions`).
   *
   * @since 0.1.0
   * @category options
   */
  parseRateLimitFlag,
  /**
   * A request budget per window (a type; module `EmulatorOptions`).
   *
   * @since 0.1.0
   * @category options
   */
  type RateLimit,
  /**
   * Options checked and completed with their defaults (a type; module `EmulatorOptions`).
   *
   * @since 0.1.0
   * @category options
   */
  type ResolvedOptions,
  /**
   * Checks options and fills in the defaults (module `EmulatorOptions`).
   *
   * @since 0.1.0
   * @category options
   */
  resolveOptions
} from "./EmulatorOptions.js"
export {
  /**
   * The fault that drops the connection instead of answering (module `Errors`).
   *
   * @since 0.1.0
   * @category errors
   */
  ConnectionReset,
  /**
   * Every way starting the emulator can fail (a type; module `Errors`).
   *
   * @since 0.1.0
   * @category errors
   */
  type EmulatorError,
  /**
   * Options the emulator cannot run with (module `Errors`).
   *
   * @since 0.1.0
   * @category errors
   */
  InvalidOptions,
  /**
   * The loopback server could not listen (module `Errors`).
   *
   * @since 0.1.0
   * @category errors
   */
  ListenError
} from "./Errors.js"
export {
  /**
   * The whole emulator as one HTTP app (a type; module `http/App`).
   *
   * @since 0.1.0
   * @category http
   */
  type EmulatorApp,
  /**
   * Builds the HTTP app on its dependencies (module `http/App`).
   *
   * @since 0.1.0
   * @category http
   */
  makeApp
} from "./http/App.js"
export {
  /**
   * The `code` of each error the emulator answers with (module `http/ErrorCodes`).
   *
   * @since 0.1.0
   * @category http
   */
  ErrorCodes
} from "./http/ErrorCodes.js"
export type {
  /**
   * A scripted fault not served yet (a type; module `http/FaultQueue`).
   *
   * @since 0.1.0
   * @category faults
   */
  QueuedFault
} from "./http/FaultQueue.js"
export {
  /**
   * The faults a test can script, and their constructors (module `http/Faults`).
   *
   * @since 0.1.0
   * @category faults
   */
  Fault,
  /**
   * Which requests a scripted fault applies to (a type; module `http/Faults`).
   *
   * @since 0.1.0
   * @category faults
   */
  type FaultMatch
} from "./http/Faults.js"
export type {
  /**
   * One request the emulator answered (a type; module `http/RequestLog`).
   *
   * @since 0.1.0
   * @category control
   */
  RequestLogEntry
} from "./http/RequestLog.js"
export {
  /**
   * The base URL to give a client in-process (module `InProcess`).
   *
   * @since 0.1.0
   * @category in-process
   */
  InProcessUrl,
  /**
   * The emulator in-process: an `HttpClient` plus `EmulatorControl` (module `InProcess`).
   *
   * @since 0.1.0
   * @category in-process
   */
  layer,
  /**
   * An `HttpClient` that serves requests with an emulator's app (module `InProcess`).
   *
   * @since 0.1.0
   * @category in-process
   */
  makeHttpClient
} from "./InProcess.js"
export type {
  /**
   * Which version of the wire contract jobs are served in: `"current"` or `"legacy"` (a type; module
   * `model/JobPlan`).
   *
   * @since 0.1.0
   * @category options
   */
  ApiShape
} from "./model/JobPlan.js"
export type {
  /**
   * The test controls for plain async code (a type; module `PromiseControl`).
   *
   * @since 0.1.0
   * @category server
   */
  PromiseControl
} from "./PromiseControl.js"
export {
  /**
   * The loopback emulator for plain async code (a type; module `Server`).
   *
   * @since 0.1.0
   * @category server
   */
  type EmulatorServer,
  /**
   * An emulator serving on loopback (a type; module `Server`).
   *
   * @since 0.1.0
   * @category server
   */
  type RunningEmulator,
  /**
   * Serves the emulator on loopback until the scope closes (module `Server`).
   *
   * @since 0.1.0
   * @category server
   */
  start,
  /**
   * `start` as a Promise (module `Server`).
   *
   * @since 0.1.0
   * @category server
   */
  startServer
} from "./Server.js"
export type {
  /**
   * One move or release call the emulator carried out (a type; module `store/Investigations`).
   *
   * @since 0.1.0
   * @category control
   */
  InvestigateCall,
  /**
   * What `failInvestigate` makes fail: a list of ids, or a predicate of an id and a recipient (a type;
   * module `store/Investigations`).
   *
   * @since 0.1.0
   * @category control
   */
  InvestigateFailureSelector,
  /**
   * What one id of a move or release call came to (a type; module `store/Investigations`).
   *
   * @since 0.1.0
   * @category control
   */
  InvestigateOutcome,
  /**
   * What a move or release did for one recipient of a message (a type; module `store/Investigations`).
   *
   * @since 0.1.0
   * @category control
   */
  RecipientOutcome
} from "./store/Investigations.js"
