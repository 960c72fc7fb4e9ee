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
  isGitLabJob,
  localRunContext,
  warnIfUncommitted
} from "./chunk-SXTPRF4D.js";
import {
  openLocalWorkspace
} from "./chunk-L45CCZMG.js";
import {
  detect
} from "./chunk-3KXO7Y6E.js";
import "./chunk-RDC2D3L7.js";
import "./chunk-T5MJI2ZD.js";
import {
  count
} from "./chunk-SOG5FYFF.js";
import {
  newestLedger
} from "./chunk-STZAOZPK.js";
import "./chunk-7K52WX4W.js";
import "./chunk-T6ENJM4C.js";
import "./chunk-3LXWUT4R.js";
import "./chunk-CYNM7F7O.js";
import "./chunk-FTQVXRRL.js";
import {
  terminalLogger
} from "./chunk-FHRLE3DC.js";
import {
  dump
} from "./chunk-C7AT6DMJ.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-G7V6CI7G.js";
import {
  MAX_MATRIX_JOBS
} from "./chunk-CN6ZETB5.js";
import "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/detect-command.ts
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

// src/adapters/gitlab/child-pipeline.ts
var MODEL_CI_COMMAND_VARIABLE = "MODEL_CI";
var MODEL_CI_SETUP_VARIABLE = "MODEL_CI_SETUP";
var DEFAULT_RUNS_ON = "ubuntu-latest";
var GITHUB_ONLY_LABELS = /* @__PURE__ */ new Set(["self-hosted"]);
var MAX_NEEDS = 50;
var NO_MODEL_JOB = "no model changed";
var REPORT_JOB = "report";
var HEADER = `# Written by \`model-ci detect --gitlab-child-pipeline\`: the child pipeline that trains the models
# this pipeline changed (a job per model, or per batch past --max-jobs), then reports them.
# Do not edit: it is made again by every pipeline. MODEL_CI (the command that runs model-ci) and
# MODEL_CI_SETUP (shell commands run before each job's script) are those of the detect job.
`;
function trainJobName(entry) {
  return "model" in entry ? `train ${entry.model}` : `train batch ${entry.batch}`;
}
__name(trainJobName, "trainJobName");
function runnerTags(runsOn) {
  const labels = (Array.isArray(runsOn) ? runsOn : [runsOn]).filter((label) => !GITHUB_ONLY_LABELS.has(label));
  return labels.length === 1 && labels[0] === DEFAULT_RUNS_ON ? [] : labels;
}
__name(runnerTags, "runnerTags");
function childPipeline(entries, options = {}) {
  if (entries.length === 0) {
    return { [NO_MODEL_JOB]: { script: ['echo "model-ci: no model changed, so nothing trains in this pipeline"'] } };
  }
  const setup = { before_script: [`eval "$${MODEL_CI_SETUP_VARIABLE}"`] };
  const variables = { [MODEL_CI_COMMAND_VARIABLE]: options.command?.trim() || "model-ci", [MODEL_CI_SETUP_VARIABLE]: options.setup ?? "" };
  const pipeline = { stages: ["train", "report"], variables, default: setup };
  const names = [];
  for (const entry of entries) {
    const name = trainJobName(entry);
    names.push(name);
    pipeline[name] = trainJob(entry);
  }
  const models = entries.flatMap((entry) => "model" in entry ? [entry.model] : entry.models);
  pipeline[REPORT_JOB] = {
    stage: "report",
    when: "always",
    ...names.length <= MAX_NEEDS ? { needs: names.map((job) => ({ job, artifacts: true })) } : {},
    variables: { MODEL_CI_REPORT_MODELS: models.join(" ") },
    script: [`$${MODEL_CI_COMMAND_VARIABLE} report`]
  };
  return pipeline;
}
__name(childPipeline, "childPipeline");
function trainJob(entry) {
  const tags = runnerTags(entry["runs-on"]);
  const models = "model" in entry ? [entry.model] : entry.models;
  const script = models.length === 1 ? [`$${MODEL_CI_COMMAND_VARIABLE} train "$MODEL_CI_TRAIN_MODELS"`] : [
    // Every model of the batch trains, whatever happened to the ones before; the job fails if any did.
    `failed=""; for model in $MODEL_CI_TRAIN_MODELS; do $${MODEL_CI_COMMAND_VARIABLE} train "$model" || failed="$failed $model"; done; if [ -n "$failed" ]; then echo "model-ci: failed to train:$failed"; exit 1; fi`
  ];
  return {
    stage: "train",
    image: `python:${entry.python}`,
    ...tags.length > 0 ? { tags } : {},
    timeout: `${Math.max(1, Math.ceil(entry["timeout-minutes"]))} minutes`,
    variables: { MODEL_CI_TRAIN_MODELS: models.join(" "), MODEL_CI_PYTHON_VERSION: entry.python },
    script,
    artifacts: {
      name: `model-ci-${"model" in entry ? entry.model : `batch-${entry.batch}`}`,
      when: "always",
      expire_in: "30 days",
      paths: [".model-ci/"]
    }
  };
}
__name(trainJob, "trainJob");
function renderChildPipeline(entries, options = {}) {
  return HEADER + dump(childPipeline(entries, options), { lineWidth: -1, noRefs: true, quotingType: '"' });
}
__name(renderChildPipeline, "renderChildPipeline");

// src/cli/detect-command.ts
async function detectCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }));
  const runs = new FsWorkflowRuns(workspace.root);
  const options = { ...line.trigger, defaultBranch: line.common.defaultBranch };
  const local = isGitLabJob(process.env) ? gitlabRunContext(process.env, options) : await localRunContext(workspace, runs, options);
  const detected = await detect(
    { ...workspace.ports, ledger: /* @__PURE__ */ __name(() => localLedger(workspace, runs, local.context.defaultBranch), "ledger") },
    { context: local.context, models: local.models, modelsInput: local.modelsInput, configFile: workspace.configFile, maxJobs: line.maxJobs }
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
  if (line.gitlabChildPipeline !== void 0) {
    const file = resolve(line.gitlabChildPipeline);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, renderChildPipeline(entries, { command: process.env.MODEL_CI, setup: process.env.MODEL_CI_SETUP }));
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
