/**
 * A decoder compiled from a schema's AST that gives the same result as
 * `Schema.decodeUnknownEither(schema, { onExcessProperty: "preserve", errors: "first" })`, many
 * times faster on valid input.
 *
 * Why Effect's interpreter is slow on a page of jobs: it allocates an `Either` per node, and every
 * Struct with defaults (`BulkJob`, the envelopes) is a Transformation whose "to" side is decoded
 * again, copying each object once more per nesting level: a job inside `PageEnvelope` is copied
 * three times and validated three times.
 *
 * How this decoder works: the AST is walked once, and each node becomes a closure that returns the
 * decoded value or the private `Fail` sentinel. Each closure mirrors the branch of Effect's
 * interpreter for that node kind (`go` in `effect/src/ParseResult.ts`), with the same checks and
 * output: a Struct is a copy of its input (unknown keys kept) with its properties decoded. The
 * second pass over the "to" side of a Struct with defaults is mostly skipped, where a property is
 * proven to come out of it unchanged (`selfValid`), and otherwise replaced by an allocation-free
 * check (`Verdict`). Struct decoders are generated as source code where allowed (see
 * `generateStructDecoder`); their closures remain the fallback.
 *
 * Correctness never depends on coverage:
 * - On `Fail` (or if anything throws), the input is decoded again by Schema itself, which gives the
 *   real `ParseError` with Effect's messages and paths. So the fast path only has to be right when
 *   it succeeds: then Schema succeeds too, with a deep-equal value.
 * - A node kind without a fast path here is decoded by Effect's own parser for that subtree.
 * - Anything the fast path cannot prove cheaply (a `__proto__` key, a non-enumerable key, a
 *   transformation that returns an Effect) is a `Fail`, never a guess.
 *
 * The one assumption shared with any re-implementation: refinement predicates are pure (the same
 * answer for deep-equal values), as Effect's own `Schema.is` and encoders already assume.
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"

/** The parse options this decoder reproduces: `lenient` of `http/ResponseBody.ts`. */
export const fastDecodeOptions: AST.ParseOptions = { onExcessProperty: "preserve", errors: "first" }

/** Options of {@link compileDecoder}. */
export interface CompileOptions {
  /**
   * Generate the source of Struct decoders (default `true`), about a third faster. Where code
   * generation is refused (a Content-Security-Policy, Cloudflare Workers) closures are used
   * anyway; `false` forces them, for tests and comparisons.
   */
  readonly generateCode?: boolean
  /**
   * The decoder is only ever given values just returned by `JSON.parse` (without a reviver) and not
   * changed since, as the client's response bodies are (default `false`: any input). Such values
   * have no symbol keys, hidden keys or getters, so checking each object for them is skipped. Values
   * a transformation returns are still checked.
   *
   * The decoder also takes the input over: it decodes it in place (see `InPlace`), so a success
   * returns the input itself, its dates and defaults written into it, instead of a copy of every
   * object (half the allocation and garbage collection). After a failure the input is as it was.
   */
  readonly fromJsonParse?: boolean
}

/**
 * Compiles `schema` into a decoder equal in outcome to
 * `Schema.decodeUnknownEither(schema, fastDecodeOptions)`: a `Right` with a deep-equal value (key
 * order aside), or the very `ParseError` Schema gives. Compile once per schema, then reuse.
 */
export const compileDecoder = <A, I>(
  schema: Schema.Schema<A, I>,
  options?: CompileOptions
): (input: unknown) => Either.Either<A, ParseResult.ParseError> => {
  const slow = Schema.decodeUnknownEither(schema, fastDecodeOptions)
  const fast = compileFastPath(schema, options)
  return (input) => Option.match(fast(input), { onNone: () => slowOrThrown(input), onSome: Either.right })

  /**
   * Schema's own decode. It can throw on odd input (`{ type: { toString: [] } }` meets a `String(...)`
   * in its union dispatch, a predicate may throw): that becomes a failure too, never an exception.
   */
  function slowOrThrown(input: unknown): Either.Either<A, ParseResult.ParseError> {
    try {
      return slow(input)
    } catch (error) {
      const message = `cannot be decoded: ${error instanceof Error ? error.message : String(error)}`
      return Either.left(ParseResult.parseError(new ParseResult.Type(schema.ast, input, message)))
    }
  }
}

/**
 * The fast path alone: `Some` with the value Schema would decode, or `None` where it defers to
 * Schema (invalid input, or input it cannot prove valid cheaply). Exposed for tests and benchmarks.
 */
export const compileFastPath = <A, I>(
  schema: Schema.Schema<A, I>,
  options?: CompileOptions
): (input: unknown) => Option.Option<A> => {
  const compiler = compilerFor(options?.generateCode !== false, options?.fromJsonParse === true)
  const fast = compileDecode(schema.ast, compiler).decode
  const inPlace = options?.fromJsonParse === true
  return (input) => {
    // In place, `for...in` over an input's objects must only see their own keys (see `generateKeyLoopDecoder`).
    if (inPlace && hasEnumerableKey(Object.prototype)) return Option.none()
    const mark = writes.targets.length
    let value: unknown
    try {
      value = fast(input)
    } catch {
      // A throwing predicate or `toString`: Schema will meet the same input and decide.
      value = Fail
    }
    // In place: a failure leaves the input as it came, for Schema (and the caller) to see.
    if (value === Fail) undoWrites(mark)
    else forgetWrites(mark)
    // The closures work on `unknown`; the value is what Schema would decode for this schema, so
    // it has the schema's type, which the AST-level code cannot express.
    return value === Fail ? Option.none() : Option.some(value as A)
  }
}

