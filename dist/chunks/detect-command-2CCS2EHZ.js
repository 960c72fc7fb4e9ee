import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  GitBranchHistory
} from "./chunk-DBIO4U6Y.js";
import {
  FsArtifactStore,
  FsWorkflowRuns,
  LOCAL_WORKFLOW_ID,
  gitlabRunContext,
  localRunContext,
  warnIfUncommitted
} from "./chunk-B7E6KWAC.js";
import {
  openLocalWorkspace
} from "./chunk-I4YPZPFZ.js";
import {
  isGitLabJob,
  parentPipelineVariables
} from "./chunk-TM5U5NKY.js";
import {
  describeLookalikes,
  detect
} from "./chunk-H245T2DE.js";
import "./chunk-DRPRXASB.js";
import "./chunk-L3QIWTCR.js";
import "./chunk-T5MJI2ZD.js";
import {
  newestLedger
} from "./chunk-KI7WHRU4.js";
import "./chunk-FNDP2GQY.js";
import "./chunk-Z62BL5T3.js";
import "./chunk-UUCS4V4X.js";
import "./chunk-MIR6WUZ2.js";
import {
  count
} from "./chunk-LYO4JN6R.js";
import "./chunk-CYNM7F7O.js";
import "./chunk-FTQVXRRL.js";
import {
  terminalLogger
} from "./chunk-YOF6SXVJ.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-YUSQHEK4.js";
import {
  MAX_MATRIX_JOBS
} from "./chunk-WQATJMJ6.js";
import {
  escapeControlCharacters
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/detect-command.ts
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
async function detectCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }));
  const runs = new FsWorkflowRuns(workspace.root);
  const options = { ...line.trigger, defaultBranch: line.common.defaultBranch };
  const local = isGitLabJob(process.env) ? gitlabRunContext(process.env, options) : await localRunContext(workspace, runs, options);
  const detected = await detect(
    { ...workspace.ports, ledger: /* @__PURE__ */ __name(() => localLedger(workspace, runs, local.context.defaultBranch), "ledger") },
    { context: local.context, models: local.models, modelsShownAs: local.modelsShownAs ?? "--models", checkoutAdvice: local.checkoutAdvice, configFile: workspace.configFile, maxJobs: line.maxJobs, jobs: line.jobs }
  );
  warnIfUncommitted(workspace);
  terminal.out(`detect: ${local.description}`);
  const entries = detected.matrix.include;
  if (detected.models.length === 0) {
    terminal.out("No model changed.");
  } else if (entries.length < detected.models.length) {
    terminal.out(`${detected.models.length} model(s) to train, more than --max-jobs ${line.maxJobs ?? MAX_MATRIX_JOBS}: in ${count(entries.length, "job")} of GitHub's matrix`);
    for (const entry of entries) {
      const runsOn = Array.isArray(entry["runs-on"]) ? entry["runs-on"].join(", ") : entry["runs-on"];
      const atOnce = entry.jobs > 1 ? `, ${entry.jobs} at a time` : "";
      terminal.out(`  ${entry.batch}  ${runsOn}, python ${entry.python}, ${entry["timeout-minutes"]} min${atOnce}: ${entry.models.join(", ")}`);
    }
  } else {
    terminal.out(`${detected.models.length} model(s) to train:`);
    const width = Math.max(0, ...detected.models.map((model) => model.length));
    for (const entry of entries) terminal.out(`  ${entry.model.padEnd(width)}  ${entry.path}`);
  }
  if (detected.deleted.length > 0) terminal.out(`Deleted: ${detected.deleted.join(", ")}`);
  const lookalikes = describeLookalikes(detected.lookalikes, escapeControlCharacters);
  if (lookalikes) terminal.out(lookalikes);
  if (line.gitlabChildPipeline !== void 0) {
    const file = resolve(line.gitlabChildPipeline);
    await mkdir(dirname(file), { recursive: true });
    const { renderChildPipeline } = await import("./child-pipeline-P76XNWY2.js");
    const parent = isGitLabJob(process.env) ? parentPipelineVariables(process.env) : void 0;
    await writeFile(file, renderChildPipeline(entries, { command: process.env.MODEL_CI, setup: process.env.MODEL_CI_SETUP, parent }));
    terminal.out(
      entries.length === 0 ? `Wrote the GitLab child pipeline ${line.gitlabChildPipeline}: one job saying that no model changed` : `Wrote the GitLab child pipeline ${line.gitlabChildPipeline}: ${count(entries.length, "training job")} and a report job`
    );
  }
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
