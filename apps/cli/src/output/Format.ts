import { toWireJson } from "@cfbulk/core"
import * as Options from "@effect/cli/Options"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { BrokenPipe, StdoutError, UsageError } from "../Errors.js"
import * as Stderr from "../io/Stderr.js"
import * as Stdout from "../io/Stdout.js"
import * as Tty from "../io/Tty.js"
import { csvCell, csvRecords } from "./Csv.js"
import { defaultTableFields, type Encoded, type Field, type FieldSet, parseFields } from "./FieldSet.js"
import { jsonArrayEnd, jsonArrayPiece, ndjsonLines } from "./Json.js"
import { headerLine, hiddenColumnsNote, layout, rowLine } from "./Table.js"

export const formats = ["table", "json", "ndjson", "csv"] as const
export type Format = (typeof formats)[number]

export const formatOption = Options.choice("format", formats).pipe(
  Options.withAlias("o"),
  Options.withDescription(
    "table (default on a terminal), json (one array), ndjson (default when piped: one object a line) " +
      "or csv (RFC 4180 with a header row; nested objects as JSON text)"
  ),
  Options.optional
)

export const fieldsOption = Options.text("fields").pipe(
  Options.withDescription(
    "Comma-separated fields to show, e.g. id,status,progress (an unknown one lists the valid ones)"
  ),
  Options.optional
)

export const limitOption = Options.integer("limit").pipe(
  Options.withDescription("Stop after this many items"),
  Options.optional
)

/** Table for people at a terminal, NDJSON for scripts. */
export const resolveFormat = (format: Option.Option<Format>): Format =>
  Option.getOrElse(format, () => (Tty.stdoutIsTty() ? "table" : "ndjson"))

/** Everything needed to print a listing, settled before the first request. */
export interface Listing<A> {
  readonly format: Format
  /** The fields `--fields` chose; none means each format's default. */
  readonly chosen: Option.Option<ReadonlyArray<Field<A>>>
  readonly set: FieldSet<A>
  /** The item's wire form: for table, CSV and --fields rows (JSON of a whole item needs no copy). */
  readonly encode: (item: A) => Encoded
}

export const makeListing = <A>(
  set: FieldSet<A>,
  encode: (item: A) => Encoded,
  format: Option.Option<Format>,
  fields: Option.Option<string>
): Effect.Effect<Listing<A>, UsageError> =>
  Effect.map(
    Option.match(fields, {
      onNone: () => Effect.succeed(Option.none<ReadonlyArray<Field<A>>>()),
      onSome: (spec) => Effect.map(parseFields(set, spec), Option.some)
    }),
    (chosen) => ({ format: resolveFormat(format), chosen, set, encode })
  )

/** The selected fields of one item as an object keyed by field name. */
const pick = <A>(fields: ReadonlyArray<Field<A>>, item: A, encoded: Encoded): Record<string, unknown> => {
  const result: Record<string, unknown> = {}
  for (const selected of fields) result[selected.name] = selected.value(item, encoded) ?? null
  return result
}

/** The wire fields, in the API's order: CSV's default columns. */
const wireFields = <A>(set: FieldSet<A>): ReadonlyArray<Field<A>> =>
  set.fields.filter((candidate) => candidate.wire)

interface Printer<A> {
  /** The text for one chunk, given how many items were written before it. */
  readonly chunk: (items: ReadonlyArray<A>, written: number) => string
  readonly end: (written: number) => string
  /** A line for people (stderr) after a listing that printed something. */
  readonly note?: string | undefined
}

