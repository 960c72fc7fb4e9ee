import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  trainLocally
} from "./chunk-N2WVC2S6.js";
import {
  reportLocally
} from "./chunk-RFTKV2RK.js";
import "./chunk-DBIO4U6Y.js";
import {
  FsWorkflowRuns,
  localRunContext,
  trainRunOf,
  warnIfUncommitted
} from "./chunk-JGC2IGEW.js";
import {
  openLocalWorkspace,
  prepareStateDir
} from "./chunk-BTMTMBX3.js";
import "./chunk-6JRHI3MX.js";
import {
  detect
} from "./chunk-JLYNICHR.js";
import "./chunk-SZRAMP6S.js";
import "./chunk-KZJZXDTI.js";
import "./chunk-SYDU6EGX.js";
import "./chunk-BLVXZADQ.js";
import "./chunk-T5MJI2ZD.js";
import "./chunk-QL6EMQCN.js";
import {
  count
} from "./chunk-SOG5FYFF.js";
import "./chunk-V7WXQM7V.js";
import "./chunk-3MBSJAUZ.js";
import "./chunk-RTT2E5ZA.js";
import "./chunk-TR5HTG53.js";
import "./chunk-WDKEP3PT.js";
import "./chunk-PETAISXP.js";
import "./chunk-YVNBS5K5.js";
import "./chunk-UUCS4V4X.js";
import "./chunk-2PQQ75VQ.js";
import "./chunk-MIR6WUZ2.js";
import "./chunk-CWRJAHGY.js";
import "./chunk-CYNM7F7O.js";
import "./chunk-FTQVXRRL.js";
import {
  paint,
  terminalLogger
} from "./chunk-KNGMVTEG.js";
import "./chunk-AFTLNK3V.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-7I5M6MQE.js";
import "./chunk-C7AT6DMJ.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/run-command.ts
async function runCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: line.verbose }));
  const runs = new FsWorkflowRuns(workspace.root);
  const local = await localRunContext(workspace, runs, { ...line.trigger, defaultBranch: line.common.defaultBranch });
  const detected = await detect(workspace.ports, { context: local.context, models: local.models, modelsShownAs: "--models", configFile: workspace.configFile, maxJobs: Number.MAX_SAFE_INTEGER });
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
  terminal.out(`Local run ${run.id}: training ${count(detected.models.length, "model")}, ${jobs} at a time`);
  const releaseInterrupts = finishOnInterrupt(runs, run.id);
  let conclusion = "failure";
  try {
    const trainings = await trainLocally(workspace, terminal, { run, trainRun: trainRunOf(run, local), settings: { jobs, python: line.python, verbose: line.verbose, showCause: true }, uncommittedFiles }, detected.models);
    const result = await reportLocally(workspace, runs, terminal, run, { writeLedger: true });
    const failed = trainings.filter((training) => training.outcome.kind !== "trained").map((training) => training.model);
    if (result.error) terminal.err(`model-ci: ${result.error.message}`);
    if (failed.length > 0) terminal.err(`model-ci: ${count(failed.length, "model")} failed to train: ${failed.join(", ")}`);
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
