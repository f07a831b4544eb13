import * as Command from "@effect/cli/Command"
import { cancel } from "./commands/Cancel.js"
import { create } from "./commands/Create.js"
import { deleteJob } from "./commands/Delete.js"
import { get } from "./commands/Get.js"
import { list } from "./commands/List.js"
import { messages } from "./commands/Messages.js"
import { watch } from "./commands/Watch.js"
import { cfbulk } from "./GlobalOptions.js"
import { version } from "./version.js"

export const command = cfbulk.pipe(
  Command.withDescription(
    "Manage Cloudflare Email Security bulk action jobs. Credentials come from the environment only: " +
      "CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL with CLOUDFLARE_API_KEY. Exit codes: 0 ok, 1 API or " +
      "network failure, 2 usage error (nothing sent), 3 watched job FAILED or CANCELLED, 4 credentials refused."
  ),
  Command.withSubcommands([list, get, create, cancel, deleteJob, messages, watch])
)

export const run = Command.run(command, { name: "cfbulk", version })
