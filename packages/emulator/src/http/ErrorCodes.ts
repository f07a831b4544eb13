/**
 * The error codes in the emulator's failure envelopes, one per kind of problem.
 *
 * @since 0.1.0
 */

// Cloudflare-style error codes (integers ≥ 1000, as the spec's `messages` schema requires). The
// routing and authentication codes are the ones Cloudflare's API gateway sends; the spec names no
// codes for the bulk endpoints' own 4XX, so those are the emulator's, one per kind of problem.

/**
 * The `code` of each error the emulator answers with, so a test can match on it. The routing and
 * authentication codes are Cloudflare's; the others are the emulator's own.
 *
 * @since 0.1.0
 * @category constants
 */
export const ErrorCodes = {
  /** 401: no credentials, or wrong ones. */
  AuthenticationError: 10000,
  /** 403: valid credentials for another account. */
  Unauthorized: 9109,
  /** 404: nothing is served at this path. */
  NoRoute: 7003,
  /** 405: the path exists, the method does not. */
  MethodNotAllowed: 7001,
  /** 400: the body is not JSON. */
  MalformedJson: 1001,
  /** 400: the body is JSON, but not a valid create request. */
  InvalidBody: 1002,
  /** 400: a query parameter is out of range or not one of its values. */
  InvalidQuery: 1003,
  /** 400: the account id or job id in the path is malformed. */
  InvalidPath: 1004,
  /** 404: no such job in the account. */
  JobNotFound: 1005,
  /** 409: delete of a job that is still running. */
  JobNotTerminal: 1006,
  /** 409: cancel of a job that already ended. */
  JobAlreadyEnded: 1007,
  /** 413: the request body is larger than the emulator reads. */
  PayloadTooLarge: 1008,
  /** 429: the rate limit is exhausted. */
  RateLimited: 10429,
  /** 500 (fault injection). */
  InternalError: 10500,
  /** 503 (fault injection). */
  Unavailable: 10503
} as const
