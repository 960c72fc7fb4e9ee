import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  parseModelOverrides,
  parseRepoConfig
} from "./chunk-YYGWOCFW.js";
import "./chunk-AFTLNK3V.js";
import "./chunk-C7AT6DMJ.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-YUSQHEK4.js";
import "./chunk-V6RXHKOK.js";
import "./chunk-WQATJMJ6.js";
import "./chunk-MBJX3N7S.js";
import "./chunk-56XKJLMR.js";
export {
  parseModelOverrides,
  parseRepoConfig
};
