import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { cliPath } from "./Cli.js"

export interface TerminalResult {
  readonly code: number | null
  /** Everything the terminal showed: stderr only, as stdout went to a file. Raw, escape codes included. */
  readonly terminal: string
  /** What the CLI wrote to stdout, byte for byte. */
  readonly stdout: Buffer
}

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`

/**
 * Runs the built CLI with stdin and stderr on a pseudo-terminal (util-linux `script`), 80 columns
 * wide (`$COLUMNS`: the pty `script` opens without a terminal of its own has no size), and stdout
 * redirected to a file inside the command, so the terminal and stdout are captured apart. `typed` is
 * typed at the terminal (an answer to a prompt).
 */
export const runOnTerminal = (
  args: ReadonlyArray<string>,
  env: Readonly<Record<string, string>>,
  killAfterMs = 40_000,
  typed?: string
): Promise<TerminalResult> =>
  new Promise((resolve, reject) => {
    const dir = mkdtempSync(join(tmpdir(), "cfbulk-tty-"))
    const out = join(dir, "stdout")
    const command = `${[process.execPath, cliPath, ...args].map(quote).join(" ")} > ${quote(out)}`
    const child = spawn("script", ["-qec", command, "/dev/null"], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", COLUMNS: "80", ...env },
      // stdin stays open: `script` stops at the end of its input.
      stdio: ["pipe", "pipe", "pipe"]
    })
    if (typed !== undefined) child.stdin.write(typed)
    let terminal = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (terminal += chunk))
    const timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs)
    child.on("error", reject)
    child.on("close", (code) => {
      clearTimeout(timer)
      try {
        resolve({ code, terminal, stdout: readFileSync(out) })
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })

/**
 * What a terminal shows of `raw` line by line, as pieces: every `\r` or `\n` starts one, and escape
 * codes are dropped. Each live line drawn is one piece.
 */
export const screenPieces = (raw: string): ReadonlyArray<string> =>
  raw.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "").split(/\r|\n/).filter((piece) => piece !== "")
