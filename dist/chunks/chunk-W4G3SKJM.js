import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  recordIds,
  recordPath
} from "./chunk-I4YPZPFZ.js";
import {
  MAX_MONITOR_BYTES,
  parseMonitorResult
} from "./chunk-U2A4AV3N.js";
import {
  LOCAL_STATE_DIR
} from "./chunk-LYO4JN6R.js";
import {
  isUserError
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/local-monitor-results.ts
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
function localMonitorDir(root) {
  return join(root, LOCAL_STATE_DIR, "monitor");
}
__name(localMonitorDir, "localMonitorDir");
async function localMonitorResults(root, logger, limit) {
  const directory = localMonitorDir(root);
  const results = [];
  for (const id of await recordIds(directory)) {
    if (results.length >= limit) break;
    const path = recordPath(directory, id);
    const source = `${LOCAL_STATE_DIR}/monitor/${id}.json`;
    try {
      const { size } = await stat(path);
      if (size > MAX_MONITOR_BYTES) throw new Error(`it is ${size} bytes, more than the ${MAX_MONITOR_BYTES} model-ci reads`);
      results.push(parseMonitorResult(await readFile(path, "utf8"), source));
    } catch (error) {
      if (!isUserError(error) && !(error instanceof Error)) throw error;
      logger.warning(`${isUserError(error) ? error.message : `${source}: ${error.message}`}; it was skipped`);
    }
  }
  return results;
}
__name(localMonitorResults, "localMonitorResults");

export {
  localMonitorDir,
  localMonitorResults
};