/** Whether `for...in` over `target` yields anything (keys of its own or of its prototypes). */
const hasEnumerableKey = (target: object): boolean => {
  for (const _ in target) return true
  return false
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

/** Returned instead of a value where Schema's decode fails or may fail. Never escapes this module. */
const Fail = Symbol("cfbulk/FastDecode/Fail")
type Fail = typeof Fail

/** A compiled node: the decoded value, or `Fail`. */
type Decode = (input: unknown) => unknown
type DecodeRecord = (input: unknown) => Record<PropertyKey, unknown> | Fail

// ---------------------------------------------------------------------------------------------
// In place
// ---------------------------------------------------------------------------------------------

/**
 * `InPlace`: how decoders compiled for `fromJsonParse` work. A fresh `JSON.parse` result is a tree
 * (no object reached twice) of plain objects and dense arrays that the decoder owns, so a Struct or
 * an array decodes into its input rather than into a copy: the keys Effect's copy would have are
 * there already, and each decoded value that differs from the input's (a `Date` for its string, a
 * default for a missing key) is written over it. The result is deep-equal to the copy Effect builds.
 *
 * Every such write is logged first (`logWrite`), so that a failure can put the input back exactly,
 * key order included (`undoWrites`): where a union member fails, before the next member is tried,
 * and where the whole decode fails, before Schema decodes the input again for its error. Keys are
 * only ever added or overwritten in place, never deleted (a Struct with defaults that must delete a
 * key copies its object first), so undoing restores the original order. The writes of a success are
 * forgotten (`forgetWrites`). Only values coming from the input itself are decoded in place: values
 * a transformation or a default returns are decoded by copying, as for any input (`forAnyInput`).
 */
const writes = {
  targets: new Array<object>(),
  keys: new Array<PropertyKey>(),
  previous: new Array<unknown>()
}

/** Marks a key that was absent before a write. */
const Absent = Symbol("cfbulk/FastDecode/Absent")

/** Logs `target[key]` as it is (`previous`: its value, or `Absent`), about to be written. */
const logWrite = (target: object, key: PropertyKey, previous: unknown): void => {
  writes.targets.push(target)
  writes.keys.push(key)
  writes.previous.push(previous)
}

const writeInPlace = (target: Record<PropertyKey, unknown>, key: PropertyKey, value: unknown): void => {
  logWrite(target, key, Object.hasOwn(target, key) ? target[key] : Absent)
  target[key] = value
}

/** Undoes the writes logged since `mark`, latest first. */
const undoWrites = (mark: number): void => {
  const { keys, previous, targets } = writes
  for (let i = targets.length - 1; i >= mark; i--) {
    const target = targets[i]
    const key = keys[i]
    if (target === undefined || key === undefined) continue
    const value = previous[i]
    if (value === Absent) Reflect.deleteProperty(target, key)
    else Reflect.set(target, key, value)
  }
  forgetWrites(mark)
}

const forgetWrites = (mark: number): void => {
  if (writes.targets.length === mark) return
  writes.targets.length = mark
  writes.keys.length = mark
  writes.previous.length = mark
}

/** A decoder that undoes its own writes when it fails (a union member: the next one sees the input). */
const undoingOnFail = (decode: Decode): Decode => (u) => {
  const mark = writes.targets.length
  const value = decode(u)
  if (value === Fail) undoWrites(mark)
  return value
}

interface Compiled {
  readonly decode: Decode
  /**
   * Proven at compile time: whatever `decode` returns, Effect's decode of the type side
   * (`AST.typeAST`) accepts it and gives back a deep-equal value. The second ("to") pass of a
   * Struct with defaults skips such properties instead of checking them again.
   */
  readonly selfValid: boolean
}

interface CompiledRecord extends Compiled {
  readonly decode: DecodeRecord
}

type AnyRecord = { readonly [key: PropertyKey]: unknown }

/** Effect's `isRecordOrArray` (internal to `effect/Predicate`), the guard of its union dispatch. */
const isRecordOrArray = (u: unknown): u is AnyRecord => typeof u === "object" && u !== null

/** Primitive decoders return their input: its own type side, trivially. */
const leaf = (decode: Decode): Compiled => ({ decode, selfValid: true })

/** These annotations change how Effect parses a subtree; such subtrees are left to Effect. */
const hasParserAnnotations = (ast: AST.AST): boolean =>
  Option.isSome(AST.getParseOptionsAnnotation(ast)) || Option.isSome(AST.getDecodingFallbackAnnotation(ast))

/**
 * Names the fast path does not handle in Structs: assigning `__proto__` sets the prototype instead
 * of a key, and Effect compares numeric names inconsistently (as numbers, then as strings).
 */
const isAwkwardName = (name: PropertyKey): boolean => name === "__proto__" || typeof name === "number"

const symbolsAreEnumerable = (input: AnyRecord): boolean => {
  for (const key of Object.getOwnPropertySymbols(input)) {
    if (!Object.prototype.propertyIsEnumerable.call(input, key)) return false
  }
  return true
}

/** A way of compiling, with its own cache of compiled nodes. */
interface Compiler {
  /** Whether Struct decoders may be generated as source code (see `generateStructDecoder`). */
  readonly generateCode: boolean
  /**
   * Whether inputs come straight from `JSON.parse` (see `CompileOptions.fromJsonParse`): then
   * Structs and arrays are also decoded in place (see `InPlace`).
   */
  readonly fromJsonParse: boolean
  readonly nodes: WeakMap<AST.AST, Compiled>
}

const compilers = new Map<string, Compiler>()

const compilerFor = (generateCode: boolean, fromJsonParse: boolean): Compiler => {
  const key = `${generateCode}/${fromJsonParse}`
  let compiler = compilers.get(key)
  if (compiler === undefined) {
    compilers.set(key, compiler = { generateCode, fromJsonParse, nodes: new WeakMap() })
  }
  return compiler
}

/** For values a transformation returned: they need not come from `JSON.parse`. */
const forAnyInput = (compiler: Compiler): Compiler => compilerFor(compiler.generateCode, false)

const compileDecode = (ast: AST.AST, compiler: Compiler): Compiled => {
  const cached = compiler.nodes.get(ast)
  if (cached !== undefined) return cached
  const compiled = (hasParserAnnotations(ast) ? undefined : compileNode(ast, compiler)) ?? viaEffect(ast)
  compiler.nodes.set(ast, compiled)
  return compiled
}

/** Effect's own parser for a subtree the fast path does not cover. */
const viaEffect = (ast: AST.AST): Compiled => {
  const decode = ParseResult.decodeUnknownEither(Schema.make<unknown, unknown, never>(ast), fastDecodeOptions)
  return { decode: (u) => rightOrFail(decode(u)), selfValid: false }
}

/** The value of a synchronous success; anything else (a failure, an Effect still to run) is `Fail`. */
const rightOrFail = (result: unknown): unknown =>
  Either.isEither(result) && Either.isRight(result) ? result.right : Fail

const compileNode = (ast: AST.AST, compiler: Compiler): Compiled | undefined => {
  const accept = compileAccept(ast)
  if (accept !== undefined) return { decode: (u) => accept(u) ? u : Fail, selfValid: true }
  switch (ast._tag) {
    case "Refinement":
      return decodeRefinement(ast, compiler)
    case "Transformation":
      return decodeTransformation(ast, compiler)
    case "Declaration":
      return decodeDeclaration(ast)
    case "TypeLiteral":
      // Effect decodes `{}` (no properties, no index signatures) as "not null or undefined", unchanged.
      return isEmptyTypeLiteral(ast)
        ? leaf((u) => u === null || u === undefined ? Fail : u)
        : decodeTypeLiteral(ast, compiler)
    case "TupleType":
      return decodeTuple(ast, compiler)
    case "Union":
      return decodeUnion(ast, compiler)
    case "Suspend": {
      let inner: Decode | undefined
      return { decode: (u) => (inner ??= compileDecode(ast.f(), compiler).decode)(u), selfValid: false }
    }
  }
  return undefined
}

const isEmptyTypeLiteral = (ast: AST.TypeLiteral): boolean =>
  ast.propertySignatures.length === 0 && ast.indexSignatures.length === 0

/** A predicate over the input, for subtrees whose decode returns its input unchanged when it succeeds. */
type Accept = (u: unknown) => boolean

const acceptors = new WeakMap<AST.AST, Accept | null>()

/**
 * Literals, keywords, refinements of them and unions of those decode to their input or fail, so
 * they compile to one predicate. For such a union the order Effect tries the members in does not
 * matter (any member that accepts gives back the input), and its literals become one `Set`.
 * `undefined` for anything else.
 */
const compileAccept = (ast: AST.AST): Accept | undefined => {
  const cached = acceptors.get(ast)
  if (cached !== undefined) return cached ?? undefined
  const accept = hasParserAnnotations(ast) ? undefined : compileAcceptNode(ast)
  acceptors.set(ast, accept ?? null)
  return accept
}

const compileAcceptNode = (ast: AST.AST): Accept | undefined => {
  switch (ast._tag) {
    case "Literal": {
      const literal = ast.literal
      return (u) => u === literal
    }
    case "StringKeyword":
      return (u) => typeof u === "string"
    case "NumberKeyword":
      return (u) => typeof u === "number"
    case "BooleanKeyword":
      return (u) => typeof u === "boolean"
    case "UndefinedKeyword":
      return (u) => u === undefined
    case "UnknownKeyword":
    case "AnyKeyword":
    case "VoidKeyword":
      return () => true
    case "Refinement": {
      const from = compileAccept(ast.from)
      if (from === undefined) return undefined
      const predicate = refinementPredicate(ast)
      return (u) => from(u) && predicate(u)
    }
    case "Union": {
      const members = acceptedMembers(ast)
      if (members === undefined) return undefined
      const { literals, others, typeofs } = members
      // A whole `typeof` class first (the `String` member of an open enum): cheaper than hashing.
      const [onlyType] = typeofs
      const byType: Array<Accept> = typeofs.size === 0
        ? []
        : typeofs.size === 1
        ? [(u) => typeof u === onlyType]
        : [(u) => typeofs.has(typeof u)]
      const byValue: Array<Accept> = literals.size === 0 ? [] : [(u) => literals.has(u)]
      return anyOf([...byType, ...byValue, ...others])
    }
  }
  return undefined
}

/**
 * The members of a union of acceptors, nested unions flattened: the `typeof` classes accepted whole
 * (plain `String`, `Number`, `Boolean` members), the literals those do not cover, and the rest.
 */
const acceptedMembers = (
  ast: AST.Union
): { typeofs: Set<string>; literals: Set<unknown>; others: Array<Accept> } | undefined => {
  const typeofs = new Set<string>()
  const literalValues: Array<AST.LiteralValue> = []
  const others: Array<Accept> = []
  const visit = (member: AST.AST): boolean => {
    if (hasParserAnnotations(member)) return false
    switch (member._tag) {
      case "Union":
        return member.types.every(visit)
      case "Literal":
        literalValues.push(member.literal)
        return true
      case "StringKeyword":
        typeofs.add("string")
        return true
      case "NumberKeyword":
        typeofs.add("number")
        return true
      case "BooleanKeyword":
        typeofs.add("boolean")
        return true
    }
    const accept = compileAccept(member)
    if (accept !== undefined) others.push(accept)
    return accept !== undefined
  }
  if (!ast.types.every(visit)) return undefined
  // `NaN` never equals anything, while a `Set` would find it.
  const literals = new Set<unknown>(
    literalValues.filter((literal) => !typeofs.has(typeof literal) && !Number.isNaN(literal))
  )
  return { typeofs, literals, others }
}

/** True when one of the predicates is, tried in order. */
const anyOf = (accepts: ReadonlyArray<Accept>): Accept => {
  const [first, second, ...rest] = accepts
  if (first === undefined) return () => false
  if (second === undefined) return first
  if (rest.length === 0) return (u) => first(u) || second(u)
  return (u) => first(u) || second(u) || rest.some((accept) => accept(u))
}

/**
 * A refinement's predicate, as `true` where its filter returns `None`. The filters of `Schema.Int`
 * and of `Schema.Date`'s `validDate` (shared by their annotated copies) are `Number.isSafeInteger(a)`
 * and `!Number.isNaN(a.getTime())` in Effect's source; calling those directly skips Effect's wrapping
 * of the answer into an `Option` of an issue.
 */
const refinementPredicate = (ast: AST.Refinement): Accept => {
  const filter = ast.filter
  if (filter === intFilter) return (a) => Number.isSafeInteger(a)
  if (filter === validDateFilter) return (a) => a instanceof Date && !Number.isNaN(a.getTime())
  return (a) => Option.isNone(filter(a, fastDecodeOptions, ast))
}

const intFilter = AST.isRefinement(Schema.Int.ast) ? Schema.Int.ast.filter : undefined
const validDateFilter = AST.isRefinement(Schema.Date.ast) ? Schema.Date.ast.filter : undefined

/** Refinements (`Schema.Int`, `Schema.UUID`, `pattern`, `between`, `filter`): decode, then the predicate. */
const decodeRefinement = (ast: AST.Refinement, compiler: Compiler): Compiled => {
  const from = compileDecode(ast.from, compiler)
  const decodeFrom = from.decode
  const predicate = refinementPredicate(ast)
  return {
    decode: (u) => {
      const a = decodeFrom(u)
      return a !== Fail && predicate(a) ? a : Fail
    },
    // The type side is the same predicate over the type side of `from`.
    selfValid: from.selfValid
  }
}

/** `Schema.DateFromSelf` and its annotated copies share this parser: `isDate(u) ? succeed(u) : fail`. */
const dateFromSelfParser = AST.isDeclaration(Schema.DateFromSelf.ast)
  ? Schema.DateFromSelf.ast.decodeUnknown
  : undefined

/**
 * `Schema.DateFromString` (the "from" of `Schema.Date`):
 * `transform(String, DateFromSelf, { decode: (i) => new Date(i) })`, so its decode is `succeed(new Date(s))`.
 */
const dateFromStringTransformation = AST.isTransformation(Schema.DateFromString.ast)
  ? Schema.DateFromString.ast.transformation
  : undefined

const isDateFromSelf = (ast: AST.Declaration): boolean =>
  ast.typeParameters.length === 0 && ast.decodeUnknown === dateFromSelfParser

const decodeDeclaration = (ast: AST.Declaration): Compiled => {
  if (isDateFromSelf(ast)) return leaf((u) => u instanceof Date ? u : Fail)
  const parse = ast.decodeUnknown(...ast.typeParameters)
  return { decode: (u) => rightOrFail(parse(u, fastDecodeOptions, ast)), selfValid: false }
}

/**
 * `new Date(s)`, quicker for the timestamps the API sends: `2022-07-25T14:31:02Z`, maybe with
 * `.sss` milliseconds. For a valid instance of ECMAScript's date-time string format the spec fixes
 * the time to the UTC time of its fields, computed here without V8's general parser. Anything else
 * (other lengths or offsets, out-of-range fields such as `02-30` or `24:00`) goes to `new Date(s)`.
 */
const parseDate = (s: string): Date => {
  const time = isoTime(s)
  return Number.isNaN(time) ? new Date(s) : new Date(time)
}

/** The time of `s` in the format `parseDate` handles, `NaN` for any other string. */
const isoTime = (s: string): number => {
  const length = s.length
  if (
    (length !== 20 && (length !== 24 || s.charCodeAt(19) !== 46 /* . */)) ||
    s.charCodeAt(length - 1) !== 90 /* Z */ || s.charCodeAt(4) !== 45 /* - */ || s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 /* T */ || s.charCodeAt(13) !== 58 /* : */ || s.charCodeAt(16) !== 58
  ) {
    return Number.NaN
  }
  // A field with a character that is not a digit comes out negative (see `digit`).
  const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3)
  const month = digit(s, 5) * 10 + digit(s, 6)
  const day = digit(s, 8) * 10 + digit(s, 9)
  const hours = digit(s, 11) * 10 + digit(s, 12)
  const minutes = digit(s, 14) * 10 + digit(s, 15)
  const seconds = digit(s, 17) * 10 + digit(s, 18)
  const millis = length === 20 ? 0 : digit(s, 20) * 100 + digit(s, 21) * 10 + digit(s, 22)
  if (
    year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hours < 0 ||
    hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59 || millis < 0
  ) {
    return Number.NaN
  }
  return daysFromCivil(year, month, day) * 86_400_000 + hours * 3_600_000 + minutes * 60_000 +
    seconds * 1000 +
    millis
}

