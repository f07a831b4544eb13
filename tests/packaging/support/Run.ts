import { spawn } from "node:child_process"

export interface RunResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

export interface RunOptions {
  readonly cwd: string
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Kill the process after this long, so a hung command fails its test instead of the run. */
  readonly killAfterMs?: number
}

/**
 * This process's environment without what pnpm and vitest add to it (npm_config_* settings, VITEST*),
 * so that npm, tsc and a nested vitest run as they would in a user's shell.
 */
export const userEnv = (): Record<string, string | undefined> =>
  Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|VITEST|TEST$|NODE_ENV$)/i.test(key))
  )

/** Runs a command to its end and collects what it printed; never rejects on a non-zero exit. */
export const run = (command: string, args: ReadonlyArray<string>, options: RunOptions): Promise<RunResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...userEnv(), ...options.env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => child.kill("SIGKILL"), options.killAfterMs ?? 110_000)
    child.on("error", reject)
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })

/** Like `run`, but a non-zero exit fails with everything the command printed. */
export const runOk = async (
  command: string,
  args: ReadonlyArray<string>,
  options: RunOptions
): Promise<RunResult> => {
  const result = await run(command, args, options)
  if (result.code !== 0) {
    throw new Error(
      `${command} ${
        args.join(" ")
      } exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`
    )
  }
  return result
}

/**
 * How to call pnpm: the one running this process when there is one (`pnpm test`), else through npx,
 * as on a machine with no global pnpm.
 */
export const pnpmCommand = (): readonly [string, ReadonlyArray<string>] => {
  const execPath = process.env.npm_execpath
  return execPath !== undefined && /pnpm/.test(execPath)
    ? [process.execPath, [execPath]]
    : ["npx", ["-y", "pnpm@10"]]
}
