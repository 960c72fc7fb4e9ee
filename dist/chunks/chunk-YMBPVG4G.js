import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  messageOf
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/adapters/github/cache-store.ts
var MAX_KEY_LENGTH = 512;
var MAX_KEYS = 10;
function validateCacheRequest(paths, key, restoreKeys = []) {
  if (paths.length === 0) throw new Error("A cache entry needs at least one path");
  const keys = [key, ...restoreKeys];
  if (keys.length > MAX_KEYS) {
    throw new Error(`GitHub's cache looks up at most ${MAX_KEYS} keys (a key and ${MAX_KEYS - 1} restore keys), not ${keys.length}`);
  }
  for (const candidate of keys) {
    if (candidate === "") throw new Error("A cache key is empty");
    if (candidate.length > MAX_KEY_LENGTH) {
      throw new Error(`The cache key "${candidate.slice(0, 40)}\u2026" is ${candidate.length} characters long; GitHub allows at most ${MAX_KEY_LENGTH}`);
    }
    if (candidate.includes(",")) throw new Error(`The cache key "${candidate}" contains a comma, which GitHub does not allow`);
  }
}
__name(validateCacheRequest, "validateCacheRequest");
var GitHubCacheStore = class {
  constructor(logger) {
    this.logger = logger;
  }
  logger;
  static {
    __name(this, "GitHubCacheStore");
  }
  async restore(paths, key, restoreKeys = []) {
    validateCacheRequest(paths, key, restoreKeys);
    try {
      return await (await loadCacheClient()).restoreCache(paths, key, restoreKeys);
    } catch (error) {
      this.logger.warning(`Cache restore for key "${key}" failed; continuing without the cache: ${messageOf(error)}`);
      return void 0;
    }
  }
  async save(paths, key) {
    validateCacheRequest(paths, key);
    try {
      if (await (await loadCacheClient()).saveCache(paths, key) !== -1) return true;
      this.logger.info(`Cache entry "${key}" was not saved (the cache client's lines above say why)`);
    } catch (error) {
      this.logger.warning(`Cache entry "${key}" was not saved: ${messageOf(error)}`);
    }
    return false;
  }
};
var cacheClient;
function loadCacheClient() {
  cacheClient ??= import("./cache-TB2RGXVF.js");
  return cacheClient;
}
__name(loadCacheClient, "loadCacheClient");

export {
  validateCacheRequest,
  GitHubCacheStore
};
