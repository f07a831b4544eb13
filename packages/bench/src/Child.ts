import { spawn } from "node:child_process"

/** Runs a command to completion, collecting its stdout; rejects with its stderr on a non-zero exit. */
export const run = (
  command: string,
  args: ReadonlyArray<string>,
  env: Record<string, string> = {},
  stdout: "pipe" | "ignore" = "pipe"
): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", stdout, "pipe"] })
    let out = ""
    let err = ""
    child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()))
    child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()))
    child.on("error", reject)
    child.on("exit", (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${command} ${args.join(" ")} exited with ${code}: ${err}`)))
  })
