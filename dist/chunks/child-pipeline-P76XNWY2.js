import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  MAX_NEEDS,
  METRICS_FILE,
  MODEL_CI_COMMAND_VARIABLE,
  MODEL_CI_SETUP_VARIABLE,
  NO_MODEL_JOB,
  REPORT_FILE,
  REPORT_JOB,
  childPipeline,
  renderChildPipeline,
  runnerTags,
  trainJobName
} from "./chunk-74SU5PBT.js";
import "./chunk-C7AT6DMJ.js";
import "./chunk-56XKJLMR.js";
export {
  MAX_NEEDS,
  METRICS_FILE,
  MODEL_CI_COMMAND_VARIABLE,
  MODEL_CI_SETUP_VARIABLE,
  NO_MODEL_JOB,
  REPORT_FILE,
  REPORT_JOB,
  childPipeline,
  renderChildPipeline,
  runnerTags,
  trainJobName
};
