import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsCacheStore
} from "./chunk-V5KAG4N6.js";
import {
  FsArtifactStore
} from "./chunk-B7E6KWAC.js";
import {
  mapChanges
} from "./chunk-DRPRXASB.js";
import {
  NodeProcessRunner,
  causeOf,
  modelTrainingAlone,
  train
} from "./chunk-4UTYDFXH.js";
import {
  trainsAloneBecause
} from "./chunk-L3QIWTCR.js";
import {
  trackingConnector
} from "./chunk-5UWSSAHD.js";
import {
  hashTree
} from "./chunk-V7WXQM7V.js";
import {
  NodeFileSystem
} from "./chunk-NM4CCGW3.js";
import {
  inParallel
} from "./chunk-FNDP2GQY.js";
import {
  Repository,
  compileGlobs,
  formatSeconds
} from "./chunk-LYO4JN6R.js";
import {
  modelLogger,
  paint
} from "./chunk-YOF6SXVJ.js";
import {
  escapeControlCharacters,
  isUserError,
  truncate
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/local-training.ts
import { join, relative } from "node:path";

// src/cli/progress.ts
var realClock = {
  now: /* @__PURE__ */ __name(() => performance.now(), "now"),
  every: /* @__PURE__ */ __name((ms, tick) => {
    const timer = setInterval(tick, ms);
    timer.unref();
    return { stop: /* @__PURE__ */ __name(() => clearInterval(timer), "stop") };
  }, "every")
};
var REDRAW_MS = 1e3;
var PHASE_WORDS = {
  "run-cache": "looking in the run-cache",
  python: "setting up Python",
  install: "installing the requirements",
  train: "training",
  evaluate: "evaluating",
  upload: "storing the artifact"
};
function describePhase(change) {
  if (change === void 0) return "starting";
  const words = PHASE_WORDS[change.phase];
  return change.step ? `${words}, step ${change.step.index} of ${change.step.count} (${escapeControlCharacters(truncate(change.step.command, 60))})` : words;
}
__name(describePhase, "describePhase");
var TrainingProgress = class {
  /**
   * `showCause`: a failed training's line is followed by the last lines of its output that say why
   * (see failureCause); off where the command's error line carries them instead.
   */
  constructor(terminal, models, options) {
    this.terminal = terminal;
    this.options = options;
    this.width = Math.max(0, ...models.map((model) => model.length));
    this.live = terminal.live && !options.verbose ? new LiveLines(terminal, options.clock ?? realClock, () => this.liveLines()) : void 0;
  }
  terminal;
  options;
  static {
    __name(this, "TrainingProgress");
  }
  width;
  trainings = /* @__PURE__ */ new Map();
  live;
  /**
   * Where the trainings' own warnings go while the progress is shown: on a terminal, above the
   * live lines, which are drawn again below them.
   */
  get output() {
    return this.live?.above ?? this.terminal;
  }
  started(model, logFile) {
    this.trainings.set(model, { started: this.clock.now(), logFile });
    if (this.live) this.live.redraw();
    else this.terminal.out(`  ${paint(this.terminal, "dim", "\u2022")} ${this.name(model)}  started; log: ${logFile}`);
  }
  /** A training entered `change.phase`: said at once as a line, or on a terminal at the next redraw. */
  phase(model, change) {
    const training = this.trainings.get(model);
    if (!training) return;
    training.phase = change;
    if (this.live || this.options.verbose) return;
    this.terminal.out(`  ${paint(this.terminal, "dim", "\u2022")} ${this.name(model)}  ${describePhase(change)} (after ${formatSeconds(this.seconds(training))})`);
  }
  finished(model, outcome) {
    const training = this.trainings.get(model);
    if (!training) return;
    this.trainings.delete(model);
    const out = /* @__PURE__ */ __name((line) => this.output.out(line), "out");
    const took = formatSeconds(this.seconds(training));
    switch (outcome.kind) {
      case "trained": {
        const cache = outcome.cacheHit ? `run-cache hit: nothing trained, the outputs of run ${outcome.reusedRun ?? "?"} reused` : outcome.uncommitted ? "run-cache not used: uncommitted changes" : "run-cache miss";
        out(`  ${paint(this.terminal, "green", "\u2713")} ${this.name(model)}  done in ${took} (${cache})`);
        break;
      }
      case "failed": {
        const { phase, message } = outcome.failure;
        out(`  ${paint(this.terminal, "red", "\u2717")} ${this.name(model)}  failed in the ${phase} phase after ${took}: ${message}${how(outcome.failure)}; log: ${training.logFile}`);
        if (this.options.showCause) for (const line of causeOf(outcome.failure)) out(`      ${line}`);
        break;
      }
      case "error":
        out(`  ${paint(this.terminal, "red", "\u2717")} ${this.name(model)}  could not train after ${took}: ${outcome.message}`);
    }
    if (this.trainings.size === 0) this.live?.stop();
  }
  get clock() {
    return this.options.clock ?? realClock;
  }
  seconds(training) {
    return (this.clock.now() - training.started) / 1e3;
  }
  /** The live lines: each model in training, its phase, the whole seconds since it started, and its log. */
  liveLines() {
    return Array.from(this.trainings, ([model, training]) => `  \u22EF ${model.padEnd(this.width)}  ${describePhase(training.phase)} \xB7 ${Math.floor(this.seconds(training))} s \xB7 log: ${training.logFile}`);
  }
  name(model) {
    return paint(this.terminal, "bold", model.padEnd(this.width));
  }
};
var up = /* @__PURE__ */ __name((lines) => `\x1B[${lines}F\x1B[J`, "up");
var LiveLines = class {
  constructor(terminal, clock, lines) {
    this.terminal = terminal;
    this.clock = clock;
    this.lines = lines;
    const around = /* @__PURE__ */ __name((write) => (line) => {
      this.erase();
      write(line);
      this.draw();
    }, "around");
    this.above = { ...terminal, out: around(terminal.out), err: around(terminal.err) };
  }
  terminal;
  clock;
  lines;
  static {
    __name(this, "LiveLines");
  }
  drawn = 0;
  timer;
  above;
  redraw() {
    this.timer ??= this.clock.every(REDRAW_MS, () => this.redraw());
    this.erase();
    this.draw();
  }
  stop() {
    this.timer?.stop();
    this.timer = void 0;
    this.erase();
  }
  erase() {
    if (this.drawn > 0) this.terminal.write(up(this.drawn));
    this.drawn = 0;
  }
  draw() {
    if (this.timer === void 0) return;
    const columns = Math.max(20, (this.terminal.width || 80) - 1);
    const lines = this.lines().map((line) => Array.from(line).length > columns ? `${Array.from(line).slice(0, columns - 1).join("")}\u2026` : line);
    if (lines.length > 0) this.terminal.write(lines.map((line) => `${line}
`).join(""));
    this.drawn = lines.length;
  }
};
function how(failure) {
  if (failure.phase === "metrics" || failure.phase === "mlflow") return "";
  if (failure.signal) return ` (killed by ${failure.signal})`;
  return failure.exit_code === null ? "" : ` (exit code ${failure.exit_code})`;
}
__name(how, "how");

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
  const progress = new TrainingProgress(terminal, models, { showCause: setup.settings.showCause, verbose: setup.settings.verbose });
  const runner = new NodeProcessRunner();
  const trainRun = setup.trainRun;
  const env = environment();
  const uncommitted = await modelsWithUncommittedInputs(workspace, models, setup.uncommittedFiles);
  return inParallel(models, setup.settings.jobs, async (model) => {
    const logFile = join(workspace.stateDir, "logs", String(setup.run.id), `${model}.log`);
    const logger = modelLogger(progress.output, model, logFile, { verbose: setup.settings.verbose });
    progress.started(model, relative(process.cwd(), logFile) || logFile);
    let training;
    try {
      const result = await train(
        {
          ...workspace.ports,
          logger,
          runner,
          artifacts: setup.artifacts ?? new FsArtifactStore(workspace.root, setup.run.id, logger),
          cache: new FsCacheStore(workspace.root, logger),
          runCacheStore: setup.runCacheStore,
          hashTree,
          files: new NodeFileSystem(),
          now: /* @__PURE__ */ __name(() => /* @__PURE__ */ new Date(), "now"),
          tracking: trackingConnector(process.env),
          onPhase: /* @__PURE__ */ __name((change) => progress.phase(model, change), "onPhase")
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
    progress.finished(model, training.outcome);
    return training;
  });
}
__name(trainLocally, "trainLocally");
async function trainingsAtOnceLocally(workspace, terminal, models, requested) {
  const wanted = Math.min(requested, models.length);
  if (wanted <= 1) return Math.max(1, wanted);
  const alone = await modelTrainingAlone(workspace.ports, workspace.configFile, models);
  if (alone === void 0) return wanted;
  terminal.out(`Note: the models train one at a time, not ${wanted} at once (-j): ${trainsAloneBecause(alone)}`);
  return 1;
}
__name(trainingsAtOnceLocally, "trainingsAtOnceLocally");
function environment() {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== void 0) env[name] = value;
  return env;
}
__name(environment, "environment");

export {
  trainLocally,
  trainingsAtOnceLocally
};
