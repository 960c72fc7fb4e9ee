import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  MAX_RATE_LIMIT_WAIT_S,
  createGitHubClient
} from "./chunk-GBAWM62K.js";
import "./chunk-625YEXAI.js";
import "./chunk-XDJB7Y54.js";
import "./chunk-FKDB2QWR.js";
import "./chunk-ES5T7FVD.js";
import "./chunk-752PIHHL.js";
export {
  MAX_RATE_LIMIT_WAIT_S,
  createGitHubClient
};
