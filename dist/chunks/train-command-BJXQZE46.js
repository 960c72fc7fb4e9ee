import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  trainLocally
} from "./chunk-LGL45V3V.js";
import "./chunk-VOZLDR75.js";
import {
  FsWorkflowRuns,
  localRunContext,
  trainRunOf,
  warnIfUncommitted
} from "./chunk-FJQQVVFE.js";
import {
  openLocalWorkspace,
  prepareStateDir
} from "./chunk-ZXQBTGIQ.js";
import {
  isGitLabJob
} from "./chunk-TM5U5NKY.js";
import "./chunk-RW56DAC3.js";
import {
  resolveTraining
} from "./chunk-RQU5B3HU.js";
import "./chunk-YMBPVG4G.js";
import "./chunk-PUHOJPFC.js";
import "./chunk-V7WXQM7V.js";
import "./chunk-L7GLD6KN.js";
import "./chunk-QGZ6F66D.js";
import "./chunk-JRF4NMXK.js";
import "./chunk-BLVXZADQ.js";
import "./chunk-NM4CCGW3.js";
import "./chunk-CGZP7PIJ.js";
import "./chunk-Z62BL5T3.js";
import "./chunk-UUCS4V4X.js";
import "./chunk-MIR6WUZ2.js";
import "./chunk-YWSHPZEW.js";
import "./chunk-CYNM7F7O.js";
import "./chunk-FTQVXRRL.js";
import {
  terminalLogger
} from "./chunk-FMEIOMVG.js";
import "./chunk-AFTLNK3V.js";
import "./chunk-C7AT6DMJ.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-YUSQHEK4.js";
import "./chunk-CN6ZETB5.js";
import {
  UserError,
  isUserError,
  showUntrusted
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/train-command.ts
async function trainCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }));
  const session = isGitLabJob(process.env) ? await gitlabSession(workspace, line) : await localSession(workspace, line);
  await resolveTraining(workspace.ports, { model: line.model, configFile: workspace.configFile }).catch((error) => {
    throw isUserError(error) ? trainError(line.model, error) : error;
  });
  await prepareStateDir(workspace);
  const uncommittedFiles = warnIfUncommitted(workspace);
  const run = await session.begin();
  terminal.out(`${session.runName(run.id)}: training ${line.model}`);
  let trained = false;
  try {
    const settings = { jobs: 1, python: line.python, verbose: true, showCause: false };
    const [training] = await trainLocally(workspace, terminal, { run, trainRun: session.trainRun(run), artifacts: session.artifacts, runCacheStore: session.runCacheStore, settings, uncommittedFiles }, [line.model]);
    const result = training.result;
    if (result) {
      terminal.out(`  version   ${result.manifest.version}`);
      terminal.out(`  artifact  ${result.artifact.name} (id ${result.artifact.id}, ${result.artifact.digest})`);
      const metrics = Object.entries(result.manifest.metrics);
      if (metrics.length > 0) terminal.out(`  metrics   ${metrics.map(([name, value]) => `${showUntrusted(name, 100)}: ${value}`).join(", ")}`);
      if (result.error) terminal.err(result.error.message);
    }
    if (training.error) throw trainError(line.model, training.error);
    trained = training.outcome.kind === "trained";
    if (trained && session.nextStep) terminal.out(session.nextStep(run.id));
  } finally {
    await session.finish(run.id, trained);
  }
  return trained ? 0 : 1;
}
__name(trainCommand, "trainCommand");
async function localSession(workspace, line) {
  const runs = new FsWorkflowRuns(workspace.root);
  const local = await localRunContext(workspace, runs, { models: line.model, defaultBranch: line.common.defaultBranch });
  return {
    begin: /* @__PURE__ */ __name(() => runs.begin({ context: local.context, headBranch: local.headBranch, models: [line.model] }), "begin"),
    finish: /* @__PURE__ */ __name(async (runId, trained) => {
      await runs.finish(runId, trained ? "success" : "failure");
    }, "finish"),
    trainRun: /* @__PURE__ */ __name((run) => trainRunOf(run, local), "trainRun"),
    runName: /* @__PURE__ */ __name((runId) => `Local run ${runId}`, "runName"),
    nextStep: /* @__PURE__ */ __name((runId) => `Compare it with its baseline: model-ci report --run ${runId}`, "nextStep")
  };
}
__name(localSession, "localSession");
async function gitlabSession(workspace, line) {
  const { openGitLabJob } = await import("./gitlab-ports-FQYHRGMN.js");
  const job = openGitLabJob(workspace, process.env, workspace.ports.logger, { defaultBranch: line.common.defaultBranch });
  return {
    begin: /* @__PURE__ */ __name(async () => ({ id: job.run.id }), "begin"),
    finish: /* @__PURE__ */ __name(async () => {
    }, "finish"),
    trainRun: /* @__PURE__ */ __name(() => job.run, "trainRun"),
    artifacts: job.adapters.artifacts,
    runCacheStore: job.adapters.runCache,
    runName: /* @__PURE__ */ __name((runId) => `GitLab pipeline ${runId} (${job.description})`, "runName")
  };
}
__name(gitlabSession, "gitlabSession");
function trainError(model, error) {
  return new UserError(`model-ci train ${model}: ${error.message}`, { file: error.file, input: error.input, cause: error });
}
__name(trainError, "trainError");
export {
  trainCommand
};
