import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  getCommonInputs
} from "./chunks/chunk-PPYBU2EB.js";
import "./chunks/chunk-FTQVXRRL.js";
import "./chunks/chunk-IZDUDMWR.js";
import "./chunks/chunk-CN6ZETB5.js";
import {
  isUserError
} from "./chunks/chunk-ELOHUP5D.js";
import {
  error,
  setFailed
} from "./chunks/chunk-74APWY4Q.js";
import "./chunks/chunk-6JMLOLNZ.js";

// src/main.ts
async function run() {
  try {
    const inputs = getCommonInputs();
    switch (inputs.command) {
      case "detect":
        await (await import("./chunks/detect-BYNBIDJ2.js")).runDetectAction(inputs);
        break;
      case "train":
        await (await import("./chunks/train-7VH2FHGD.js")).runTrainAction(inputs);
        break;
      case "report":
        await (await import("./chunks/report-TMKFAS4D.js")).runReportAction(inputs);
        break;
      case "promote":
        await (await import("./chunks/promote-ASSI7WEJ.js")).runPromoteAction(inputs);
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

// src/index.ts
await run();
