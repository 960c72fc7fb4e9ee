import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsArtifactStore
} from "./chunk-U26WNRXY.js";
import {
  mapChanges
} from "./chunk-6ZG7KYQH.js";
import {
  trackingConnector
} from "./chunk-MV335C47.js";
import {
  inParallel
} from "./chunk-BLVXZADQ.js";
import {
  NodeProcessRunner,
  causeOf,
  train,
  validateCacheRequest
} from "./chunk-6FHPNQ53.js";
import {
  hashTree
} from "./chunk-V7WXQM7V.js";
import {
  NodeFileSystem
} from "./chunk-SOZEUMBO.js";
import {
  LOCAL_STATE_DIR,
  Repository,
  compileGlobs
} from "./chunk-GQQA4X4X.js";
import {
  modelLogger,
  paint
} from "./chunk-KNGMVTEG.js";
import {
  isUserError
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/local-training.ts
import { join as join2, relative } from "node:path";

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

// src/cli/progress.ts
var TrainingProgress = class {
  /**
   * `showCause`: a failed training's line is followed by the last lines of its output that say why
   * (see failureCause); off where the command's error line carries them instead.
   */
  constructor(terminal, models, options) {
    this.terminal = terminal;
    this.options = options;
    this.width = Math.max(0, ...models.map((model) => model.length));
  }
  terminal;
  options;
  static {
    __name(this, "TrainingProgress");
  }
  width;
  started(model) {
    this.terminal.out(`  ${paint(this.terminal, "dim", "\u2022")} ${this.name(model)}  training\u2026`);
  }
  finished(model, seconds, outcome, logFile) {
    const took = formatSeconds(seconds);
    switch (outcome.kind) {
      case "trained": {
        const cache = outcome.cacheHit ? `run-cache hit: nothing trained, the outputs of run ${outcome.reusedRun ?? "?"} reused` : outcome.uncommitted ? "run-cache not used: uncommitted changes" : "run-cache miss";
        this.terminal.out(`  ${paint(this.terminal, "green", "\u2713")} ${this.name(model)}  done in ${took} (${cache})`);
        return;
      }
      case "failed": {
        const { phase, message } = outcome.failure;
        this.terminal.out(`  ${paint(this.terminal, "red", "\u2717")} ${this.name(model)}  failed in the ${phase} phase after ${took}: ${message}${how(outcome.failure)}; log: ${logFile}`);
        if (this.options.showCause) for (const line of causeOf(outcome.failure)) this.terminal.out(`      ${line}`);
        return;
      }
      case "error":
        this.terminal.out(`  ${paint(this.terminal, "red", "\u2717")} ${this.name(model)}  could not train after ${took}: ${outcome.message}`);
    }
  }
  name(model) {
    return paint(this.terminal, "bold", model.padEnd(this.width));
  }
};
function how(failure) {
  if (failure.phase === "metrics" || failure.phase === "mlflow") return "";
  if (failure.signal) return ` (killed by ${failure.signal})`;
  return failure.exit_code === null ? "" : ` (exit code ${failure.exit_code})`;
}
__name(how, "how");
function formatSeconds(seconds) {
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
__name(formatSeconds, "formatSeconds");

// src/cli/uncommitted-inputs.ts
var QUIET = { info: /* @__PURE__ */ __name(() => void 0, "info"), debug: /* @__PURE__ */ __name(() => void 0, "debug"), warning: /* @__PURE__ */ __name(() => void 0, "warning"), group: /* @__PURE__ */ __name((_title, work) => work(), "group") };
async function modelsWithUncommittedInputs(workspace, models, uncommittedFiles) {
  const changed = workspace.ports.git?.scopePaths(uncommittedFiles) ?? [];
  if (changed.length === 0) return /* @__PURE__ */ new Set();
  if (changed.includes(workspace.configFile)) return new Set(models);
  const repository = await Repository.read({ ...workspace.ports, logger: QUIET }, workspace.configFile);
  const known = models.flatMap((name) => repository.model(name) ?? []);
  const watchers = [];
  for (const loaded of await repository.load(known)) {
    try {
      const watch = loaded.config().watch;
      if (watch.length > 0) watchers.push({ model: loaded.model.name, matches: compileGlobs(watch) });
    } catch (error) {
      if (!isUserError(error)) throw error;
    }
  }
  const mapping = mapChanges({ changedPaths: changed, models: repository.models, isModelDir: repository.isModelDir, isShared: repository.isShared, watchers });
  return new Set(models.filter((name) => mapping.selected.has(name)));
}
__name(modelsWithUncommittedInputs, "modelsWithUncommittedInputs");

// src/cli/local-training.ts
async function trainLocally(workspace, terminal, setup, models) {
  const progress = new TrainingProgress(terminal, models, { showCause: setup.settings.showCause });
  const runner = new NodeProcessRunner();
  const trainRun = setup.trainRun;
  const env = environment();
  const uncommitted = await modelsWithUncommittedInputs(workspace, models, setup.uncommittedFiles);
  return inParallel(models, setup.settings.jobs, async (model) => {
    const logFile = join2(workspace.stateDir, "logs", String(setup.run.id), `${model}.log`);
    const logger = modelLogger(terminal, model, logFile, { verbose: setup.settings.verbose });
    const started = performance.now();
    const seconds = /* @__PURE__ */ __name(() => (performance.now() - started) / 1e3, "seconds");
    progress.started(model);
    let training;
    try {
      const result = await train(
        {
          ...workspace.ports,
          logger,
          runner,
          artifacts: setup.artifacts ?? new FsArtifactStore(workspace.root, setup.run.id, logger),
          cache: new FsCacheStore(workspace.root, logger),
          hashTree,
          files: new NodeFileSystem(),
          now: /* @__PURE__ */ __name(() => /* @__PURE__ */ new Date(), "now"),
          tracking: trackingConnector(process.env)
        },
        {
          model,
          configFile: workspace.configFile,
          run: trainRun,
          // Kept from run to run: a venv restored from the cache works only at the path it was made at.
          tempDir: join2(workspace.stateDir, "tmp"),
          interpreter: setup.settings.python,
          pipArgs: [],
          env,
          runCache: setup.runCache !== false && !uncommitted.has(model)
        }
      );
      const failure = result.manifest.failure;
      const outcome = failure ? { kind: "failed", failure } : { kind: "trained", cacheHit: result.cacheHit, reusedRun: result.cacheHit ? result.manifest.run_id : void 0, uncommitted: uncommitted.has(model) };
      training = { model, outcome, result };
    } catch (error) {
      if (!isUserError(error)) throw error;
      logger.info(error.message);
      training = { model, outcome: { kind: "error", message: error.message }, error };
    } finally {
      logger.close();
    }
    progress.finished(model, seconds(), training.outcome, relative(process.cwd(), logFile) || logFile);
    return training;
  });
}
__name(trainLocally, "trainLocally");
function environment() {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== void 0) env[name] = value;
  return env;
}
__name(environment, "environment");

export {
  trainLocally
};
