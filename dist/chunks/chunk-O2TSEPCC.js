import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  getInput,
  setSecret
} from "./chunk-ZIWXP6CZ.js";

// src/constants.ts
var MAX_MATRIX_JOBS = 256;
var CONFIG_FILE = "model-ci.yml";
var MODEL_CONFIG_FILE = "model.yml";

// src/errors.ts
var UserError = class extends Error {
  /** The repository file the error is about, for the annotation's `file` property. */
  file;
  constructor(message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "UserError";
    this.file = options.file;
  }
};
function isUserError(error) {
  return error instanceof UserError;
}

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

export {
  MAX_MATRIX_JOBS,
  CONFIG_FILE,
  MODEL_CONFIG_FILE,
  UserError,
  isUserError,
  getCommonInputs,
  getDetectInputs
};
