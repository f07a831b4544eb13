// What each command is for, in one line: shared by each command's own help (@effect/cli) and the
// root help, which is printed without loading Effect so that `cfbulk --help` starts fast.

export const commandDescriptions = {
  list: "List bulk jobs, newest first, streaming page after page",
  get: "Show one job: status, counters, search, dates",
  create: "Start a MOVE or RELEASE job over every message a search matches (asks first; --yes in scripts)",
  cancel: "Cancel a job: stops its pending messages (asks first; --yes in scripts)",
  delete: "Delete a finished job (COMPLETED, FAILED or CANCELLED; asks first; --yes in scripts)",
  messages: "List the messages of a job and what happened to each",
  watch: "Follow a job until it finishes, with progress on stderr; exit 3 if it FAILED or was CANCELLED",
  retry:
    "Move or release again the messages a finished job left FAILED, one row each (asks first; --yes in scripts)",
  emulator: "Serve a local emulator of the bulk jobs API on loopback until Ctrl-C",
  demo:
    "A tour with no account: a local emulator, its jobs, a MOVE job created, watched and its failures retried"
} as const

export const globalOptionDescriptions = {
  "account-id": "The Cloudflare account id (default: $CLOUDFLARE_ACCOUNT_ID)",
  "base-url": "The API base URL (default: $CLOUDFLARE_BASE_URL, else https://api.cloudflare.com/client/v4)",
  timeout: "Per-request timeout, e.g. 30s (default 30s)",
  "max-retries": "Retries of a transient failure, 0-20 (default 4)",
  concurrency: "Pages fetched in parallel once a listing is long, 1-16 (default 4)",
  verbose: "Log every request (method, path, status, time, retries) on stderr, and stacks on errors",
  quiet: "Only errors on stderr: no waits announced, no progress line, no notes"
} as const

export const rootDescription =
  "Manage Cloudflare Email Security bulk action jobs (Investigate API): list, inspect, " +
  "create, cancel, delete and watch jobs that MOVE or RELEASE every message matching a search, " +
  "and retry the messages a job left FAILED."
