import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  require_picomatch
} from "./chunk-CYNM7F7O.js";
import {
  MODEL_NAME_PATTERN
} from "./chunk-FTQVXRRL.js";
import {
  DEFAULT_MONITOR_DATA,
  DEFAULT_OUTPUT,
  DEFAULT_TRAIN_COMMAND,
  METRICS_FILE_NAME,
  REQUIREMENTS_LOOKED_FOR,
  defaultRepoConfig
} from "./chunk-YUSQHEK4.js";
import {
  MODEL_CONFIG_FILE
} from "./chunk-WQATJMJ6.js";
import {
  UserError,
  escapeInvisible
} from "./chunk-MBJX3N7S.js";
import {
  __name,
  __toESM
} from "./chunk-56XKJLMR.js";

// src/core/report/format.ts
var ABSENT = "\u2014";
var VALUE_DIGITS = 4;
var MAX_DIGITS = 12;
var CHANGE_DIGITS = 3;
function formatValue(value, digits = VALUE_DIGITS) {
  const size = Math.abs(value);
  if (Number.isInteger(value) && size < 1e15) return String(value);
  if (size >= 10 ** digits && size < 1e15) return String(Math.round(value));
  if (size !== 0 && (size < 1e-4 || size >= 1e15)) return trimExponent(value.toExponential(digits - 1));
  const text = value.toPrecision(digits);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}