/** The digit at `s[i]`, or a number negative enough to make any field it is part of negative. */
const digit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48
  return d >= 0 && d <= 9 ? d : -1e7
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's `days_from_civil`). */
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28)
    : 30 + ((month + (month >> 3)) & 1)

/** Effect decodes a Transformation as: decode `from`, transform, then decode `to`. */
const decodeTransformation = (ast: AST.Transformation, compiler: Compiler): Compiled | undefined => {
  const transformation = ast.transformation
  if (transformation._tag === "TypeLiteralTransformation") {
    return decodeStructWithDefaults(ast, transformation, compiler)
  }
  // A transformation function is given the input too (its fourth argument), as it came: `from`
  // must not decode it in place.
  const decodeFrom = compileDecode(
    ast.from,
    transformation._tag === "FinalTransformation" && transformation !== dateFromStringTransformation
      ? forAnyInput(compiler)
      : compiler
  ).decode
  const to = compileDecode(ast.to, forAnyInput(compiler))
  const decodeTo = to.decode
  // The type side of a Transformation is the type side of `to`, and every value comes out of `to`.
  const selfValid = to.selfValid
  if (transformation._tag === "ComposeTransformation") {
    return {
      decode: (u) => {
        const a = decodeFrom(u)
        return a === Fail ? Fail : decodeTo(a)
      },
      selfValid
    }
  }
  if (transformation === dateFromStringTransformation) {
    return {
      decode: (u) => {
        const a = decodeFrom(u)
        return typeof a === "string" ? decodeTo(parseDate(a)) : Fail
      },
      selfValid
    }
  }
  const decode = transformation.decode
  return {
    decode: (u) => {
      const a = decodeFrom(u)
      if (a === Fail) return Fail
      const b = rightOrFail(decode(a, fastDecodeOptions, ast, u))
      return b === Fail ? Fail : decodeTo(b)
    },
    selfValid
  }
}

/**
 * A Struct (`Schema.Struct`, `Schema.Record`, or both). As in Effect with "preserve": the output
 * has every own key of the input, unknown ones unchanged; each property is decoded (an optional
 * one only when present), then the values under `string` index signatures.
 */
