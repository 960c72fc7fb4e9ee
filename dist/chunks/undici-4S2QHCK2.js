import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  require_undici
} from "./chunk-MUXYRWZU.js";
import "./chunk-56XKJLMR.js";
export default require_undici();
