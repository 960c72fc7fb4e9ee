import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  installsIntoInterpreter,
  trainingsAtOnce,
  trainsAloneBecause
} from "./chunk-L3QIWTCR.js";
import {
  TrackingServerError,
  metricsToLog,
  mlflowName,
  trainingTags
} from "./chunk-L7GLD6KN.js";
import {
  MAX_METRICS_FILE_BYTES,
  metricsFromValues,
  parseMetrics
} from "./chunk-LNU257AZ.js";
import {
  MANIFEST_FILE,
  MAX_MANIFEST_BYTES,
  artifactName,
  buildManifest,
  downloadManifest,
  parseManifest,
  serializeManifest,
  versionLabel
} from "./chunk-54F34Y4H.js";
import {
  inParallel,
  notBranchPush,
  readRecordFile
} from "./chunk-FNDP2GQY.js";
import {
  Repository,
  count,
  escapeMarkdown,
  formatSeconds,
  formatValue,
  inlineCode
} from "./chunk-LYO4JN6R.js";
import {
  UserError,
  escapeControlCharacters,
  isUserError,
  showUntrusted,
  truncate
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/adapters/node/node-process-runner.ts
import { spawn } from "node:child_process";
import { statSync } from "node:fs";

// src/adapters/node/interrupt-guard.ts
var INTERRUPTS = ["SIGINT", "SIGTERM"];
var guarded = /* @__PURE__ */ new Set();
function onInterrupt(signal) {
  for (const group of guarded) group.interrupt(signal);
}
__name(onInterrupt, "onInterrupt");
function onExit() {
  for (const group of guarded) group.killNow();
}
__name(onExit, "onExit");
function guardWhileRunning(group) {
  if (guarded.size === 0) {
    for (const signal of INTERRUPTS) process.on(signal, onInterrupt);
    process.on("exit", onExit);
  }
  guarded.add(group);
  return () => {
    if (!guarded.delete(group) || guarded.size > 0) return;
    for (const signal of INTERRUPTS) process.off(signal, onInterrupt);
    process.off("exit", onExit);
  };
}
__name(guardWhileRunning, "guardWhileRunning");
function resendIfUnhandled(signal) {
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}
__name(resendIfUnhandled, "resendIfUnhandled");

// src/adapters/node/output-lines.ts
var NEWLINE = 10;
var CARRIAGE_RETURN = 13;
var MAX_LINE_BYTES = 64 * 1024;
var OutputLines = class {
  constructor(emit, maxLineBytes = MAX_LINE_BYTES) {
    this.emit = emit;
    this.maxLineBytes = maxLineBytes;
  }
  emit;
  maxLineBytes;
  static {
    __name(this, "OutputLines");
  }
  parts = [];
  size = 0;
  cut = false;
  /** The line so far ended with a carriage return: more text on it overwrites it. */
  returnedToLineStart = false;
  write(chunk) {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      if (newline === -1) {
        this.append(chunk.subarray(start));
        return;
      }
      this.append(chunk.subarray(start, newline));
      this.emitLine();
      start = newline + 1;
    }
  }
  /** Emits a last line that had no newline. */
  end() {
    if (this.size > 0 || this.cut) this.emitLine();
  }
  append(segment) {
    let textEnd = segment.length;
    while (textEnd > 0 && segment[textEnd - 1] === CARRIAGE_RETURN) textEnd--;
    const endsWithReturn = textEnd < segment.length;
    let text = segment.subarray(0, textEnd);
    if (text.length > 0) {
      if (this.returnedToLineStart) this.clear();
      const lastReturn = text.lastIndexOf(CARRIAGE_RETURN);
      if (lastReturn !== -1) {
        this.clear();
        text = text.subarray(lastReturn + 1);
      }
      this.keep(text);
      this.returnedToLineStart = endsWithReturn;
    } else if (endsWithReturn) {
      this.returnedToLineStart = true;
    }
  }
  keep(text) {
    const room = this.maxLineBytes - this.size;
    if (text.length > room) {
      this.cut = true;
      text = text.subarray(0, room);
    }
    if (text.length === 0) return;
    this.parts.push(text);
    this.size += text.length;
  }
  emitLine() {
    const bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.size);
    const line = this.cut ? `${bytes.toString("utf8", 0, completeCharactersEnd(bytes))} [\u2026 line cut at ${this.maxLineBytes} bytes]` : bytes.toString("utf8");
    this.clear();
    this.returnedToLineStart = false;
    this.emit(line);
  }
  clear() {
    this.parts = [];
    this.size = 0;
    this.cut = false;
  }
};
function completeCharactersEnd(bytes) {
  let lead = bytes.length - 1;
  while (lead > 0 && (bytes[lead] & 192) === 128) lead--;
  if (lead < 0) return 0;
  const first = bytes[lead];
  const length = first >= 240 ? 4 : first >= 224 ? 3 : first >= 192 ? 2 : 1;
  return lead + length > bytes.length ? lead : bytes.length;
}
__name(completeCharactersEnd, "completeCharactersEnd");

