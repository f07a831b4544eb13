import { paint, paintStatus } from "../io/Paint.js"
import type { Encoded, Field } from "./FieldSet.js"

/** A field placed in the table, at its final width. */
export interface Column<A> {
  readonly field: Field<A>
  readonly width: number
}

export const separator = "  "
const leastWidth = 4

/** Cuts text to a width, marking the cut with `…`. */
export const truncate = (text: string, width: number): string =>
  text.length <= width ? text : width <= 1 ? text.slice(0, width) : text.slice(0, width - 1) + "…"

const pad = (text: string, width: number, align: "left" | "right"): string =>
  align === "right" ? text.padStart(width) : text.padEnd(width)

const totalWidth = (widths: ReadonlyArray<number>): number =>
  widths.reduce((sum, width) => sum + width, 0) + separator.length * Math.max(0, widths.length - 1)

/** The terminal width that shows every one of `fields` at its least width. */
export const widthToShow = <A>(fields: ReadonlyArray<Field<A>>): number =>
  totalWidth(fields.map((candidate) => candidate.width))

/**
 * What a person should know about the default columns `layout` left out for want of room, or
 * `undefined` when it left none out.
 */
export const hiddenColumnsNote = <A>(
  fields: ReadonlyArray<Field<A>>,
  columns: ReadonlyArray<Column<A>>
): string | undefined => {
  const shown = new Set(columns.map((column) => column.field))
  const hidden = fields.filter((candidate) => !shown.has(candidate))
  if (hidden.length === 0) return undefined
  // Field names, not headers: they are what --fields takes. Short enough for one 80-column line.
  return `${hidden.length} ${hidden.length === 1 ? "column" : "columns"} hidden: ${
    hidden.map((candidate) => candidate.name).join(", ")
  } (widen to ${widthToShow(fields)}, or --fields)`
}

/** Hands the room left over to the flexible columns, each up to its most. */
const grow = <A>(columns: ReadonlyArray<Column<A>>, room: number): ReadonlyArray<Column<A>> => {
  let left = room
  const widths = columns.map((column) => column.width)
  let flexible = columns.flatMap((column, index) =>
    column.field.flex && column.width < column.field.maxWidth ? [index] : []
  )
  while (left > 0 && flexible.length > 0) {
    const share = Math.max(1, Math.floor(left / flexible.length))
    for (const index of flexible) {
      const column = columns[index]
      if (column === undefined || left === 0) continue
      const current = widths[index] ?? column.width
      const add = Math.min(share, column.field.maxWidth - current, left)
      widths[index] = current + add
      left -= add
    }
    flexible = flexible.filter((index) => {
      const column = columns[index]
      return column !== undefined && (widths[index] ?? 0) < column.field.maxWidth
    })
  }
  return columns.map((column, index) => ({ field: column.field, width: widths[index] ?? column.width }))
}

/**
 * Fixes the columns once, from the terminal width alone, so rows can be printed page by page as
 * they arrive. Default columns are dropped, least important first, until the rest fit; columns the
 * user chose are all kept and the widest shrunk instead.
 */
export const layout = <A>(
  fields: ReadonlyArray<Field<A>>,
  width: number,
  chosenByUser: boolean
): ReadonlyArray<Column<A>> => {
  if (chosenByUser) {
    const widths = fields.map((candidate) => candidate.width)
    while (totalWidth(widths) > width) {
      const widest = widths.reduce((best, current, index) => current > (widths[best] ?? 0) ? index : best, 0)
      const current = widths[widest] ?? 0
      if (current <= leastWidth) break
      widths[widest] = current - 1
    }
    const columns = fields.map((candidate, index) => ({
      field: candidate,
      width: widths[index] ?? candidate.width
    }))
    return grow(columns, Math.max(0, width - totalWidth(widths)))
  }
  const byPriority = [...fields].sort((left, right) => left.priority - right.priority)
  const kept = new Set<Field<A>>()
  let used = 0
  for (const candidate of byPriority) {
    const needed = candidate.width + (kept.size > 0 ? separator.length : 0)
    if (used + needed <= width) {
      kept.add(candidate)
      used += needed
    }
  }
  if (kept.size === 0 && byPriority[0] !== undefined) kept.add(byPriority[0])
  const columns = fields.filter((candidate) => kept.has(candidate)).map((candidate) => ({
    field: candidate,
    width: candidate.width
  }))
  return grow(columns, Math.max(0, width - used))
}

const joinCells = (cells: ReadonlyArray<string>): string => cells.join(separator).trimEnd()

export const headerLine = <A>(columns: ReadonlyArray<Column<A>>, color: boolean): string =>
  paint(
    color,
    "bold",
    joinCells(columns.map((column) =>
      pad(truncate(column.field.header, column.width), column.width, column.field.align)
    ))
  )

export const rowLine = <A>(
  columns: ReadonlyArray<Column<A>>,
  item: A,
  encoded: Encoded,
  color: boolean
): string =>
  joinCells(columns.map((column) => {
    const text = pad(
      truncate(column.field.cell(item, encoded), column.width),
      column.width,
      column.field.align
    )
    const status = column.field.status
    return status === undefined ? text : paintStatus(color, status(item), text)
  }))
