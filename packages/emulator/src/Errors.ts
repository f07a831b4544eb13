/**
 * The ways starting the emulator can fail, and the fault that drops a connection.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"

/**
 * Options the emulator cannot run with; says which one and why.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidOptions extends Data.TaggedError("InvalidOptions")<{
  readonly issue: string
}> {
  override get message(): string {
    return `invalid emulator options: ${this.issue}`
  }
}

/**
 * The loopback server could not listen (the port is taken, the host is not local, ...).
 *
 * @since 0.1.0
 * @category errors
 */
export class ListenError extends Data.TaggedError("ListenError")<{
  readonly host: string
  readonly port: number
  readonly cause: unknown
}> {
  override get message(): string {
    const reason = this.cause instanceof Error ? this.cause.message : String(this.cause)
    return `the emulator could not listen on ${this.host}:${this.port}: ${reason}`
  }
}

/**
 * Every way starting the emulator can fail.
 *
 * @since 0.1.0
 * @category errors
 */
export type EmulatorError = InvalidOptions | ListenError

/**
 * A fault that drops the connection instead of answering. Each transport turns it into its own
 * failure: the loopback server destroys the socket, the in-process client fails with a transport error.
 *
 * @since 0.1.0
 * @category errors
 */
export class ConnectionReset extends Data.TaggedError("ConnectionReset")<{}> {}
