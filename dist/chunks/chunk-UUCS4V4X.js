import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/relative-path.ts
function isRelativePathInside(path, maxLength) {
  if (path.length === 0 || path.length > maxLength) return false;
  if (path.includes("\\") || path.includes("\0")) return false;
  if (/^[A-Za-z]:/.test(path)) return false;
  return path.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}
__name(isRelativePathInside, "isRelativePathInside");

export {
  isRelativePathInside
};
