import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"

// The end-to-end tests run the built CLI, exactly as users get it: build it once per run, with the
// same script as `pnpm bundle` (esbuild's API directly, no pnpm start-up).
export default function setup() {
  const script = fileURLToPath(new URL("../scripts/bundle.mjs", import.meta.url))
  execFileSync(process.execPath, [script], { stdio: "inherit" })
}
