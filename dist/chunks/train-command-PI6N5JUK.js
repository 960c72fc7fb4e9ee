import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  trainLocally,
  trainingsAtOnceLocally
} from "./chunk-OYIUNZLV.js";
import "./chunk-V5KAG4N6.js";
import {
  FsWorkflowRuns,
  localRunContext,
  trainRunOf,
  warnIfUncommitted
} from "./chunk-B7E6KWAC.js";
import {
  openLocalWorkspace,
  prepareStateDir
} from "./chunk-I4YPZPFZ.js";
import {
  isGitLabJob
} from "./chunk-TM5U5NKY.js";
import "./chunk-DRPRXASB.js";
import {
  resolveTraining
} from "./chunk-4UTYDFXH.js";
import "./chunk-YMBPVG4G.js";
import "./chunk-L3QIWTCR.js";
import "./chunk-5UWSSAHD.js";
import "./chunk-V7WXQM7V.js";
import "./chunk-L7GLD6KN.js";
import "./chunk-LNU257AZ.js";
import "./chunk-54F34Y4H.js";
import "./chunk-NM4CCGW3.js";
import "./chunk-FNDP2GQY.js";
import "./chunk-Z62BL5T3.js";
import "./chunk-UUCS4V4X.js";
import "./chunk-MIR6WUZ2.js";
import "./chunk-LYO4JN6R.js";
import "./chunk-CYNM7F7O.js";
import {
  MODEL_NAME_PATTERN
} from "./chunk-FTQVXRRL.js";
import {
  UsageError,
  terminalLogger
} from "./chunk-YOF6SXVJ.js";
import "./chunk-YYGWOCFW.js";
import "./chunk-AFTLNK3V.js";
import "./chunk-C7AT6DMJ.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-YUSQHEK4.js";
import "./chunk-V6RXHKOK.js";
import "./chunk-WQATJMJ6.js";
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
  const [single] = line.models;
  if (line.models.length === 1) {
    await resolveTraining(workspace.ports, { model: single, configFile: workspace.configFile }).catch((error) => {
      throw isUserError(error) ? trainError(single, error) : error;
    });
  } else {
    const malformed = line.models.find((name) => !MODEL_NAME_PATTERN.test(name));
    if (malformed !== void 0) throw new UsageError(`model-ci train: ${showUntrusted(malformed, 60)} is not a model name (1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit)`);
  }
  await prepareStateDir(workspace);
  const uncommittedFiles = warnIfUncommitted(workspace);
  const run = await session.begin();
  const atOnce = await trainingsAtOnceLocally(workspace, terminal, line.models, line.jobs);
  terminal.out(`${session.runName(run.id)}: training ${line.models.join(", ")}${atOnce > 1 ? `, ${atOnce} at a time` : ""}`);
  let trained = false;
  try {
    const settings = { jobs: atOnce, python: line.python, verbose: true, showCause: line.models.length > 1 };
    const trainings = await trainLocally(workspace, terminal, { run, trainRun: session.trainRun(run), artifacts: session.artifacts, runCacheStore: session.runCacheStore, settings, uncommittedFiles }, line.models);
    trained = line.models.length === 1 ? showSingle(terminal, trainings[0]) : trainings.every((training) => training.outcome.kind === "trained");
    if (trained && session.nextStep) terminal.out(session.nextStep(run.id));
  } finally {
    await session.finish(run.id, trained);
  }
  return trained ? 0 : 1;
}
__name(trainCommand, "trainCommand");
function showSingle(terminal, training) {
  const result = training.result;
  if (result) {
    terminal.out(`  version   ${result.manifest.version}`);
    terminal.out(`  artifact  ${result.artifact.name} (id ${result.artifact.id}, ${result.artifact.digest})`);
    const metrics = Object.entries(result.manifest.metrics);
    if (metrics.length > 0) terminal.out(`  metrics   ${metrics.map(([name, value]) => `${showUntrusted(name, 100)}: ${value}`).join(", ")}`);
    if (result.error) terminal.err(result.error.message);
  }
  if (training.error) throw trainError(training.model, training.error);
  return training.outcome.kind === "trained";
}
__name(showSingle, "showSingle");
async function localSession(workspace, line) {
  const runs = new FsWorkflowRuns(workspace.root);
  const local = await localRunContext(workspace, runs, { models: line.models.join(","), defaultBranch: line.common.defaultBranch });
  return {
    begin: /* @__PURE__ */ __name(() => runs.begin({ context: local.context, headBranch: local.headBranch, models: line.models }), "begin"),
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
  const { openGitLabJob } = await import("./gitlab-ports-FW7Y6NPX.js");
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
