// The wire contract's files (the OpenAPI document and a sample response; docs/wire-contract.md describes
// the contract in prose) live in `shared/cloudflare-api`, beside the repository folder, as CI lays it
// out. Tests read them from there when it is present, so they always check the current contract; a
// clone without it falls back to the snapshot in `test-support/contract/` (copied from shared/ on
// 2026-11-29), so the README's test command also passes on a plain fresh clone. CFBULK_CONTRACT_DIR
// names another folder.
import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const candidates = [
  process.env["CFBULK_CONTRACT_DIR"],
  fileURLToPath(new URL("../../shared/cloudflare-api", import.meta.url)),
  fileURLToPath(new URL("./contract", import.meta.url))
]

/** The text of one file of the wire contract, e.g. `sample-list-response.json`. */
export const readContractFile = (name: string): string => {
  const files = candidates.flatMap((dir) => dir === undefined ? [] : [`${dir.replace(/\/*$/, "")}/${name}`])
  const found = files.find((file) => existsSync(file))
  if (found === undefined) {
    throw new Error(`the wire contract file ${name} is in none of: ${files.join(", ")}`)
  }
  return readFileSync(found, "utf8")
}
