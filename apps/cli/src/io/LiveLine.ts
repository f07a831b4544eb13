import { clearLine } from "./Paint.js"

// The one line at the bottom of a terminal's stderr that is redrawn in place: `watch`'s progress, a
// long listing's. It is drawn from a function, so whoever redraws it (a timer, a new page, a wait
// being announced) shows the state of that moment. Everything else bound for the same terminal goes
// around it: lines for stderr are written above it (`above`), and stdout on the same terminal erases
// it before writing and redraws it after (`hide`, `redraw`), so no text is ever appended to it.
// One process has one stderr: the state is the module's.

let render: (() => string) | undefined = undefined
/** Whether the line is on the screen now (it is not between `hide` and `redraw`). */
let drawn = false

const write = (text: string): void => {
  try {
    process.stderr.write(text)
  } catch {
    // A closed stderr has nobody left to tell.
  }
}

/** Whether a live line is being shown. */
export const isActive = (): boolean => render !== undefined

/** Draws `view()` now, and again at each `redraw`, until `finish` or `erase`. */
export const start = (view: () => string): void => {
  render = view
  redraw()
}

/** Draws the line again, as it is now. Nothing when no line is shown. */
export const redraw = (): void => {
  if (render === undefined) return
  write(clearLine + render())
  drawn = true
}

/** Leaves `final` (or the line as it is now) on the screen, on a line of its own, and stops. */
export const finish = (final?: string): void => {
  if (render === undefined) return
  write(clearLine + (final ?? render()) + "\n")
  render = undefined
  drawn = false
}

/** Takes the line off the screen and stops. */
export const erase = (): void => {
  if (render === undefined) return
  if (drawn) write(clearLine)
  render = undefined
  drawn = false
}

/** Whole lines for stderr (ending in a newline), written above the live line, which is then redrawn. */
export const above = (text: string): void => {
  if (render === undefined || !drawn) {
    write(text)
    return
  }
  write(clearLine + text + render())
}

/**
 * Takes the line off the screen while something else writes to the same terminal (stdout), and says
 * whether it did: if so, `redraw` puts it back.
 */
export const hide = (): boolean => {
  if (render === undefined || !drawn) return false
  write(clearLine)
  drawn = false
  return true
}