const decodeTypeLiteral = (ast: AST.TypeLiteral, compiler: Compiler): CompiledRecord | undefined => {
  if (isEmptyTypeLiteral(ast) || ast.propertySignatures.some((ps) => isAwkwardName(ps.name))) return undefined
  // Only `string` keys (`Schema.Record({ key: Schema.String, ... })`); other key schemas are left to Effect.
  if (
    !ast.indexSignatures.every((is) =>
      AST.isStringKeyword(is.parameter) && !hasParserAnnotations(is.parameter)
    )
  ) {
    return undefined
  }
  const properties = ast.propertySignatures.map((ps) => ({ ps, compiled: compileDecode(ps.type, compiler) }))
  const indexes = ast.indexSignatures.map((is) => compileDecode(is.type, compiler))
  const fields = properties.map(({ compiled, ps }) => ({
    name: ps.name,
    isOptional: ps.isOptional,
    decode: compiled.decode
  }))
  const expected = new Set<PropertyKey>(ast.propertySignatures.map((ps) => ps.name))
  const indexValues = indexes.map((compiled) => compiled.decode)
  const keysCopied = compiler.fromJsonParse ? () => true : copiedAllKeys
  const closure: DecodeRecord = (input) => {
    if (!isCopyable(input)) return Fail
    // Unknown keys (`onExcessProperty: "preserve"`) come with the copy, known ones are overwritten
    // below. V8 clones the object's layout at once: much faster than adding keys one by one.
    const out: Record<PropertyKey, unknown> = { ...input }
    if (!keysCopied(input, out)) return Fail
    for (const field of fields) {
      const name = field.name
      if (field.isOptional && !Object.hasOwn(input, name)) continue
      const value = field.decode(input[name])
      if (value === Fail) return Fail
      out[name] = value
    }
    for (const decodeValue of indexValues) {
      for (const key of Object.keys(input)) {
        const value = decodeValue(input[key])
        if (value === Fail) return Fail
        if (!expected.has(key)) out[key] = value
      }
    }
    return out
  }
  const inPlace: DecodeRecord = (input) => {
    if (!isCopyable(input)) return Fail
    // First the index signatures, over the values as they came: for a known key the decoded value
    // is dropped (and its writes undone), as Effect drops it, and the property decodes the original.
    for (const decodeValue of indexValues) {
      for (const key of Object.keys(input)) {
        const mark = writes.targets.length
        const old = input[key]
        const value = decodeValue(old)
        if (value === Fail) return Fail
        if (expected.has(key)) undoWrites(mark)
        else if (value !== old) writeInPlace(input, key, value)
      }
    }
    for (const field of fields) {
      const name = field.name
      const present = Object.hasOwn(input, name)
      if (field.isOptional && !present) continue
      const old = input[name]
      const value = field.decode(old)
      if (value === Fail) return Fail
      // A missing required key gets its decoded value (`undefined` included), as in Effect's copy.
      if (value !== old || !present) writeInPlace(input, name, value)
    }
    return input
  }
  const decode = compiler.fromJsonParse
    ? (compiler.generateCode && indexValues.length === 0 ? generateInPlaceDecoder(fields) : undefined) ??
      inPlace
    : compiler.generateCode && indexValues.length === 0
    ? generateStructDecoder(fields, false) ?? closure
    : closure
  return {
    decode,
    // The output is a plain object: Effect's type-side pass copies unknown keys as they are and
    // decodes each property again, which gives it back when each property is self-valid. With both
    // properties and an index signature, Effect also checks the decoded properties against the
    // index signature's type, which nothing here proves.
    selfValid: properties.every(({ compiled }) => compiled.selfValid) &&
      indexes.every((compiled) => compiled.selfValid) && (indexes.length === 0 || properties.length === 0)
  }
}

/** What a spread copies faithfully: a record without a `__proto__` key (which Effect's assignment would turn into a prototype). */
const isCopyable = (input: unknown): input is Record<PropertyKey, unknown> =>
  Predicate.isRecord(input) && !Object.hasOwn(input, "__proto__")

/**
 * Effect also copies non-enumerable keys, which a spread skips: input with such keys is left to
 * Schema. (`JSON.parse` never makes them: it only defines enumerable string keys.)
 */
const copiedAllKeys = (input: AnyRecord, copy: AnyRecord): boolean =>
  Object.getOwnPropertyNames(input).length === Object.keys(copy).length && symbolsAreEnumerable(input)

let codeGenerationAllowed = true

/**
 * The closure of `decodeTypeLiteral`, unrolled by generating its source, for Structs without index
 * signatures: one closure shared by every Struct sees every object shape, so V8's caches for its
 * property reads, writes, calls and copy go megamorphic; a function per Struct keeps them
 * monomorphic. The source is a fixed template plus the property names, written as JSON string
 * literals (only string names qualify); every value comes in as a parameter. `undefined` where code
 * generation is refused, and the closure is used.
 */
const generateStructDecoder = (
  fields: ReadonlyArray<
    { readonly name: PropertyKey; readonly isOptional: boolean; readonly decode: Decode }
  >,
  fromJsonParse: boolean
): DecodeRecord | undefined => {
  const names: Array<string> = []
  for (const field of fields) {
    if (typeof field.name !== "string") return undefined
    names.push(JSON.stringify(field.name))
  }
  return generate<DecodeRecord>(
    ["Fail", "isCopyable", "copiedAllKeys", "hasOwn", "decoders"],
    [Fail, isCopyable, copiedAllKeys, Object.hasOwn, fields.map((field) => field.decode)],
    [
      "return function decodeStruct(input) {",
      "  if (!isCopyable(input)) return Fail",
      "  const out = { ...input }",
      fromJsonParse ? "" : "  if (!copiedAllKeys(input, out)) return Fail",
      "  let value",
      ...fields.map((field, i) => {
        const read = `value = decoders[${i}](input[${names[i]}]); if (value === Fail) return Fail; out[${
          names[i]
        }] = value`
        return field.isOptional ? `  if (hasOwn(input, ${names[i]})) { ${read} }` : `  ${read}`
      }),
      "  return out",
      "}"
    ]
  )
}

/**
 * `generateStructDecoder` for in-place decoding (see `InPlace`): the same template without the copy,
 * for Structs whose objects mostly have all their properties. Other Structs (`SearchParams`: many
 * optional properties, few present, in a different combination on every object) get
 * `generateKeyLoopDecoder`.
 */
const generateInPlaceDecoder = (
  fields: ReadonlyArray<
    { readonly name: PropertyKey; readonly isOptional: boolean; readonly decode: Decode }
  >
): DecodeRecord | undefined => {
  const names = stringNames(fields)
  if (names === undefined) return undefined
  const optional = fields.filter((field) => field.isOptional).length
  if (optional > fields.length - optional) return generateKeyLoopDecoder(fields, names)
  return generate<DecodeRecord>(
    ["Fail", "isCopyable", "logWrite", "hasOwn", "decoders", "Absent"],
    [Fail, isCopyable, logWrite, Object.hasOwn, fields.map((field) => field.decode), Absent],
    [
      "return function decodeStructInPlace(input) {",
      "  if (!isCopyable(input)) return Fail",
      "  let old, value",
      ...fields.map((field, i) => {
        const name = names[i]
        const read = `old = input[${name}]; value = decoders[${i}](old); if (value === Fail) return Fail`
        return field.isOptional
          ? `  if (hasOwn(input, ${name})) { ${read}; if (value !== old) { logWrite(input, ${name}, old); input[${name}] = value } }`
          : `  ${read}; if (value !== old || (old === undefined && !hasOwn(input, ${name}))) ` +
            `{ logWrite(input, ${name}, hasOwn(input, ${name}) ? old : Absent); input[${name}] = value }`
      }),
      "  return input",
      "}"
    ]
  )
}

/**
 * An in-place Struct decoder that visits the keys the object has (`for...in`, whose reads V8 serves
 * from the object's layout) instead of looking up every property by name: with hundreds of layouts
 * those lookups miss V8's caches. `for...in` sees own keys only while `Object.prototype` has no
 * enumerable key, which `compileFastPath` checks for each input; `JSON.parse` objects have no other
 * prototype. Required properties missing from the object are decoded after the loop, as `undefined`.
 */
