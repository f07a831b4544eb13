import { normalizeArgv } from "./Argv.js"
import { tuneHeapForStreaming } from "./HeapTuning.js"
import { rootHelp, wantsRootHelp } from "./RootHelp.js"

// The entry point loads Effect only when a command needs it: the overview (`cfbulk`, `cfbulk --help`)
// is printed straight away, and everything else is in Main, imported on demand.
const normalized = normalizeArgv(process.argv)

if (wantsRootHelp(normalized)) {
  process.stdout.write(rootHelp())
} else {
  tuneHeapForStreaming()
  void import("./Main.js").then((main) => main.main(normalized))
}
