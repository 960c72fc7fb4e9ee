import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  GitBranchHistory
} from "./chunk-DBIO4U6Y.js";
import {
  FsArtifactStore,
  FsWorkflowRuns,
  LOCAL_WORKFLOW_ID,
  localRunContext,
  warnIfUncommitted
} from "./chunk-2TI6Z6IV.js";
import {
  openLocalWorkspace
} from "./chunk-7G5T3JI6.js";
import {
  detect
} from "./chunk-LYXONU6R.js";
import "./chunk-6EGKVPNM.js";
import {
  newestLedger
} from "./chunk-PERBXDBL.js";
import "./chunk-7KWYGHE4.js";
import "./chunk-U4TIC4V3.js";
import "./chunk-WOHD2INY.js";
import {
  count
} from "./chunk-SOG5FYFF.js";
import "./chunk-WRDFV4U7.js";
import "./chunk-CYNM7F7O.js";
import "./chunk-FTQVXRRL.js";
import {
  terminalLogger
} from "./chunk-L42OKSD7.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-AXN4SUJJ.js";
import {
  MAX_MATRIX_JOBS
} from "./chunk-CN6ZETB5.js";
import "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/detect-command.ts
async function detectCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }));
  const runs = new FsWorkflowRuns(workspace.root);
  const local = await localRunContext(workspace, runs, { ...line.trigger, defaultBranch: line.common.defaultBranch });
  const detected = await detect(
    { ...workspace.ports, ledger: /* @__PURE__ */ __name(() => localLedger(workspace, runs, local.context.defaultBranch), "ledger") },
    { context: local.context, models: local.models, configFile: workspace.configFile, maxJobs: line.maxJobs }
  );
  await warnIfUncommitted(workspace);
  terminal.out(`detect: ${local.description}`);
  const entries = detected.matrix.include;
  if (detected.models.length === 0) {
    terminal.out("No model changed.");
  } else if (entries.length < detected.models.length) {
    terminal.out(`${detected.models.length} model(s) to train, more than --max-jobs ${line.maxJobs ?? MAX_MATRIX_JOBS}: in ${count(entries.length, "job")} of GitHub's matrix`);
    for (const entry of entries) {
      const runsOn = Array.isArray(entry["runs-on"]) ? entry["runs-on"].join(", ") : entry["runs-on"];
      terminal.out(`  ${entry.batch}  ${runsOn}, python ${entry.python}, ${entry["timeout-minutes"]} min: ${entry.models.join(", ")}`);
    }
  } else {
    terminal.out(`${detected.models.length} model(s) to train:`);
    const width = Math.max(0, ...detected.models.map((model) => model.length));
    for (const entry of entries) terminal.out(`  ${entry.model.padEnd(width)}  ${entry.path}`);
  }
  if (detected.deleted.length > 0) terminal.out(`Deleted: ${detected.deleted.join(", ")}`);
  return 0;
}
__name(detectCommand, "detectCommand");
async function localLedger(workspace, runs, branch) {
  const logger = workspace.ports.logger;
  const artifacts = new FsArtifactStore(workspace.root, 0, logger);
  const found = await newestLedger({ runs, artifacts, history: new GitBranchHistory(workspace.git), logger }, { branch, workflowId: LOCAL_WORKFLOW_ID });
  return found?.ledger;
}
__name(localLedger, "localLedger");
export {
  detectCommand
};
