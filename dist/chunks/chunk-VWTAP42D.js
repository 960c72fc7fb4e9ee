import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  CONFIG_FILE,
  UserError,
  splitShellWords
} from "./chunk-73RP2DHK.js";
import {
  getInput,
  setSecret
} from "./chunk-VSEQYH5J.js";

// src/adapters/github/inputs.ts
var COMMANDS = ["detect", "train", "report", "promote"];
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
function getDetectInputs(common) {
  return { ...common, models: getInput("models" /* Models */) };
}
function configFileInput() {
  const file = (getInput("config" /* Config */) || CONFIG_FILE).replace(/\\/g, "/").replace(/^\.\//, "");
  if (file.startsWith("/") || file.split("/").includes("..")) {
    throw new UserError(`input "${"config" /* Config */}" is "${file}"; give a path inside the working directory, such as ${CONFIG_FILE}`);
  }
  return file;
}
function getTrainInputs(common) {
  const model = getInput("model" /* Model */).trim();
  if (!model) {
    throw new UserError(`input "${"model" /* Model */}" is required by command train; set it to the matrix's model: \${{ matrix.model }}`);
  }
  const pipArgsText = getInput("pip-args" /* PipArgs */);
  const split = splitShellWords(pipArgsText);
  if ("error" in split) throw new UserError(`input "${"pip-args" /* PipArgs */}": ${split.error}`);
  const retention = getInput("retention-days" /* RetentionDays */).trim();
  if (retention && !/^([1-9]|[1-8][0-9]|90)$/.test(retention)) {
    throw new UserError(`input "${"retention-days" /* RetentionDays */}" is "${retention}"; give a whole number of days from 1 to 90, or leave it empty for the repository's setting`);
  }
  return {
    ...common,
    model,
    python: getInput("python" /* Python */).trim(),
    pipArgs: split.words,
    retentionDays: retention ? Number(retention) : void 0
  };
}

export {
  getCommonInputs,
  getDetectInputs,
  getTrainInputs
};