const generateKeyLoopDecoder = (
  fields: ReadonlyArray<
    { readonly name: PropertyKey; readonly isOptional: boolean; readonly decode: Decode }
  >,
  names: ReadonlyArray<string>
): DecodeRecord | undefined => {
  const required = fields.flatMap((field, i) => field.isOptional ? [] : [i])
  return generate<DecodeRecord>(
    ["Fail", "isRecord", "logWrite", "hasOwn", "decoders", "Absent"],
    [Fail, Predicate.isRecord, logWrite, Object.hasOwn, fields.map((field) => field.decode), Absent],
    [
      "return function decodeStructByKeys(input) {",
      "  if (!isRecord(input)) return Fail",
      "  let old, value, seen = 0",
      "  for (const key in input) {",
      "    switch (key) {",
      ...fields.map((field, i) =>
        `      case ${
          names[i]
        }: old = input[key]; value = decoders[${i}](old); if (value === Fail) return Fail; ` +
        `if (value !== old) { logWrite(input, key, old); input[key] = value }${
          field.isOptional ? "" : "; seen++"
        }; break`
      ),
      // Effect's copy would set the prototype: left to Schema, as by `isCopyable`.
      "      case \"__proto__\": return Fail",
      "    }",
      "  }",
      `  if (seen !== ${required.length}) {`,
      ...required.map((i) =>
        `    if (!hasOwn(input, ${
          names[i]
        })) { value = decoders[${i}](undefined); if (value === Fail) return Fail; ` +
        `logWrite(input, ${names[i]}, Absent); input[${names[i]}] = value }`
      ),
      "  }",
      "  return input",
      "}"
    ]
  )
}

/** The names of `fields` as JSON string literals, or `undefined` if one is not a string. */
const stringNames = (fields: ReadonlyArray<{ readonly name: PropertyKey }>): Array<string> | undefined => {
  const names: Array<string> = []
  for (const field of fields) {
    if (typeof field.name !== "string") return undefined
    names.push(JSON.stringify(field.name))
  }
  return names
}

/**
 * Compiles `source` (which returns the generated function) with `parameters` bound to `values`, or
 * `undefined` where code generation is refused; then it is not tried again.
 */
const generate = <F>(
  parameters: ReadonlyArray<string>,
  values: ReadonlyArray<unknown>,
  source: ReadonlyArray<string>
): F | undefined => {
  if (!codeGenerationAllowed) return undefined
  try {
    // Generating code is this function's purpose: the source is built from the schema's AST, never from
    // input, and where the runtime forbids it (a CSP without unsafe-eval) this throws and the closures
    // are used. This file is to be replaced; until then the rule is disabled for this one line.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- deliberate code generation, see above
    const factory = new Function(...parameters, source.join("\n"))
    // Called as `factory(...values)` would be, without `this`; `Reflect.apply` takes the untyped `Function`.
    const generated: unknown = Reflect.apply(factory, undefined, values)
    // Each caller's source defines exactly a function of type `F`.
    return typeof generated === "function" ? (generated as F) : undefined
  } catch {
    codeGenerationAllowed = false
    return undefined
  }
}

/** Arrays (`Schema.Array`) and tuples, with at most one rest element; always a fresh dense array. */
const decodeTuple = (ast: AST.TupleType, compiler: Compiler): Compiled | undefined => {
  if (ast.rest.length > 1) return undefined
  const compiledElements = ast.elements.map((e) => compileDecode(e.type, compiler))
  const restType = ast.rest[0]
  const compiledRest = restType === undefined ? undefined : compileDecode(restType.type, compiler)
  const elements = compiledElements.map((compiled) => compiled.decode)
  const rest = compiledRest?.decode
  const required = ast.elements.filter((e) => !e.isOptional).length
  // A dense array of `JSON.parse` has exactly the keys of Effect's fresh array: decoded in place.
  const inPlace: Decode = (input) => {
    if (!Array.isArray(input)) return Fail
    const items: Array<unknown> = input
    const length = items.length
    if (length < required || (rest === undefined && length > elements.length)) return Fail
    for (let i = 0; i < length; i++) {
      const decode = i < elements.length ? elements[i] : rest
      if (decode === undefined) return Fail
      const old = items[i]
      const value = decode(old)
      if (value === Fail) return Fail
      if (value !== old) {
        logWrite(items, i, old)
        items[i] = value
      }
    }
    return items
  }
  return {
    decode: compiler.fromJsonParse ? inPlace : (input) => {
      if (!Array.isArray(input)) return Fail
      const items: ReadonlyArray<unknown> = input
      const length = items.length
      if (length < required || (rest === undefined && length > elements.length)) return Fail
      const out: Array<unknown> = []
      let i = 0
      for (const decode of elements) {
        // A missing element here is optional: a missing required one failed the length check.
        if (i >= length) break
        const value = decode(items[i++])
        if (value === Fail) return Fail
        out.push(value)
      }
      if (rest !== undefined) {
        for (; i < length; i++) {
          const value = rest(items[i])
          if (value === Fail) return Fail
          out.push(value)
        }
      }
      return out
    },
    selfValid: compiledElements.every((compiled) => compiled.selfValid) && (compiledRest?.selfValid ?? true)
  }
}

/**
 * A union's output is self-valid when Effect's type side gives it back whichever member it tries
 * first. The decoding member is always among its candidates (its value carries its discriminator)
 * and accepts the value, since its own output is self-valid. Any other member that accepts it must
 * give it back unchanged too, which holds when every member is a primitive-only one (it rejects
 * objects and returns primitives as they are), or at most one member takes objects, or every
 * member that takes objects is an identity Struct (it returns a copy of the plain object the
 * decoder built).
 */
const decodeUnion = (ast: AST.Union, compiler: Compiler): Compiled | undefined => {
  // In place, a member that fails puts back what it wrote before the next one is tried (acceptors write nothing).
  const compileMember = (member: AST.AST): Decode => {
    const decode = compileDecode(member, compiler).decode
    return compiler.fromJsonParse && compileAccept(member) === undefined ? undoingOnFail(decode) : decode
  }
  const decode = compileUnion(ast, compileMember, Fail, (u) => u)
  if (decode === undefined) return undefined
  const objectMembers = ast.types.filter((member) => !isPrimitiveOnly(member))
  return {
    decode,
    selfValid: ast.types.every((member) => compileDecode(member, compiler).selfValid) &&
      (objectMembers.length <= 1 || objectMembers.every(isIdentityStruct))
  }
}

/**
 * A Struct whose decode of a plain object is a copy of it: no index signature, and every property
 * an acceptor (decoded to itself) of primitives only. A required one must also reject `undefined`:
 * otherwise a missing key would be added, as `undefined`.
 */
const isIdentityStruct = (ast: AST.AST): boolean =>
  AST.isTypeLiteral(ast) && !hasParserAnnotations(ast) && ast.indexSignatures.length === 0 &&
  ast.propertySignatures.every((ps) => {
    const accept = compileAccept(ps.type)
    return accept !== undefined && isPrimitiveOnly(ps.type) && (ps.isOptional || !accept(undefined))
  })

/**
 * A Struct with defaults or renames (`optionalWith(x, { default })`): a Transformation between two
 * TypeLiterals. Effect decodes the "from" Struct, applies the property transformations to that
 * fresh object in place, then decodes the "to" Struct again, copying everything. Here the "to" pass
 * works in place and touches little: transformed properties are decoded (a default value is
 * validated like any other), self-valid ones are skipped, and the rest are only checked.
 */
