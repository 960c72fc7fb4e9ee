import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  MAX_RATE_LIMIT_WAIT_S,
  createGitHubClient
} from "./chunk-L45G77IT.js";
import "./chunk-MBJX3N7S.js";
import "./chunk-XVDTL26D.js";
import "./chunk-Y3DLPKCA.js";
import "./chunk-KBNHBJFE.js";
import "./chunk-56XKJLMR.js";
export {
  MAX_RATE_LIMIT_WAIT_S,
  createGitHubClient
};