__name(formatValue, "formatValue");
function formatPair(base, head) {
  if (base === null || head === null) return [base === null ? ABSENT : formatValue(base), head === null ? ABSENT : formatValue(head)];
  let digits = VALUE_DIGITS;
  let pair = [formatValue(base, digits), formatValue(head, digits)];
  while (base !== head && pair[0] === pair[1] && digits < MAX_DIGITS) {
    digits++;
    pair = [formatValue(base, digits), formatValue(head, digits)];
  }
  return pair;
}
__name(formatPair, "formatPair");
function formatChange(change) {
  if (change === null) return ABSENT;
  return signed(change, formatValue(change, CHANGE_DIGITS));
}
__name(formatChange, "formatChange");
function formatPercent(percent) {
  if (percent === null) return ABSENT;
  const size = Math.abs(percent);
  const digits = size >= 100 ? String(Math.round(percent)) : size < 1e-6 ? "0" : String(Number(percent.toPrecision(2)));
  return `${signed(percent, digits)}%`;
}
__name(formatPercent, "formatPercent");
function signed(value, text) {
  return value > 0 && text !== "0" ? `+${text}` : text;
}
__name(signed, "signed");
function trimExponent(text) {
  return text.replace(/\.?0+e/, "e").replace("e+", "e");
}
__name(trimExponent, "trimExponent");
function count(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
__name(count, "count");
function formatSeconds(seconds) {
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
__name(formatSeconds, "formatSeconds");
function minuteOf(iso) {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]}` : void 0;
}
__name(minuteOf, "minuteOf");

// src/core/config/resolve.ts
import { posix } from "node:path";
function resolveModelConfig(repo, model, overrides, facts) {
  const output = overrides.output ?? DEFAULT_OUTPUT;
  const runsOn = overrides.runsOn ?? repo.defaults.runsOn;
  const config = {
    name: model.name,
    path: model.path,
    train: (overrides.train ?? [DEFAULT_TRAIN_COMMAND]).map((argv) => [...argv]),
    output,
    metricsFile: overrides.metricsFile ?? posix.join(output, METRICS_FILE_NAME),
    runsOn: Array.isArray(runsOn) ? [...runsOn] : runsOn,
    python: overrides.python ?? repo.defaults.python,
    timeoutMinutes: overrides.timeoutMinutes ?? repo.defaults.timeoutMinutes,
    metrics: [...overrides.metrics ?? [], ...repo.metrics],
    watch: [...overrides.watch ?? []],
    cache: overrides.cache ?? true,
    venv: overrides.venv ?? true,
    monitorData: overrides.monitorData ?? DEFAULT_MONITOR_DATA
  };
  if (overrides.evaluate) config.evaluate = overrides.evaluate.map((argv) => [...argv]);
  const monitor = overrides.monitor ?? overrides.evaluate;
  if (monitor) config.monitor = monitor.map((argv) => [...argv]);
  if (overrides.metricsFrom === "mlflow") config.metricsFrom = "mlflow";
  const requirements = overrides.requirements ?? facts.requirementsFound;
  if (requirements !== void 0) config.requirements = requirements;
  return config;
}
__name(resolveModelConfig, "resolveModelConfig");
function withSortedKeys(value) {
  if (Array.isArray(value)) return value.map(withSortedKeys);
  if (typeof value !== "object" || value === null) return value;
  const sorted = {};
  for (const key of Object.keys(value).sort()) {
    const child = value[key];
    if (child !== void 0) sorted[key] = withSortedKeys(child);
  }
  return sorted;
}
__name(withSortedKeys, "withSortedKeys");
function trainingConfigKey(config) {
  const { metrics: _judgedNotTrained, monitor: _watchedNotTrained, monitorData: _watchedDataNotTrained, train, evaluate, ...rest } = config;
  return withSortedKeys({ ...rest, train: asWritten(train), evaluate: evaluate && asWritten(evaluate) });
}
__name(trainingConfigKey, "trainingConfigKey");
function asWritten(commands) {
  return commands.length === 1 ? commands[0] : [...commands];
}
__name(asWritten, "asWritten");

// src/core/fingerprint.ts
import { createHash } from "node:crypto";
var VERSION = "model-ci fingerprint 2";
function fingerprint(input) {
  const text = `${VERSION}
config ${JSON.stringify(input.trainingConfig)}
model ${input.modelTree}
${fileSection("watch", input.watchedFiles)}${fileSection("shared", input.sharedFiles)}`;
  return `sha256:${createHash("sha256").update(text).digest("hex")}`;
}
__name(fingerprint, "fingerprint");
var sharedSections = /* @__PURE__ */ new WeakMap();
function fileSection(name, files) {
  const cached = name === "shared" ? sharedSections.get(files) : void 0;
  if (cached !== void 0) return cached;
  let text = `${name} ${files.length}
`;
  for (const file of sortedByPath(files)) text += `${file.mode} ${file.oid} ${file.path}\0`;
  if (name === "shared") sharedSections.set(files, text);
  return text;
}
__name(fileSection, "fileSection");
function sortedByPath(files) {
  return [...files].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
__name(sortedByPath, "sortedByPath");
function filesMatching(files, matches) {
  const matching = [];
  for (const file of files) if (matches(file.path)) matching.push(file);
  return matching;
}
__name(filesMatching, "filesMatching");

// src/core/globs.ts
var import_picomatch = __toESM(require_picomatch(), 1);
var NEVER = /* @__PURE__ */ __name(() => false, "NEVER");
function matchesNothing(matches) {
  return matches === NEVER;
}
__name(matchesNothing, "matchesNothing");
function compileGlobs(globs, options = { dot: true }) {
  if (globs.length === 0) return NEVER;
  const patterns = globs.map((glob) => import_picomatch.default.makeRe(glob, { dot: options.dot }));
  return patterns.length === 1 ? (path) => patterns[0].test(path) : (path) => patterns.some((pattern) => pattern.test(path));
}
__name(compileGlobs, "compileGlobs");
function compileModelDirGlobs(globs) {
  return compileGlobs(globs, { dot: false });
}
__name(compileModelDirGlobs, "compileModelDirGlobs");
function globBase(glob) {
  const scanned = import_picomatch.default.scan(glob);
  if (scanned.negated || scanned.prefix !== "") return "";
  const base = scanned.base;
  if (base === "" || base.includes("\\")) return "";
  const plain = base.split("/").every((name) => name !== "" && name !== "." && name !== "..");
  return plain ? base : "";
}
__name(globBase, "globBase");
function globBases(globs) {
  const bases = [...new Set(globs.map(globBase))].sort();
  if (bases.includes("")) return [""];
  return bases.filter((base) => !bases.some((other) => other !== base && base.startsWith(`${other}/`)));
}
__name(globBases, "globBases");

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

// src/core/models.ts
var RESERVED_NAMES = /* @__PURE__ */ new Set(["ledger"]);
var MARKER_FILES = [MODEL_CONFIG_FILE, "src/train.py"];
var MARKER_SUFFIXES = MARKER_FILES.map((file) => `/${file}`);
function markedModelDir(path, isModelDir) {
  for (const marker of MARKER_SUFFIXES) {
    if (path.endsWith(marker)) {
      const dir = path.slice(0, -marker.length);
      if (dir.length > 0 && isModelDir(dir)) return dir;
    }
  }
  return void 0;
}
__name(markedModelDir, "markedModelDir");
function markerFolders(paths) {
  const folders = /* @__PURE__ */ new Map();
  for (const path of paths) {
    for (const marker of MARKER_SUFFIXES) {
      if (!path.endsWith(marker) || path.length === marker.length) continue;
      const dir = path.slice(0, -marker.length);
      if (!folders.has(dir)) folders.set(dir, path);
      break;
    }
  }
  return folders;
}
__name(markerFolders, "markerFolders");
function modelsAmong(markers, isModelDir, configFile) {
  const byName = /* @__PURE__ */ new Map();
  for (const [dir, path] of markers) {
    if (!isModelDir(dir)) continue;
    const name = dir.slice(dir.lastIndexOf("/") + 1);
    if (!MODEL_NAME_PATTERN.test(name)) {
      throw new UserError(
        `${dir}: "${name}" is not a valid model name; rename the directory to start with a letter or digit and use only letters, digits, ".", "_" and "-" (at most 100 characters), or exclude it from "models" in ${configFile}`,
        { file: path }
      );
    }
    if (RESERVED_NAMES.has(name)) {
      throw new UserError(
        `${dir}: "${name}" is reserved (model-ci stores its ledger as the artifact model-ci-${name}); rename the directory, or exclude it from "models" in ${configFile}`,
        { file: path }
      );
    }
    const other = byName.get(name);
    if (other) {
      throw new UserError(
        `${dir}: model name "${name}" is already used by ${other.path}; model names must be unique, so rename one of the directories or narrow "models" in ${configFile}`,
        { file: path }
      );
    }
    byName.set(name, { name, path: dir });
  }
  return [...byName.values()].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
__name(modelsAmong, "modelsAmong");
function lookalikeFolders(pythonFiles, models, isModelDir) {
  let inModel;
  let holdingModels;
  const found = /* @__PURE__ */ new Set();
  for (const path of pythonFiles) {
    inModel ??= new FolderIndex(models.map((model) => [model.path, true]));
    if (inModel.owner(path)) continue;
    holdingModels ??= foldersHolding(models);
    for (let slash = path.indexOf("/"); slash !== -1; slash = path.indexOf("/", slash + 1)) {
      const folder = path.slice(0, slash);
      if (holdingModels.has(folder) || !isModelDir(folder)) continue;
      found.add(folder);
      break;
    }
  }
  return [...found].sort();
}
__name(lookalikeFolders, "lookalikeFolders");
function foldersHolding(models) {
  const folders = /* @__PURE__ */ new Set();
  for (const { path } of models) {
    for (let slash = path.indexOf("/"); slash !== -1; slash = path.indexOf("/", slash + 1)) folders.add(path.slice(0, slash));
  }
  return folders;
}
__name(foldersHolding, "foldersHolding");

// src/repository/config-parser.ts
var loading;
function loadConfigParser() {
  if (!loading) {
    loading = import("./parse-BO576XLD.js");
    loading.catch(() => void 0);
  }
  return loading;
}
__name(loadConfigParser, "loadConfigParser");

// src/core/git-tree.ts
import { createHash as createHash2 } from "node:crypto";
var TREE_OBJECT_MODE = "40000";
function gitTreeId(files) {
  const root = { files: /* @__PURE__ */ new Map(), folders: /* @__PURE__ */ new Map() };
  for (const file of files) {
    let folder = root;
    const names = file.path.split("/");
    for (let i = 0; i < names.length - 1; i++) {
      let child = folder.folders.get(names[i]);
      if (!child) folder.folders.set(names[i], child = { files: /* @__PURE__ */ new Map(), folders: /* @__PURE__ */ new Map() });
      folder = child;
    }
    folder.files.set(names[names.length - 1], file);
  }
  return treeId(root).toString("hex");
}
__name(gitTreeId, "gitTreeId");
function treeId(folder) {
  const entries = [];
  for (const [name, file] of folder.files) {
    entries.push({ sortKey: Buffer.from(name), mode: file.mode, name, oid: Buffer.from(file.oid, "hex") });
  }
  for (const [name, child] of folder.folders) {
    entries.push({ sortKey: Buffer.from(`${name}/`), mode: TREE_OBJECT_MODE, name, oid: treeId(child) });
  }
  entries.sort((a, b) => Buffer.compare(a.sortKey, b.sortKey));
  const body = Buffer.concat(entries.flatMap((entry) => [Buffer.from(`${entry.mode} ${entry.name}\0`), entry.oid]));
  return createHash2("sha1").update(`tree ${body.length}\0`).update(body).digest();
}
__name(treeId, "treeId");
var NOT_ASCII = /[\u0080-\u00ff]/;
function parseTreeObject(content) {
  const text = content.toString("latin1");
  const hex = content.toString("hex");
  const entries = [];
  let at = 0;
  while (at < text.length) {
    const space = text.indexOf(" ", at);
    const nul = text.indexOf("\0", space);
    const name = text.slice(space + 1, nul);
    entries.push({
      mode: text.slice(at, space),
      name: NOT_ASCII.test(name) ? content.toString("utf8", space + 1, nul) : name,
      oid: hex.slice(2 * (nul + 1), 2 * (nul + 21))
    });
    at = nul + 21;
  }
  return entries;
}
__name(parseTreeObject, "parseTreeObject");

// src/ports/git.ts
var TREE_MODE = "040000";
var SUBMODULE_MODE = "160000";

// src/repository/committed-files.ts
function isNamed(path, name) {
  return path.endsWith(name) && (path.length === name.length || path[path.length - name.length - 1] === "/");
}
__name(isNamed, "isNamed");

// src/repository/git-committed-files.ts
var MAX_FOLDERS_BY_NAME = 32;
var GitCommittedFiles = class {
  constructor(git) {
    this.git = git;
  }
  git;
  static {
    __name(this, "GitCommittedFiles");
  }
  /**
   * Read from the index, which git lists several times faster than it walks HEAD's trees, when the
   * index and HEAD agree on those files — always so in a fresh checkout, the CI case. Locally,
   * staged changes make them differ: then HEAD's trees are walked, so that what model-ci reads is
   * what was committed either way.
   */
  async findFiles(bases, names) {
    const folders = bases.map(gitFolder);
    const [indexed, agrees] = await Promise.all([this.git.findInIndex(folders, names), this.git.indexAgrees("HEAD", folders, names)]);
    if (agrees) return indexed;
    const committed = await this.git.listTree("HEAD", folders, { recursive: true });
    return committed.filter((entry) => names.some((name) => isNamed(entry.path, name)));
  }
  /**
   * One `git cat-file --batch` call for the blobs and the trees. The folders' parents are read
   * either way, so the ids come for every folder beside them too (the folders a `models` glob
   * matches that are no models: see Repository.lookalikeFolders).
   */
  async readFilesAndTrees(files, dirs) {
    const byName = dirs.length <= MAX_FOLDERS_BY_NAME;
    const parents = [...new Set(dirs.map(parentOf))];
    const trees = byName ? [...dirs, ...parents] : parents;
    if (trees.some((path) => path.includes("\n"))) return this.readWithTreeListing(files, dirs);
    const objects = await this.git.readObjects([...files.map((file) => file.oid), ...trees.map((path) => `HEAD:${path}`)]);
    const texts = /* @__PURE__ */ new Map();
    files.forEach((file, index) => {
      const blob = objects[index];
      if (blob) texts.set(file.path, blob.content.toString("utf8"));
    });
    const treeIds = /* @__PURE__ */ new Map();
    trees.forEach((path, index) => {
      const tree = objects[files.length + index];
      if (tree?.type !== "tree") return;
      if (byName && index < dirs.length) {
        treeIds.set(path, tree.oid);
        return;
      }
      for (const entry of parseTreeObject(tree.content)) {
        if (entry.mode === TREE_OBJECT_MODE) treeIds.set(path === "" ? entry.name : `${path}/${entry.name}`, entry.oid);
      }
    });
    return { texts, treeIds };
  }
  async filesUnder(bases) {
    if (bases.length === 0) return [];
    const entries = await this.git.listTree("HEAD", bases.map(gitFolder), { recursive: true });
    return entries.filter((entry) => entry.mode !== SUBMODULE_MODE);
  }
  async readWithTreeListing(files, dirs) {
    const [objects, entries] = await Promise.all([
      this.git.readObjects(files.map((file) => file.oid)),
      this.git.listTree("HEAD", dirs, { recursive: false })
    ]);
    const texts = /* @__PURE__ */ new Map();
    files.forEach((file, index) => {
      const blob = objects[index];
      if (blob) texts.set(file.path, blob.content.toString("utf8"));
    });
    const treeIds = /* @__PURE__ */ new Map();
    for (const entry of entries) if (entry.mode === TREE_MODE) treeIds.set(entry.path, entry.oid);
    return { texts, treeIds };
  }
};
function gitFolder(base) {
  return base === "" ? "." : base;
}
__name(gitFolder, "gitFolder");
function parentOf(dir) {
  const slash = dir.lastIndexOf("/");
  return slash === -1 ? "" : dir.slice(0, slash);
}
__name(parentOf, "parentOf");

// src/repository/listed-committed-files.ts
var ListedCommittedFiles = class {
  constructor(files, workspace) {
    this.files = files;
    this.workspace = workspace;
  }
  files;
  workspace;
  static {
    __name(this, "ListedCommittedFiles");
  }
  async findFiles(bases, names) {
    const found = await this.filesUnder(bases);
    return found.filter((file) => names.some((name) => isNamed(file.path, name)));
  }
  async readFilesAndTrees(files, dirs) {
    const texts = /* @__PURE__ */ new Map();
    for (const file of files) {
      const text = this.workspace.readText(file.path);
      if (text !== void 0) texts.set(file.path, text);
    }
    return { texts, treeIds: this.treeIds(dirs) };
  }
  async filesUnder(bases) {
    if (bases.includes("")) return [...this.files];
    return this.files.filter((file) => bases.some((base) => file.path === base || file.path.startsWith(`${base}/`)));
  }
  treeIds(dirs) {
    const filesByDir = new Map(dirs.map((dir) => [dir, []]));
    for (const file of this.files) {
      for (let slash = file.path.indexOf("/"); slash !== -1; slash = file.path.indexOf("/", slash + 1)) {
        filesByDir.get(file.path.slice(0, slash))?.push({ ...file, path: file.path.slice(slash + 1) });
      }
    }
    const ids = /* @__PURE__ */ new Map();
    for (const [dir, files] of filesByDir) if (files.length > 0) ids.set(dir, gitTreeId(files));
    return ids;
  }
};

// src/repository/repository.ts
var MODEL_FOLDER_FILES = [...MARKER_FILES, ...REQUIREMENTS_LOOKED_FOR];
var MAY_WATCH = /watch|\\/;
var Repository = class _Repository {
  constructor(ports, files, config, configFile, modelFolderFiles, markers) {
    this.ports = ports;
    this.files = files;
    this.config = config;
    this.configFile = configFile;
    this.modelFolderFiles = modelFolderFiles;
    this.isModelDir = compileModelDirGlobs(config.models);
    this.isShared = compileGlobs(config.shared);
    this.isIgnored = compileGlobs(config.ignore);
    this.models = modelsAmong(markers, this.isModelDir, configFile);
  }
  ports;
  files;
  config;
  configFile;
  modelFolderFiles;
  static {
    __name(this, "Repository");
  }
  isModelDir;
  isShared;
  isIgnored;
  models;
  parsedOverrides = /* @__PURE__ */ new Map();
  /** Models whose model.yml `name` mismatch was warned about, once each. */
  checkedNames = /* @__PURE__ */ new Set();
  modelFiles = /* @__PURE__ */ new Map();
  treeIds = /* @__PURE__ */ new Map();
  sharedFiles;
  /** Files below the bases of the `watch` globs read so far, by path. */
  watchableFiles = /* @__PURE__ */ new Map();
  listedWatchBases = /* @__PURE__ */ new Set();
  /** What `read` started reading for `allModelFiles`, and whether it is done. */
  readingAll;
  allRead = false;
  /** Reads the checkout: model-ci.yml from the working tree, the models as committed at HEAD. */
  static async read(ports, configFile, options = {}) {
    const text = ports.workspace.readText(configFile);
    const config = text === void 0 ? defaultRepoConfig() : (await loadConfigParser()).parseRepoConfig(text, configFile);
    const files = ports.git ? new GitCommittedFiles(ports.git) : new ListedCommittedFiles(ports.listFilesWithoutGit(), ports.workspace);
    const found = await files.findFiles(globBases(config.models), MODEL_FOLDER_FILES);
    const modelFolderFiles = /* @__PURE__ */ new Map();
    for (const entry of found) modelFolderFiles.set(entry.path, entry);
    const markers = markerFolders(modelFolderFiles.keys());
    const reading = options.allModelFiles ? readEveryModelFile(files, modelFolderFiles, markers) : void 0;
    reading?.catch(() => void 0);
    const repository = new _Repository(ports, files, config, configFile, modelFolderFiles, markers);
    if (reading) {
      repository.readingAll = repository.keepModelFiles(reading);
      repository.readingAll.catch(() => void 0);
    }
    return repository;
  }
  /**
   * Reads the model.yml of each model as committed (with git in one `cat-file --batch` call, which
   * in a monorepo of thousands of models costs a fraction of reading the files one by one), and
   * what their fingerprints hash: the tree of each model's folder, the files of the `shared` globs
   * and of each model's `watch` globs. Returns the models loaded, in the order given.
   */
  async load(models) {
    const parsing = loadConfigParser();
    const sharedFiles = await this.readUnread(models);
    const parser = await parsing;
    await this.readWatchableFiles(models, parser);
    return models.map((model) => this.loaded(model, parser, sharedFiles));
  }
  loaded(model, parser, sharedFiles) {
    const modelTree = this.treeIds.get(model.path);
    if (modelTree === void 0) throw new Error(`Repository.load: git gave no tree for ${model.path}`);
    let resolved;
    const overrides = /* @__PURE__ */ __name(() => this.overrides(model, parser), "overrides");
    const config = /* @__PURE__ */ __name(() => resolved ??= this.modelConfig(model, overrides()), "config");
    return {
      model,
      overrides,
      config,
      fingerprint: /* @__PURE__ */ __name(() => fingerprint({ modelTree, watchedFiles: this.watchedFiles(config()), sharedFiles, trainingConfig: trainingConfigKey(config()) }), "fingerprint")
    };
  }
  /**
   * Reads every model's model.yml (with `allModelFiles`, what `read` started) and returns the
   * models whose file can hold a `watch` key. The others have none, and are not parsed to tell:
   * parsing 2,000 files takes a while, and a watch key is rare.
   */
  async findModelsThatMayWatch() {
    await this.readUnread(this.models);
    return this.models.filter((model) => this.mayWatch(model));
  }
  /** Whether the model's model.yml (read already) can hold a `watch` key. */
  mayWatch(model) {
    const text = this.modelFileText(model);
    return text !== void 0 && MAY_WATCH.test(text);
  }
  /**
   * Folders the `models` globs match that hold Python files but neither model.yml nor
   * src/train.py, so they are no model (see lookalikeFolders): a model.yml forgotten, most often.
   * Looked for among the folders beside the models read so far, which reading their trees lists
   * at no cost (see CommittedFiles.readFilesAndTrees); only when some are not models are their
   * files listed. Without git, and for a folder beside no model, none are found.
   */
  async lookalikeFolders() {
    const modelPaths = new Set(this.models.map((model) => model.path));
    const candidates = [...this.treeIds.keys()].filter((dir) => !modelPaths.has(dir) && this.isModelDir(dir));
    if (candidates.length === 0) return [];
    const pythonFiles = (await this.files.filesUnder(candidates)).filter((file) => file.path.endsWith(".py")).map((file) => file.path);
    return lookalikeFolders(pythonFiles, this.models, this.isModelDir);
  }
  model(name) {
    return this.models.find((model) => model.name === name);
  }
  /**
   * A model's model.yml, parsed once. The directory names the model: a `name` key that says
   * otherwise (left behind when the directory was renamed) draws a warning, not an error.
   */
  overrides(model, parser) {
    const parsed = this.parse(model, parser);
    if (!this.checkedNames.has(model.name)) {
      this.checkedNames.add(model.name);
      if (parsed.name !== void 0 && parsed.name !== model.name) {
        const file = modelFilePath(model);
        this.ports.logger.warning(
          `${file}: "name" is ${JSON.stringify(parsed.name)} but the model is named after its directory, "${model.name}"; remove "name" or set it to the directory's name`,
          { file }
        );
      }
    }
    return parsed;
  }
  /**
   * The model's model.yml text as committed, without parsing it (undefined when it has none), or
   * as checked out when it is among `checkedOutModelFiles`. The readers of the repository's files
   * (readUnread, keepModelFiles) have read every model file they were asked for, and only they lead here.
   */
  modelFileText(model) {
    const path = modelFilePath(model);
    if (this.ports.checkedOutModelFiles?.has(path)) return this.ports.workspace.readText(path);
    return this.modelFiles.get(path);
  }
  modelConfig(model, overrides) {
    if (overrides.metricsFrom === "mlflow" && !this.config.mlflow) {
      const file = modelFilePath(model);
      throw new UserError(`${file}: "metrics-from: mlflow" reads the metrics from the training's MLflow run, which needs an mlflow: block in model-ci.yml (see model-ci's docs/mlflow.md); add one, or remove metrics-from`, { file });
    }
    return resolveModelConfig(this.config, model, overrides, {
      requirementsFound: REQUIREMENTS_LOOKED_FOR.find((path) => this.modelFolderFiles.has(`${model.path}/${path}`))
    });
  }
  /** model.yml parsed, without the warnings `overrides` gives, which `load` must not give early. */
  parse(model, parser) {
    let parsed = this.parsedOverrides.get(model.name);
    if (!parsed) {
      const text = this.modelFileText(model);
      parsed = text === void 0 ? {} : parser.parseModelOverrides(text, modelFilePath(model));
      this.parsedOverrides.set(model.name, parsed);
    }
    return parsed;
  }
  /** Reads the model.yml and folder tree of those of `models` not read yet, and the shared files. */
  async readUnread(models) {
    await this.readingAll;
    if (this.allRead) return this.readSharedFiles();
    const unread = models.map((model) => this.modelFolderFiles.get(modelFilePath(model))).filter((entry) => entry !== void 0 && !this.modelFiles.has(entry.path));
    const dirs = models.map((model) => model.path).filter((dir) => !this.treeIds.has(dir));
    const [read, sharedFiles] = await Promise.all([
      unread.length > 0 || dirs.length > 0 ? this.files.readFilesAndTrees(unread, dirs) : void 0,
      this.readSharedFiles()
    ]);
    if (read) this.keep(read, unread);
    return sharedFiles;
  }
  async keepModelFiles(reading) {
    const [{ read, files }] = await Promise.all([reading, this.readSharedFiles()]);
    this.keep(read, files);
    this.allRead = true;
  }
  keep(read, files) {
    for (const file of files) this.modelFiles.set(file.path, read.texts.get(file.path));
    if (this.treeIds.size === 0) this.treeIds = read.treeIds;
    else for (const [dir, id] of read.treeIds) this.treeIds.set(dir, id);
  }
  readSharedFiles() {
    this.sharedFiles ??= (async () => {
      const candidates = this.config.shared.length > 0 ? await this.files.filesUnder(globBases(this.config.shared)) : [];
      return filesMatching(candidates, this.isShared);
    })();
    return this.sharedFiles;
  }
  /**
   * Lists the files below the bases of the models' `watch` globs. Parsing every model.yml is slow
   * (2,000 of them in a large monorepo), so only texts that can hold a `watch` key are parsed; one
   * that does not parse is left for `overrides` to report where it always has.
   */
  async readWatchableFiles(models, parser) {
    const globs = [];
    for (const model of models) {
      if (!this.mayWatch(model)) continue;
      try {
        globs.push(...this.parse(model, parser).watch ?? []);
      } catch {
        continue;
      }
    }
    const bases = globBases(globs).filter((base) => !this.isWatchBaseListed(base));
    if (bases.length === 0) return;
    for (const file of await this.files.filesUnder(bases)) this.watchableFiles.set(file.path, file);
    for (const base of bases) this.listedWatchBases.add(base);
  }
  watchedFiles(config) {
    if (config.watch.length === 0) return [];
    for (const base of globBases(config.watch)) {
      if (!this.isWatchBaseListed(base)) throw new Error(`Repository: the watched files of ${config.path} were not listed`);
    }
    return filesMatching(this.watchableFiles.values(), compileGlobs(config.watch));
  }
  isWatchBaseListed(base) {
    if (this.listedWatchBases.has("") || this.listedWatchBases.has(base)) return true;
    for (let slash = base.indexOf("/"); slash !== -1; slash = base.indexOf("/", slash + 1)) {
      if (this.listedWatchBases.has(base.slice(0, slash))) return true;
    }
    return false;
  }
};
async function readEveryModelFile(files, modelFolderFiles, markers) {
  const modelFiles = [];
  for (const dir of markers.keys()) {
    const entry = modelFolderFiles.get(`${dir}/${MODEL_CONFIG_FILE}`);
    if (entry) modelFiles.push(entry);
  }
  return { read: await files.readFilesAndTrees(modelFiles, [...markers.keys()]), files: modelFiles };
}
__name(readEveryModelFile, "readEveryModelFile");
function modelFilePath(model) {
  return `${model.path}/${MODEL_CONFIG_FILE}`;
}
__name(modelFilePath, "modelFilePath");

