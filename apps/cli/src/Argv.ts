// @effect/cli reads a parent command's options only before the subcommand, while people type
// `cfbulk list --verbose` as often as `cfbulk --verbose list`. So the global flags, wherever they
// stand, are moved in front of the subcommand before the parser sees the line.

interface GlobalFlag {
  readonly name: string
  readonly takesValue: boolean
}

export const globalFlags: ReadonlyArray<GlobalFlag> = [
  { name: "--account-id", takesValue: true },
  { name: "--base-url", takesValue: true },
  { name: "--timeout", takesValue: true },
  { name: "--max-retries", takesValue: true },
  { name: "--concurrency", takesValue: true },
  { name: "--verbose", takesValue: false },
  { name: "--quiet", takesValue: false }
]

export interface NormalizedArgv {
  /** `[node, script, ...globals, ...rest]`, ready for `Command.run`. */
  readonly argv: ReadonlyArray<string>
  /** The first word that is not a flag: the subcommand, if any. */
  readonly subcommand: string | undefined
  readonly verbose: boolean
  readonly quiet: boolean
  /** The global flags and their values, as moved to the front. */
  readonly globals: ReadonlyArray<string>
}

const flagOf = (token: string): { readonly flag: GlobalFlag; readonly inline: boolean } | undefined => {
  for (const flag of globalFlags) {
    if (token === flag.name) return { flag, inline: false }
    if (flag.takesValue && token.startsWith(flag.name + "=")) return { flag, inline: true }
  }
  return undefined
}

/** Moves every global flag (with its value) in front of the rest; stops at `--`. */
export const normalizeArgv = (argv: ReadonlyArray<string>): NormalizedArgv => {
  const head = argv.slice(0, 2)
  const rest = argv.slice(2)
  const globals: Array<string> = []
  const others: Array<string> = []
  let verbose = false
  let quiet = false
  for (let index = 0; index < rest.length; index++) {
    const token = rest[index] ?? ""
    if (token === "--") {
      others.push(...rest.slice(index))
      break
    }
    const found = flagOf(token)
    if (found === undefined) {
      others.push(token)
      continue
    }
    if (found.flag.name === "--verbose") verbose = true
    if (found.flag.name === "--quiet") quiet = true
    if (!found.flag.takesValue || found.inline) {
      globals.push(token)
      continue
    }
    const value = rest[index + 1]
    if (value === undefined) {
      // No value follows: leave the flag where it is, so the parser reports it there.
      others.push(token)
      continue
    }
    globals.push(token, value)
    index++
  }
  const subcommand = others.find((token) => !token.startsWith("-"))
  return { argv: [...head, ...globals, ...others], subcommand, verbose, quiet, globals }
}
