import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  createGitHubClient
} from "./chunk-MIFONKIR.js";
import "./chunk-2OENYUZU.js";
import "./chunk-KOHZFQW3.js";
import "./chunk-VSEQYH5J.js";
import "./chunk-6JMLOLNZ.js";
export {
  createGitHubClient
};
