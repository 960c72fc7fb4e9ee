import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  getCommonInputs
} from "./chunks/chunk-VU7LKL36.js";
import "./chunks/chunk-FTQVXRRL.js";
import "./chunks/chunk-QBETYKPB.js";
import "./chunks/chunk-CN6ZETB5.js";
import {
  isUserError
} from "./chunks/chunk-625YEXAI.js";
import {
  error,
  setFailed
} from "./chunks/chunk-ES5T7FVD.js";
import {
  __name
} from "./chunks/chunk-752PIHHL.js";

// src/main.ts
async function run() {
  try {
    const inputs = getCommonInputs();
    switch (inputs.command) {
      case "detect":
        await (await import("./chunks/detect-QJ5QAUDI.js")).runDetectAction(inputs);
        break;
      case "train":
        await (await import("./chunks/train-HP6SL6HV.js")).runTrainAction(inputs);
        break;
      case "report":
        await (await import("./chunks/report-APSWWF7G.js")).runReportAction(inputs);
        break;
      case "promote":
        await (await import("./chunks/promote-LJ4AUQLN.js")).runPromoteAction(inputs);
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
