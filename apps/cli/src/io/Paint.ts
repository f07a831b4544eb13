// A few SGR codes by hand: the table and the progress bar need no more than this, and
// @effect/printer-ansi would cost start-up time for every command.

export type Style = "bold" | "dim" | "red" | "green" | "yellow" | "cyan"

const codes: Record<Style, readonly [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39]
}

export const paint = (enabled: boolean, style: Style, text: string): string => {
  if (!enabled || text === "") return text
  const [open, close] = codes[style]
  return `\u001b[${open}m${text}\u001b[${close}m`
}

const sgr = /\u001b\[[0-9;]*m/g

/** The text without its SGR codes (the ones `paint` and @effect/cli's help write). */
export const stripAnsi = (text: string): string => text.replace(sgr, "")

/** Erases the current line and returns the cursor to its start, for redrawing in place. */
export const clearLine = "\r\u001b[2K"

/**
 * The style of a job or message status, or of a retried message's outcome: green done, red failed,
 * yellow stopped or left undone, cyan running, dim waiting or done before.
 */
export const statusStyle = (status: string): Style | undefined => {
  switch (status) {
    case "COMPLETED":
    case "moved":
    case "released":
      return "green"
    case "FAILED":
    case "failed":
      return "red"
    case "CANCELLED":
    case "SKIPPED":
    case "unknown":
    case "skipped":
      return "yellow"
    case "DISCOVERING":
    case "PROCESSING":
      return "cyan"
    case "PENDING":
    case "excluded":
      return "dim"
    default:
      return undefined
  }
}

export const paintStatus = (enabled: boolean, status: string, cell: string = status): string => {
  const style = statusStyle(status)
  return style === undefined ? cell : paint(enabled, style, cell)
}
