import type { NormalizedArgv } from "./Argv.js"
import { commandDescriptions, globalOptionDescriptions, rootDescription } from "./Descriptions.js"
import * as Tty from "./io/Tty.js"
import { version } from "./version.js"

/** `cfbulk`, `cfbulk --help`, `cfbulk -h`, with or without global options: the overview. */
export const wantsRootHelp = (normalized: NormalizedArgv): boolean => {
  const rest = normalized.argv.slice(2).filter((token) => !normalized.globals.includes(token))
  return rest.length === 0 || (rest.length === 1 && (rest[0] === "--help" || rest[0] === "-h"))
}

const globalValues: Record<keyof typeof globalOptionDescriptions, string> = {
  "account-id": " ID",
  "base-url": " URL",
  timeout: " DURATION",
  "max-retries": " N",
  concurrency: " N",
  verbose: "",
  quiet: ""
}

const rows = (entries: ReadonlyArray<readonly [string, string]>, bold: (text: string) => string): string => {
  const width = Math.max(...entries.map(([name]) => name.length)) + 2
  return entries.map(([name, text]) => `  ${bold(name.padEnd(width))}${text}`).join("\n")
}

/**
 * The overview of every command, written by hand rather than rendered by @effect/cli: it lists each
 * command on one line, and printing it needs none of Effect (a third of the start-up time).
 */
export const rootHelp = (): string => {
  const color = Tty.colorStdout()
  const bold = (text: string) => (color ? `\u001b[1m${text}\u001b[22m` : text)
  const heading = (text: string) => bold(text)
  const commands = Object.entries(commandDescriptions)
  const globals = Object.entries(globalOptionDescriptions).map(([name, text]) =>
    [`--${name}${globalValues[name as keyof typeof globalValues]}`, text] as const
  )
  return [
    `${bold("cfbulk")} ${version}: ${rootDescription}`,
    "",
    heading("USAGE"),
    "  cfbulk <command> [options]          cfbulk <command> --help for a command's options",
    "",
    heading("COMMANDS"),
    rows(commands, bold),
    "",
    heading("GLOBAL OPTIONS") + " (before or after the command)",
    rows(globals, bold),
    "",
    heading("MORE"),
    rows([
      ["--help, -h", "This overview; after a command, that command's options"],
      ["--version", "Print the version"],
      ["--completions SHELL", "Print a completion script for sh, bash, fish or zsh"]
    ], bold),
    "",
    heading("ENVIRONMENT"),
    rows([
      ["CLOUDFLARE_API_TOKEN", "The API token (or CLOUDFLARE_EMAIL with CLOUDFLARE_API_KEY); never a flag"],
      ["CLOUDFLARE_ACCOUNT_ID", "The account, unless --account-id"],
      ["CLOUDFLARE_BASE_URL", "The API, unless --base-url (e.g. the emulator's)"],
      ["NO_COLOR", "Set to anything to turn colours off"],
      ["CFBULK_HEAP_TUNING", "0 keeps V8's own heap sizing: less CPU, more memory"]
    ], bold),
    "",
    heading("EXIT CODES"),
    "  0 success   1 API or network failure, or retry left messages undone",
    "  2 usage error (nothing was sent)   3 the watched job ended FAILED or CANCELLED",
    "  4 credentials refused (401/403)",
    "",
    heading("START HERE"),
    "  cfbulk demo      a tour against a local emulator, no account needed",
    ""
  ].join("\n")
}
