/**
 * @cfbulk/emulator: a local emulator of the Cloudflare Email Security bulk action jobs API.
 *
 * - `layer(options)`: in-process, an `HttpClient` plus `EmulatorControl`, no socket (fast tests, `TestClock`).
 * - `start(options)`: a loopback server in a `Scope`; `startServer(options)` is the same as a Promise.
 * - the `cfbulk-emulator` bin serves it from the command line.
 */
export {
  DefaultPort,
  type FlagName,
  type Flags,
  type FlagSpec,
  FlagTable,
  type FlagValues,
  optionsFromFlags,
  parseFlags,
  Usage
} from "./cli/Flags.js"
export { EmulatorControl, type EmulatorControlService, type EmulatorInfo, type InsertJob } from "./Control.js"
export { type Emulator, make, makeFromResolved } from "./Emulator.js"
export { ConnectionReset, type EmulatorError, InvalidOptions, ListenError } from "./Errors.js"
export { type EmulatorApp, makeApp } from "./http/App.js"
export { ErrorCodes } from "./http/ErrorCodes.js"
export type { QueuedFault } from "./http/FaultQueue.js"
export { Fault, type FaultMatch } from "./http/Faults.js"
export type { RequestLogEntry } from "./http/RequestLog.js"
export { InProcessUrl, layer, makeHttpClient } from "./InProcess.js"
export type { ApiShape } from "./model/JobPlan.js"
export {
  Defaults,
  type EmulatorOptions,
  parseRateLimit,
  type RateLimit,
  type ResolvedOptions,
  resolveOptions
} from "./Options.js"
export type { PromiseControl } from "./PromiseControl.js"
export { type EmulatorServer, type RunningEmulator, start, startServer } from "./Server.js"
