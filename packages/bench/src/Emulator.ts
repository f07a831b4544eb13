import { type ChildProcess, spawn } from "node:child_process"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"

export const emulatorBin = fileURLToPath(new URL("../../emulator/bin/cfbulk-emulator.mjs", import.meta.url))
export const accountId = "023e105f4ecef8ad9ca31a8372d0c353"
export const token = "cfbulk-bench-token"

export interface RunningEmulator {
  readonly url: string
  readonly process: ChildProcess
  readonly stop: () => Promise<void>
}

/** Starts the emulator's bundled bin on loopback and waits for its `listening on …` line. */
export const startEmulator = (flags: ReadonlyArray<string>): Promise<RunningEmulator> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [emulatorBin, "--port", "0", "--token", token, "--account-id", accountId, ...flags],
      { stdio: ["ignore", "pipe", "pipe"] }
    )
    let stderr = ""
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    child.on("exit", (code) => reject(new Error(`the emulator exited with ${code}: ${stderr}`)))
    createInterface({ input: child.stdout }).on("line", (line) => {
      const match = /listening on (\S+)/.exec(line)
      if (match?.[1] === undefined) return
      resolve({
        url: match[1],
        process: child,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners("exit")
            child.once("exit", () => done())
            child.kill("SIGTERM")
          })
      })
    })
  })