// src/core/markdown.ts
function escapeMarkdown(text) {
  return oneLine(text).replace(/[\\`*_{}[\]()#+\-.!|~<>&"'@:]/g, (ch) => ENTITIES[ch] ?? `\\${ch}`);
}
__name(escapeMarkdown, "escapeMarkdown");
var ENTITIES = {
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
  '"': "&quot;",
  "'": "&#39;",
  "|": "&#124;",
  // "@name" would notify a user; a zero-width joiner keeps the text but breaks the mention.
  "@": "@&#8203;",
  // "https:" would be auto-linked.
  ":": "&#58;"
};
var NEEDS_CARE = /[`|\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
function inlineCode(text) {
  if (!NEEDS_CARE.test(text)) return `\`${text}\``;
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const padded = text.startsWith("`") || text.endsWith("`") ? ` ${text} ` : text;
  return `${fence}${oneLine(padded).replace(/\|/g, "\\|")}${fence}`;
}
__name(inlineCode, "inlineCode");
var LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
function oneLine(text) {
  return escapeInvisible(text).replace(LINE_BREAKING, " ");
}
__name(oneLine, "oneLine");

// src/adapters/git/run-git.ts
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmdirSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
function runGit(cwd, args, input) {
  const call = nextCallFiles();
  const fds = [];
  const cleanUp = /* @__PURE__ */ __name(() => {
    for (const fd of fds.splice(0)) closeSync(fd);
    for (const file of Object.values(call)) {
      try {
        unlinkSync(file);
      } catch {
      }
    }
    callDone();
  }, "cleanUp");
  let stdio;
  try {
    let inputFd = "ignore";
    if (input !== void 0) {
      writeFileSync(call.input, input, { flag: "wx", mode: 384 });
      fds.push(inputFd = openSync(call.input, "r"));
    }
    fds.push(openSync(call.output, "wx", 384), openSync(call.errors, "wx", 384));
    stdio = [inputFd, ...fds.slice(-2)];
  } catch (error) {
    cleanUp();
    return Promise.reject(error);
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = /* @__PURE__ */ __name((finish) => {
      if (settled) return;
      settled = true;
      try {
        finish();
      } catch (error) {
        reject(error);
      } finally {
        cleanUp();
      }
    }, "settle");
    let child;
    try {
      child = spawn("git", args, { cwd, stdio, env: gitEnv() });
    } catch (error) {
      settle(() => reject(error));
      return;
    }
    child.on("error", (error) => settle(() => reject(error)));
    child.on(
      "close",
      (code, signal) => settle(
        () => resolve({
          exitCode: code ?? (signal ? 128 : 1),
          stdout: readFileSync(call.output),
          stderr: readFileSync(call.errors, "utf8").trim()
        })
      )
    );
  });
}
__name(runGit, "runGit");
var callFolder;
var running = 0;
var calls = 0;
function nextCallFiles() {
  const folder = callFolder ?? mkdtempSync(join(tmpdir(), "model-ci-git-"));
  callFolder = folder;
  running++;
  calls++;
  return { input: join(folder, `${calls}.in`), output: join(folder, `${calls}.out`), errors: join(folder, `${calls}.err`) };
}
__name(nextCallFiles, "nextCallFiles");
function callDone() {
  if (--running > 0 || !callFolder) return;
  try {
    rmdirSync(callFolder);
  } catch {
  }
  callFolder = void 0;
}
__name(callDone, "callDone");
var PATHSPEC_VARIABLES = ["GIT_LITERAL_PATHSPECS", "GIT_GLOB_PATHSPECS", "GIT_NOGLOB_PATHSPECS", "GIT_ICASE_PATHSPECS"];
var env;
function gitEnv() {
  if (!env) {
    env = { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" };
    for (const name of PATHSPEC_VARIABLES) delete env[name];
  }
  return env;
}
__name(gitEnv, "gitEnv");
function splitNul(output) {
  const text = output.toString("utf8");
  if (text.length === 0) return [];
  const records = text.split("\0");
  if (records[records.length - 1] === "") records.pop();
  return records;
}
__name(splitNul, "splitNul");

// src/adapters/git/git-cli.ts
import { existsSync } from "node:fs";
import { join as join2 } from "node:path";
var GitCli = class _GitCli {
  constructor(root) {
    this.root = root;
  }
  root;
  static {
    __name(this, "GitCli");
  }
  /** Opens the repository that holds `dir`, or returns undefined when `dir` is not in one. */
  static async open(dir) {
    if (existsSync(join2(dir, ".git"))) return new _GitCli(dir);
    const result = await runGit(dir, ["rev-parse", "--show-toplevel"]);
    if (result.exitCode !== 0) return void 0;
    return new _GitCli(result.stdout.toString("utf8").trim());
  }
  async resolveCommit(rev) {
    const result = await this.git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`]);
    return result.exitCode === 0 ? result.stdout.toString("utf8").trim() : void 0;
  }
  async findInIndex(folders, names) {
    const output = await this.checked(["ls-files", "--stage", "-z", "--", ...namePathspecs(folders, names)]);
    const entries = [];
    for (const record of splitNul(output)) {
      const oidStart = record.indexOf(" ") + 1;
      const oidEnd = record.indexOf(" ", oidStart);
      entries.push({ path: record.slice(record.indexOf("	", oidEnd) + 1), mode: record.slice(0, oidStart - 1), oid: record.slice(oidStart, oidEnd) });
    }
    return entries;
  }
  async indexAgrees(rev, folders, names) {
    const args = ["diff-index", "--cached", "--quiet", "--end-of-options", rev, "--", ...namePathspecs(folders, names)];
    const result = await this.git(args);
    if (result.exitCode === 0 || result.exitCode === 1) return result.exitCode === 0;
    throw new Error(`git ${args.join(" ")} failed (exit ${result.exitCode}): ${result.stderr}`);
  }
  async listTree(rev, paths, options) {
    const args = ["--literal-pathspecs", "ls-tree", "-z", "--full-tree"];
    if (options.recursive) args.push("-r");
    const output = await this.checked([...args, "--end-of-options", rev, "--", ...paths]);
    const entries = [];
    for (const record of splitNul(output)) {
      const typeStart = record.indexOf(" ") + 1;
      const oidStart = record.indexOf(" ", typeStart) + 1;
      const tab = record.indexOf("	", oidStart);
      entries.push({ path: record.slice(tab + 1), mode: record.slice(0, typeStart - 1), oid: record.slice(oidStart, tab) });
    }
    return entries;
  }
  async changedPaths(from, to) {
    return splitNul(await this.checked([...DIFF_NAMES, "--end-of-options", from, to]));
  }
  async changesSinceMergeBase(a, b) {
    const [mergeBase, diff] = await Promise.all([this.mergeBase(a, b), this.git([...DIFF_NAMES, "--merge-base", "--end-of-options", a, b])]);
    if (mergeBase === void 0 || diff.exitCode !== 0) return void 0;
    return { mergeBase, paths: splitNul(diff.stdout) };
  }
  async parentsOf(rev) {
    const result = await this.git(["cat-file", "commit", "--end-of-options", rev]);
    if (result.exitCode !== 0) return void 0;
    const text = result.stdout.toString("latin1");
    const end = text.indexOf("\n\n");
    const header = end === -1 ? text : text.slice(0, end + 1);
    return [...header.matchAll(/^parent ([0-9a-f]+)$/gm)].map((match) => match[1]);
  }
  async mergeBase(a, b) {
    const result = await this.git(["merge-base", "--end-of-options", a, b]);
    return result.exitCode === 0 ? result.stdout.toString("utf8").trim() : void 0;
  }
  async isShallow() {
    const output = await this.checked(["rev-parse", "--is-shallow-repository"]);
    return output.toString("utf8").trim() === "true";
  }
  async fetch(refspecs, options) {
    const args = ["fetch", "--no-tags", "--no-recurse-submodules", "--quiet"];
    if (options.depth !== void 0) args.push(`--depth=${options.depth}`);
    if (options.deepen !== void 0) args.push(`--deepen=${options.deepen}`);
    if (options.unshallow) args.push("--unshallow");
    args.push("origin", ...refspecs);
    const result = await this.git(args);
    return result.exitCode === 0;
  }
  async readObjects(names) {
    if (names.length === 0) return [];
    const output = await runGit(this.root, ["cat-file", "--batch", "--buffer"], `${names.join("\n")}
`);
    if (output.exitCode !== 0) throw new Error(`git cat-file --batch failed (exit ${output.exitCode}): ${output.stderr}`);
    const data = output.stdout;
    const text = data.toString("latin1");
    const objects = [];
    let at = 0;
    while (at < text.length) {
      const lineEnd = text.indexOf("\n", at);
      const header = text.slice(at, lineEnd);
      at = lineEnd + 1;
      if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
        objects.push(void 0);
        continue;
      }
      const typeStart = header.indexOf(" ") + 1;
      const sizeStart = header.indexOf(" ", typeStart) + 1;
      const length = Number(header.slice(sizeStart));
      objects.push({ oid: header.slice(0, typeStart - 1), type: header.slice(typeStart, sizeStart - 1), content: data.subarray(at, at + length) });
      at += length + 1;
    }
    return objects;
  }
  async readFile(rev, path) {
    const result = await this.git(["cat-file", "blob", "--end-of-options", `${rev}:${path}`]);
    return result.exitCode === 0 ? result.stdout.toString("utf8") : void 0;
  }
  async firstParentAncestors(rev, limit) {
    const result = await this.git(["rev-list", "--first-parent", `--max-count=${limit}`, "--end-of-options", rev]);
    if (result.exitCode !== 0) return [];
    return result.stdout.toString("utf8").split("\n").filter((line) => line !== "");
  }
  git(args) {
    return runGit(this.root, ["-c", "core.quotePath=false", ...args]);
  }
  async checked(args) {
    const result = await this.git(args);
    if (result.exitCode !== 0) {
      throw new Error(`git ${args.join(" ")} failed (exit ${result.exitCode}): ${result.stderr}`);
    }
    return result.stdout;
  }
};
var DIFF_NAMES = ["diff", "--no-renames", "--no-ext-diff", "--no-textconv", "--name-only", "-z"];
function namePathspecs(folders, names) {
  return folders.flatMap((folder) => names.map((name) => `${folder === "." ? "" : escapePattern(folder)}*/${escapePattern(name)}`));
}
__name(namePathspecs, "namePathspecs");
function escapePattern(text) {
  return text.replace(/[*?[\\]/g, "\\$&").replace(/^:/, "\\:");
}
__name(escapePattern, "escapePattern");

// src/adapters/local/state-dir.ts
var LOCAL_STATE_DIR = ".model-ci";

// src/adapters/node/fs-listing.ts
import { createHash as createHash3 } from "node:crypto";
import { readdirSync, readFileSync as readFileSync2, readlinkSync, statSync } from "node:fs";
import { join as join3 } from "node:path";
var SKIPPED = /* @__PURE__ */ new Set([".git", LOCAL_STATE_DIR, "node_modules"]);
function listFilesWithoutGit(root) {
  const entries = [];
  const walk = /* @__PURE__ */ __name((dir, prefix) => {
    for (const dirent of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED.has(dirent.name)) continue;
      const full = join3(dir, dirent.name);
      const path = prefix + dirent.name;
      if (dirent.isDirectory()) walk(full, `${path}/`);
      else if (dirent.isSymbolicLink()) entries.push({ path, mode: "120000", oid: blobId(Buffer.from(readlinkSync(full))) });
      else if (dirent.isFile()) {
        const executable = (statSync(full).mode & 73) !== 0;
        entries.push({ path, mode: executable ? "100755" : "100644", oid: blobId(readFileSync2(full)) });
      }
    }
  }, "walk");
  walk(root, "");
  return entries;
}
__name(listFilesWithoutGit, "listFilesWithoutGit");
function blobId(content) {
  return createHash3("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}
__name(blobId, "blobId");

// src/adapters/node/fs-workspace.ts
import { readFileSync as readFileSync3 } from "node:fs";
import { join as join4 } from "node:path";
var FsWorkspace = class {
  constructor(root) {
    this.root = root;
  }
  root;
  static {
    __name(this, "FsWorkspace");
  }
  readText(path) {
    try {
      return readFileSync3(join4(this.root, path), "utf8");
    } catch (error) {
      if (error.code === "ENOENT" || error.code === "ENOTDIR") {
        return void 0;
      }
      throw error;
    }
  }
};

// src/repository/scoped-git.ts
var ScopedGit = class {
  /** `scope` is the workspace's path relative to the repository's top folder ('' for the top). */
  constructor(git, scope) {
    this.git = git;
    this.prefix = scope === "" || scope === "." ? "" : `${scope.replace(/\/+$/, "")}/`;
  }
  git;
  static {
    __name(this, "ScopedGit");
  }
  prefix;
  /** Git's findInIndex; "." is the workspace's folder. */
  async findInIndex(folders, names) {
    return this.scopeEntries(await this.git.findInIndex(folders.map((folder) => this.folderInRepository(folder)), names));
  }
  indexAgrees(rev, folders, names) {
    return this.git.indexAgrees(rev, folders.map((folder) => this.folderInRepository(folder)), names);
  }
  /** Git's listTree; "." is the workspace's folder. */
  async listTree(rev, paths, options) {
    return this.scopeEntries(await this.git.listTree(rev, paths.map((path) => this.toRepository(path)), options));
  }
  async changedPaths(from, to) {
    return this.scopePaths(await this.git.changedPaths(from, to));
  }
  /** Git's readObjects; the path of a `<rev>:<path>` name is workspace-relative, "" for the workspace. */
  readObjects(names) {
    if (this.prefix === "") return this.git.readObjects(names);
    return this.git.readObjects(
      names.map((name) => {
        const colon = name.indexOf(":");
        if (colon === -1) return name;
        const path = name.slice(colon + 1);
        return `${name.slice(0, colon + 1)}${path === "" ? this.prefix.slice(0, -1) : this.prefix + path}`;
      })
    );
  }
  readFile(rev, path) {
    return this.git.readFile(rev, this.prefix + path);
  }
  firstParentAncestors(rev, limit) {
    return this.git.firstParentAncestors(rev, limit);
  }
  /** Repository-relative paths → workspace-relative ones, leaving out those outside it. */
  scopePaths(paths) {
    if (this.prefix === "") return [...paths];
    return paths.filter((path) => path.startsWith(this.prefix)).map((path) => path.slice(this.prefix.length));
  }
  scopeEntries(entries) {
    if (this.prefix === "") return entries;
    const scoped = [];
    for (const entry of entries) {
      if (entry.path.startsWith(this.prefix)) scoped.push({ ...entry, path: entry.path.slice(this.prefix.length) });
    }
    return scoped;
  }
  /** A workspace-relative folder ("." for the workspace itself) → a repository-relative one. */
  folderInRepository(folder) {
    if (folder === ".") return this.prefix === "" ? "." : this.prefix.slice(0, -1);
    return this.prefix + folder;
  }
  /** Like folderInRepository, for ls-tree paths, where "." and a trailing "/" mean the folder's entries. */
  toRepository(path) {
    if (path === ".") return this.prefix === "" ? "." : this.prefix;
    return this.prefix + path;
  }
};

export {
  formatValue,
  formatPair,
  formatChange,
  formatPercent,
  count,
  formatSeconds,
  minuteOf,
  matchesNothing,
  compileGlobs,
  FolderIndex,
  markedModelDir,
  escapeMarkdown,
  inlineCode,
  loadConfigParser,
  isNamed,
  Repository,
  runGit,
  splitNul,
  GitCli,
  LOCAL_STATE_DIR,
  listFilesWithoutGit,
  FsWorkspace,
  ScopedGit
};
