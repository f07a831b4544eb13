/**
 * The version of cfbulk.
 *
 * @since 0.1.0
 */

/**
 * cfbulk's version, sent in the User-Agent; a test keeps it equal to package.json's.
 *
 * @since 0.1.0
 * @category constants
 */
export const version = "0.1.0"
