import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  MODEL_NAME_PATTERN
} from "./chunk-FTQVXRRL.js";
import {
  splitShellWords
} from "./chunk-V6RXHKOK.js";
import {
  CONFIG_FILE,
  MAX_MATRIX_JOBS,
  MAX_PARALLEL_TRAININGS
} from "./chunk-WQATJMJ6.js";
import {
  getInput,
  setSecret
} from "./chunk-MUZ4VW64.js";
import {
  UserError,
  hasControlCharacter,
  showUntrusted
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/adapters/github/inputs.ts
var COMMANDS = ["detect", "train", "report", "promote", "status", "monitor"];
function getCommonInputs() {
  const command = getInput("command" /* Command */).trim();
  if (!command) {
    throw new UserError(`input "${"command" /* Command */}" is required; set it to one of: ${COMMANDS.join(", ")}`);
  }
  if (!COMMANDS.includes(command)) {
    throw new UserError(`input "${"command" /* Command */}" is "${command}", which is not a command; use one of: ${COMMANDS.join(", ")}`);
  }
  const token = getInput("token" /* Token */);
  if (token) setSecret(token);
  return {
    command,
    token,
    workingDirectory: getInput("working-directory" /* WorkingDirectory */) || ".",
    configFile: configFileInput(),
    defaultBranch: getInput("default-branch" /* DefaultBranch */).trim()
  };
}
__name(getCommonInputs, "getCommonInputs");
function getDetectInputs(common) {
  const maxJobs = getInput("max-jobs" /* MaxJobs */).trim();
  if (maxJobs && !(/^[1-9]\d{0,2}$/.test(maxJobs) && Number(maxJobs) <= MAX_MATRIX_JOBS)) {
    throw new UserError(
      `input "${"max-jobs" /* MaxJobs */}" is ${showUntrusted(maxJobs, 40)}; give a whole number of jobs from 1 to ${MAX_MATRIX_JOBS} (GitHub's limit for one matrix), or leave it empty for ${MAX_MATRIX_JOBS}`,
      { input: "max-jobs" /* MaxJobs */ }
    );
  }
  return { ...common, models: getInput("models" /* Models */), maxJobs: maxJobs ? Number(maxJobs) : MAX_MATRIX_JOBS, jobs: jobsInput() };
}
__name(getDetectInputs, "getDetectInputs");
function jobsInput() {
  const jobs = getInput("jobs" /* Jobs */).trim();
  if (jobs === "") return 1;
  if (!(/^[1-9]\d{0,3}$/.test(jobs) && Number(jobs) <= MAX_PARALLEL_TRAININGS)) {
    throw new UserError(
      `input "${"jobs" /* Jobs */}" is ${showUntrusted(jobs, 40)}; give a whole number of models to train at once, from 1 to ${MAX_PARALLEL_TRAININGS}, or leave it empty for 1`,
      { input: "jobs" /* Jobs */ }
    );
  }
  return Number(jobs);
}
__name(jobsInput, "jobsInput");
function configFileInput() {
  const file = (getInput("config" /* Config */) || CONFIG_FILE).replace(/\\/g, "/").replace(/^\.\//, "");
  if (file.startsWith("/") || file.split("/").includes("..")) {
    throw new UserError(`input "${"config" /* Config */}" is "${file}"; give a path inside the working directory, such as ${CONFIG_FILE}`);
  }
  return file;
}
__name(configFileInput, "configFileInput");
var DEFAULT_STATUS_FILE = "model-ci-status.md";
function getStatusInputs(common) {
  const statusFile = getInput("status-file" /* StatusFile */).trim() || DEFAULT_STATUS_FILE;
  if (statusFile.endsWith("/") || hasControlCharacter(statusFile)) {
    throw new UserError(`input "${"status-file" /* StatusFile */}" is ${showUntrusted(statusFile, 100)}; give the path of a file to write the status page to, such as ${DEFAULT_STATUS_FILE}`);
  }
  return { ...common, statusFile };
}
__name(getStatusInputs, "getStatusInputs");
function getReportInputs(common) {
  const runId = getInput("run-id" /* RunId */).trim();
  if (runId && !/^[1-9]\d{0,15}$/.test(runId)) {
    throw new UserError(`input "${"run-id" /* RunId */}" is ${showUntrusted(runId, 40)}, not a workflow run id; pass \${{ github.event.workflow_run.id }}, or leave it empty for this run`);
  }
  return {
    ...common,
    expectedModels: modelListInput(getInput("models" /* Models */)),
    runId: runId ? Number(runId) : void 0,
    failOnRegression: booleanInput("fail-on-regression" /* FailOnRegression */, true)
  };
}
__name(getReportInputs, "getReportInputs");
function modelListInput(text) {
  const trimmed = text.trim();
  if (trimmed === "") return void 0;
  let names;
  if (trimmed.startsWith("[")) {
    try {
      names = JSON.parse(trimmed);
    } catch {
      throw new UserError(`input "${"models" /* Models */}" starts with "[" but is not a JSON list; pass detect's output: \${{ needs.detect.outputs.models }}`);
    }
    if (!Array.isArray(names)) throw new UserError(`input "${"models" /* Models */}" is not a JSON list of model names`);
  } else {
    names = trimmed.split(/[\s,]+/).filter((name) => name !== "");
  }
  for (const name of names) {
    if (typeof name !== "string" || !MODEL_NAME_PATTERN.test(name)) {
      throw new UserError(
        `input "${"models" /* Models */}": ${showUntrusted(typeof name === "string" ? name : JSON.stringify(name), 60)} is not a model name (1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit)`
      );
    }
  }
  return [...new Set(names)];
}
__name(modelListInput, "modelListInput");
function booleanInput(name, fallback) {
  const value = getInput(name).trim();
  if (value === "") return fallback;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new UserError(`input "${name}" is ${showUntrusted(value, 40)}; set it to true or false`);
}
__name(booleanInput, "booleanInput");
function trainModelsInput() {
  const model = getInput("model" /* Model */).trim();
  const batch = getInput("models" /* Models */).trim();
  const both = `model: \${{ matrix.model }} and models: \${{ join(matrix.models, ' ') }}`;
  if (model && batch) {
    throw new UserError(`inputs "${"model" /* Model */}" and "${"models" /* Models */}" are both set; command train takes one model or a batch of models, not both: pass detect's matrix as ${both}`);
  }
  if (!model && !batch) {
    throw new UserError(`input "${"model" /* Model */}" (or "${"models" /* Models */}", for a batch) is required by command train; pass detect's matrix as ${both}`);
  }
  if (model) return { models: [model], batch: false };
  const names = modelListInput(batch) ?? [];
  if (names.length === 0) throw new UserError(`input "${"models" /* Models */}" is an empty list; pass detect's matrix as ${both}`);
  return { models: names, batch: true };
}
__name(trainModelsInput, "trainModelsInput");
function pipArgsInput() {
  const split = splitShellWords(getInput("pip-args" /* PipArgs */));
  if ("error" in split) throw new UserError(`input "${"pip-args" /* PipArgs */}": ${split.error}`);
  return split.words;
}
__name(pipArgsInput, "pipArgsInput");
function getTrainInputs(common) {
  const { models, batch } = trainModelsInput();
  const retention = getInput("retention-days" /* RetentionDays */).trim();
  if (retention && !/^([1-9]|[1-8][0-9]|90)$/.test(retention)) {
    throw new UserError(`input "${"retention-days" /* RetentionDays */}" is "${retention}"; give a whole number of days from 1 to 90, or leave it empty for the repository's setting`);
  }
  return {
    ...common,
    models,
    batch,
    jobs: jobsInput(),
    python: getInput("python" /* Python */).trim(),
    pipArgs: pipArgsInput(),
    retentionDays: retention ? Number(retention) : void 0
  };
}
__name(getTrainInputs, "getTrainInputs");
function getPromoteInputs(common) {
  const version = getInput("version" /* Version */).trim() || "latest";
  const model = getInput("model" /* Model */).trim();
  const environment = getInput("environment" /* Environment */).trim();
  if (version === "auto") {
    if (model) {
      throw new UserError(`input "${"model" /* Model */}" is set, but version "auto" promotes every model the push trained that passed its gates; leave "${"model" /* Model */}" empty, or give a version to promote ${showUntrusted(model, 60)} by hand`);
    }
    if (!environment) {
      throw new UserError(`input "${"environment" /* Environment */}" is required by command promote with version "auto"; set it to the environment marked auto: true in ${CONFIG_FILE} that the job names in "environment:", such as staging`);
    }
    return { ...common, version: "auto", environment, expectedModels: modelListInput(getInput("models" /* Models */)) };
  }
  if (!model) throw new UserError(`input "${"model" /* Model */}" is required by command promote; set it to the model to promote, such as \${{ inputs.model }}`);
  if (!MODEL_NAME_PATTERN.test(model)) {
    throw new UserError(`input "${"model" /* Model */}" is ${showUntrusted(model, 60)}, not a model name (1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit)`);
  }
  if (!environment) {
    throw new UserError(`input "${"environment" /* Environment */}" is required by command promote; set it to one of the environments in ${CONFIG_FILE}, such as \${{ inputs.environment }}`);
  }
  return { ...common, model, version, environment };
}
__name(getPromoteInputs, "getPromoteInputs");
function getMonitorInputs(common) {
  const environment = getInput("environment" /* Environment */).trim();
  return { ...common, environment: environment || void 0, python: getInput("python" /* Python */).trim(), pipArgs: pipArgsInput() };
}
__name(getMonitorInputs, "getMonitorInputs");

export {
  getCommonInputs,
  getDetectInputs,
  getStatusInputs,
  getReportInputs,
  getTrainInputs,
  getPromoteInputs,
  getMonitorInputs
};
