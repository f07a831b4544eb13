import * as Command from "@effect/cli/Command"
import { create } from "./commands/Create.js"
import { demo } from "./commands/Demo.js"
import { get } from "./commands/Get.js"
import { cancel, deleteJob } from "./commands/JobActions.js"
import { list } from "./commands/ListJobs.js"
import { messages } from "./commands/Messages.js"
import { retry } from "./commands/Retry.js"
import { emulator } from "./commands/ServeEmulator.js"
import { watch } from "./commands/Watch.js"
import { rootDescription } from "./Descriptions.js"
import { cfbulk } from "./GlobalOptions.js"
import { version } from "./version.js"

export const command = cfbulk.pipe(
  Command.withDescription(rootDescription),
  Command.withSubcommands([list, get, create, cancel, deleteJob, messages, watch, retry, emulator, demo])
)

export const run = Command.run(command, { name: "cfbulk", version })
