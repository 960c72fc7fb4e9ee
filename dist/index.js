import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  getCommonInputs
} from "./chunks/chunk-32D2ULUP.js";
import "./chunks/chunk-FTQVXRRL.js";
import "./chunks/chunk-V6RXHKOK.js";
import "./chunks/chunk-WQATJMJ6.js";
import {
  error,
  setFailed
} from "./chunks/chunk-MUZ4VW64.js";
import {
  isUserError
} from "./chunks/chunk-MBJX3N7S.js";
import {
  __name
} from "./chunks/chunk-56XKJLMR.js";

// src/main.ts
async function run() {
  try {
    const inputs = getCommonInputs();
    switch (inputs.command) {
      case "detect":
        await (await import("./chunks/detect-TK4IIY2U.js")).runDetectAction(inputs);
        break;
      case "train":
        await (await import("./chunks/train-RUFROKWZ.js")).runTrainAction(inputs);
        break;
      case "report":
        await (await import("./chunks/report-PY7U5VTL.js")).runReportAction(inputs);
        break;
      case "promote":
        await (await import("./chunks/promote-SUIW5IUY.js")).runPromoteAction(inputs);
        break;
      case "status":
        await (await import("./chunks/status-MTD5A5YU.js")).runStatusAction(inputs);
        break;
      case "monitor":
        await (await import("./chunks/monitor-7A5S7SB6.js")).runMonitorAction(inputs);
        break;
    }
  } catch (error2) {
    if (isUserError(error2)) {
      error(error2.message, { title: "model-ci", file: error2.file });
      process.exitCode = 1;
    } else {
      setFailed(error2 instanceof Error ? error2.stack ?? error2.message : String(error2));
    }
  }
}
__name(run, "run");

// src/index.ts
await run();
