// The wire contract (BULK-API.md, the OpenAPI document, a sample response) is not copied into the
// repository: it lives in `shared/cloudflare-api`, beside the repository folder, as CI lays it out.
// Every test reads it through here, so its location is written once and a missing folder says so.
import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const contractDir = process.env["CFBULK_CONTRACT_DIR"] ??
  fileURLToPath(new URL("../../shared/cloudflare-api/", import.meta.url))

/** The text of one file of the wire contract, e.g. `sample-list-response.json`. */
export const readContractFile = (name: string): string => {
  const file = `${contractDir.replace(/\/*$/, "")}/${name}`
  if (!existsSync(file)) {
    throw new Error(
      `the wire contract file ${file} is missing: these tests read ../shared/cloudflare-api beside the ` +
        `repository (as CI provides it), or the folder named by CFBULK_CONTRACT_DIR`
    )
  }
  return readFileSync(file, "utf8")
}
