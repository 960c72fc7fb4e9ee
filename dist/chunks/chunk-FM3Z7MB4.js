import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsCacheStore
} from "./chunk-N5IGQXTM.js";
import {
  FsArtifactStore
} from "./chunk-QRBTKDLI.js";
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
  train
} from "./chunk-6FHPNQ53.js";
import {
  hashTree
} from "./chunk-V7WXQM7V.js";
import {
  NodeFileSystem
} from "./chunk-SOZEUMBO.js";
import {
  Repository,
  compileGlobs
} from "./chunk-GQQA4X4X.js";
import {
  modelLogger,
  paint
} from "./chunk-KQ5CI4E2.js";
import {
  isUserError
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/local-training.ts
import { join, relative } from "node:path";

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
    const logFile = join(workspace.stateDir, "logs", String(setup.run.id), `${model}.log`);
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
          tempDir: join(workspace.stateDir, "tmp"),
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
