import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/config/defaults.ts
var DEFAULT_TRAIN_COMMAND = ["python", "src/train.py"];
var DEFAULT_REQUIREMENTS = "src/requirements.txt";
var REQUIREMENTS_LOOKED_FOR = [DEFAULT_REQUIREMENTS, "requirements.txt"];
var DEFAULT_OUTPUT = "outputs";
var METRICS_FILE_NAME = "metrics.json";
var DEFAULT_MONITOR_DATA = "data/monitoring";
var DEFAULT_MLFLOW = Object.freeze({ experiment: "{model}", registeredModel: "{model}", required: false });
function defaultRepoConfig() {
  return {
    models: ["models/*"],
    shared: [],
    ignore: [],
    defaults: { runsOn: "ubuntu-latest", python: "3.11", timeoutMinutes: 60 },
    metrics: [],
    environments: ["staging", "production"],
    autoEnvironments: [],
    promotion: { allowPullRequestSources: false, recordCreators: [] }
  };
}
__name(defaultRepoConfig, "defaultRepoConfig");
function deepFreeze(value) {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
__name(deepFreeze, "deepFreeze");
var DEFAULT_REPO_CONFIG = deepFreeze(defaultRepoConfig());

export {
  DEFAULT_TRAIN_COMMAND,
  REQUIREMENTS_LOOKED_FOR,
  DEFAULT_OUTPUT,
  METRICS_FILE_NAME,
  DEFAULT_MONITOR_DATA,
  DEFAULT_MLFLOW,
  defaultRepoConfig,
  DEFAULT_REPO_CONFIG
};