// src/adapters/node/process-group.ts
import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
var POLL_MS = 25;
var AFTER_KILL_MS = 1e3;
function signalGroup(groupId, signal) {
  try {
    process.kill(-groupId, signal);
  } catch (error) {
    const code = error.code;
    if (code !== "ESRCH" && code !== "EPERM") throw error;
  }
}
__name(signalGroup, "signalGroup");
function groupHasLiveMembers(groupId) {
  try {
    process.kill(-groupId, 0);
  } catch {
    return false;
  }
  return process.platform === "linux" ? linuxGroupHasRunningMember(groupId) : true;
}
__name(groupHasLiveMembers, "groupHasLiveMembers");
function linuxGroupHasRunningMember(groupId) {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const [state, , processGroup] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(processGroup) === groupId && state !== "Z" && state !== "X") return true;
  }
  return false;
}
__name(linuxGroupHasRunningMember, "linuxGroupHasRunningMember");
async function terminateGroup(groupId, firstSignal, graceMs) {
  signalGroup(groupId, firstSignal);
  if (await groupEndsWithin(groupId, graceMs)) return;
  signalGroup(groupId, "SIGKILL");
  await groupEndsWithin(groupId, AFTER_KILL_MS);
}
__name(terminateGroup, "terminateGroup");
async function groupEndsWithin(groupId, ms) {
  const deadline = Date.now() + ms;
  while (groupHasLiveMembers(groupId)) {
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}
__name(groupEndsWithin, "groupEndsWithin");

// src/adapters/node/tail-buffer.ts
var TailBuffer = class {
  constructor(capacity) {
    this.capacity = capacity;
  }
  capacity;
  static {
    __name(this, "TailBuffer");
  }
  ring = [];
  next = 0;
  push(line) {
    if (this.capacity <= 0) return;
    if (this.ring.length < this.capacity) {
      this.ring.push(line);
      return;
    }
    this.ring[this.next] = line;
    this.next = (this.next + 1) % this.capacity;
  }
  /** The kept lines, oldest first. */
  lines() {
    return [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }
};

// src/adapters/node/node-process-runner.ts
var DEFAULT_TAIL_LINES = 50;
var DEFAULT_KILL_GRACE_MS = 5e3;
var PIPE_DRAIN_MS = 250;
var MAX_TIMER_MS = 2 ** 31 - 1;
var NodeProcessRunner = class {
  static {
    __name(this, "NodeProcessRunner");
  }
  killGraceMs;
  constructor(options = {}) {
    this.killGraceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  }
  async run(argv, options) {
    const [command, ...args] = argv;
    if (command === void 0) throw new TypeError("ProcessRunner.run needs a command to run, got an empty argv");
    const startedAt = performance.now();
    const tail = new TailBuffer(options.tailLines ?? DEFAULT_TAIL_LINES);
    const emit = /* @__PURE__ */ __name((line) => {
      tail.push(line);
      options.onOutput?.(line);
    }, "emit");
    const result = /* @__PURE__ */ __name((exitCode, signal, timedOut2) => ({
      exitCode,
      signal,
      timedOut: timedOut2,
      durationMs: performance.now() - startedAt,
      tail: tail.lines()
    }), "result");
    const cannotRun = /* @__PURE__ */ __name((error) => {
      emit(`cannot run "${command}": ${startFailureReason(error, options.cwd)}`);
      return result(null, null, false);
    }, "cannotRun");
    let child;
    try {
      child = spawn(command, args, {
        cwd: options.cwd,
        env: options.env,
        shell: false,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"]
      });
    } catch (error) {
      if (isSystemError(error)) return cannotRun(error);
      throw error;
    }
    const startError = await started(child);
    if (startError) return cannotRun(startError);
    const groupId = child.pid;
    const exited = new Promise(
      (resolve) => child.once("exit", (code, signal) => resolve({ code, signal }))
    );
    const stdout = readLines(child.stdout, emit);
    const stderr = readLines(child.stderr, emit);
    let stopping;
    const stop = /* @__PURE__ */ __name((signal) => stopping ??= terminateGroup(groupId, signal, this.killGraceMs), "stop");
    let timedOut = false;
    const cancelTimeout = options.timeoutMs === void 0 ? void 0 : afterDelay(options.timeoutMs, () => {
      timedOut = true;
      void stop("SIGTERM");
    });
    let interruptedBy;
    const release = guardWhileRunning({
      interrupt: /* @__PURE__ */ __name((signal) => {
        interruptedBy ??= signal;
        void stop(signal);
      }, "interrupt"),
      killNow: /* @__PURE__ */ __name(() => signalGroup(groupId, "SIGKILL"), "killNow")
    });
    try {
      const { code, signal } = await exited;
      cancelTimeout?.();
      await (groupHasLiveMembers(groupId) ? stop("SIGTERM") : stopping);
      await closedWithin([stdout.closed, stderr.closed], PIPE_DRAIN_MS);
      stdout.finish();
      stderr.finish();
      return result(code, signal, timedOut);
    } finally {
      release();
      if (interruptedBy !== void 0) resendIfUnhandled(interruptedBy);
    }
  }
};
function started(child) {
  return new Promise((resolve) => {
    child.once("spawn", () => resolve(void 0));
    child.on("error", (error) => resolve(error));
  });
}
__name(started, "started");
function readLines(stream, emit) {
  const lines = new OutputLines(emit);
  let flushed = false;
  const flush = /* @__PURE__ */ __name(() => {
    if (flushed) return;
    flushed = true;
    lines.end();
  }, "flush");
  stream.on("data", (chunk) => lines.write(chunk));
  const closed = new Promise((resolve) => {
    stream.once("end", () => {
      flush();
      resolve();
    });
    stream.once("close", () => resolve());
  });
  return {
    closed,
    finish: /* @__PURE__ */ __name(() => {
      stream.destroy();
      flush();
    }, "finish")
  };
}
__name(readLines, "readLines");
async function closedWithin(streams, ms) {
  let timer;
  await Promise.race([Promise.all(streams), new Promise((resolve) => timer = setTimeout(resolve, ms))]);
  clearTimeout(timer);
}
__name(closedWithin, "closedWithin");
function isSystemError(error) {
  return error instanceof Error && typeof error.code === "string" && "syscall" in error;
}
__name(isSystemError, "isSystemError");
function startFailureReason(error, cwd) {
  if (!isDirectory(cwd)) return `its working directory ${cwd} does not exist or is not a directory`;
  switch (error.code) {
    case "ENOENT":
      return "no such file (not found on PATH, or a script whose #! interpreter is missing)";
    case "EACCES":
      return "permission denied (is the file executable?)";
    default:
      return error.message;
  }
}
__name(startFailureReason, "startFailureReason");
function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
__name(isDirectory, "isDirectory");
function afterDelay(ms, callback) {
  const due = Date.now() + ms;
  let timer;
  const wait = /* @__PURE__ */ __name(() => {
    const left = due - Date.now();
    timer = left > MAX_TIMER_MS ? setTimeout(wait, MAX_TIMER_MS) : setTimeout(callback, left);
  }, "wait");
  wait();
  return () => clearTimeout(timer);
}
__name(afterDelay, "afterDelay");

// src/commands/train/train.ts
import { join as join2 } from "node:path";

// src/core/buffered-log.ts
var BUFFERED_LOGS_CHARS = 5e7;
var TAIL_LINES = 200;
var BufferedLog = class {
  constructor(limitChars) {
    this.limitChars = limitChars;
  }
  limitChars;
  static {
    __name(this, "BufferedLog");
  }
  root = emptyContainer("");
  current = this.root;
  chars = 0;
  logger = {
    info: /* @__PURE__ */ __name((message) => this.line("info", message), "info"),
    debug: /* @__PURE__ */ __name((message) => this.line("debug", message), "debug"),
    warning: /* @__PURE__ */ __name((message, properties) => {
      this.current.entries.push({ kind: "warning", message, properties });
    }, "warning"),
    group: /* @__PURE__ */ __name(async (title, work) => {
      const outer = this.current;
      const group = emptyContainer(title);
      outer.entries.push({ kind: "group", group });
      this.current = group;
      try {
        return await work();
      } finally {
        this.current = outer;
      }
    }, "group")
  };
  /** Tells `logger` everything kept, in order, each group as a group of its own. */
  async writeTo(logger) {
    await writeContainer(logger, this.root, this.limitChars);
  }
  line(kind, message) {
    this.chars += message.length;
    if (this.chars <= this.limitChars) {
      this.current.entries.push({ kind, message });
      return;
    }
    const container = this.current;
    container.omitted++;
    container.tail.push({ kind, message });
    if (container.tail.length > TAIL_LINES) container.tail.shift();
  }
};
function emptyContainer(title) {
  return { title, entries: [], tail: [], omitted: 0 };
}
__name(emptyContainer, "emptyContainer");
async function writeContainer(logger, container, limitChars) {
  for (const entry of container.entries) {
    if (entry.kind === "group") await logger.group(entry.group.title, () => writeContainer(logger, entry.group, limitChars));
    else if (entry.kind === "warning") logger.warning(entry.message, entry.properties);
    else logger[entry.kind](entry.message);
  }
  const left = container.omitted - container.tail.length;
  if (left > 0) logger.info(`\u2026 ${left} lines not shown: a model training beside others has its log kept until it ends, up to ${limitChars} characters, then the last ${TAIL_LINES} lines of each part \u2026`);
  for (const line of container.tail) logger[line.kind](line.message);
}
__name(writeContainer, "writeContainer");

// src/core/cache-keys.ts
import { createHash } from "node:crypto";
function runCacheKey(model, fingerprint) {
  return `model-ci-run-v1-${model}-${fingerprint.replace(/^sha256:/, "")}`;
}
__name(runCacheKey, "runCacheKey");
function dependencyCacheKeys(input) {
  const prefix = `model-ci-deps-v1-${input.model}-${input.runnerOs}-py${input.pythonVersion}-`;
  const hash = createHash("sha256").update(input.requirements).update("\0").update(input.pipArgs.join("\0"));
  if (input.inheritedSitePackages?.length) hash.update("\0\0").update(input.inheritedSitePackages.join("\0"));
  const digest = hash.digest("hex");
  return { key: `${prefix}${digest.slice(0, 32)}`, restoreKeys: [prefix] };
}
__name(dependencyCacheKeys, "dependencyCacheKeys");

// src/core/compression.ts
var COMPRESSED = /\.(zip|gz|tgz|bz2|xz|zst|lz4|7z|rar|npz|pt|pth|ckpt|safetensors|onnx|h5|keras|pb|tflite|parquet|jpg|jpeg|png|webp|mp3|mp4)$/i;
var LARGE_TOTAL = 256 * 1024 * 1024;
function compressionLevelFor(files) {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total >= LARGE_TOTAL) return 0;
  const compressed = files.filter((file) => COMPRESSED.test(file.path)).reduce((sum, file) => sum + file.size, 0);
  return total > 0 && compressed * 2 > total ? 0 : 6;
}
__name(compressionLevelFor, "compressionLevelFor");

// src/core/failure-cause.ts
var CAUSE_MAX_LINES = 5;
var CAUSE_MAX_LINE_LENGTH = 200;
var CAUSE_MAX_LENGTH = 500;
var TERMINAL_ESCAPE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
var TRACEBACK_START = /^(?:Traceback \(most recent call last\):|\s+File ".*", line \d+)/;
var INDENTED = /^\s/;
var PIP_NOISE = /^(?:Requirement already satisfied:|\[notice\]|Collecting |Downloading |Using cached |Obtaining |Processing |Looking in (?:indexes|links):|Installing collected packages:|Successfully (?:installed|built|uninstalled) |Building wheels? for |Created wheel for |Stored in directory:|Preparing metadata |Getting requirements to build |Installing build dependencies|Attempting uninstall:|Found existing installation:|Uninstalling )/;
var PROGRESS_BAR = /[\u2500-\u259f]{3}/;
function failureCause(output) {
  const meaningful = withoutTracebackFrames(output.map(withoutEscapes)).map((line) => line.trim()).filter((line) => line !== "" && !PIP_NOISE.test(line) && !PROGRESS_BAR.test(line));
  const shown = meaningful.slice(-CAUSE_MAX_LINES).map((line) => escapeControlCharacters(truncate(line, CAUSE_MAX_LINE_LENGTH)));
  let length = shown.reduce((sum, line) => sum + line.length, 0);
  while (shown.length > 1 && length > CAUSE_MAX_LENGTH) length -= shown.shift().length;
  return shown;
}
__name(failureCause, "failureCause");
function causeOf(failure) {
  return failure.phase === "metrics" || failure.phase === "mlflow" ? [] : failureCause(failure.log_tail.split("\n"));
}
__name(causeOf, "causeOf");
function withoutEscapes(line) {
  return line.slice(0, CAUSE_MAX_LINE_LENGTH * 4).replace(TERMINAL_ESCAPE, "");
}
__name(withoutEscapes, "withoutEscapes");
function withoutTracebackFrames(lines) {
  const kept = [];
  let frames;
  for (const line of lines) {
    if (frames !== void 0 && (line.trim() === "" || INDENTED.test(line))) {
      frames.push(line);
      continue;
    }
    frames = void 0;
    if (TRACEBACK_START.test(line)) frames = [line];
    else kept.push(line);
  }
  return frames === void 0 ? kept : [...kept, ...frames];
}
__name(withoutTracebackFrames, "withoutTracebackFrames");

// src/core/train-summary.ts
var METRICS_SHOWN = 100;
var METRIC_DIGITS = 6;
function renderTrainSummary(input) {
  const { manifest, artifact } = input;
  const lines = [`## model-ci: ${inlineCode(manifest.model)} ${manifest.status === "success" ? "trained" : "failed"}`, ""];
  if (input.reusedFrom !== void 0) {
    lines.push(`Run-cache hit: nothing was trained; the outputs of run ${input.reusedFrom} (same fingerprint) were reused.`, "");
  }
  if (manifest.failure) {
    lines.push(`**The ${manifest.failure.phase} phase failed:** ${escapeMarkdown(manifest.failure.message)}`, "");
    if (manifest.failure.log_tail) {
      lines.push("<details><summary>Last lines of the log</summary>", "", "```text", manifest.failure.log_tail.replace(/```/g, "`\u200B``"), "```", "", "</details>", "");
    }
  }
  const metrics = Object.entries(manifest.metrics);
  if (metrics.length > 0) {
    lines.push("| Metric | Value |", "| --- | --- |");
    for (const [name, value] of metrics.slice(0, METRICS_SHOWN)) lines.push(`| ${inlineCode(name)} | ${formatValue(value, METRIC_DIGITS)} |`);
    if (metrics.length > METRICS_SHOWN) lines.push("", `\u2026and ${metrics.length - METRICS_SHOWN} more in the manifest.`);
    lines.push("");
  }
  for (const skipped of input.skipped ?? []) lines.push(`- skipped ${inlineCode(skipped.name)}: ${escapeMarkdown(skipped.reason)}`);
  const seconds = /* @__PURE__ */ __name((value) => value === null ? "\u2014" : `${value.toFixed(1)} s`, "seconds");
  lines.push(
    "| Version | Install | Train | Evaluate | Dependencies | Run-cache |",
    "| --- | --- | --- | --- | --- | --- |",
    `| ${inlineCode(manifest.version)} | ${seconds(manifest.timings.install_s)} | ${seconds(manifest.timings.train_s)} | ${seconds(manifest.timings.evaluate_s)} | ${manifest.cache.dependencies} | ${manifest.cache.run} |`,
    "",
    `Artifact ${inlineCode(artifact.name)} (id ${artifact.id}, ${inlineCode(artifact.digest)}), fingerprint ${inlineCode(manifest.fingerprint)}.`
  );
  return `${lines.join("\n")}
`;
}
__name(renderTrainSummary, "renderTrainSummary");

// src/commands/train/cache-origin.ts
async function untrustedOrigin(ports, origin, check) {
  const { manifest } = check;
  const run = await origin.runs.get(manifest.run_id);
  if (!run) return `its run ${manifest.run_id} is not a run of this repository`;
  const notOwn = await notBranchPush(origin.history, run, origin.branch);
  if (notOwn !== void 0) return notOwn;
  if (run.conclusion !== "success" && run.id !== check.thisRunId) {
    return `its run ${run.id} ${run.conclusion === null ? `has not finished (${run.status})` : `concluded ${run.conclusion}`}, and only a successful run's training is reused`;
  }
  const name = artifactName(manifest.model);
  const [artifact] = await ports.artifacts.list(run.id, { name });
  const digest = artifact?.digest;
  if (artifact === void 0 || digest === void 0) return `run ${run.id} has no artifact ${name} with a digest to check it against`;
  const uploaded = await ports.files.inTempDir(
    check.tempDir,
    "model-ci-cache-origin-",
    (directory) => downloadManifest(ports, { runId: run.id, artifact: { id: artifact.id, digest }, name: `artifact ${name} of run ${run.id}` }, directory)
  );
  if (serializeManifest(uploaded) !== serializeManifest(manifest)) {
    return `it is not the training run ${run.id} uploaded as ${name} (${digest}): their manifests differ`;
  }
  return void 0;
}
__name(untrustedOrigin, "untrustedOrigin");

// src/commands/train/tracking.ts
async function startTracking(logger, request) {
  const { mlflow, training } = request;
  if (!mlflow) return { state: "off" };
  const unusable = /* @__PURE__ */ __name((reason) => {
    if (mlflow.required) return { state: "failed", reason };
    logger.warning(`model-ci train ${training.model}: MLflow skipped: ${reason}; the model trains and uploads without an MLflow run`);
    return { state: "skipped", reason };
  }, "unusable");
  if (!request.connect) return unusable("this platform has no MLflow client");
  try {
    const server = request.connect(mlflow.trackingUri);
    const experimentId = await server.experimentId(mlflowName(mlflow.experiment, training.model));
    const run = await server.createRun({ experimentId, runName: `${training.model} ${training.version}`, startTime: request.startTime, tags: trainingTags(training) });
    const url = server.runUrl(run.experimentId, run.runId);
    logger.info(`MLflow run ${run.runId} of ${training.model}: ${url}`);
    return { state: "tracked", model: training.model, server, run, url, required: mlflow.required };
  } catch (error) {
    return unusable(trackingFailure(error));
  }
}
__name(startTracking, "startTracking");
function trackingEnv(tracking) {
  return tracking.state === "tracked" ? tracking.server.clientEnv(tracking.run) : {};
}
__name(trackingEnv, "trackingEnv");
async function trackedMetrics(tracking) {
  if (tracking.state !== "tracked") {
    const why = tracking.state === "off" ? "model-ci.yml has no mlflow block" : `MLflow was skipped (${tracking.reason})`;
    return { error: `the metrics come from the MLflow run (metrics-from: mlflow), but ${why}` };
  }
  try {
    const run = await tracking.server.getRun(tracking.run.runId);
    const source = `MLflow run ${run.runId}`;
    if (Object.keys(run.metrics).length === 0) return { error: `${source} has no metrics; log them with mlflow.log_metric (or autologging), or write the metrics file and remove metrics-from: mlflow` };
    return metricsFromValues(run.metrics, source);
  } catch (error) {
    if (isUserError(error)) return { error: error.message };
    return { error: `the metrics could not be read from MLflow run ${tracking.run.runId}: ${trackingFailure(error)}` };
  }
}
__name(trackedMetrics, "trackedMetrics");
async function finishTracking(logger, tracking, outcome) {
  if (tracking.state === "off") return { manifest: null };
  if (tracking.state !== "tracked") return { manifest: { skipped: tracking.reason } };
  const { server, run, url } = tracking;
  const manifest = { run_id: run.runId, experiment_id: run.experimentId, url };
  try {
    const now = await server.getRun(run.runId);
    const endedByTraining = now.status === "FAILED" || now.status === "KILLED";
    if (!outcome.failed && endedByTraining) {
      return { manifest, trainingFailed: `the training ended its MLflow run ${run.runId} as ${now.status}` };
    }
    const missing = metricsToLog(outcome.metrics, now.metrics);
    if (Object.keys(missing).length > 0) await server.logBatch(run.runId, { metrics: missing, timestamp: outcome.endTime });
    if (!endedByTraining) await server.endRun(run.runId, outcome.failed ? "FAILED" : "FINISHED", outcome.endTime);
    return { manifest };
  } catch (error) {
    const reason = `MLflow run ${run.runId} could not be finished: ${trackingFailure(error)}`;
    if (tracking.required) return { manifest, failure: reason };
    logger.warning(`model-ci train ${tracking.model}: ${reason}; the model is uploaded all the same`);
    return { manifest };
  }
}
__name(finishTracking, "finishTracking");
function trackingFailure(error) {
  if (error instanceof TrackingServerError) return error.message;
  throw error;
}
__name(trackingFailure, "trackingFailure");

// src/commands/train/python-env.ts
import { delimiter, join } from "node:path";
var PROBE = [
  "import json, platform, site, sys",
  "print(platform.python_version())",
  "print(sys.executable)",
  "print(json.dumps(site.getsitepackages() if sys.prefix != sys.base_prefix else []))"
].join("; ");
var SITE_PACKAGES_PROBE = 'import sysconfig; print(sysconfig.get_paths()["purelib"])';
var INHERITED_PTH = "model-ci-inherited.pth";
async function setUpPython(ports, request) {
  const found = await findInterpreter(ports.runner, request);
  if (!found) {
    const tried = request.interpreter || "python, python3";
    return { ok: false, message: `no Python interpreter could be run (tried ${tried}); add actions/setup-python before model-ci, or set the "python" input`, installSeconds: null };
  }
  const requirementsPath = request.config.requirements === void 0 ? void 0 : join(request.modelDir, request.config.requirements);
  if (requirementsPath === void 0) {
    ports.logger.info(`${request.config.name} has no requirements file (src/requirements.txt or requirements.txt, or "requirements" in model.yml): it trains with ${found.executable} and what that has installed`);
    return { ok: true, setup: { python: found.executable, version: found.version, env: {}, dependencies: "none", installSeconds: null } };
  }
  if (!await ports.files.exists(requirementsPath)) {
    return { ok: false, message: `requirements file ${request.config.path}/${request.config.requirements} does not exist; fix "requirements" in model.yml`, installSeconds: null };
  }
  const started2 = ports.now().getTime();
  const seconds = /* @__PURE__ */ __name(() => (ports.now().getTime() - started2) / 1e3, "seconds");
  if (!request.config.venv) {
    const run2 = await pipInstall(ports, request, found.executable, request.env);
    if (!succeeded(run2)) return { ok: false, message: "pip could not install the requirements", run: run2, installSeconds: seconds() };
    return { ok: true, setup: { python: found.executable, version: found.version, env: {}, dependencies: "none", installSeconds: seconds() } };
  }
  const venvDir = join(request.tempDir, "model-ci", "venvs", request.config.name);
  const venvPython = join(venvDir, "bin", "python");
  const venvEnv = {
    VIRTUAL_ENV: venvDir,
    PATH: `${join(venvDir, "bin")}${delimiter}${request.env.PATH ?? ""}`
  };
  const { key, restoreKeys } = dependencyCacheKeys({
    model: request.config.name,
    runnerOs: request.runnerOs,
    pythonVersion: found.version,
    requirements: await ports.files.readText(requirementsPath),
    pipArgs: request.pipArgs,
    inheritedSitePackages: found.venvSitePackages
  });
  await ports.files.remove(venvDir);
  const restored = await restoreVenv(ports, request, venvDir, { key, restoreKeys });
  const usable = restored !== void 0 && await runs(ports.runner, venvPython, request);
  if (restored !== void 0 && !usable) {
    ports.logger.warning(`the cached venv of ${request.config.name} (${restored}) does not run here; making a new one`);
  }
  if (usable && !await inheritSitePackages(ports, request, venvPython, found.venvSitePackages)) {
    return { ok: false, message: `the venv in ${venvDir} has no site-packages folder to add ${found.executable}'s packages to`, installSeconds: seconds() };
  }
  if (usable && restored === key) {
    ports.logger.info(`Dependencies of ${request.config.name}: cache hit (${key}), pip not run`);
    return { ok: true, setup: { python: venvPython, version: found.version, env: venvEnv, dependencies: "hit", installSeconds: seconds() } };
  }
  if (!usable) {
    const made = await makeVenv(ports, request, found.executable, venvDir, venvPython);
    if (!succeeded(made)) return { ok: false, message: `python -m venv could not make the venv in ${venvDir}`, run: made, installSeconds: seconds() };
    if (!await inheritSitePackages(ports, request, venvPython, found.venvSitePackages)) {
      return { ok: false, message: `the venv in ${venvDir} has no site-packages folder to add ${found.executable}'s packages to`, installSeconds: seconds() };
    }
  }
  const run = await pipInstall(ports, request, venvPython, { ...request.env, ...venvEnv });
  if (!succeeded(run)) return { ok: false, message: "pip could not install the requirements", run, installSeconds: seconds() };
  await ports.cache.save([venvDir], key);
  return {
    ok: true,
    setup: { python: venvPython, version: found.version, env: venvEnv, dependencies: usable ? "partial" : "miss", installSeconds: seconds() }
  };
}
__name(setUpPython, "setUpPython");
async function restoreVenv(ports, request, venvDir, keys) {
  if (!request.exactDependencyKey) return ports.cache.restore([venvDir], keys.key, keys.restoreKeys);
  const restored = await ports.cache.restore([venvDir], keys.key);
  if (restored === void 0 || restored === keys.key) return restored;
  ports.logger.warning(`the dependency cache entry ${restored} was not used: on the default branch only the entry of ${keys.key} is; making a new venv`);
  await ports.files.remove(venvDir);
  return void 0;
}
__name(restoreVenv, "restoreVenv");
async function makeVenv(ports, request, interpreter, venvDir, venvPython) {
  const make = /* @__PURE__ */ __name(async (withPip) => {
    await ports.files.remove(venvDir);
    const argv = [interpreter, "-m", "venv", "--system-site-packages", ...withPip ? [] : ["--without-pip"], venvDir];
    return ports.runner.run(argv, { cwd: request.modelDir, env: request.env, timeoutMs: remaining(request.deadline, ports.now), onOutput: /* @__PURE__ */ __name((line) => ports.logger.info(line), "onOutput") });
  }, "make");
  const lean = await make(false);
  if (succeeded(lean) && succeeded(await probe(ports.runner, request, [venvPython, "-m", "pip", "--version"]))) {
    return lean;
  }
  return make(true);
}
__name(makeVenv, "makeVenv");
async function findInterpreter(runner, request) {
  for (const candidate of request.interpreter ? [request.interpreter] : ["python", "python3"]) {
    const lines = [];
    const run = await probe(runner, request, [candidate, "-c", PROBE], (line) => lines.push(line));
    if (succeeded(run) && lines.length >= 3) {
      return { version: lines[0].trim(), executable: lines[1].trim(), venvSitePackages: JSON.parse(lines[2]) };
    }
  }
  return void 0;
}
__name(findInterpreter, "findInterpreter");
async function inheritSitePackages(ports, request, venvPython, inherited) {
  const lines = [];
  const run = await probe(ports.runner, request, [venvPython, "-c", SITE_PACKAGES_PROBE], (line) => lines.push(line));
  const sitePackages = lines[0]?.trim();
  if (!succeeded(run) || !sitePackages) return false;
  const pth = join(sitePackages, INHERITED_PTH);
  if (inherited.length === 0) {
    await ports.files.remove(pth);
  } else {
    await ports.files.writeText(pth, inherited.map((dir) => `import site; site.addsitedir(${JSON.stringify(dir)})
`).join(""));
  }
  return true;
}
__name(inheritSitePackages, "inheritSitePackages");
async function runs(runner, python, request) {
  return succeeded(await probe(runner, request, [python, "-c", "import sys"]));
}
__name(runs, "runs");
function probe(runner, request, argv, onOutput) {
  return runner.run(argv, { cwd: request.modelDir, env: request.env, timeoutMs: 6e4, onOutput });
}
__name(probe, "probe");
function pipInstall(ports, request, python, env) {
  ports.onPhase?.({ phase: "install" });
  const argv = [python, "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off"];
  argv.push("-r", request.config.requirements, ...request.pipArgs);
  return ports.runner.run(argv, {
    cwd: request.modelDir,
    env: { ...env, PIP_NO_INPUT: "1" },
    timeoutMs: remaining(request.deadline, ports.now),
    onOutput: /* @__PURE__ */ __name((line) => ports.logger.info(line), "onOutput")
  });
}
__name(pipInstall, "pipInstall");
function modelCommandEnv(base, python, model, variables) {
  return { ...base, ...python.env, PYTHONUNBUFFERED: "1", MODEL_CI_MODEL: model.name, MODEL_CI_MODEL_DIR: model.dir, MODEL_CI_SHA: model.sha, ...variables };
}
__name(modelCommandEnv, "modelCommandEnv");
function runModelCommand(ports, context, argv) {
  const command = argv[0] === "python" || argv[0] === "python3" ? [context.python.python, ...argv.slice(1)] : [...argv];
  return ports.runner.run(command, {
    cwd: context.cwd,
    env: context.env,
    timeoutMs: remaining(context.deadline, ports.now),
    tailLines: context.tailLines,
    onOutput: /* @__PURE__ */ __name((line) => ports.logger.info(line), "onOutput")
  });
}
__name(runModelCommand, "runModelCommand");
function succeeded(run) {
  return run.exitCode === 0 && !run.timedOut;
}
__name(succeeded, "succeeded");
function remaining(deadline, now) {
  return Math.max(1e3, deadline - now().getTime());
}
__name(remaining, "remaining");

// src/commands/train/train.ts
var LOG_TAIL_LINES = 50;
async function train(ports, request) {
  return trainResolved(ports, request, await resolveTraining(ports, request));
}
__name(train, "train");
async function trainEach(ports, request) {
  const repository = await Repository.read(ports, request.configFile);
  const found = request.models.flatMap((name) => repository.model(name) ?? []);
  const loaded = new Map((await repository.load(found)).map((model) => [model.model.name, model]));
  const requested = request.jobs ?? 1;
  const alone = [...loaded.values()].find((model) => installsIntoInterpreter(model.config()));
  const atOnce = trainingsAtOnce(requested, request.models.length, alone !== void 0);
  if (alone && requested > 1 && request.models.length > 1) {
    ports.logger.info(`model-ci train: the models train one at a time, not ${requested} at once: ${trainsAloneBecause(alone.model.name)}`);
  }
  const trainOne = /* @__PURE__ */ __name(async (name, logger) => {
    const model = loaded.get(name);
    try {
      if (!model) throw noSuchModel(name, repository, "models");
      const resolved = { config: model.config(), fingerprint: model.fingerprint(), mlflow: repository.config.mlflow };
      return { model: name, result: await trainResolved({ ...ports, logger }, { ...request, model: name }, resolved) };
    } catch (error) {
      if (!isUserError(error)) throw error;
      return { model: name, error: new UserError(`model-ci train ${name}: ${error.message}`, { file: error.file, input: error.input, cause: error }) };
    }
  }, "trainOne");
  const numbered = request.models.map((name, index) => ({ name, turn: `${name} (${index + 1} of ${request.models.length})` }));
  return inParallel(numbered, atOnce, async ({ name, turn }) => {
    if (atOnce === 1) {
      ports.logger.info(`model-ci train: ${turn}`);
      return trainOne(name, ports.logger);
    }
    ports.logger.info(`model-ci train: ${turn} started, ${atOnce} at a time: its log follows when it ends`);
    const log = new BufferedLog(Math.floor(BUFFERED_LOGS_CHARS / atOnce));
    const started2 = ports.now().getTime();
    try {
      return await trainOne(name, log.logger);
    } finally {
      ports.logger.info(`model-ci train: ${turn} ended after ${formatSeconds((ports.now().getTime() - started2) / 1e3)}; its log:`);
      await log.writeTo(ports.logger);
    }
  });
}
__name(trainEach, "trainEach");
async function modelTrainingAlone(ports, configFile, models) {
  const repository = await Repository.read(ports, configFile);
  for (const loaded of await repository.load(models.flatMap((name) => repository.model(name) ?? []))) {
    try {
      if (installsIntoInterpreter(loaded.config())) return loaded.model.name;
    } catch (error) {
      if (!isUserError(error)) throw error;
    }
  }
  return void 0;
}
__name(modelTrainingAlone, "modelTrainingAlone");
async function trainResolved(ports, request, resolved) {
  const { config, fingerprint } = resolved;
  const paths = trainingPaths(ports.workspace.root, request.tempDir, config);
  await ports.files.makeDir(paths.staging);
  const started2 = ports.now();
  const useRunCache = config.cache && request.runCache !== false;
  if (useRunCache) ports.onPhase?.({ phase: "run-cache" });
  const cached = useRunCache ? await restoreRun(ports, { paths, key: runCacheKey(config.name, fingerprint), model: config.name, fingerprint, request }) : void 0;
  if (cached) {
    const manifest2 = { ...cached, cache: { ...cached.cache, run: "hit" } };
    const artifact2 = await upload(ports, request, paths, manifest2);
    return { manifest: manifest2, artifact: artifact2, cacheHit: true, summary: renderTrainSummary({ manifest: manifest2, artifact: artifact2, reusedFrom: cached.run_id }) };
  }
  const tracking = await startTracking(ports.logger, {
    mlflow: resolved.mlflow,
    connect: ports.tracking,
    training: {
      model: config.name,
      version: versionLabel({ createdAt: started2, sha: request.run.sha, runId: request.run.id, runAttempt: request.run.attempt }),
      fingerprint,
      sha: request.run.sha,
      ref: request.run.ref,
      event: request.run.event,
      runUrl: request.run.url,
      pullRequest: request.run.pullRequest
    },
    startTime: started2
  });
  const trained = tracking.state === "failed" ? trainingOutcome(failureOf("mlflow", `the MLflow server could not be used and model-ci.yml's mlflow block says required: true: ${tracking.reason}`)) : await runTraining(ports, request, { config, paths, fingerprint, tracking });
  const ended = await finishTracking(ports.logger, tracking, { failed: trained.failure !== null, metrics: trained.metrics, endTime: ports.now() });
  const outcome = ended.trainingFailed ? { ...trained, failure: failureOf("train", ended.trainingFailed) } : ended.failure ? { ...trained, failure: failureOf("mlflow", ended.failure) } : trained;
  const manifest = buildManifest({
    model: config.name,
    fingerprint,
    sha: request.run.sha,
    ref: request.run.ref,
    event: request.run.event,
    runId: request.run.id,
    runAttempt: request.run.attempt,
    createdAt: started2,
    metrics: outcome.metrics,
    files: outcome.failure ? [] : outcome.files,
    python: outcome.python?.version ?? null,
    runnerOs: request.run.runnerOs,
    timings: outcome.timings,
    cache: { dependencies: outcome.python?.dependencies ?? "none", run: useRunCache ? "miss" : "off" },
    failure: outcome.failure,
    mlflow: ended.manifest
  });
  const artifact = await upload(ports, request, paths, manifest);
  if (!outcome.failure && useRunCache) await (ports.runCacheStore ?? ports.cache).save([paths.output, paths.manifest], runCacheKey(config.name, fingerprint));
  const summary = renderTrainSummary({ manifest, artifact, skipped: outcome.skipped });
  if (!outcome.failure) return { manifest, artifact, cacheHit: false, summary };
  return { manifest, artifact, cacheHit: false, summary, error: failureError(config.name, outcome.failure, artifact.name) };
}
__name(trainResolved, "trainResolved");
function failureError(model, failure, artifact) {
  const how = failure.signal ? `was killed by ${failure.signal}` : failure.exit_code === null ? "failed" : `exited with code ${failure.exit_code}`;
  const what = failure.phase === "metrics" || failure.phase === "mlflow" ? failure.message : `${failure.message} (${how})`;
  const headline = `model-ci train ${model}: the ${failure.phase} phase failed: ${what}; the log above and the manifest in artifact ${artifact} have the last ${LOG_TAIL_LINES} lines`;
  const cause = causeOf(failure);
  return new UserError(cause.length === 0 ? headline : [`${headline}; the output ended with:`, ...cause.map((line) => `  ${line}`)].join("\n"));
}
__name(failureError, "failureError");
async function resolveTraining(ports, request) {
  const repository = await Repository.read(ports, request.configFile);
  const model = repository.model(request.model);
  if (!model) throw noSuchModel(request.model, repository, "model");
  const [loaded] = await repository.load([model]);
  return { config: loaded.config(), fingerprint: loaded.fingerprint(), mlflow: repository.config.mlflow };
}
__name(resolveTraining, "resolveTraining");
var KNOWN_MODELS_SHOWN = 50;
function noSuchModel(name, repository, input) {
  const known = repository.models.map((m) => m.name);
  const shown = known.length > KNOWN_MODELS_SHOWN ? `${known.slice(0, KNOWN_MODELS_SHOWN).join(", ")} and ${known.length - KNOWN_MODELS_SHOWN} more` : known.join(", ");
  return new UserError(`there is no model named ${JSON.stringify(name)}; the models are: ${shown || "(none found)"}`, { input });
}
__name(noSuchModel, "noSuchModel");
function trainingPaths(root, tempDir, config) {
  const modelDir = join2(root, config.path);
  const staging = join2(tempDir, "model-ci", "artifacts", config.name);
  return {
    modelDir,
    output: join2(modelDir, config.output),
    metricsFile: join2(modelDir, config.metricsFile),
    staging,
    manifest: join2(staging, MANIFEST_FILE)
  };
}
__name(trainingPaths, "trainingPaths");
function trainingOutcome(failure, rest = {}) {
  return { metrics: {}, skipped: [], files: [], timings: { install_s: null, train_s: null, evaluate_s: null }, failure, ...rest };
}
__name(trainingOutcome, "trainingOutcome");
async function runTraining(ports, request, training) {
  const { config, paths, fingerprint, tracking } = training;
  const deadline = ports.now().getTime() + config.timeoutMinutes * 6e4;
  const timings = { install_s: null, train_s: null, evaluate_s: null };
  const outcome = /* @__PURE__ */ __name((failure, rest = {}) => trainingOutcome(failure, { timings, ...rest }), "outcome");
  ports.onPhase?.({ phase: "python" });
  const setupResult = await ports.logger.group(
    `Set up Python for ${config.name}`,
    () => setUpPython(ports, {
      config,
      modelDir: paths.modelDir,
      tempDir: request.tempDir,
      interpreter: request.interpreter,
      pipArgs: request.pipArgs,
      runnerOs: request.run.runnerOs,
      env: request.env,
      exactDependencyKey: ports.cacheOrigin !== void 0,
      deadline
    })
  );
  if (!setupResult.ok) {
    timings.install_s = setupResult.installSeconds;
    return outcome(failureOf("install", setupResult.message, setupResult.run));
  }
  const python = setupResult.setup;
  timings.install_s = python.installSeconds;
  await ports.files.remove(paths.metricsFile);
  await ports.files.makeDir(paths.output);
  const env = modelCommandEnv(request.env, python, { name: config.name, dir: paths.modelDir, sha: request.run.sha }, {
    MODEL_CI_OUTPUT_DIR: paths.output,
    MODEL_CI_METRICS_FILE: paths.metricsFile,
    MODEL_CI_DATA_DIR: join2(paths.modelDir, "data"),
    MODEL_CI_FINGERPRINT: fingerprint,
    ...trackingEnv(tracking)
  });
  const context = { python, cwd: paths.modelDir, env, deadline, tailLines: LOG_TAIL_LINES };
  const phases = [["train", config.train]];
  if (config.evaluate) phases.push(["evaluate", config.evaluate]);
  let lastRun;
  for (const [phase, steps] of phases) {
    for (const [index, argv] of steps.entries()) {
      const shown = argv.join(" ");
      const step = steps.length > 1 ? { index: index + 1, count: steps.length, command: shown } : void 0;
      const which = step ? `step ${step.index} of ${step.count} (${shown})` : shown;
      ports.onPhase?.({ phase, step });
      const run = await ports.logger.group(`${phase === "train" ? "Train" : "Evaluate"} ${config.name}: ${which}`, () => runModelCommand(ports, context, argv));
      timings[`${phase}_s`] = (timings[`${phase}_s`] ?? 0) + run.durationMs / 1e3;
      lastRun = run;
      if (!succeeded(run)) {
        const message = run.timedOut ? `${which} ran past the model's timeout of ${count(config.timeoutMinutes, "minute")}` : `${which} did not succeed`;
        return outcome(failureOf(phase, message, run), { python });
      }
    }
  }
  const metricsFailure = /* @__PURE__ */ __name((message) => outcome(failureOf("metrics", message, lastRun && { ...lastRun, exitCode: null, signal: null }), { python }), "metricsFailure");
  let parsed;
  if (config.metricsFrom === "mlflow") {
    const read = await trackedMetrics(tracking);
    if ("error" in read) return metricsFailure(read.error);
    parsed = read;
  } else {
    try {
      parsed = parseMetrics(await readMetricsFile(ports.files, paths.metricsFile, { file: `${config.path}/${config.metricsFile}`, writer: "the training" }), `${config.path}/${config.metricsFile}`);
    } catch (error) {
      if (!isUserError(error)) throw error;
      return metricsFailure(error.message);
    }
  }
  for (const skipped of parsed.skipped) {
    ports.logger.warning(`${config.path}/${config.metricsFile}: metric ${JSON.stringify(skipped.name)} skipped: ${skipped.reason}`, {
      file: `${config.path}/${config.metricsFile}`
    });
  }
  const files = await ports.files.exists(paths.output) ? await ports.hashTree(paths.output) : [];
  return outcome(null, { python, metrics: parsed.metrics, skipped: parsed.skipped, files });
}
__name(runTraining, "runTraining");
async function readMetricsFile(files, path, shown) {
  const { file, writer } = shown;
  const size = await files.fileSize(path);
  if (size === void 0) {
    throw new UserError(`${file}: ${writer} wrote no metrics file; write the metrics as JSON, YAML or CSV to the path in MODEL_CI_METRICS_FILE`, { file });
  }
  if (size > MAX_METRICS_FILE_BYTES) {
    throw new UserError(`${file}: the metrics file is ${size} bytes, more than the ${MAX_METRICS_FILE_BYTES} model-ci reads; write only the metrics to it`, { file });
  }
  return files.readText(path);
}
__name(readMetricsFile, "readMetricsFile");
function failureOf(phase, message, run) {
  return {
    phase,
    exit_code: run?.exitCode ?? null,
    signal: run?.signal ?? null,
    message,
    log_tail: (run?.tail ?? []).slice(-LOG_TAIL_LINES).join("\n")
  };
}
__name(failureOf, "failureOf");
async function restoreRun(ports, entry) {
  const { paths, key } = entry;
  await ports.files.remove(paths.manifest);
  const restored = await (ports.runCacheStore ?? ports.cache).restore([paths.output, paths.manifest], key);
  if (restored === void 0) return void 0;
  try {
    const manifest = parseManifest(await readRecordFile(ports.files, paths.manifest, MAX_MANIFEST_BYTES, "the entry"), `run-cache entry ${key}`);
    const problem = restored === key ? await entryProblem(ports, entry, manifest) : `it is the entry of key ${restored}, which only starts with ${key}`;
    if (problem === void 0) {
      ports.logger.info(`Run-cache hit (${key}): the outputs of run ${manifest.run_id} are reused, nothing is trained`);
      return manifest;
    }
    ports.logger.warning(`run-cache entry ${key} was not used: ${problem}; training anew`);
  } catch (error) {
    const reason = isUserError(error) || isFileSystemError(error) ? error.message : void 0;
    if (reason === void 0) throw error;
    ports.logger.warning(`run-cache entry ${key} is unusable (${reason}); training anew`);
  }
  await ports.files.remove(paths.output);
  return void 0;
}
__name(restoreRun, "restoreRun");
async function entryProblem(ports, entry, manifest) {
  if (manifest.model !== entry.model || manifest.fingerprint !== entry.fingerprint) {
    return `its manifest is of ${showUntrusted(manifest.model, 100)} with fingerprint ${manifest.fingerprint}, not of this training`;
  }
  const restored = await ports.hashTree(entry.paths.output);
  const same = manifest.status === "success" && restored.length === manifest.files.length && restored.every((file, i) => file.path === manifest.files[i].path && file.sha256 === manifest.files[i].sha256);
  if (!same) return "its outputs do not match its manifest";
  if (!ports.cacheOrigin) return void 0;
  try {
    return await untrustedOrigin(ports, ports.cacheOrigin, { manifest, thisRunId: entry.request.run.id, tempDir: entry.request.tempDir });
  } catch (error) {
    return `where it came from could not be checked (${error instanceof Error ? error.message.split("\n")[0] : String(error)}); that check needs the train job's token to have \`actions: read\``;
  }
}
__name(entryProblem, "entryProblem");
function isFileSystemError(error) {
  return error instanceof Error && typeof error.code === "string";
}
__name(isFileSystemError, "isFileSystemError");
async function upload(ports, request, paths, manifest) {
  await ports.files.writeText(paths.manifest, serializeManifest(manifest));
  const outputsLink = join2(paths.staging, "outputs");
  await ports.files.remove(outputsLink);
  const files = [paths.manifest];
  if (manifest.files.length > 0) {
    await ports.files.linkDir(paths.output, outputsLink);
    files.push(...manifest.files.map((file) => join2(outputsLink, file.path)));
  }
  const name = artifactName(manifest.model);
  ports.onPhase?.({ phase: "upload" });
  ports.logger.info(`Uploading ${name}: ${manifest.files.length} file(s) and ${MANIFEST_FILE}`);
  return ports.artifacts.upload(name, paths.staging, files, {
    retentionDays: request.retentionDays,
    compressionLevel: compressionLevelFor(manifest.files)
  });
}
__name(upload, "upload");

export {
  NodeProcessRunner,
  failureCause,
  causeOf,
  setUpPython,
  modelCommandEnv,
  runModelCommand,
  succeeded,
  train,
  trainEach,
  modelTrainingAlone,
  resolveTraining,
  readMetricsFile
};
