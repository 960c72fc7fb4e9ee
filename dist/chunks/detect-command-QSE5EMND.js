import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  GitBranchHistory
} from "./chunk-KOVMKFNM.js";
import {
  FsArtifactStore,
  FsWorkflowRuns,
  LOCAL_WORKFLOW_ID,
  localRunContext,
  warnIfUncommitted
} from "./chunk-VQ2W4V2V.js";
import {
  openLocalWorkspace
} from "./chunk-XHW3M24K.js";
import {
  detect
} from "./chunk-CBTEQPWC.js";
import "./chunk-V6DPZE2M.js";
import "./chunk-DNO72XF2.js";
import {
  count
} from "./chunk-GZSWI5FM.js";
import {
  newestLedger
} from "./chunk-32ITZCBF.js";
import {
  NodeFileSystem
} from "./chunk-QDBZXAKU.js";
import "./chunk-ZJVOS6DH.js";
import "./chunk-OXHN6L66.js";
import "./chunk-GRJJC6DV.js";
import "./chunk-FTQVXRRL.js";
import {
  terminalLogger
} from "./chunk-7VA3MYRA.js";
import "./chunk-RGQSQ6VL.js";
import "./chunk-YDZ74IX5.js";
import {
  MAX_MATRIX_JOBS
} from "./chunk-CN6ZETB5.js";
import "./chunk-625YEXAI.js";
import {
  __name
} from "./chunk-752PIHHL.js";

// src/cli/detect-command.ts
import { tmpdir } from "node:os";
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
  const found = await newestLedger({ runs, artifacts, history: new GitBranchHistory(workspace.git), files: new NodeFileSystem(), logger }, { branch, workflowId: LOCAL_WORKFLOW_ID, tempDir: tmpdir() });
  return found?.ledger;
}
__name(localLedger, "localLedger");
export {
  detectCommand
};
