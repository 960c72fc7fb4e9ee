import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/adapters/node/node-file-system.ts
import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
var NodeFileSystem = class {
  static {
    __name(this, "NodeFileSystem");
  }
  async fileSize(path) {
    const stats = await stat(path).catch(() => void 0);
    return stats?.isFile() ? stats.size : void 0;
  }
  async exists(path) {
    return await stat(path).catch(() => void 0) !== void 0;
  }
  readText(path) {
    return readFile(path, "utf8");
  }
  readStream(path) {
    return createReadStream(path, { highWaterMark: 1024 * 1024 });
  }
  writeText(path, text) {
    return writeFile(path, text);
  }
  async makeDir(path) {
    await mkdir(path, { recursive: true });
  }
  remove(path) {
    return rm(path, { recursive: true, force: true });
  }
  linkDir(target, path) {
    return symlink(target, path, "dir");
  }
  async inTempDir(parent, prefix, work) {
    await mkdir(parent, { recursive: true });
    const dir = await mkdtemp(join(parent, prefix));
    try {
      return await work(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
};

export {
  NodeFileSystem
};
