import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);

// src/constants.ts
var MAX_MATRIX_JOBS = 256;
var MAX_PARALLEL_TRAININGS = 1024;
var CONFIG_FILE = "model-ci.yml";
var MODEL_CONFIG_FILE = "model.yml";

export {
  MAX_MATRIX_JOBS,
  MAX_PARALLEL_TRAININGS,
  CONFIG_FILE,
  MODEL_CONFIG_FILE
};
