import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  MAX_RATE_LIMIT_WAIT_S,
  createGitHubClient
} from "./chunk-GCMKBNH7.js";
import "./chunk-RTT2E5ZA.js";
import "./chunk-HH2CR6UK.js";
import "./chunk-CEIG5RFU.js";
import "./chunk-MUZ4VW64.js";
import "./chunk-MBJX3N7S.js";
import "./chunk-56XKJLMR.js";
export {
  MAX_RATE_LIMIT_WAIT_S,
  createGitHubClient
};
