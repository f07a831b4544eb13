import * as Effect from "effect/Effect"
import { UsageError } from "../Errors.js"

/** The wire form of an item (`Schema.encode` of its schema): API field names, ISO dates. */
export type Encoded = Readonly<Record<string, unknown>>

/**
 * One field a listing can show: a column of the table, a key of the JSON, a column of the CSV.
 * Wire fields keep the API's name as their key; the table's short names (`id`, `action`) are aliases.
 */
export interface Field<A> {
  readonly name: string
  /** A field of the API's own object (as opposed to one cfbulk derives). */
  readonly wire: boolean
  readonly aliases: ReadonlyArray<string>
  /** The table header. */
  readonly header: string
  /** The table width; for a flexible column, its least width. */
  readonly width: number
  /** Takes the room left over, up to `maxWidth`. */
  readonly flex: boolean
  readonly maxWidth: number
  readonly align: "left" | "right"
  /** Lower is kept first when the terminal is too narrow for every default column. */
  readonly priority: number
  /** The value in JSON, NDJSON and CSV. */
  readonly value: (item: A, encoded: Encoded) => unknown
  /** The table cell, before truncation. */
  readonly cell: (item: A, encoded: Encoded) => string
  /** The status whose colour the cell takes, if any. */
  readonly status?: ((item: A) => string) | undefined
}

export interface FieldSet<A> {
  /** What the listing is of, for messages ("job", "message"). */
  readonly noun: string
  readonly fields: ReadonlyArray<Field<A>>
  /** The table's columns when `--fields` is not given. */
  readonly tableDefault: ReadonlyArray<string>
}

type FieldSpec<A> = Partial<Field<A>> & Pick<Field<A>, "name" | "value">

/** Strips what a terminal would interpret (escape sequences, line breaks) from text the server sent. */
export const printable = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ")

/** A value as a table cell: strings as they are, nothing as empty, anything else as JSON. */
export const plainCell = (value: unknown): string => {
  if (value === null || value === undefined) return ""
  if (typeof value === "string") return printable(value)
  if (typeof value === "number" || typeof value === "boolean") return String(value)
  return printable(JSON.stringify(value))
}

export const field = <A>(spec: FieldSpec<A>): Field<A> => ({
  aliases: [],
  wire: false,
  header: spec.name.toUpperCase(),
  width: Math.max(spec.name.length, 12),
  flex: false,
  maxWidth: spec.width ?? 40,
  align: "left",
  priority: 10,
  cell: (item, encoded) => plainCell(spec.value(item, encoded)),
  ...spec
})

/** A field read straight from the wire form, under its API name. */
export const wireField = <A>(name: string, spec: Partial<Field<A>> = {}): Field<A> =>
  field<A>({ name, wire: true, value: (_item, encoded) => encoded[name] ?? null, ...spec })

const lookup = <A>(set: FieldSet<A>, name: string): Field<A> | undefined =>
  set.fields.find((candidate) => candidate.name === name || candidate.aliases.includes(name))

/** The names a user may pass to `--fields`. */
export const validNames = <A>(set: FieldSet<A>): ReadonlyArray<string> =>
  set.fields.flatMap((candidate) => [candidate.name, ...candidate.aliases])

/**
 * Resolves `--fields a,b,c`, before any request: an unknown name is a usage error that lists the
 * valid ones.
 */
export const parseFields = <A>(
  set: FieldSet<A>,
  spec: string
): Effect.Effect<ReadonlyArray<Field<A>>, UsageError> => {
  const names = spec.split(",").map((name) => name.trim()).filter((name) => name !== "")
  if (names.length === 0) {
    return Effect.fail(
      new UsageError({ issue: `--fields is empty; valid ${set.noun} fields: ${validNames(set).join(", ")}` })
    )
  }
  const found: Array<Field<A>> = []
  const unknown: Array<string> = []
  for (const name of names) {
    const match = lookup(set, name)
    if (match === undefined) unknown.push(name)
    else if (!found.includes(match)) found.push(match)
  }
  return unknown.length > 0
    ? Effect.fail(
      new UsageError({
        issue:
          `unknown ${set.noun} field${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} in --fields; ` +
          `valid fields: ${validNames(set).join(", ")}`
      })
    )
    : Effect.succeed(found)
}

export const defaultTableFields = <A>(set: FieldSet<A>): ReadonlyArray<Field<A>> =>
  set.tableDefault.flatMap((name) => {
    const match = lookup(set, name)
    return match === undefined ? [] : [match]
  })