const printer = <A>(listing: Listing<A>): Printer<A> => {
  const chosen = Option.getOrUndefined(listing.chosen)
  const encode = listing.encode
  // Without --fields an item is printed whole: its JSON is its wire form's, with no copy made.
  const json = (item: A): string =>
    chosen === undefined ? toWireJson(item) : JSON.stringify(pick(chosen, item, encode(item)))
  switch (listing.format) {
    case "ndjson":
      return { chunk: (items) => ndjsonLines(items, json), end: () => "" }
    case "json":
      return { chunk: (items, written) => jsonArrayPiece(items, json, written), end: jsonArrayEnd }
    case "csv": {
      const fields = chosen ?? wireFields(listing.set)
      const header = csvRecords([fields.map((selected) => selected.name)])
      return {
        chunk: (items, written) =>
          (written === 0 ? header : "") +
          csvRecords(
            items.map((item) => {
              const encoded = encode(item)
              return fields.map((selected) => csvCell(selected.value(item, encoded)))
            })
          ),
        end: (written) => (written === 0 ? header : "")
      }
    }
    case "table": {
      const color = Tty.colorStdout()
      const fields = chosen ?? defaultTableFields(listing.set)
      const columns = layout(fields, Tty.stdoutColumns(), chosen !== undefined)
      return {
        chunk: (items, written) =>
          (written === 0 ? headerLine(columns, color) + "\n" : "") +
          items.map((item) => rowLine(columns, item, encode(item), color) + "\n").join(""),
        end: () => "",
        // Columns the user chose are all kept (and shrunk); only defaults are ever left out.
        note: chosen === undefined ? hiddenColumnsNote(fields, columns) : undefined
      }
    }
  }
}

/**
 * Items printed per write. A page of 1000 jobs is ~700 KB of JSON: as one string it would land in
 * V8's large-object space, which only a full collection frees, so a long listing piled up hundreds
 * of MB of dead text. Pieces of ~35 KB die young instead.
 */
const itemsPerWrite = 50

/** What `printStream` says besides the items. */
export interface PrintNotes<A> {
  /** Whether an empty table is followed by a note saying nothing was found (default true). */
  readonly empty?: boolean | undefined
  /**
   * Rows to print last when the listing is interrupted (Ctrl-C), through the same printer, then the
   * format's end, so that what was printed stays readable (a JSON array is closed): rows that only
   * the interruption makes true. Without it, an interrupted listing just stops.
   */
  readonly whenInterrupted?: Effect.Effect<ReadonlyArray<A>> | undefined
}

/**
 * Prints a listing as its pages arrive: one chunk in memory at a time, the first rows on screen as
 * soon as the first page is in. Returns how many items were printed. An empty table is followed by a
 * note saying nothing was found, unless `notes.empty` is false (the command says it its own way).
 */
export const printStream = <A, E, R>(
  listing: Listing<A>,
  items: Stream.Stream<A, E, R>,
  notes: PrintNotes<A> = {}
): Effect.Effect<number, E | BrokenPipe | StdoutError, R> =>
  Effect.gen(function*() {
    const print = printer(listing)
    let written = 0
    const writeItems = (chunk: Chunk.Chunk<A>) =>
      Effect.forEach(
        Chunk.chunksOf(chunk, itemsPerWrite),
        (piece) => {
          const text = print.chunk(Chunk.toReadonlyArray(piece), written)
          written += piece.length
          return Stdout.write(text)
        },
        { discard: true }
      )
    const { whenInterrupted } = notes
    yield* Stream.runForEachChunk(items, writeItems).pipe(
      Effect.onInterrupt(() =>
        whenInterrupted === undefined ? Effect.void : whenInterrupted.pipe(
          Effect.flatMap((last) =>
            Effect.zipRight(writeItems(Chunk.fromIterable(last)), Stdout.write(print.end(written)))
          ),
          // A stdout that failed has nothing more to say: the interruption is what ends the command.
          Effect.ignore
        )
      )
    )
    yield* Stdout.write(print.end(written))
    if (written === 0 && listing.format === "table" && notes.empty !== false) {
      yield* Stderr.note(`no ${listing.set.noun}s found\n`)
    } else if (written > 0 && print.note !== undefined) {
      yield* Stderr.note(print.note + "\n")
    }
    return written
  })
