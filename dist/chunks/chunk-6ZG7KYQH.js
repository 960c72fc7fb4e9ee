import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  compileGlobs,
  markedModelDir,
  matchesNothing
} from "./chunk-GQQA4X4X.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/folder-index.ts
var FolderIndex = class {
  static {
    __name(this, "FolderIndex");
  }
  byFolder;
  /** The depths (number of path segments) that the folders have, ascending. */
  depths;
  /** Whether a folder lies inside another one. */
  nested;
  /** The folder that held the previous path ("<folder>/") and its value. */
  lastPrefix = "";
  lastValue;
  constructor(entries) {
    this.byFolder = new Map(entries);
    const depths = /* @__PURE__ */ new Set();
    for (const folder of this.byFolder.keys()) depths.add(folder.split("/").length);
    this.depths = [...depths].sort((a, b) => a - b);
    this.nested = [...this.byFolder.keys()].some((folder) => {
      for (let slash = folder.indexOf("/"); slash !== -1; slash = folder.indexOf("/", slash + 1)) {
        if (this.byFolder.has(folder.slice(0, slash))) return true;
      }
      return false;
    });
  }
  /**
   * The value of the innermost folder that holds `path`, if any. A diff lists paths in order, so
   * one folder's files come one after the other: while they do, one prefix test answers.
   */
  owner(path) {
    if (!this.nested && this.lastPrefix !== "" && path.startsWith(this.lastPrefix)) return this.lastValue;
    let found;
    let depth = 0;
    let next = 0;
    for (let slash = path.indexOf("/"); slash !== -1 && next < this.depths.length; slash = path.indexOf("/", slash + 1)) {
      depth++;
      if (depth !== this.depths[next]) continue;
      next++;
      const value = this.byFolder.get(path.slice(0, slash));
      if (value !== void 0) {
        found = value;
        if (!this.nested) {
          this.lastPrefix = path.slice(0, slash + 1);
          this.lastValue = value;
          return found;
        }
      }
    }
    return found;
  }
  has(folder) {
    return this.byFolder.has(folder);
  }
};

// src/core/changes.ts
function emptyWhy() {
  return { files: [], watched: [], shared: [], notes: [] };
}
__name(emptyWhy, "emptyWhy");
function mapChanges(input) {
  const isIgnored = input.isIgnored === void 0 || matchesNothing(input.isIgnored) ? void 0 : input.isIgnored;
  if (isIgnored) return mapChanges({ ...input, changedPaths: input.changedPaths.filter((path) => !isIgnored(path)), isIgnored: void 0 });
  const modelsByDir = new FolderIndex(input.models.map((model) => [model.path, model]));
  const presentNames = new Set(input.models.map((model) => model.name));
  const selected = /* @__PURE__ */ new Map();
  const sharedFiles = [];
  const deleted = /* @__PURE__ */ new Set();
  const runs = !modelsByDir.nested;
  const isShared = matchesNothing(input.isShared) ? void 0 : input.isShared;
  let runPrefix = "";
  let runFiles;
  for (const path of input.changedPaths) {
    if (isShared?.(path)) sharedFiles.push(path);
    if (runFiles !== void 0 && path.startsWith(runPrefix)) {
      runFiles.push(path);
      continue;
    }
    const owner = modelsByDir.owner(path);
    runFiles = void 0;
    if (owner) {
      const files = whyOf(selected, owner.name).files;
      files.push(path);
      if (runs) {
        runPrefix = `${owner.path}/`;
        runFiles = files;
      }
    } else {
      const goneDir = markedModelDir(path, input.isModelDir);
      if (goneDir !== void 0 && !modelsByDir.has(goneDir)) {
        const name = goneDir.slice(goneDir.lastIndexOf("/") + 1);
        if (!presentNames.has(name)) deleted.add(name);
      }
    }
  }
  if (sharedFiles.length > 0) {
    for (const model of input.models) whyOf(selected, model.name).shared = sharedFiles;
  }
  const mapping = { selected, deleted: [...deleted].sort() };
  addWatchedChanges(mapping, input.changedPaths, input.watchers);
  return mapping;
}
__name(mapChanges, "mapChanges");
function addWatchedChanges(mapping, changedPaths, watchers) {
  if (watchers.length === 0) return;
  for (const path of changedPaths) {
    for (const watcher of watchers) {
      if (watcher.matches(path)) whyOf(mapping.selected, watcher.model).watched.push(path);
    }
  }
}
__name(addWatchedChanges, "addWatchedChanges");
function dropIgnoredChanges(mapping, ignoring) {
  for (const { model, ignore } of ignoring) {
    const why = mapping.selected.get(model.name);
    if (!why || ignore.length === 0 || why.watched.length > 0 || why.shared.length > 0 || why.notes.length > 0) continue;
    const isIgnored = compileGlobs(ignore.map((glob) => `${model.path}/${glob}`));
    if (why.files.every(isIgnored)) mapping.selected.delete(model.name);
  }
}
__name(dropIgnoredChanges, "dropIgnoredChanges");
function whyOf(selected, model) {
  let why = selected.get(model);
  if (!why) selected.set(model, why = emptyWhy());
  return why;
}
__name(whyOf, "whyOf");
function trainingSettingsDiffer(before, after) {
  const settings = /* @__PURE__ */ __name((config) => JSON.stringify([config.models, config.shared, config.defaults]), "settings");
  return settings(before) !== settings(after);
}
__name(trainingSettingsDiffer, "trainingSettingsDiffer");

export {
  emptyWhy,
  mapChanges,
  addWatchedChanges,
  dropIgnoredChanges,
  trainingSettingsDiffer
};
