import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/adapters/node/startup-environment.ts
import { closeSync, openSync, readFileSync, readSync, writeSync } from "node:fs";
function blankStartupEnvironment() {
  if (process.platform !== "linux") return false;
  try {
    const { start, end } = environmentBlock();
    const shown = readFileSync("/proc/self/environ");
    const memory = openSync("/proc/self/mem", "r+");
    try {
      const block = Buffer.alloc(end - start);
      if (readSync(memory, block, 0, block.length, start) !== block.length || !block.equals(shown)) return false;
      for (const [name, value] of Object.entries(process.env)) {
        if (value !== void 0) process.env[name] = value;
      }
      return writeSync(memory, Buffer.alloc(block.length), 0, block.length, start) === block.length;
    } finally {
      closeSync(memory);
    }
  } catch {
    return false;
  }
}
__name(blankStartupEnvironment, "blankStartupEnvironment");
function environmentBlock() {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const start = Number(fields[50 - 3]);
  const end = Number(fields[51 - 3]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start <= 0 || end <= start) throw new Error("no environment block in /proc/self/stat");
  return { start, end };
}
__name(environmentBlock, "environmentBlock");

export {
  blankStartupEnvironment
};