const decodeStructWithDefaults = (
  ast: AST.Transformation,
  transformation: AST.TypeLiteralTransformation,
  compiler: Compiler
): Compiled | undefined => {
  const { from, to } = ast
  if (
    !AST.isTypeLiteral(from) || !AST.isTypeLiteral(to) || hasParserAnnotations(from) ||
    hasParserAnnotations(to) ||
    to.indexSignatures.length > 0 || to.propertySignatures.some((ps) => isAwkwardName(ps.name))
  ) {
    return undefined
  }
  const steps = transformation.propertySignatureTransformations
  if (steps.some((step) => isAwkwardName(step.from) || isAwkwardName(step.to))) return undefined
  // Called directly rather than through `compileDecode`: the in-place updates below need the fresh
  // object this decoder builds, not Effect's parser (nor the unchanged input of an empty Struct).
  const compiledFrom = decodeTypeLiteral(from, compiler)
  if (compiledFrom === undefined) return undefined
  const decodeFrom = compiledFrom.decode
  const touched = new Set<PropertyKey>(steps.flatMap((step) => [step.from, step.to]))
  const fromProperties = new Map(from.propertySignatures.map((ps) => [ps.name, ps]))
  const fields = to.propertySignatures.flatMap((ps) => {
    const fromPs = fromProperties.get(ps.name)
    // Not transformed, and `to` is the type side of `from` here: the value is one `from` decoded.
    const paired = !touched.has(ps.name) && fromPs !== undefined && fromPs.isOptional === ps.isOptional &&
      isTypeSideOf(ps.type, fromPs.type)
    if (paired && compileDecode(fromPs.type, compiler).selfValid) return []
    const check = paired ? compileCheck(ps.type, false) : undefined
    // A transformed value (a default) need not come from `JSON.parse`.
    const compiled = compileDecode(ps.type, forAnyInput(compiler))
    return [{
      name: ps.name,
      isOptional: ps.isOptional,
      check,
      decode: compiled.decode,
      selfValid: check !== undefined || compiled.selfValid
    }]
  })
  const inPlace = compiler.fromJsonParse
  const closure: Decode = (input) => {
    let out = decodeFrom(input)
    if (out === Fail) return Fail
    // In place, `out` is the input itself (see `InPlace`), until a key must go: then it is a copy.
    let owned = !inPlace
    // Effect's TypeLiteralTransformation: each step maps the (maybe absent) value, in order.
    for (const step of steps) {
      const present = Object.hasOwn(out, step.from)
      const result = step.decode(present ? Option.some(out[step.from]) : Option.none())
      // Effect deletes then re-adds; deleting only when needed keeps the object in V8's fast mode.
      if (present && (step.from !== step.to || Option.isNone(result))) {
        if (!owned) {
          out = { ...out }
          owned = true
        }
        delete out[step.from]
      }
      if (Option.isSome(result)) assign(out, step.to, result.value, owned)
    }
    // Effect's decode of the "to" Struct, for the properties it could change or reject.
    for (const field of fields) {
      const name = field.name
      const present = Object.hasOwn(out, name)
      if (!present && field.isOptional) continue
      if (present && field.check !== undefined) {
        if (field.check(out[name]) !== Valid) return Fail
        continue
      }
      const value = field.decode(out[name])
      if (value === Fail) return Fail
      assign(out, name, value, owned)
    }
    return out
  }
  return {
    decode: compiler.generateCode
      ? generateDefaultsDecoder(decodeFrom, steps, fields, inPlace) ?? closure
      : closure,
    // Every property of `to` is now self-valid, skipped because self-valid, or checked.
    selfValid: fields.every((field) => field.selfValid)
  }
}

/** `target[key] = value`, logged unless `target` is a fresh copy (`owned`) or already has that value. */
const assign = (
  target: Record<PropertyKey, unknown>,
  key: PropertyKey,
  value: unknown,
  owned: boolean
): void => {
  if (owned) target[key] = value
  else if (target[key] !== value || !Object.hasOwn(target, key)) writeInPlace(target, key, value)
}

/**
 * The closure of `decodeStructWithDefaults`, unrolled like `generateStructDecoder` (same rules for
 * the source: a fixed template, names as JSON string literals, values as parameters).
 */
const generateDefaultsDecoder = (
  decodeFrom: DecodeRecord,
  steps: ReadonlyArray<AST.PropertySignatureTransformation>,
  fields: ReadonlyArray<
    {
      readonly name: PropertyKey
      readonly isOptional: boolean
      readonly check: Check | undefined
      readonly decode: Decode
    }
  >,
  inPlace: boolean
): Decode | undefined => {
  const literal = (name: PropertyKey) => typeof name === "string" ? JSON.stringify(name) : undefined
  // In place, as in the closure: writes to the input are logged, and a key to delete means a copy first.
  const put = (name: string) =>
    inPlace
      ? `if (owned) out[${name}] = value; else if (out[${name}] !== value || !hasOwn(out, ${name})) ` +
        `{ logWrite(out, ${name}, hasOwn(out, ${name}) ? out[${name}] : Absent); out[${name}] = value }`
      : `out[${name}] = value`
  const remove = (name: string) =>
    inPlace
      ? `{ if (!owned) { out = { ...out }; owned = true } delete out[${name}] }`
      : `delete out[${name}]`
  const stepLines: Array<string> = []
  for (const [i, step] of steps.entries()) {
    const from = literal(step.from)
    const to = literal(step.to)
    if (from === undefined || to === undefined) return undefined
    stepLines.push(
      `  present = hasOwn(out, ${from}); result = steps[${i}].decode(present ? some(out[${from}]) : none())`,
      from === to
        ? `  if (isSome(result)) { value = result.value; ${put(to)} } else if (present) ${remove(from)}`
        : `  if (present) ${remove(from)}; if (isSome(result)) { value = result.value; ${put(to)} }`
    )
  }
  const fieldLines: Array<string> = []
  for (const [i, field] of fields.entries()) {
    const name = literal(field.name)
    if (name === undefined) return undefined
    const decode = `value = decoders[${i}](out[${name}]); if (value === Fail) return Fail; ${put(name)}`
    fieldLines.push(
      field.check !== undefined
        ? `  if (hasOwn(out, ${name})) { if (checks[${i}](out[${name}]) !== Valid) return Fail }` +
          (field.isOptional ? "" : ` else { ${decode} }`)
        : field.isOptional
        ? `  if (hasOwn(out, ${name})) { ${decode} }`
        : `  ${decode}`
    )
  }
  return generate<Decode>(
    [
      "decodeFrom",
      "steps",
      "checks",
      "decoders",
      "Fail",
      "Valid",
      "hasOwn",
      "some",
      "none",
      "isSome",
      "logWrite",
      "Absent"
    ],
    [
      decodeFrom,
      steps,
      fields.map((field) => field.check),
      fields.map((field) => field.decode),
      Fail,
      Valid,
      Object.hasOwn,
      Option.some,
      Option.none,
      Option.isSome,
      logWrite,
      Absent
    ],
    [
      "return function decodeStructWithDefaults(input) {",
      "  let out = decodeFrom(input)",
      "  if (out === Fail) return Fail",
      `  let owned = ${!inPlace}, present, result, value`,
      ...stepLines,
      ...fieldLines,
      "  return out",
      "}"
    ]
  )
}

/**
 * True when `to` is what `AST.typeAST(from)` builds (structurally; `typeAST` is not memoised), so a
 * value decoded by `from` meets, at each position of `to`, a value produced by the matching decoder
 * of `from`: plain objects and arrays this module (or Effect) built, never a raw input object.
 */
const isTypeSideOf = (to: AST.AST, from: AST.AST): boolean => {
  if (to === from) return true
  // `typeAST` keeps annotations, except that of a Transformation's `to`, which it may re-annotate
  // (examples, pretty printers, ...): never with parse options, so any such `to` is not a match.
  if (hasParserAnnotations(to)) return false
  switch (from._tag) {
    case "Transformation":
      return isTypeSideOf(to, from.to)
    case "Refinement":
      return AST.isRefinement(to) && to.filter === from.filter && isTypeSideOf(to.from, from.from)
    case "Declaration":
      return AST.isDeclaration(to) && to.decodeUnknown === from.decodeUnknown &&
        pairwise(to.typeParameters, from.typeParameters, isTypeSideOf)
    case "Union":
      return AST.isUnion(to) && pairwise(to.types, from.types, isTypeSideOf)
    case "TupleType":
      return AST.isTupleType(to) &&
        pairwise(
          to.elements,
          from.elements,
          (a, b) => a.isOptional === b.isOptional && isTypeSideOf(a.type, b.type)
        ) &&
        pairwise(to.rest, from.rest, (a, b) => isTypeSideOf(a.type, b.type))
    case "TypeLiteral":
      return AST.isTypeLiteral(to) &&
        pairwise(
          to.propertySignatures,
          from.propertySignatures,
          (a, b) => a.name === b.name && a.isOptional === b.isOptional && isTypeSideOf(a.type, b.type)
        ) &&
        pairwise(
          to.indexSignatures,
          from.indexSignatures,
          (a, b) => a.parameter === b.parameter && isTypeSideOf(a.type, b.type)
        )
    case "Literal":
      return AST.isLiteral(to) && to.literal === from.literal
    case "StringKeyword":
    case "NumberKeyword":
    case "BooleanKeyword":
    case "UndefinedKeyword":
    case "UnknownKeyword":
    case "AnyKeyword":
    case "VoidKeyword":
      // A re-annotated copy, as `typeAST` makes of a Transformation's `to`.
      return to._tag === from._tag
  }
  return false
}

