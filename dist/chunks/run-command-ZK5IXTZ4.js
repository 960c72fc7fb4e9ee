import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  trainLocally,
  trainingsAtOnceLocally
} from "./chunk-OYIUNZLV.js";
import "./chunk-V5KAG4N6.js";
import {
  reportLocally
} from "./chunk-XL7BMJIV.js";
import {
  FsDeployments
} from "./chunk-S7CHGICI.js";
import {
  GitBranchHistory
} from "./chunk-DBIO4U6Y.js";
import {
  FsArtifactStore,
  FsWorkflowRuns,
  localRunContext,
  trainRunOf,
  warnIfUncommitted
} from "./chunk-B7E6KWAC.js";
import {
  openLocalWorkspace,
  prepareStateDir,
  userName
} from "./chunk-I4YPZPFZ.js";
import "./chunk-TM5U5NKY.js";
import {
  describeLookalikes,
  detect
} from "./chunk-H245T2DE.js";
import "./chunk-DRPRXASB.js";
import "./chunk-4UTYDFXH.js";
import "./chunk-YMBPVG4G.js";
import "./chunk-L3QIWTCR.js";
import {
  promoteAutomatically
} from "./chunk-SBDO52S7.js";
import {
  autoRunRefusal
} from "./chunk-HM7PB2VM.js";
import "./chunk-ROSOMCWV.js";
import "./chunk-YZHWO5F3.js";
import {
  trackingConnector
} from "./chunk-5UWSSAHD.js";
import {
  hashTree
} from "./chunk-V7WXQM7V.js";
import "./chunk-L7GLD6KN.js";
import "./chunk-5TDFY2OQ.js";
import "./chunk-UEYPEA26.js";
import "./chunk-T5MJI2ZD.js";
import "./chunk-LNU257AZ.js";
import "./chunk-54F34Y4H.js";
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
import {
  count
} from "./chunk-LYO4JN6R.js";
import "./chunk-CYNM7F7O.js";
import "./chunk-FTQVXRRL.js";
import {
  paint,
  terminalLogger
} from "./chunk-YOF6SXVJ.js";
import "./chunk-AFTLNK3V.js";
import "./chunk-C7AT6DMJ.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-YUSQHEK4.js";
import "./chunk-WQATJMJ6.js";
import "./chunk-RTT2E5ZA.js";
import {
  escapeControlCharacters
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/local-auto-promotion.ts
import { join } from "node:path";
var LOCAL_WORKFLOW_NAME = "local";
async function promoteLocallyAutomatically(workspace, runs, terminal, run) {
  if (autoRunRefusal(run.context) !== void 0) return void 0;
  const actor = await userName(workspace.root);
  const result = await promoteAutomatically(
    {
      ...workspace.ports,
      artifacts: new FsArtifactStore(workspace.root, run.id, workspace.ports.logger),
      runs,
      history: new GitBranchHistory(workspace.git),
      deployments: new FsDeployments(workspace.root, actor, workspace.ports.logger),
      hashTree,
      files: new NodeFileSystem(),
      now: /* @__PURE__ */ __name(() => /* @__PURE__ */ new Date(), "now"),
      tracking: trackingConnector(process.env)
    },
    {
      configFile: workspace.configFile,
      context: run.context,
      run: { id: run.id, attempt: 1, url: run.url, workflowName: LOCAL_WORKFLOW_NAME },
      expectedModels: run.models,
      actor,
      destination: /* @__PURE__ */ __name((environment, model) => join(workspace.stateDir, "promoted", environment, model), "destination")
    }
  );
  if (result.environments.length === 0) return void 0;
  terminal.separate();
  terminal.out(paint(terminal, "bold", `Automatic promotion to ${result.environments.join(", ")}:`));
  for (const promotion of result.promoted) {
    const was = promotion.previousVersion === null ? "nothing was live" : `was ${promotion.previousVersion}`;
    terminal.out(`  ${promotion.model} ${promotion.version} promoted to ${promotion.environment} (${was})`);
  }
  for (const entry of result.notPromoted) terminal.out(`  ${entry.model} not promoted to ${entry.environment}: ${entry.reason}`);
  if (result.promoted.length === 0 && result.notPromoted.length === 0) terminal.out("  no model of this run to promote");
  return result;
}
__name(promoteLocallyAutomatically, "promoteLocallyAutomatically");

// src/cli/run-command.ts
async function runCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: line.verbose }));
  const runs = new FsWorkflowRuns(workspace.root);
  const local = await localRunContext(workspace, runs, { ...line.trigger, defaultBranch: line.common.defaultBranch });
  const detected = await detect(workspace.ports, { context: local.context, models: local.models, modelsShownAs: "--models", configFile: workspace.configFile, maxJobs: Number.MAX_SAFE_INTEGER });
  await prepareStateDir(workspace);
  const uncommittedFiles = warnIfUncommitted(workspace);
  terminal.out(paint(terminal, "bold", `model-ci run: ${local.description}`));
  if (line.maxJobs !== void 0) {
    terminal.out(`Note: --max-jobs groups the jobs of GitHub's matrix (see model-ci detect --max-jobs); a local run trains each model on its own, ${line.jobs} at a time (-j)`);
  }
  if (detected.deleted.length > 0) terminal.out(`Deleted since the base: ${detected.deleted.join(", ")}`);
  const lookalikes = describeLookalikes(detected.lookalikes, escapeControlCharacters);
  if (lookalikes) terminal.out(lookalikes);
  if (detected.models.length === 0) {
    terminal.out("No model changed: nothing to train or report.");
    return 0;
  }
  const run = await runs.begin({ context: local.context, headBranch: local.headBranch, models: detected.models });
  const jobs = await trainingsAtOnceLocally(workspace, terminal, detected.models, line.jobs);
  terminal.out(`Local run ${run.id}: training ${count(detected.models.length, "model")}, ${jobs} at a time`);
  const releaseInterrupts = finishOnInterrupt(runs, run.id);
  let conclusion = "failure";
  try {
    const trainings = await trainLocally(workspace, terminal, { run, trainRun: trainRunOf(run, local), settings: { jobs, python: line.python, verbose: line.verbose, showCause: true }, uncommittedFiles }, detected.models);
    const result = await reportLocally(workspace, runs, terminal, run, { writeLedger: true });
    const failed = trainings.filter((training) => training.outcome.kind !== "trained").map((training) => training.model);
    const automatic = await promoteLocallyAutomatically(workspace, runs, terminal, run);
    if (result.error) terminal.err(`model-ci: ${result.error.message}`);
    if (failed.length > 0) terminal.err(`model-ci: ${count(failed.length, "model")} failed to train: ${failed.join(", ")}`);
    if (automatic?.error) terminal.err(automatic.error.message);
    if (result.status === "pass" && failed.length === 0 && !automatic?.error) conclusion = "success";
  } finally {
    releaseInterrupts();
    await runs.finish(run.id, conclusion);
  }
  return conclusion === "success" ? 0 : 1;
}
__name(runCommand, "runCommand");
function finishOnInterrupt(runs, runId) {
  const onSignal = /* @__PURE__ */ __name((signal) => {
    void runs.finish(runId, "cancelled").finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  }, "onSignal");
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}
__name(finishOnInterrupt, "finishOnInterrupt");
export {
  runCommand
};
