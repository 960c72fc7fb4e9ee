import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  validateCacheRequest
} from "./chunk-YMBPVG4G.js";
import {
  LOCAL_STATE_DIR
} from "./chunk-LYO4JN6R.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/adapters/local/fs-cache-store.ts
import { createHash, randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { copyFile, lstat, mkdir, readdir, readFile, readlink, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
var FsCacheStore = class {
  constructor(repositoryRoot, logger) {
    this.logger = logger;
    this.root = join(repositoryRoot, LOCAL_STATE_DIR, "cache");
  }
  logger;
  static {
    __name(this, "FsCacheStore");
  }
  root;
  async restore(paths, key, restoreKeys = []) {
    validateCacheRequest(paths, key, restoreKeys);
    try {
      const entries = await this.entriesFor(paths);
      const entry = entries.find((candidate) => candidate.key === key) ?? newestMatching(entries, restoreKeys);
      if (!entry) return void 0;
      for (const [index, path] of paths.entries()) {
        const saved = join(entry.directory, "content", String(index));
        if (await exists(saved)) await copyTree(saved, path);
      }
      return entry.key;
    } catch (error) {
      this.logger.warning(`Cache restore for key "${key}" failed; continuing without the cache: ${messageOf(error)}`);
      return void 0;
    }
  }
  async save(paths, key) {
    validateCacheRequest(paths, key);
    const directory = join(this.root, entryName(paths, key));
    if (await exists(directory)) {
      this.logger.warning(`Cache entry "${key}" was not saved: an entry with this key already exists`);
      return false;
    }
    const staging = join(this.root, `.saving-${randomBytes(6).toString("hex")}`);
    try {
      let copied = 0;
      for (const [index, path] of paths.entries()) {
        if (!await exists(path)) continue;
        await copyTree(path, join(staging, "content", String(index)));
        copied += 1;
      }
      if (copied === 0) {
        this.logger.warning(`Cache entry "${key}" was not saved: none of its paths exist (${paths.join(", ")})`);
        return false;
      }
      await writeFile(join(staging, "paths.json"), JSON.stringify(paths));
      await writeFile(join(staging, "key"), key);
      await rename(staging, directory);
      return true;
    } catch (error) {
      const code = error.code;
      const why = code === "EEXIST" || code === "ENOTEMPTY" ? "another process saved this key first" : messageOf(error);
      this.logger.warning(`Cache entry "${key}" was not saved: ${why}`);
      return false;
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  /** The complete entries saved from exactly these paths. */
  async entriesFor(paths) {
    const names = await readdir(this.root).catch((error) => {
      if (error.code === "ENOENT") return [];
      throw error;
    });
    const wanted = JSON.stringify(paths);
    const entries = [];
    for (const name of names.filter((candidate) => !candidate.startsWith("."))) {
      const directory = join(this.root, name);
      const savedPaths = await readFile(join(directory, "paths.json"), "utf8").catch(() => void 0);
      if (savedPaths !== wanted) continue;
      const keyFile = join(directory, "key");
      entries.push({ key: await readFile(keyFile, "utf8"), directory, savedAt: (await stat(keyFile)).mtimeMs });
    }
    return entries;
  }
};
function newestMatching(entries, restoreKeys) {
  for (const prefix of restoreKeys) {
    const matching = entries.filter((entry) => entry.key.startsWith(prefix));
    if (matching.length > 0) return matching.reduce((newest, entry) => entry.savedAt > newest.savedAt ? entry : newest);
  }
  return void 0;
}
__name(newestMatching, "newestMatching");
function entryName(paths, key) {
  return createHash("sha256").update(key).update("\0").update(JSON.stringify(paths)).digest("hex");
}
__name(entryName, "entryName");
async function copyTree(source, target) {
  const info = await lstat(source);
  if (info.isDirectory()) {
    await mkdir(target, { recursive: true });
    const names = await readdir(source);
    await Promise.all(names.map((name) => copyTree(join(source, name), join(target, name))));
  } else if (info.isSymbolicLink()) {
    await rm(target, { force: true });
    await symlink(await readlink(source), target);
  } else if (info.isFile()) {
    await mkdir(dirname(target), { recursive: true });
    await rm(target, { force: true });
    await copyFile(source, target, constants.COPYFILE_FICLONE);
  }
}
__name(copyTree, "copyTree");
async function exists(path) {
  return await lstat(path).catch(() => void 0) !== void 0;
}
__name(exists, "exists");
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
__name(messageOf, "messageOf");

export {
  FsCacheStore
};