const pairwise = <A>(as: ReadonlyArray<A>, bs: ReadonlyArray<A>, same: (a: A, b: A) => boolean): boolean =>
  as.length === bs.length && as.every((a, i) => {
    const b = bs[i]
    return b !== undefined && same(a, b)
  })

// ---------------------------------------------------------------------------------------------
// Checking already-decoded values against the type side
// ---------------------------------------------------------------------------------------------

/** What Schema's decode of a value against a type-side schema (no transformations) would do. */
type Verdict = typeof Invalid | typeof Valid | typeof Unsure
/** It fails. */
const Invalid = 0
/** It succeeds with a value deep-equal to the one checked. */
const Valid = 1
/** Not cheap to tell: the caller gives up and the whole input goes to Schema. */
const Unsure = 2

type Check = (value: unknown) => Verdict

const checks = { trusted: new WeakMap<AST.AST, Check | null>(), strict: new WeakMap<AST.AST, Check | null>() }

/**
 * Compiles a check, or `undefined` where there is none (the caller decodes instead). `strict`
 * checks also make sure objects are plain (see `needsStrictMembers`); otherwise values are trusted
 * to come from a decoder of the matching position (see `isTypeSideOf`).
 */
const compileCheck = (ast: AST.AST, strict: boolean): Check | undefined => {
  const memo = strict ? checks.strict : checks.trusted
  const cached = memo.get(ast)
  if (cached !== undefined) return cached ?? undefined
  const check = hasParserAnnotations(ast) ? undefined : compileCheckNode(ast, strict)
  memo.set(ast, check ?? null)
  return check
}

const verdict = (ok: boolean): Verdict => ok ? Valid : Invalid

const compileCheckNode = (ast: AST.AST, strict: boolean): Check | undefined => {
  const accept = compileAccept(ast)
  // The type side of these decodes a value to itself: accepted means deep-equal, rejected means a failure.
  if (accept !== undefined) return (v) => verdict(accept(v))
  switch (ast._tag) {
    case "Refinement": {
      const from = compileCheck(ast.from, strict)
      if (from === undefined) return undefined
      const predicate = refinementPredicate(ast)
      return (v) => {
        const result = from(v)
        return result === Valid ? verdict(predicate(v)) : result
      }
    }
    case "Declaration": {
      if (isDateFromSelf(ast)) return (v) => verdict(v instanceof Date)
      const parse = ast.decodeUnknown(...ast.typeParameters)
      return (v) => {
        const result: unknown = parse(v, fastDecodeOptions, ast)
        if (!Either.isEither(result)) return Unsure
        return Either.isLeft(result) ? Invalid : result.right === v ? Valid : Unsure
      }
    }
    case "TypeLiteral":
      return isEmptyTypeLiteral(ast)
        ? (v) => verdict(v !== null && v !== undefined)
        : checkTypeLiteral(ast, strict)
    case "TupleType":
      return checkTuple(ast, strict)
    case "Union": {
      const strictMembers = strict || needsStrictMembers(ast)
      return compileUnion(ast, (member) => compileCheck(member, strictMembers), Invalid, () => Valid)
    }
    case "Suspend": {
      let inner: Check | undefined
      return (v) => (inner ??= compileCheck(ast.f(), strict) ?? (() => Unsure))(v)
    }
  }
  return undefined
}

const checkTypeLiteral = (ast: AST.TypeLiteral, strict: boolean): Check | undefined => {
  if (ast.propertySignatures.some((ps) => isAwkwardName(ps.name))) return undefined
  if (
    !ast.indexSignatures.every((is) =>
      AST.isStringKeyword(is.parameter) && !hasParserAnnotations(is.parameter)
    )
  ) {
    return undefined
  }
  const fields: Array<{ readonly name: PropertyKey; readonly isOptional: boolean; readonly check: Check }> =
    []
  for (const ps of ast.propertySignatures) {
    const check = compileCheck(ps.type, strict)
    if (check === undefined) return undefined
    fields.push({ name: ps.name, isOptional: ps.isOptional, check })
  }
  const indexValues: Array<Check> = []
  for (const is of ast.indexSignatures) {
    const check = compileCheck(is.type, strict)
    if (check === undefined) return undefined
    // `Schema.Record({ key: Schema.String, value: Schema.Unknown })` accepts every value: no need to visit them.
    if (!AST.isUnknownKeyword(is.type) && !AST.isAnyKeyword(is.type)) indexValues.push(check)
  }
  return (v) => {
    if (!Predicate.isRecord(v)) return Invalid
    // Effect copies into a plain object; anything else (a class instance, an object whose
    // prototype a `__proto__` key replaced) would not be deep-equal to its copy.
    if (Object.getPrototypeOf(v) !== Object.prototype || (strict && !isPlainRecord(v))) return Unsure
    let result: Verdict = Valid
    for (const field of fields) {
      if (!Object.hasOwn(v, field.name)) {
        // A missing required property: Effect would decode `undefined` and maybe add the key.
        if (!field.isOptional) result = Unsure
        continue
      }
      const r = field.check(v[field.name])
      if (r === Invalid) return Invalid
      if (r === Unsure) result = Unsure
    }
    for (const check of indexValues) {
      for (const key of Object.keys(v)) {
        const r = check(v[key])
        if (r === Invalid) return Invalid
        if (r === Unsure) result = Unsure
      }
    }
    return result
  }
}

/** Own keys that Effect's copy would reproduce exactly: enumerable, and no `__proto__`. */
const isPlainRecord = (v: AnyRecord): boolean =>
  !Object.hasOwn(v, "__proto__") && Object.keys(v).length === Object.getOwnPropertyNames(v).length &&
  Object.getOwnPropertySymbols(v).every((key) => Object.prototype.propertyIsEnumerable.call(v, key))

const checkTuple = (ast: AST.TupleType, strict: boolean): Check | undefined => {
  if (ast.rest.length > 1) return undefined
  const elements: Array<Check> = []
  for (const e of ast.elements) {
    const check = compileCheck(e.type, strict)
    if (check === undefined) return undefined
    elements.push(check)
  }
  const restType = ast.rest[0]
  const rest = restType === undefined ? undefined : compileCheck(restType.type, strict)
  if (restType !== undefined && rest === undefined) return undefined
  const required = ast.elements.filter((e) => !e.isOptional).length
  return (v) => {
    if (!Array.isArray(v)) return Invalid
    const items: ReadonlyArray<unknown> = v
    const length = items.length
    if (length < required || (rest === undefined && length > elements.length)) return Invalid
    // Effect's copy is a plain dense array without extra keys (own keys: the indexes and `length`).
    if (
      strict &&
      (Object.getPrototypeOf(items) !== Array.prototype || Reflect.ownKeys(items).length !== length + 1)
    ) {
      return Unsure
    }
    let result: Verdict = Valid
    for (let i = 0; i < length; i++) {
      const check = i < elements.length ? elements[i] : rest
      if (check === undefined) return Invalid
      const r = check(items[i])
      if (r === Invalid) return Invalid
      if (r === Unsure) result = Unsure
    }
    return result
  }
}

/**
 * Whether a union's member checks must also make sure objects are plain. The value checked comes
 * from one member's decoder, but Effect's type side may try another member first. That is harmless
 * unless the other member looks into an object the decoding member passed through unchanged (an
 * unknown key, an `Unknown` property, a declaration's value), which may have non-enumerable keys,
 * a `__proto__` key or a prototype, things Effect's copy would not keep. It takes two members that
 * accept objects, and a member that looks into nested objects or may pass one through.
 */
const needsStrictMembers = (ast: AST.Union): boolean =>
  ast.types.filter((member) => !isPrimitiveOnly(member)).length >= 2 &&
  ast.types.some((member) => inspectsNested(member) || mayPassObjects(member))

