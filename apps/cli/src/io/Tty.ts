// What the terminal around the process can do, read once per call from the real streams.

/** no-color.org: any non-empty NO_COLOR turns colour off. */
export const noColor = (): boolean => (process.env.NO_COLOR ?? "") !== ""

export const stdoutIsTty = (): boolean => process.stdout.isTTY === true
export const stderrIsTty = (): boolean => process.stderr.isTTY === true
export const stdinIsTty = (): boolean => process.stdin.isTTY === true

const envColumns = (): number | undefined => {
  const value = Number(process.env.COLUMNS)
  return Number.isInteger(value) && value > 0 ? value : undefined
}

/** The width to lay out for: the terminal's, else `$COLUMNS`, else 80. */
export const stdoutColumns = (): number => process.stdout.columns || envColumns() || 80
export const stderrColumns = (): number => process.stderr.columns || envColumns() || 80

export const colorStdout = (): boolean => stdoutIsTty() && !noColor()
export const colorStderr = (): boolean => stderrIsTty() && !noColor()
