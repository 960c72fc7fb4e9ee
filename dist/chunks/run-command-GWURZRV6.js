import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  reportLocally
} from "./chunk-LBWA6OXZ.js";
import "./chunk-4GZQ6QVZ.js";
import "./chunk-JJ35KFJ7.js";
import "./chunk-AQRI76XA.js";
import {
  trainLocally
} from "./chunk-MO64DINX.js";
import "./chunk-NSVKWVNF.js";
import "./chunk-TPC3GLSX.js";
import "./chunk-AP7FZCXP.js";
import "./chunk-C24ZLKII.js";
import "./chunk-7GFMMLGF.js";
import "./chunk-PL7GQDRQ.js";
import "./chunk-227ZVA2U.js";
import {
  FsWorkflowRuns,
  localRunContext,
  warnIfUncommitted
} from "./chunk-7GMU4ZPI.js";
import {
  openLocalWorkspace,
  prepareStateDir
} from "./chunk-ZLODL65B.js";
import {
  paint,
  terminalLogger
} from "./chunk-V2Y4BDPF.js";
import "./chunk-75H6ATOT.js";
import "./chunk-4KRRQ3FA.js";
import {
  detect
} from "./chunk-ABTAUGH5.js";
import "./chunk-I3WGPBJZ.js";
import "./chunk-XXGMVDBZ.js";
import "./chunk-2VGVURDH.js";
import "./chunk-ULXBQXHO.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-TFIZI4EP.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-ELOHUP5D.js";
import "./chunk-6JMLOLNZ.js";

// src/cli/run-command.ts
async function runCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: line.verbose }));
  const runs = new FsWorkflowRuns(workspace.root);
  const local = await localRunContext(workspace, runs, { ...line.trigger, defaultBranch: line.common.defaultBranch });
  const detected = await detect(workspace.ports, { context: local.context, models: local.models, configFile: workspace.configFile });
  await prepareStateDir(workspace);
  const uncommittedFiles = await warnIfUncommitted(workspace);
  terminal.out(paint(terminal, "bold", `model-ci run: ${local.description}`));
  if (detected.deleted.length > 0) terminal.out(`Deleted since the base: ${detected.deleted.join(", ")}`);
  if (detected.models.length === 0) {
    terminal.out("No model changed: nothing to train or report.");
    return 0;
  }
  const run = await runs.begin({ context: local.context, headBranch: local.headBranch, models: detected.models });
  const jobs = Math.min(line.jobs, detected.models.length);
  terminal.out(`Local run ${run.id}: training ${detected.models.length} model(s), ${jobs} at a time`);
  const releaseInterrupts = finishOnInterrupt(runs, run.id);
  let conclusion = "failure";
  try {
    const trainings = await trainLocally(workspace, terminal, { run, local, settings: { jobs, python: line.python, verbose: line.verbose, showCause: true }, uncommittedFiles }, detected.models);
    const result = await reportLocally(workspace, runs, terminal, run, { writeLedger: true });
    const failed = trainings.filter((training) => training.outcome.kind !== "trained").map((training) => training.model);
    if (result.error) terminal.err(`model-ci: ${result.error.message}`);
    if (failed.length > 0) terminal.err(`model-ci: ${failed.length} model(s) failed to train: ${failed.join(", ")}`);
    if (result.status === "pass" && failed.length === 0) conclusion = "success";
  } finally {
    releaseInterrupts();
    await runs.finish(run.id, conclusion);
  }
  return conclusion === "success" ? 0 : 1;
}
function finishOnInterrupt(runs, runId) {
  const onSignal = (signal) => {
    void runs.finish(runId, "cancelled").finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}
export {
  runCommand
};
