import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  dump
} from "./chunk-C7AT6DMJ.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/adapters/gitlab/child-pipeline.ts
var MODEL_CI_COMMAND_VARIABLE = "MODEL_CI";
var MODEL_CI_SETUP_VARIABLE = "MODEL_CI_SETUP";
var DEFAULT_RUNS_ON = "ubuntu-latest";
var GITHUB_ONLY_LABELS = /* @__PURE__ */ new Set(["self-hosted"]);
var MAX_NEEDS = 50;
var NO_MODEL_JOB = "no model changed";
var REPORT_JOB = "report";
var REPORT_FILE = "model-ci-report.md";
var METRICS_FILE = "metrics.txt";
var HEADER = `# Written by \`model-ci detect --gitlab-child-pipeline\`: the child pipeline that trains the models
# this pipeline changed (a job per model, or per batch past --max-jobs), then reports them.
# Do not edit: it is made again by every pipeline. MODEL_CI (the command that runs model-ci) and
# MODEL_CI_SETUP (shell commands run before each job's script) are those of the detect job;
# MODEL_CI_PARENT_* are the parent pipeline's trigger, which the child's jobs report as theirs.
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
  const variables = {
    [MODEL_CI_COMMAND_VARIABLE]: options.command?.trim() || "model-ci",
    [MODEL_CI_SETUP_VARIABLE]: options.setup ?? ""
  };
  for (const [name, value] of Object.entries(options.parent ?? {})) variables[name] = { value: String(value), expand: false };
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
    // The trainings are read from the project's package registry, not from the jobs' artifacts.
    ...names.length <= MAX_NEEDS ? { needs: names.map((job) => ({ job, artifacts: false })) } : {},
    variables: { MODEL_CI_REPORT_MODELS: models.join(" ") },
    script: [`$${MODEL_CI_COMMAND_VARIABLE} report`],
    // The report in Markdown (also the note's text), and GitLab's metrics report for the merge request's widget.
    artifacts: {
      name: "model-ci-report",
      when: "always",
      expire_in: "30 days",
      paths: [REPORT_FILE, METRICS_FILE],
      reports: { metrics: METRICS_FILE }
    }
  };
  return pipeline;
}
__name(childPipeline, "childPipeline");
function trainJob(entry) {
  const tags = runnerTags(entry["runs-on"]);
  const models = "model" in entry ? [entry.model] : entry.models;
  const script = "model" in entry ? [`$${MODEL_CI_COMMAND_VARIABLE} train "$MODEL_CI_TRAIN_MODELS"`] : [`$${MODEL_CI_COMMAND_VARIABLE} train --jobs "$MODEL_CI_TRAIN_JOBS" $MODEL_CI_TRAIN_MODELS`];
  const batchVariables = "model" in entry ? {} : { MODEL_CI_TRAIN_JOBS: String(entry.jobs) };
  return {
    stage: "train",
    image: `python:${entry.python}`,
    ...tags.length > 0 ? { tags } : {},
    timeout: `${Math.max(1, Math.ceil(entry["timeout-minutes"]))} minutes`,
    variables: { MODEL_CI_TRAIN_MODELS: models.join(" "), ...batchVariables, MODEL_CI_PYTHON_VERSION: entry.python },
    script,
    // The trained models go to the project's package registry; the job keeps its training logs.
    artifacts: {
      name: `model-ci-${"model" in entry ? entry.model : `batch-${entry.batch}`}`,
      when: "always",
      expire_in: "30 days",
      paths: [".model-ci/logs/"]
    }
  };
}
__name(trainJob, "trainJob");
function renderChildPipeline(entries, options = {}) {
  return HEADER + dump(childPipeline(entries, options), { lineWidth: -1, noRefs: true, quotingType: '"' });
}
__name(renderChildPipeline, "renderChildPipeline");

export {
  MODEL_CI_COMMAND_VARIABLE,
  MODEL_CI_SETUP_VARIABLE,
  MAX_NEEDS,
  NO_MODEL_JOB,
  REPORT_JOB,
  REPORT_FILE,
  METRICS_FILE,
  trainJobName,
  runnerTags,
  childPipeline,
  renderChildPipeline
};
