import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  GitBranchHistory
} from "./chunk-DBIO4U6Y.js";
import {
  FsArtifactStore,
  FsWorkflowRuns,
  localRunContext
} from "./chunk-U2ACJGN4.js";
import {
  FsDeployments
} from "./chunk-UT6DYND2.js";
import {
  openLocalWorkspace,
  recordIds,
  recordPath,
  userName
} from "./chunk-YX3A74N5.js";
import "./chunk-TM5U5NKY.js";
import {
  MAX_MONITOR_BYTES,
  parseMonitorResult,
  status
} from "./chunk-JCU3JSU6.js";
import "./chunk-GTP67OPP.js";
import "./chunk-CPDECAPN.js";
import "./chunk-PDL7YCRB.js";
import "./chunk-TR5HTG53.js";
import "./chunk-FFXDAWW4.js";
import "./chunk-BLVXZADQ.js";
import {
  NodeFileSystem
} from "./chunk-NM4CCGW3.js";
import "./chunk-CGZP7PIJ.js";
import "./chunk-UUCS4V4X.js";
import "./chunk-Z62BL5T3.js";
import "./chunk-MIR6WUZ2.js";
import "./chunk-SOG5FYFF.js";
import {
  LOCAL_STATE_DIR
} from "./chunk-SYJRFNCZ.js";
import "./chunk-CYNM7F7O.js";
import "./chunk-FTQVXRRL.js";
import {
  terminalLogger
} from "./chunk-2X4NOLIR.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-A6P4TVDK.js";
import "./chunk-CN6ZETB5.js";
import {
  isUserError
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/status-command.ts
import { resolve } from "node:path";

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

// src/cli/status-command.ts
async function statusCommand(line, terminal) {
  const logger = terminalLogger(terminal, { verbose: false });
  const workspace = await openLocalWorkspace(line.common.repo, logger);
  const runs = new FsWorkflowRuns(workspace.root);
  const { context } = await localRunContext(workspace, runs, { defaultBranch: line.common.defaultBranch });
  const statusFile = line.markdown === void 0 ? void 0 : resolve(line.markdown);
  const result = await status(
    {
      ...workspace.ports,
      deployments: new FsDeployments(workspace.root, await userName(workspace.root), logger),
      runs,
      // Reads any local run's artifacts by the run id it is asked about.
      artifacts: new FsArtifactStore(workspace.root, 0, logger),
      history: new GitBranchHistory(workspace.git),
      files: new NodeFileSystem(),
      now: /* @__PURE__ */ __name(() => /* @__PURE__ */ new Date(), "now"),
      monitorResults: /* @__PURE__ */ __name((limit) => localMonitorResults(workspace.root, logger, limit), "monitorResults")
    },
    { configFile: workspace.configFile, defaultBranch: context.defaultBranch, statusFile }
  );
  terminal.out(result.text.replace(/\n+$/, ""));
  if (statusFile !== void 0) terminal.out(`
The page, with its charts: ${statusFile}`);
  return 0;
}
__name(statusCommand, "statusCommand");
export {
  statusCommand
};
