/**
 * The schemas of the bulk action jobs API, one module each, re-exported whole here (starting with
 * the `action_params` of a job); the package entry, `@cfbulk/core`, re-exports them all.
 *
 * @since 0.1.0
 */
export * from "./ActionParams.js"
/**
 * A bulk action job, and helpers to read its message counters.
 *
 * @since 0.1.0
 */
export * from "./BulkJob.js"
/**
 * The string enums of the API: lists of values, strict schemas and open schemas.
 *
 * @since 0.1.0
 */
export * from "./Enums.js"
/**
 * The response envelopes: one object, a page of a listing, a failure.
 *
 * @since 0.1.0
 */
export * from "./Envelope.js"
/**
 * Branded identifiers: job id, account id, message id.
 *
 * @since 0.1.0
 */
export * from "./Ids.js"
/**
 * One message of a bulk job, with its investigate record.
 *
 * @since 0.1.0
 */
export * from "./JobMessage.js"
/**
 * Forward-compatible enums (`OpenEnum`, `isKnown`).
 *
 * @since 0.1.0
 */
export * from "./OpenEnum.js"
/**
 * The options of the listings and the body of a create request.
 *
 * @since 0.1.0
 */
export * from "./Params.js"
/**
 * The search a job acts on.
 *
 * @since 0.1.0
 */
export * from "./SearchParams.js"
/**
 * The wire form of decoded values (`toWire`, `toWireJson`).
 *
 * @since 0.1.0
 */
export * from "./Wire.js"
