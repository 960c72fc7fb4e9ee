import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  trainLocally
} from "./chunk-ZC7L5V44.js";
import {
  reportLocally
} from "./chunk-FWNLTD2E.js";
import "./chunk-AUSCJOCO.js";
import "./chunk-K57UAVUK.js";
import "./chunk-AHVP234M.js";
import "./chunk-ADTSIS7H.js";
import "./chunk-APDUUBKN.js";
import "./chunk-L4FSXD52.js";
import "./chunk-YQNGXE5B.js";
import "./chunk-ZAUJSVFJ.js";
import "./chunk-KOVMKFNM.js";
import {
  FsWorkflowRuns,
  localRunContext,
  warnIfUncommitted
} from "./chunk-VQ2W4V2V.js";
import {
  openLocalWorkspace,
  prepareStateDir
} from "./chunk-XHW3M24K.js";
import {
  detect
} from "./chunk-CBTEQPWC.js";
import "./chunk-V6DPZE2M.js";
import "./chunk-DNO72XF2.js";
import "./chunk-GZSWI5FM.js";
import "./chunk-32ITZCBF.js";
import "./chunk-QDBZXAKU.js";
import "./chunk-ZJVOS6DH.js";
import "./chunk-OXHN6L66.js";
import "./chunk-GRJJC6DV.js";
import "./chunk-FTQVXRRL.js";
import {
  paint,
  terminalLogger
} from "./chunk-7VA3MYRA.js";
import "./chunk-DWNJM2IW.js";
import "./chunk-RGQSQ6VL.js";
import "./chunk-YDZ74IX5.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-625YEXAI.js";
import {
  __name
} from "./chunk-752PIHHL.js";

// src/cli/run-command.ts
async function runCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: line.verbose }));
  const runs = new FsWorkflowRuns(workspace.root);
  const local = await localRunContext(workspace, runs, { ...line.trigger, defaultBranch: line.common.defaultBranch });
  const detected = await detect(workspace.ports, { context: local.context, models: local.models, configFile: workspace.configFile, maxJobs: Number.MAX_SAFE_INTEGER });
  await prepareStateDir(workspace);
  const uncommittedFiles = await warnIfUncommitted(workspace);
  terminal.out(paint(terminal, "bold", `model-ci run: ${local.description}`));
  if (line.maxJobs !== void 0) {
    terminal.out(`Note: --max-jobs groups the jobs of GitHub's matrix (see model-ci detect --max-jobs); a local run trains each model on its own, ${line.jobs} at a time (-j)`);
  }
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
