import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FolderIndex,
  compileGlobs,
  markedModelDir,
  matchesNothing
} from "./chunk-LYO4JN6R.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

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