/** Whether the check of `ast` looks into the properties or elements of an object at all. */
const inspectsObjects = (ast: AST.AST): boolean => {
  switch (ast._tag) {
    case "TypeLiteral":
      return !isEmptyTypeLiteral(ast)
    case "Refinement":
      return inspectsObjects(ast.from)
    case "Union":
      return ast.types.some(inspectsObjects)
    case "TupleType":
    case "Suspend":
    case "Transformation":
      return true
  }
  return false
}

/** Whether the check of `ast` looks into objects below its own level. */
const inspectsNested = (ast: AST.AST): boolean => {
  switch (ast._tag) {
    case "TypeLiteral":
      return ast.propertySignatures.some((ps) => inspectsObjects(ps.type)) ||
        ast.indexSignatures.some((is) => inspectsObjects(is.type))
    case "TupleType":
      return ast.elements.some((e) => inspectsObjects(e.type)) ||
        ast.rest.some((r) => inspectsObjects(r.type))
    case "Refinement":
      return inspectsNested(ast.from)
    case "Union":
      return ast.types.some(inspectsNested)
    case "Suspend":
    case "Transformation":
      return true
  }
  return false
}

/** Whether the member decoding a value may return an object it did not build (its input, or Effect's). */
const mayPassObjects = (ast: AST.AST): boolean => {
  switch (ast._tag) {
    case "UnknownKeyword":
    case "AnyKeyword":
    case "ObjectKeyword":
    case "Declaration":
    case "Suspend":
    case "Transformation":
      return true
    case "TypeLiteral":
      return isEmptyTypeLiteral(ast)
    case "Refinement":
      return mayPassObjects(ast.from)
    case "Union":
      return ast.types.some(mayPassObjects)
  }
  return false
}

const isPrimitiveOnly = (ast: AST.AST): boolean => {
  switch (ast._tag) {
    case "Literal":
    case "UniqueSymbol":
    case "StringKeyword":
    case "NumberKeyword":
    case "BooleanKeyword":
    case "BigIntKeyword":
    case "SymbolKeyword":
    case "UndefinedKeyword":
    case "VoidKeyword":
    case "NeverKeyword":
    case "TemplateLiteral":
    case "Enums":
      return true
    case "Refinement":
      return isPrimitiveOnly(ast.from)
    case "Union":
      return ast.types.every(isPrimitiveOnly)
  }
  return false
}

// ---------------------------------------------------------------------------------------------
// Unions, shared by decoding and checking
// ---------------------------------------------------------------------------------------------

/**
 * A union tries its members in Effect's order and keeps the first that does not `miss`: first the
 * members whose literal discriminator matches the input (`type: "MOVE"` picks `MoveParams` with one
 * map lookup), then the members without a discriminator in declaration order, where a run of
 * literals is a single `Set` lookup. (Unions of literals and keywords alone, such as open enums,
 * are acceptors instead: see `compileAccept`.)
 */
const compileUnion = <R>(
  ast: AST.Union,
  compileMember: (member: AST.AST) => ((u: unknown) => R) | undefined,
  miss: R,
  literalHit: (u: unknown) => R
): ((u: unknown) => R) | undefined => {
  const tree = searchTree(ast.types)
  if (tree === undefined) return undefined
  const compiled = new Map<AST.AST, (u: unknown) => R>()
  for (const member of ast.types) {
    const c = compileMember(member)
    if (c === undefined) return undefined
    compiled.set(member, c)
  }
  const pick = (members: ReadonlyArray<AST.AST>) => members.flatMap((member) => compiled.get(member) ?? [])
  const keyed = tree.keys.map(({ buckets, name }) => ({
    name,
    buckets: new Map(Array.from(buckets, ([literal, members]) => [literal, pick(members)]))
  }))
  const otherwise = literalRuns(tree.otherwise).map((run) => {
    if (Array.isArray(run)) {
      const literals = new Set<unknown>(run)
      return (u: unknown) => literals.has(u) ? literalHit(u) : miss
    }
    return compiled.get(run) ?? (() => miss)
  })
  const tryOtherwise = (u: unknown): R => {
    for (const member of otherwise) {
      const r = member(u)
      if (r !== miss) return r
    }
    return miss
  }
  if (keyed.length === 0) return tryOtherwise
  return (u) => {
    if (isRecordOrArray(u)) {
      for (const key of keyed) {
        if (!Object.hasOwn(u, key.name)) continue
        const tag = u[key.name]
        const bucket = key.buckets.get(typeof tag === "string" ? tag : String(tag))
        if (bucket === undefined) continue
        for (const member of bucket) {
          const r = member(u)
          if (r !== miss) return r
        }
      }
    }
    return tryOtherwise(u)
  }
}

/**
 * Groups consecutive plain `Literal` members into arrays of their values. A `NaN` literal is left
 * out: it never equals anything, while a `Set` would find it.
 */
const literalRuns = (members: ReadonlyArray<AST.AST>): Array<AST.AST | Array<AST.LiteralValue>> => {
  const runs: Array<AST.AST | Array<AST.LiteralValue>> = []
  let run: Array<AST.LiteralValue> | undefined
  for (const member of members) {
    if (AST.isLiteral(member) && !hasParserAnnotations(member)) {
      if (run === undefined) runs.push(run = [])
      if (!Number.isNaN(member.literal)) run.push(member.literal)
    } else {
      run = undefined
      runs.push(member)
    }
  }
  return runs
}

interface SearchTree {
  /** Discriminator keys in Effect's order, each mapping `String(literal)` to its candidate members. */
  readonly keys: ReadonlyArray<{ readonly name: PropertyKey; readonly buckets: Map<string, Array<AST.AST>> }>
  /** Members without a discriminator, tried after the keyed candidates. */
  readonly otherwise: ReadonlyArray<AST.AST>
}

/**
 * Effect's `getSearchTree` (internal to `effect/ParseResult`), reproduced so members are tried in
 * exactly Effect's order: a member is filed under its first discriminator whose literal is not yet
 * taken (or its last one). `undefined` for the odd names Effect's plain-object tables mishandle.
 */
const searchTree = (members: ReadonlyArray<AST.AST>): SearchTree | undefined => {
  // A plain object, like Effect's, so `Reflect.ownKeys` yields the keys in the same order.
  const table: Record<PropertyKey, Map<string, Array<AST.AST>>> = {}
  const otherwise: Array<AST.AST> = []
  for (const member of members) {
    const tags = discriminators(member)
    if (tags.length === 0) {
      otherwise.push(member)
      continue
    }
    for (let j = 0; j < tags.length; j++) {
      const tag = tags[j]
      if (tag === undefined) continue
      const [name, literal] = tag
      if (typeof name === "string" && name in Object.prototype) return undefined
      const hash = String(literal.literal)
      if (hash === "__proto__") return undefined
      const buckets = table[name] ??= new Map()
      const bucket = buckets.get(hash)
      if (bucket === undefined) {
        buckets.set(hash, [member])
        break
      }
      if (j === tags.length - 1) bucket.push(member)
    }
  }
  const keys = Reflect.ownKeys(table).flatMap((name) => {
    const buckets = table[name]
    return buckets === undefined ? [] : [{ name, buckets }]
  })
  return { keys, otherwise }
}

/** Effect's `getLiterals` when decoding: required properties (or elements) whose encoded type is a literal. */
const discriminators = (ast: AST.AST): ReadonlyArray<readonly [PropertyKey, AST.Literal]> => {
  switch (ast._tag) {
    case "Declaration": {
      const surrogate = AST.getSurrogateAnnotation(ast)
      return Option.isSome(surrogate) ? discriminators(surrogate.value) : []
    }
    case "TypeLiteral":
      return ast.propertySignatures.flatMap((ps) => {
        const type = AST.encodedAST(ps.type)
        return AST.isLiteral(type) && !ps.isOptional ? [[ps.name, type] as const] : []
      })
    case "TupleType":
      return ast.elements.flatMap((e, i) => {
        const type = AST.encodedAST(e.type)
        return AST.isLiteral(type) && !e.isOptional ? [[i, type] as const] : []
      })
    case "Refinement":
      return discriminators(ast.from)
    case "Suspend":
      return discriminators(ast.f())
    case "Transformation":
      return discriminators(ast.from)
  }
  return []
}
