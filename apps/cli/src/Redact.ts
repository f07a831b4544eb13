// The last line of defence for credentials: whatever reaches stderr (errors, verbose logs, stack
// traces) is scrubbed of the values of the credential variables, should a server or a library
// ever echo one back.

const secretVariables = ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_API_KEY", "CLOUDFLARE_EMAIL"] as const

const secrets = (): ReadonlyArray<string> =>
  secretVariables
    .map((name) => (process.env[name] ?? "").trim())
    // Very short values would blank out ordinary words; they are not worth hiding anyway.
    .filter((value) => value.length >= 4)

export const redact = (text: string): string => {
  let result = text
  for (const secret of secrets()) result = result.split(secret).join("[redacted]")
  return result
}
