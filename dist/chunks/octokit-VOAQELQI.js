import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  createGitHubClient
} from "./chunk-QIMUISZ4.js";
import "./chunk-2OENYUZU.js";
import "./chunk-KOHZFQW3.js";
import "./chunk-74APWY4Q.js";
import "./chunk-6JMLOLNZ.js";
export {
  createGitHubClient
};
