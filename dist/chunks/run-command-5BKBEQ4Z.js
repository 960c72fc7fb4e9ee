import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  reportLocally
} from "./chunk-2JXBWR5G.js";
import "./chunk-COXFKFPF.js";
import "./chunk-V7BMWQH4.js";
import "./chunk-7AG3JQSI.js";
import {
  trainLocally
} from "./chunk-BZVGOAJQ.js";
import "./chunk-LL3HTEKS.js";
import "./chunk-43CRJAPL.js";
import "./chunk-AP7FZCXP.js";
import "./chunk-KBPBGJJO.js";
import "./chunk-HNOYRDOL.js";
import "./chunk-WV7PDZT2.js";
import "./chunk-EXMN6DPH.js";
import {
  FsWorkflowRuns,
  localRunContext,
  warnIfUncommitted
} from "./chunk-52RZ2HUR.js";
import {
  openLocalWorkspace,
  prepareStateDir
} from "./chunk-TD7SGVNY.js";
import {
  paint,
  terminalLogger
} from "./chunk-VBS6TQRQ.js";
import "./chunk-43HFX624.js";
import "./chunk-WF4PJE3Q.js";
import {
  detect
} from "./chunk-5RS3QMMN.js";
import "./chunk-I3WGPBJZ.js";
import "./chunk-ANQ4IW7R.js";
import "./chunk-2VGVURDH.js";
import "./chunk-3F3CGAHI.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-TMHXZZZC.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-GNSC3OUJ.js";
import "./chunk-6JMLOLNZ.js";

// src/cli/run-command.ts
async function runCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: line.verbose }));
  await prepareStateDir(workspace);
  const runs = new FsWorkflowRuns(workspace.root);
  const local = await localRunContext(workspace, runs, { ...line.trigger, defaultBranch: line.common.defaultBranch });
  const uncommittedFiles = await warnIfUncommitted(workspace);
  terminal.out(paint(terminal, "bold", `model-ci run: ${local.description}`));
  const detected = await detect(workspace.ports, { context: local.context, models: local.models, configFile: workspace.configFile });
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
    const trainings = await trainLocally(workspace, terminal, { run, local, settings: { jobs, python: line.python, verbose: line.verbose }, uncommittedFiles }, detected.models);
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
