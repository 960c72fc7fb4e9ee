import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  localMonitorResults
} from "./chunk-W4G3SKJM.js";
import {
  FsDeployments
} from "./chunk-S7CHGICI.js";
import {
  GitBranchHistory
} from "./chunk-DBIO4U6Y.js";
import {
  FsArtifactStore,
  FsWorkflowRuns,
  localRunContext
} from "./chunk-B7E6KWAC.js";
import {
  openLocalWorkspace,
  userName
} from "./chunk-I4YPZPFZ.js";
import "./chunk-TM5U5NKY.js";
import {
  status
} from "./chunk-M4SKUKE2.js";
import "./chunk-U2A4AV3N.js";
import "./chunk-FLQGHEHB.js";
import "./chunk-4VEFXRG7.js";
import "./chunk-CPDECAPN.js";
import "./chunk-F7IPPOV2.js";
import "./chunk-TR5HTG53.js";
import "./chunk-KI7WHRU4.js";
import {
  NodeFileSystem
} from "./chunk-NM4CCGW3.js";
import "./chunk-FNDP2GQY.js";
import "./chunk-Z62BL5T3.js";
import "./chunk-UUCS4V4X.js";
import "./chunk-MIR6WUZ2.js";
import "./chunk-LYO4JN6R.js";
import "./chunk-CYNM7F7O.js";
import "./chunk-FTQVXRRL.js";
import {
  terminalLogger
} from "./chunk-YOF6SXVJ.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-YUSQHEK4.js";
import "./chunk-WQATJMJ6.js";
import "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/status-command.ts
import { resolve } from "node:path";
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
