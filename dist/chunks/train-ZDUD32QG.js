import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  CORE_SCHEMA,
  YAMLException,
  _enum,
  _gte,
  _maxLength,
  _minLength,
  _regex,
  array,
  escapeControlCharacters,
  hasControlCharacter,
  int,
  literal,
  load,
  nullable,
  number,
  object,
  refine,
  showUntrusted,
  string,
  valueAt
} from "./chunk-6RDAZDH6.js";
import {
  MODEL_NAME_PATTERN,
  Repository,
  escapeMarkdown,
  inlineCode,
  openCheckout,
  requiredEnv,
  withAnnotationPaths
} from "./chunk-M3QND6UY.js";
import {
  getTrainInputs
} from "./chunk-VWTAP42D.js";
import "./chunk-TMHXZZZC.js";
import {
  UserError,
  isUserError
} from "./chunk-73RP2DHK.js";
import {
  setOutput,
  summary
} from "./chunk-VSEQYH5J.js";
import "./chunk-6JMLOLNZ.js";

// src/adapters/github/artifact-store.ts
import { mkdir, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
var TRANSIENT_RETRIES = 3;
var DIGEST = /^sha256:[0-9a-f]{64}$/;
var GitHubArtifactStore = class {
  constructor(options) {
    this.options = options;
  }
  options;
  loadedClient;
  async upload(name, rootDirectory, files, options) {
    const client = await this.client();
    if (this.options.runAttempt > 1) await this.deleteIfPresent(name);
    const upload2 = async () => {
      try {
        return await client.uploadArtifact(name, files, rootDirectory, options);
      } catch (error) {
        if (!isNameConflict(error)) throw error;
        this.options.logger.info(`Artifact "${name}" already exists in this run; replacing it`);
        await this.deleteIfPresent(name);
        return client.uploadArtifact(name, files, rootDirectory, options);
      }
    };
    let result;
    try {
      result = await this.retryingTransientFailures(`Upload of artifact "${name}"`, upload2, isResultsServiceError);
    } catch (error) {
      const reason = messageOf(error).split("\n")[0];
      throw new UserError(`artifact "${name}" could not be uploaded: ${reason}; re-run the job (GitHub's artifact storage may be having trouble)`, {
        cause: error
      });
    }
    const { id, size, digest } = result;
    if (id === void 0 || size === void 0 || digest === void 0) {
      throw new Error(`The upload of artifact "${name}" returned no id, size or digest`);
    }
    return { id, name, size, digest: `sha256:${digest}` };
  }
  async list(runId2) {
    const client = await this.client();
    const { artifacts } = await client.listArtifacts({ latest: true, ...this.findOptions(runId2) });
    return artifacts.map(({ id, name, size, digest }) => digest ? { id, name, size, digest } : { id, name, size });
  }
  async download(artifactId, destination, options = {}) {
    const { runId: runId2, expectedDigest } = options;
    if (expectedDigest !== void 0 && !DIGEST.test(expectedDigest)) {
      throw new Error(`An expected artifact digest has the form sha256:<64 hex digits>, not "${expectedDigest}"`);
    }
    const client = await this.client();
    await mkdir(dirname(destination), { recursive: true });
    const staging = await mkdtemp(join(dirname(destination), `.${basename(destination)}.download-`));
    try {
      const { digestMismatch } = await this.retryingTransientFailures(`Download of artifact ${artifactId}`, async () => {
        await rm(staging, { recursive: true, force: true });
        await mkdir(staging);
        return client.downloadArtifact(artifactId, { path: staging, expectedHash: expectedDigest, ...this.findOptions(runId2) });
      });
      if (digestMismatch) {
        const artifact = await this.describe(artifactId, runId2);
        throw new UserError(
          `${artifact} does not match its digest ${expectedDigest}: its content changed after it was uploaded, so it was not used. Run the training that produced it again.`
        );
      }
      await moveInto(staging, destination);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  client() {
    this.loadedClient ??= import("./artifact-76DXFJOM.js").then((artifact) => new artifact.DefaultArtifactClient());
    return this.loadedClient;
  }
  /** This run's artifacts go through the results service; another run's need the REST API. */
  findOptions(runId2) {
    if (runId2 === void 0 || runId2 === this.options.runId) return {};
    const { token, repository } = this.options;
    return { findBy: { token, workflowRunId: runId2, repositoryOwner: repository.owner, repositoryName: repository.repo } };
  }
  async deleteIfPresent(name) {
    const client = await this.client();
    try {
      const { id } = await client.deleteArtifact(name);
      this.options.logger.info(`Deleted artifact "${name}" (id ${id}) left by an earlier attempt of this run`);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  /**
   * The results-service client gives up at once on a dropped connection (uploads and downloads),
   * and with `findBy` the request that redirects to blob storage is not retried at all: retry
   * those here.
   */
  async retryingTransientFailures(what, work, retriable = () => true) {
    const baseDelayMs = this.options.retryDelayMs ?? 1e3;
    for (let retry = 0; ; retry += 1) {
      try {
        return await work();
      } catch (error) {
        if (retry === TRANSIENT_RETRIES || !isTransient(error) || !retriable(error)) throw error;
        const delayMs = baseDelayMs * 2 ** retry;
        this.options.logger.info(`${what} failed (${messageOf(error)}); retry ${retry + 1} of ${TRANSIENT_RETRIES} in ${delayMs} ms`);
        await sleep(delayMs);
      }
    }
  }
  /** `artifact "name" (id N) of run R` when the name can be found, for messages. */
  async describe(artifactId, runId2) {
    const run = runId2 === void 0 ? "" : ` of run ${runId2}`;
    try {
      const found = (await this.list(runId2)).find((artifact) => artifact.id === artifactId);
      if (found) return `Artifact "${found.name}" (id ${artifactId})${run}`;
    } catch (error) {
      this.options.logger.debug(`Could not look up the name of artifact ${artifactId}: ${messageOf(error)}`);
    }
    return `Artifact ${artifactId}${run}`;
  }
};
async function moveInto(source, target) {
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (entry.isDirectory() && await isDirectory(to)) {
      await moveInto(from, to);
    } else {
      await rm(to, { recursive: true, force: true });
      await rename(from, to);
    }
  }
}
async function isDirectory(path) {
  return (await stat(path).catch(() => void 0))?.isDirectory() ?? false;
}
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
function isNameConflict(error) {
  return /\(409\)|already exists/i.test(messageOf(error));
}
function isResultsServiceError(error) {
  return /^Failed to [A-Z][A-Za-z]+Artifact\b/.test(messageOf(error));
}
function isNotFound(error) {
  return error instanceof Error && error.name === "ArtifactNotFoundError" || /\(404\)/.test(messageOf(error));
}
function isTransient(error) {
  const status = error?.status;
  if (typeof status === "number") return status >= 500;
  return /\(5\d\d\)|blob storage: 5\d\d|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|socket hang up|fetch failed|other side closed/i.test(messageOf(error));
}

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
var GitHubCacheStore = class {
  constructor(logger) {
    this.logger = logger;
  }
  logger;
  async restore(paths, key, restoreKeys = []) {
    validateCacheRequest(paths, key, restoreKeys);
    const outcome = await withClientReports(async () => (await loadCacheClient()).restoreCache(paths, key, restoreKeys));
    const reasons = reasonsOf(outcome);
    if (outcome.ok && outcome.value !== void 0) {
      for (const reason of reasons) this.logger.debug(reason);
      return outcome.value;
    }
    if (reasons.length > 0) this.logger.warning(`Cache restore for key "${key}" failed; continuing without the cache: ${reasons.join("; ")}`);
    return void 0;
  }
  async save(paths, key) {
    validateCacheRequest(paths, key);
    const outcome = await withClientReports(async () => (await loadCacheClient()).saveCache(paths, key));
    const reasons = reasonsOf(outcome);
    if (outcome.ok && outcome.value !== -1) {
      for (const reason of reasons) this.logger.debug(reason);
      return true;
    }
    const why = reasons.length > 0 ? reasons.join("; ") : "the cache client gave no reason";
    this.logger.warning(`Cache entry "${key}" was not saved: ${why}`);
    return false;
  }
};
var cacheClient;
function loadCacheClient() {
  cacheClient ??= import("./cache-QKZWTD4W.js");
  return cacheClient;
}
function reasonsOf(outcome) {
  const knowsCause = outcome.reports.some((report) => report.startsWith("Failed to reserve cache: "));
  const reports = knowsCause ? outcome.reports.filter((report) => !RESERVE_GUESS.test(report)) : outcome.reports;
  return outcome.ok ? reports : [...reports, outcome.error instanceof Error ? outcome.error.message : String(outcome.error)];
}
var CLIENT_REPORT = /^(?:::(?:warning|error)(?: [^:]*)?::)?((?:Failed to (?:save|restore)|Cache reservation failed|Cache save skipped|You've hit a rate limit|uploadCacheArchiveSDK: internal error)\b.*)$|^::debug::(Failed to reserve cache: .*)$/s;
var RESERVE_GUESS = /^Failed to save: Unable to reserve cache with key .*, another job may be creating this cache\.$/;
var previousCall = Promise.resolve();
function withClientReports(work) {
  const call = previousCall.then(() => divertingReports(work));
  previousCall = call;
  return call;
}
async function divertingReports(work) {
  const reports = [];
  const stdout = process.stdout;
  const write = stdout.write;
  stdout.write = ((chunk, ...rest) => {
    const match = typeof chunk === "string" ? CLIENT_REPORT.exec(chunk.trimEnd()) : null;
    if (!match) return write.call(stdout, chunk, ...rest);
    reports.push(commandData(match[1] ?? match[2] ?? ""));
    const callback = rest.find((argument) => typeof argument === "function");
    if (callback) process.nextTick(callback);
    return true;
  });
  try {
    return { ok: true, value: await work(), reports };
  } catch (error) {
    return { ok: false, error, reports };
  } finally {
    stdout.write = write;
  }
}
function commandData(escaped) {
  return escaped.replace(/: \w*Error: /g, ": ").replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%").replace(/\s*[\r\n]+\s*/g, " ");
}

// src/adapters/local/hash-files.ts
import { createHash } from "node:crypto";
import { constants } from "node:fs";
import { open, readdir as readdir2, readlink } from "node:fs/promises";
import { join as join2 } from "node:path";
var CHUNK_BYTES = 1024 * 1024;
var CONCURRENT_FILES = 3;
var OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
async function hashFile(path) {
  const handle = await open(path, OPEN_FLAGS).catch((error) => {
    throw errorCode(error) === "ELOOP" ? symbolicLinkError(path) : error;
  });
  try {
    if (!(await handle.stat()).isFile()) throw specialFileError(path);
  } catch (error) {
    await handle.close();
    throw error;
  }
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of handle.createReadStream({ highWaterMark: CHUNK_BYTES })) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest("hex") };
}
async function hashTree(root) {
  const paths = await listFiles(root);
  const files = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const index = next++;
      files[index] = { path: paths[index], ...await hashFile(join2(root, paths[index])) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_FILES, paths.length) }, worker));
  return files;
}
async function listFiles(root) {
  const paths = [];
  const folders = [""];
  while (folders.length > 0) {
    const folder = folders.pop();
    for (const entry of await readdir2(join2(root, folder), { withFileTypes: true })) {
      const path = folder === "" ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) folders.push(path);
      else if (entry.isFile()) paths.push(path);
      else if (entry.isSymbolicLink()) throw symbolicLinkError(join2(root, path), await readlink(join2(root, path)));
      else throw specialFileError(join2(root, path));
    }
  }
  return paths.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
}
function quoted(name) {
  return JSON.stringify(name).replace(/[\u007f-\u009f\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function symbolicLinkError(path, target) {
  const pointsTo = target === void 0 ? "" : ` (to ${quoted(target)})`;
  return new UserError(
    `${quoted(path)} is a symbolic link${pointsTo}; the artifact must not follow links out of the output folder, so write or copy the file itself there`
  );
}
function specialFileError(path) {
  return new UserError(`${quoted(path)} is not a regular file (a FIFO, socket or device); leave only files and folders in the output folder`);
}
function errorCode(error) {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : void 0;
}

// src/adapters/local/node-process-runner.ts
import { spawn } from "node:child_process";
import { statSync } from "node:fs";

// src/adapters/local/interrupt-guard.ts
var INTERRUPTS = ["SIGINT", "SIGTERM"];
var guarded = /* @__PURE__ */ new Set();
function onInterrupt(signal) {
  for (const group of guarded) group.interrupt(signal);
}
function onExit() {
  for (const group of guarded) group.killNow();
}
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
function resendIfUnhandled(signal) {
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

// src/adapters/local/output-lines.ts
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

// src/adapters/local/process-group.ts
import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep2 } from "node:timers/promises";
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
function groupHasLiveMembers(groupId) {
  try {
    process.kill(-groupId, 0);
  } catch {
    return false;
  }
  return process.platform === "linux" ? linuxGroupHasRunningMember(groupId) : true;
}
function linuxGroupHasRunningMember(groupId) {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat2;
    try {
      stat2 = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const [state, , processGroup] = stat2.slice(stat2.lastIndexOf(")") + 2).split(" ");
    if (Number(processGroup) === groupId && state !== "Z" && state !== "X") return true;
  }
  return false;
}
async function terminateGroup(groupId, firstSignal, graceMs) {
  signalGroup(groupId, firstSignal);
  if (await groupEndsWithin(groupId, graceMs)) return;
  signalGroup(groupId, "SIGKILL");
  await groupEndsWithin(groupId, AFTER_KILL_MS);
}
async function groupEndsWithin(groupId, ms) {
  const deadline = Date.now() + ms;
  while (groupHasLiveMembers(groupId)) {
    if (Date.now() >= deadline) return false;
    await sleep2(POLL_MS);
  }
  return true;
}

// src/adapters/local/tail-buffer.ts
var TailBuffer = class {
  constructor(capacity) {
    this.capacity = capacity;
  }
  capacity;
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

// src/adapters/local/node-process-runner.ts
var DEFAULT_TAIL_LINES = 50;
var DEFAULT_KILL_GRACE_MS = 5e3;
var PIPE_DRAIN_MS = 250;
var NodeProcessRunner = class {
  killGraceMs;
  constructor(options = {}) {
    this.killGraceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  }
  async run(argv, options) {
    const [command, ...args] = argv;
    if (command === void 0) throw new TypeError("ProcessRunner.run needs a command to run, got an empty argv");
    const startedAt = performance.now();
    const tail = new TailBuffer(options.tailLines ?? DEFAULT_TAIL_LINES);
    const emit = (line) => {
      tail.push(line);
      options.onOutput?.(line);
    };
    const result = (exitCode, signal, timedOut2) => ({
      exitCode,
      signal,
      timedOut: timedOut2,
      durationMs: performance.now() - startedAt,
      tail: tail.lines()
    });
    const cannotRun = (error) => {
      emit(`cannot run "${command}": ${startFailureReason(error, options.cwd)}`);
      return result(null, null, false);
    };
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
    const stop = (signal) => stopping ??= terminateGroup(groupId, signal, this.killGraceMs);
    let timedOut = false;
    const timer = options.timeoutMs === void 0 ? void 0 : setTimeout(() => {
      timedOut = true;
      void stop("SIGTERM");
    }, options.timeoutMs);
    let interruptedBy;
    const release = guardWhileRunning({
      interrupt: (signal) => {
        interruptedBy ??= signal;
        void stop(signal);
      },
      killNow: () => signalGroup(groupId, "SIGKILL")
    });
    try {
      const { code, signal } = await exited;
      clearTimeout(timer);
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
function readLines(stream, emit) {
  const lines = new OutputLines(emit);
  let flushed = false;
  const flush = () => {
    if (flushed) return;
    flushed = true;
    lines.end();
  };
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
    finish: () => {
      stream.destroy();
      flush();
    }
  };
}
async function closedWithin(streams, ms) {
  let timer;
  await Promise.race([Promise.all(streams), new Promise((resolve) => timer = setTimeout(resolve, ms))]);
  clearTimeout(timer);
}
function isSystemError(error) {
  return error instanceof Error && typeof error.code === "string" && "syscall" in error;
}
function startFailureReason(error, cwd) {
  if (!isDirectory2(cwd)) return `its working directory ${cwd} does not exist or is not a directory`;
  switch (error.code) {
    case "ENOENT":
      return "no such file (not found on PATH, or a script whose #! interpreter is missing)";
    case "EACCES":
      return "permission denied (is the file executable?)";
    default:
      return error.message;
  }
}
function isDirectory2(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

// src/commands/train/train.ts
import { existsSync as existsSync2, mkdirSync, readFileSync as readFileSync3, rmSync as rmSync2, statSync as statSync2, symlinkSync, writeFileSync } from "node:fs";
import { join as join4 } from "node:path";

// src/core/cache-keys.ts
import { createHash as createHash2 } from "node:crypto";
function runCacheKey(model, fingerprint) {
  return `model-ci-run-v1-${model}-${fingerprint.replace(/^sha256:/, "")}`;
}
function dependencyCacheKeys(input) {
  const prefix = `model-ci-deps-v1-${input.model}-${input.runnerOs}-py${input.pythonVersion}-`;
  const digest = createHash2("sha256").update(input.requirements).update("\0").update(input.pipArgs.join("\0")).digest("hex");
  return { key: `${prefix}${digest.slice(0, 32)}`, restoreKeys: [prefix] };
}

// src/core/compression.ts
var COMPRESSED = /\.(zip|gz|tgz|bz2|xz|zst|lz4|7z|rar|npz|pt|pth|ckpt|safetensors|onnx|h5|keras|pb|tflite|parquet|jpg|jpeg|png|webp|mp3|mp4)$/i;
var LARGE_TOTAL = 256 * 1024 * 1024;
function compressionLevelFor(files) {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total >= LARGE_TOTAL) return 0;
  const compressed = files.filter((file) => COMPRESSED.test(file.path)).reduce((sum, file) => sum + file.size, 0);
  return total > 0 && compressed * 2 > total ? 0 : 6;
}

// src/core/untrusted-record.ts
var MAX_METRICS = 1e4;
var MAX_METRIC_NAME_LENGTH = 200;
var MAX_SHOWN_LENGTH = 80;
var commitSha = string({ error: "must be a commit id of 40 lowercase hexadecimal digits" }).check(_regex(/^[0-9a-f]{40}$/));
var sha256Digest = string({ error: 'must be "sha256:" and 64 lowercase hexadecimal digits' }).check(_regex(/^sha256:[0-9a-f]{64}$/));
var printable = (rule, maxLength, mayBeEmpty = false) => string({ error: rule }).check(_minLength(mayBeEmpty ? 0 : 1), _maxLength(maxLength), refine((text) => !hasControlCharacter(text)));
var wholeNumber = (rule, minimum) => number({ error: rule }).check(int(), _gte(minimum));
var runId = wholeNumber("must be a run id (a whole number, 1 or more)", 1);
var utcTime = string({ error: 'must be a UTC time such as "2026-11-27T10:00:00Z"' }).check(refine(isUtcSeconds));
function utcSeconds(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
function isUtcSeconds(text) {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text)) return false;
  const date = new Date(text);
  return !Number.isNaN(date.getTime()) && utcSeconds(date) === text;
}
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function parseRecordJson(text, source, kind, maxBytes) {
  if (text.length > maxBytes || Buffer.byteLength(text) > maxBytes) {
    throw fail(source, `the ${kind} is larger than ${mebibytes(maxBytes)} MiB, the most model-ci reads; it was not parsed`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw fail(source, `the ${kind} is not valid JSON: ${escapeControlCharacters(error.message)}`);
  }
}
function checkRecordObject(data, source, kind) {
  if (!isPlainObject(data)) throw fail(source, `the ${kind} must be a JSON object, got ${showValue(data)}`);
  const schema = data.schema;
  if (schema === 1) return;
  if (schema === void 0) throw fail(source, `"schema" is missing; a model-ci ${kind} has "schema": 1`);
  if (typeof schema === "number" && Number.isInteger(schema) && schema > 1) {
    throw fail(source, `"schema" is ${schema}, newer than this model-ci reads (1); update model-ci to read this ${kind}`);
  }
  throw fail(source, `"schema" must be 1, got ${showValue(schema)}`);
}
function checkMetricCount(metrics, field, source) {
  if (!isPlainObject(metrics)) return;
  const count = Object.keys(metrics).length;
  if (count > MAX_METRICS) throw fail(source, `${field.label} holds ${count} metrics; ${field.holder} may hold at most ${MAX_METRICS}`);
}
function checkMetrics(metrics, field, source) {
  if (metrics === void 0) throw fail(source, `${field.label} is missing; it must be an object of metric names to numbers`);
  if (!isPlainObject(metrics)) throw fail(source, `${field.label} must be an object of metric names to numbers, got ${showValue(metrics)}`);
  checkMetricCount(metrics, field, source);
  const entries = Object.entries(metrics);
  for (const [name, value] of entries) {
    const problem = metricNameProblem(name);
    if (problem !== void 0) throw fail(source, `${field.label} ${problem}`);
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw fail(source, `${field.metricLabel}[${showText(name)}] must be a finite number, got ${showValue(value)}`);
    }
  }
  return Object.fromEntries(entries);
}
function metricNameProblem(name) {
  if (name === "") return "has a metric with an empty name";
  if (name.length > MAX_METRIC_NAME_LENGTH) return `has a metric name longer than ${MAX_METRIC_NAME_LENGTH} characters: ${showText(name)}`;
  if (hasControlCharacter(name)) return `has a metric name with a control character: ${showText(name)}`;
  return void 0;
}
function showText(text) {
  return showUntrusted(text, MAX_SHOWN_LENGTH);
}
function showValue(value) {
  if (typeof value === "string") return showText(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "null";
  if (value === void 0) return "nothing";
  if (Array.isArray(value)) return "a list";
  return "an object";
}
function fieldLabel(path) {
  return `"${path.map((key, index) => typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`).join("")}"`;
}
function describeIssue(issue, data, prefix = []) {
  const value = valueAt(data, issue.path);
  const field = fieldLabel([...prefix, ...issue.path]);
  if (value === void 0) return `${field} is missing; it ${issue.message}`;
  return `${field} ${issue.message}, got ${showValue(value)}`;
}
function mebibytes(bytes) {
  return (bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1);
}
function fail(source, message) {
  return new UserError(`${source}: ${message}`);
}

// src/core/manifest.ts
var MANIFEST_FILE = "manifest.json";
var MAX_MANIFEST_BYTES = 32 * 1024 * 1024;
var MAX_FILES = 1e5;
var MAX_PATH_LENGTH = 4096;
var UTC_SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{3})?Z$/;
function versionLabel(input) {
  const parts = UTC_SECONDS.exec(input.createdAt.toISOString());
  if (parts === null) throw new RangeError(`a version label needs a time in the years 0000 to 9999, got ${input.createdAt.toISOString()}`);
  const [, year, month, day, hours, minutes, seconds2] = parts;
  const attempt = input.runAttempt > 1 ? `.a${input.runAttempt}` : "";
  return `${year}.${month}.${day}-${hours}${minutes}${seconds2}-${input.sha.slice(0, 7)}-r${input.runId}${attempt}`;
}
function buildManifest(input) {
  const written = {
    schema: 1,
    model: input.model,
    status: input.failure === null ? "success" : "failed",
    version: versionLabel(input),
    fingerprint: input.fingerprint,
    sha: input.sha,
    ref: input.ref,
    event: input.event,
    run_id: input.runId,
    run_attempt: input.runAttempt,
    created_at: utcSeconds(input.createdAt),
    metrics: input.metrics,
    files: input.files,
    python: input.python,
    runner_os: input.runnerOs,
    timings: input.timings,
    cache: input.cache,
    failure: input.failure
  };
  const source = `the manifest of model ${showText(input.model)}`;
  const checked = checkManifest(written, source);
  const bytes = Buffer.byteLength(serializeManifest(checked));
  if (bytes > MAX_MANIFEST_BYTES) {
    throw fail(
      source,
      `it would be ${mebibytes(bytes)} MiB, more than the ${mebibytes(MAX_MANIFEST_BYTES)} MiB model-ci reads back, for ${checked.files.length} output files; pack the outputs into fewer files`
    );
  }
  return checked;
}
function serializeManifest(manifest) {
  const failure2 = manifest.failure;
  const ordered = {
    schema: manifest.schema,
    model: manifest.model,
    status: manifest.status,
    version: manifest.version,
    fingerprint: manifest.fingerprint,
    sha: manifest.sha,
    ref: manifest.ref,
    event: manifest.event,
    run_id: manifest.run_id,
    run_attempt: manifest.run_attempt,
    created_at: manifest.created_at,
    metrics: manifest.metrics,
    files: manifest.files.map((file) => ({ path: file.path, size: file.size, sha256: file.sha256 })),
    python: manifest.python,
    runner_os: manifest.runner_os,
    timings: { install_s: manifest.timings.install_s, train_s: manifest.timings.train_s, evaluate_s: manifest.timings.evaluate_s },
    cache: { dependencies: manifest.cache.dependencies, run: manifest.cache.run },
    failure: failure2 === null ? null : { phase: failure2.phase, exit_code: failure2.exit_code, signal: failure2.signal, message: failure2.message, log_tail: failure2.log_tail }
  };
  return `${JSON.stringify(ordered, null, 2)}
`;
}
function parseManifest(text, source) {
  return checkManifest(parseRecordJson(text, source, "manifest", MAX_MANIFEST_BYTES), source);
}
var SHA256_RULE = "must be a sha256 digest of 64 lowercase hexadecimal digits";
var PATH_RULE = `must be a path inside the output folder: relative, "/"-separated, without ".", ".." or empty parts, backslashes or NUL, at most ${MAX_PATH_LENGTH} characters`;
var SECONDS_RULE = "must be a number of seconds (0 or more) or null";
var seconds = nullable(number({ error: SECONDS_RULE }).check(_gte(0)));
var manifestFile = object(
  {
    path: string({ error: PATH_RULE }).check(refine(isPathInside)),
    size: wholeNumber("must be a size in bytes (a whole number, 0 or more)", 0),
    sha256: string({ error: SHA256_RULE }).check(_regex(/^[0-9a-f]{64}$/))
  },
  { error: "must be an object with path, size and sha256" }
);
var failure = object(
  {
    phase: _enum(["install", "train", "evaluate", "metrics"], { error: "must be install, train, evaluate or metrics" }),
    exit_code: nullable(number({ error: "must be a whole number or null" }).check(int())),
    signal: nullable(string({ error: 'must be a signal name such as "SIGKILL", or null' }).check(_regex(/^SIG[A-Z0-9]{1,20}$/))),
    message: string({ error: "must be text" }),
    log_tail: string({ error: "must be text" })
  },
  { error: "must be an object with phase, exit_code, signal, message and log_tail, or null" }
);
var manifestSchema = object({
  schema: literal(1),
  model: string({ error: 'must be a model name: 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit' }).check(_regex(MODEL_NAME_PATTERN)),
  status: _enum(["success", "failed"], { error: 'must be "success" or "failed"' }),
  version: string({ error: 'must be a version label such as "2026.11.27-100000-3f2a9c1-r812"' }),
  fingerprint: sha256Digest,
  sha: commitSha,
  ref: printable('must be a git ref such as "refs/heads/main", at most 1000 characters without control characters', 1e3, true),
  event: string({ error: 'must be an event name such as "push": lowercase letters, digits, "_" or "-", at most 100 characters' }).check(_regex(/^[a-z][a-z0-9_-]{0,99}$/)),
  run_id: runId,
  run_attempt: wholeNumber("must be a run attempt (a whole number, 1 or more)", 1),
  created_at: utcTime,
  files: array(manifestFile, { error: "must be a list of files" }),
  python: nullable(printable('must be a Python version such as "3.11.7", or null', 100)),
  runner_os: printable('must be an operating system name such as "Linux", at most 100 characters', 100),
  timings: object(
    { install_s: seconds, train_s: seconds, evaluate_s: seconds },
    { error: "must be an object with install_s, train_s and evaluate_s" }
  ),
  cache: object(
    {
      dependencies: _enum(["hit", "partial", "miss", "none"], { error: "must be hit, partial, miss or none" }),
      run: _enum(["hit", "miss", "off"], { error: "must be hit, miss or off" })
    },
    { error: "must be an object with dependencies and run" }
  ),
  failure: nullable(failure)
});
var METRICS_FIELD = { label: '"metrics"', metricLabel: "metrics", holder: "a manifest" };
function checkManifest(data, source) {
  checkRecordObject(data, source, "manifest");
  checkMetricCount(data.metrics, METRICS_FIELD, source);
  if (Array.isArray(data.files) && data.files.length > MAX_FILES) {
    throw fail(source, `"files" lists ${data.files.length} files; a manifest may list at most ${MAX_FILES}`);
  }
  const result = manifestSchema.safeParse(data);
  if (!result.success) throw fail(source, describeIssue(result.error.issues[0], data));
  const manifest = { ...result.data, metrics: checkMetrics(data.metrics, METRICS_FIELD, source) };
  checkUniquePaths(manifest.files, source);
  checkConsistency(manifest, source);
  return manifest;
}
function checkUniquePaths(files, source) {
  const firstIndex = /* @__PURE__ */ new Map();
  files.forEach((file, index) => {
    const earlier = firstIndex.get(file.path);
    if (earlier !== void 0) throw fail(source, `"files[${index}].path" repeats files[${earlier}]: ${showText(file.path)}`);
    firstIndex.set(file.path, index);
  });
}
function checkConsistency(manifest, source) {
  const expectedStatus = manifest.failure === null ? "success" : "failed";
  if (manifest.status !== expectedStatus) {
    const because = manifest.failure === null ? '"failure" is null' : '"failure" is set';
    throw fail(source, `"status" must be "${expectedStatus}" because ${because}, got ${showValue(manifest.status)}`);
  }
  const expectedVersion = versionLabel({
    createdAt: new Date(manifest.created_at),
    sha: manifest.sha,
    runId: manifest.run_id,
    runAttempt: manifest.run_attempt
  });
  if (manifest.version !== expectedVersion) {
    throw fail(source, `"version" must be "${expectedVersion}", the label of created_at, sha, run_id and run_attempt, got ${showValue(manifest.version)}`);
  }
}
function isPathInside(path) {
  if (path.length === 0 || path.length > MAX_PATH_LENGTH) return false;
  if (path.includes("\\") || path.includes("\0")) return false;
  if (/^[A-Za-z]:/.test(path)) return false;
  return path.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}

// src/core/metrics.ts
var MAX_METRICS2 = 1e4;
var MAX_NAME_LENGTH = 200;
var SHOWN_NAME_LENGTH = 60;
var SUPPORTED_EXTENSIONS = ".json, .yaml, .yml or .csv";
var BYTE_ORDER_MARK = "\uFEFF";
var FORMAT_BY_EXTENSION = { json: "json", yaml: "yaml", yml: "yaml", csv: "csv" };
function parseMetrics(content, fileName) {
  const format = formatOf(fileName);
  const text = content.startsWith(BYTE_ORDER_MARK) ? content.slice(1) : content;
  if (text.trim() === "") throw fail2(fileName, "the metrics file is empty; write at least one metric");
  const collector = new MetricsCollector(fileName, format);
  if (format === "csv") {
    collectCsv(collector, text, fileName);
  } else {
    const document = format === "json" ? loadJson(text, fileName) : loadYamlDocument(text, fileName);
    flattenInto(collector, documentMapping(document, format, fileName), void 0);
  }
  return collector.result();
}
function fail2(file, message) {
  return new UserError(`${file}: ${message}`, { file });
}
function formatOf(fileName) {
  const baseName = fileName.split(/[/\\]/).pop() ?? fileName;
  const dot = baseName.lastIndexOf(".");
  if (dot <= 0) throw fail2(fileName, `the metrics file has no extension; use ${SUPPORTED_EXTENSIONS}`);
  const extension = baseName.slice(dot + 1);
  const format = FORMAT_BY_EXTENSION[extension.toLowerCase()];
  if (format === void 0) throw fail2(fileName, `unsupported metrics file extension ${JSON.stringify(`.${extension}`)}; use ${SUPPORTED_EXTENSIONS}`);
  return format;
}
function oneLine(text) {
  return text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
}
function loadJson(text, file) {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const nonFinite = bareNonFinite(text);
    if (nonFinite) {
      const which = nonFinite.key === void 0 ? "a metric" : `metric ${showName(nonFinite.key)}`;
      throw fail2(file, `${which} is ${nonFinite.token}; metrics must be finite numbers`);
    }
    throw fail2(file, `invalid JSON: ${oneLine(error.message)}${jsonErrorLocation(error.message, text)}`);
  }
}
function bareNonFinite(text) {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const character = text[i];
    if (inString) {
      if (character === "\\") i++;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') {
      inString = true;
      continue;
    }
    const token = ["NaN", "Infinity", "-Infinity"].find((word) => text.startsWith(word, i));
    if (token) {
      const key = /"((?:[^"\\]|\\.)*)"\s*:\s*$/.exec(text.slice(Math.max(0, i - 1e3), i))?.[1];
      return { token, key: key === void 0 ? void 0 : JSON.parse(`"${key}"`) };
    }
  }
  return void 0;
}
function jsonErrorLocation(message, text) {
  const position = /at position (\d+)/.exec(message);
  if (position === null || /\bline \d+/.test(message)) return "";
  const before = text.slice(0, Number(position[1]));
  const line = before.split(/\r\n|\r|\n/).length;
  const column = before.length - Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r"));
  return ` (line ${line}, column ${column})`;
}
function loadYamlDocument(text, file) {
  try {
    return load(text, { schema: CORE_SCHEMA, filename: file });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const where = error.mark ? ` at line ${error.mark.line + 1}, column ${error.mark.column + 1}` : "";
    throw fail2(file, `invalid YAML${where}: ${oneLine(error.reason ?? error.message)}`);
  }
}
function isMapping(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function documentMapping(document, format, file) {
  if (isMapping(document)) return document;
  if (format === "yaml" && document === null) throw fail2(file, "the metrics file has no YAML document; write at least one metric");
  const expected = format === "json" ? "a JSON object" : "a YAML mapping";
  throw fail2(file, `the metrics must be ${expected} of metric names to numbers, not ${kindOf(document)}`);
}
function kindOf(value) {
  if (value === null || value === void 0) return "an empty value (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `a ${typeof value}`;
}
function flattenInto(collector, mapping, prefix) {
  const keys = Object.keys(mapping);
  if (keys.length === 0 && prefix !== void 0) collector.skip(prefix, "an empty mapping, not a number");
  for (const key of keys) {
    if (key === "") collector.rejectEmptyName(prefix === void 0 ? "" : ` (a key under ${showName(prefix)})`);
    const name = prefix === void 0 ? key : `${prefix}.${key}`;
    const value = mapping[key];
    if (!isMapping(value)) {
      collector.add(name, value);
      continue;
    }
    collector.checkName(name);
    flattenInto(collector, value, name);
  }
}
function showName(name) {
  return showUntrusted(name, SHOWN_NAME_LENGTH);
}
function skipReason(value) {
  if (typeof value === "string") return "a string, not a number";
  if (typeof value === "boolean") return "a boolean, not a number";
  return `${kindOf(value)}, not a number`;
}
var MetricsCollector = class {
  entries = [];
  skipped = [];
  seen = /* @__PURE__ */ new Set();
  file;
  format;
  constructor(file, format) {
    this.file = file;
    this.format = format;
  }
  checkName(name) {
    if (name.length > MAX_NAME_LENGTH) {
      throw fail2(this.file, `metric name ${showName(name)} is longer than ${MAX_NAME_LENGTH} characters; use a shorter name`);
    }
    if (hasControlCharacter(name)) {
      throw fail2(this.file, `metric name ${showName(name)} contains a control character (such as a newline or tab); use printable text`);
    }
  }
  rejectEmptyName(where) {
    throw fail2(this.file, `a metric name is empty${where}; give every metric a name`);
  }
  add(name, value) {
    this.claim(name);
    if (typeof value !== "number") {
      this.skipped.push({ name, reason: skipReason(value) });
      return;
    }
    if (!Number.isFinite(value)) {
      throw fail2(this.file, `metric ${showName(name)} is ${String(value)}; metrics must be finite numbers`);
    }
    this.entries.push([name, value]);
  }
  skip(name, reason) {
    this.claim(name);
    this.skipped.push({ name, reason });
  }
  result() {
    if (this.entries.length === 0) throw fail2(this.file, `no numeric metrics; ${this.describeSkipped()}`);
    return { metrics: Object.fromEntries(this.entries), skipped: this.skipped };
  }
  claim(name) {
    this.checkName(name);
    if (this.seen.has(name)) {
      const hint = this.format === "csv" ? "" : ' (nested keys are joined with ".")';
      throw fail2(this.file, `metric ${showName(name)} is given twice${hint}; give each metric its own name`);
    }
    this.seen.add(name);
    if (this.seen.size > MAX_METRICS2) throw fail2(this.file, `more than ${MAX_METRICS2} metrics; write at most ${MAX_METRICS2}`);
  }
  describeSkipped() {
    if (this.skipped.length === 0) return "the file holds no values";
    const shown = this.skipped.slice(0, 3).map(({ name, reason }) => `${showName(name)} (${reason})`);
    const more = this.skipped.length > shown.length ? ` and ${this.skipped.length - shown.length} more` : "";
    return `skipped ${shown.join(", ")}${more}`;
  }
};
function parseCsvRecords(text, file) {
  const records = [];
  let index = 0;
  let line = 1;
  const atLineBreak = () => text[index] === "\n" || text[index] === "\r";
  const skipLineBreak = () => {
    index += text.startsWith("\r\n", index) ? 2 : 1;
    line++;
  };
  const skipBlanks = () => {
    while (text[index] === " " || text[index] === "	") index++;
  };
  const readQuotedField = () => {
    const startLine = line;
    let value = "";
    index++;
    for (; ; ) {
      if (index >= text.length) throw fail2(file, `line ${startLine}: a quoted field is not closed`);
      if (text[index] === '"') {
        if (text[index + 1] !== '"') break;
        value += '"';
        index += 2;
      } else if (atLineBreak()) {
        value += text.startsWith("\r\n", index) ? "\r\n" : text[index];
        skipLineBreak();
      } else {
        value += text[index++];
      }
    }
    index++;
    skipBlanks();
    if (index < text.length && text[index] !== "," && !atLineBreak()) {
      throw fail2(file, `line ${line}: unexpected text after the closing quote of a field; write a quote inside a quoted field as ""`);
    }
    return value;
  };
  const readUnquotedField = () => {
    const start = index;
    while (index < text.length && text[index] !== "," && !atLineBreak()) index++;
    return text.slice(start, index);
  };
  while (index < text.length) {
    const record = { line, cells: [] };
    for (; ; ) {
      skipBlanks();
      record.cells.push((text[index] === '"' ? readQuotedField() : readUnquotedField()).trim());
      if (text[index] !== ",") break;
      index++;
    }
    if (index < text.length) skipLineBreak();
    records.push(record);
  }
  return records;
}
function counted(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
var LONG_FORM_NAME_HEADERS = /* @__PURE__ */ new Set(["name", "metric"]);
function isLongFormHeader(cells) {
  return cells.length === 2 && LONG_FORM_NAME_HEADERS.has(cells[0].toLowerCase()) && cells[1].toLowerCase() === "value";
}
function collectCsv(collector, text, file) {
  const records = parseCsvRecords(text, file).filter((record) => record.cells.some((cell) => cell !== ""));
  if (records.length === 0) throw fail2(file, "the metrics file is empty; write at least one metric");
  const [header, ...rows] = records;
  if (isLongFormHeader(header.cells)) collectLongFormCsv(collector, header, rows, file);
  else collectWideFormCsv(collector, header, rows, file);
}
function collectLongFormCsv(collector, header, rows, file) {
  const headerText = JSON.stringify(header.cells.join(","));
  if (rows.length === 0) throw fail2(file, `the CSV has a ${headerText} header but no rows; add one row of name,value per metric`);
  for (const row of rows) {
    if (row.cells.length !== 2) {
      throw fail2(file, `line ${row.line} has ${counted(row.cells.length, "field")}; under the ${headerText} header every row must be name,value (quote a name that contains a comma)`);
    }
    const [name, cell] = row.cells;
    if (name === "") collector.rejectEmptyName(` (line ${row.line})`);
    addCsvCell(collector, name, cell);
  }
}
function collectWideFormCsv(collector, header, rows, file) {
  const twoForms = 'write one row of values under a header of metric names, or rows of name,value under a "name,value" header';
  if (rows.length === 0) throw fail2(file, `the CSV has a header but no row of values; ${twoForms}`);
  if (rows.length > 1) throw fail2(file, `the CSV has ${rows.length} rows of values under its header; ${twoForms}`);
  const [values] = rows;
  if (values.cells.length !== header.cells.length) {
    throw fail2(file, `line ${values.line} has ${counted(values.cells.length, "value")} but the header on line ${header.line} has ${counted(header.cells.length, "name")}; give each metric one value`);
  }
  header.cells.forEach((name, column) => {
    const cell = values.cells[column];
    if (name === "" && cell === "") return;
    if (name === "") {
      throw fail2(file, `column ${column + 1} of the header has no name; name every column (pandas: to_csv(..., index=False))`);
    }
    addCsvCell(collector, name, cell);
  });
}
var DECIMAL_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
var NON_FINITE_WORD = /^([+-]?)(nan|inf|infinity)$/i;
function addCsvCell(collector, name, cell) {
  if (cell === "") return collector.skip(name, "an empty cell, not a number");
  const nonFinite = NON_FINITE_WORD.exec(cell);
  if (nonFinite !== null) {
    const [, sign, word] = nonFinite;
    return collector.add(name, word.toLowerCase() === "nan" ? NaN : sign === "-" ? -Infinity : Infinity);
  }
  collector.add(name, DECIMAL_NUMBER.test(cell) ? Number(cell) : cell);
}

// src/core/train-summary.ts
var METRICS_SHOWN = 100;
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
    for (const [name, value] of metrics.slice(0, METRICS_SHOWN)) lines.push(`| ${inlineCode(name)} | ${formatNumber(value)} |`);
    if (metrics.length > METRICS_SHOWN) lines.push("", `\u2026and ${metrics.length - METRICS_SHOWN} more in the manifest.`);
    lines.push("");
  }
  for (const skipped of input.skipped ?? []) lines.push(`- skipped ${inlineCode(skipped.name)}: ${escapeMarkdown(skipped.reason)}`);
  const seconds2 = (value) => value === null ? "\u2014" : `${value.toFixed(1)} s`;
  lines.push(
    "| Version | Install | Train | Evaluate | Dependencies | Run-cache |",
    "| --- | --- | --- | --- | --- | --- |",
    `| ${inlineCode(manifest.version)} | ${seconds2(manifest.timings.install_s)} | ${seconds2(manifest.timings.train_s)} | ${seconds2(manifest.timings.evaluate_s)} | ${manifest.cache.dependencies} | ${manifest.cache.run} |`,
    "",
    `Artifact ${inlineCode(artifact.name)} (id ${artifact.id}, ${inlineCode(artifact.digest)}), fingerprint ${inlineCode(manifest.fingerprint)}.`
  );
  return `${lines.join("\n")}
`;
}
function formatNumber(value) {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

// src/commands/train/python-env.ts
import { existsSync, readFileSync as readFileSync2, rmSync } from "node:fs";
import { delimiter, join as join3 } from "node:path";
var PROBE = "import platform, sys; print(platform.python_version()); print(sys.executable)";
async function setUpPython(ports, request) {
  const found = await findInterpreter(ports.runner, request);
  if (!found) {
    const tried = request.interpreter || "python, python3";
    return { ok: false, message: `no Python interpreter could be run (tried ${tried}); add actions/setup-python before model-ci, or set the "python" input`, installSeconds: null };
  }
  const requirementsPath = request.config.requirements === void 0 ? void 0 : join3(request.modelDir, request.config.requirements);
  if (requirementsPath === void 0) {
    return { ok: true, setup: { python: found.executable, version: found.version, env: {}, dependencies: "none", installSeconds: null } };
  }
  if (!existsSync(requirementsPath)) {
    return { ok: false, message: `requirements file ${request.config.path}/${request.config.requirements} does not exist; fix "requirements" in model.yml`, installSeconds: null };
  }
  const started2 = Date.now();
  const seconds2 = () => (Date.now() - started2) / 1e3;
  if (!request.config.venv) {
    const run2 = await pipInstall(ports, request, found.executable, request.env);
    if (!succeeded(run2)) return { ok: false, message: "pip could not install the requirements", run: run2, installSeconds: seconds2() };
    return { ok: true, setup: { python: found.executable, version: found.version, env: {}, dependencies: "none", installSeconds: seconds2() } };
  }
  const venvDir = join3(request.tempDir, "model-ci", "venvs", request.config.name);
  const venvPython = join3(venvDir, "bin", "python");
  const venvEnv = {
    VIRTUAL_ENV: venvDir,
    PATH: `${join3(venvDir, "bin")}${delimiter}${request.env.PATH ?? ""}`
  };
  const { key, restoreKeys } = dependencyCacheKeys({
    model: request.config.name,
    runnerOs: request.runnerOs,
    pythonVersion: found.version,
    requirements: readFileSync2(requirementsPath, "utf8"),
    pipArgs: request.pipArgs
  });
  rmSync(venvDir, { recursive: true, force: true });
  const restored = await ports.cache.restore([venvDir], key, restoreKeys);
  const usable = restored !== void 0 && await runs(ports.runner, venvPython, request);
  if (restored !== void 0 && !usable) {
    ports.logger.warning(`the cached venv of ${request.config.name} (${restored}) does not run here; making a new one`);
  }
  if (usable && restored === key) {
    ports.logger.info(`Dependencies of ${request.config.name}: cache hit (${key}), pip not run`);
    return { ok: true, setup: { python: venvPython, version: found.version, env: venvEnv, dependencies: "hit", installSeconds: seconds2() } };
  }
  if (!usable) {
    const made = await makeVenv(ports, request, found.executable, venvDir, venvPython);
    if (!succeeded(made)) return { ok: false, message: `python -m venv could not make the venv in ${venvDir}`, run: made, installSeconds: seconds2() };
  }
  const run = await pipInstall(ports, request, venvPython, { ...request.env, ...venvEnv });
  if (!succeeded(run)) return { ok: false, message: "pip could not install the requirements", run, installSeconds: seconds2() };
  await ports.cache.save([venvDir], key);
  return {
    ok: true,
    setup: { python: venvPython, version: found.version, env: venvEnv, dependencies: usable ? "partial" : "miss", installSeconds: seconds2() }
  };
}
async function makeVenv(ports, request, interpreter, venvDir, venvPython) {
  const make = (withPip) => {
    rmSync(venvDir, { recursive: true, force: true });
    const argv = [interpreter, "-m", "venv", "--system-site-packages", ...withPip ? [] : ["--without-pip"], venvDir];
    return ports.runner.run(argv, { cwd: request.modelDir, env: request.env, timeoutMs: remaining(request.deadline), onOutput: (line) => ports.logger.info(line) });
  };
  const lean = await make(false);
  if (succeeded(lean) && succeeded(await probe(ports.runner, request, [venvPython, "-m", "pip", "--version"]))) {
    return lean;
  }
  return make(true);
}
async function findInterpreter(runner, request) {
  for (const candidate of request.interpreter ? [request.interpreter] : ["python", "python3"]) {
    const lines = [];
    const run = await probe(runner, request, [candidate, "-c", PROBE], (line) => lines.push(line));
    if (succeeded(run) && lines.length >= 2) return { version: lines[0].trim(), executable: lines[1].trim() };
  }
  return void 0;
}
async function runs(runner, python, request) {
  return succeeded(await probe(runner, request, [python, "-c", "import sys"]));
}
function probe(runner, request, argv, onOutput) {
  return runner.run(argv, { cwd: request.modelDir, env: request.env, timeoutMs: 6e4, onOutput });
}
function pipInstall(ports, request, python, env) {
  const argv = [python, "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off"];
  argv.push("-r", request.config.requirements, ...request.pipArgs);
  return ports.runner.run(argv, {
    cwd: request.modelDir,
    env: { ...env, PIP_NO_INPUT: "1" },
    timeoutMs: remaining(request.deadline),
    onOutput: (line) => ports.logger.info(line)
  });
}
function succeeded(run) {
  return run.exitCode === 0 && !run.timedOut;
}
function remaining(deadline) {
  return Math.max(1e3, deadline - Date.now());
}

// src/commands/train/train.ts
var MAX_METRICS_BYTES = 16 * 1024 * 1024;
var LOG_TAIL_LINES = 50;
function artifactName(model) {
  return `model-ci-${model}`;
}
async function train(ports, request) {
  const repository = await Repository.read(ports, request.configFile);
  const model = repository.model(request.model);
  if (!model) {
    const known = repository.models.map((m) => m.name);
    throw new UserError(
      `input "model": there is no model named ${JSON.stringify(request.model)}; the models are: ${known.join(", ") || "(none found)"}`
    );
  }
  await repository.readModelFiles([model]);
  const config = repository.modelConfig(model);
  if (config.output === ".") {
    throw new UserError(`${model.path}/model.yml: "output" must be a folder inside the model directory, not the directory itself`, { file: `${model.path}/model.yml` });
  }
  const fingerprint = repository.fingerprints([config]).get(model.name);
  const paths = trainingPaths(ports.workspace.root, request.tempDir, config);
  mkdirSync(paths.staging, { recursive: true });
  const started2 = ports.now();
  const cached = config.cache ? await restoreRun(ports, paths, runCacheKey(model.name, fingerprint)) : void 0;
  if (cached) {
    const manifest2 = { ...cached, cache: { ...cached.cache, run: "hit" } };
    const artifact2 = await upload(ports, request, paths, manifest2);
    return { manifest: manifest2, artifact: artifact2, cacheHit: true, summary: renderTrainSummary({ manifest: manifest2, artifact: artifact2, reusedFrom: cached.run_id }) };
  }
  const outcome = await runTraining(ports, request, config, paths, fingerprint);
  const manifest = buildManifest({
    model: model.name,
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
    cache: { dependencies: outcome.python?.dependencies ?? "none", run: config.cache ? "miss" : "off" },
    failure: outcome.failure
  });
  const artifact = await upload(ports, request, paths, manifest);
  if (!outcome.failure && config.cache) await ports.cache.save([paths.output, paths.manifest], runCacheKey(model.name, fingerprint));
  const summary2 = renderTrainSummary({ manifest, artifact, skipped: outcome.skipped });
  if (!outcome.failure) return { manifest, artifact, cacheHit: false, summary: summary2 };
  const failure2 = outcome.failure;
  const how = failure2.signal ? `was killed by ${failure2.signal}` : failure2.exit_code === null ? "failed" : `exited with code ${failure2.exit_code}`;
  const what = failure2.phase === "metrics" ? failure2.message : `${failure2.message} (${how})`;
  return {
    manifest,
    artifact,
    cacheHit: false,
    summary: summary2,
    error: new UserError(`model-ci train ${model.name}: the ${failure2.phase} phase failed: ${what}; the log above and the manifest in artifact ${artifact.name} have the last ${LOG_TAIL_LINES} lines`)
  };
}
function trainingPaths(root, tempDir, config) {
  const modelDir = join4(root, config.path);
  const staging = join4(tempDir, "model-ci", "artifacts", config.name);
  return {
    modelDir,
    output: join4(modelDir, config.output),
    metricsFile: join4(modelDir, config.metricsFile),
    staging,
    manifest: join4(staging, MANIFEST_FILE)
  };
}
async function runTraining(ports, request, config, paths, fingerprint) {
  const deadline = Date.now() + config.timeoutMinutes * 6e4;
  const timings = { install_s: null, train_s: null, evaluate_s: null };
  const outcome = (failure2, rest = {}) => ({
    metrics: {},
    skipped: [],
    files: [],
    timings,
    failure: failure2,
    ...rest
  });
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
      deadline
    })
  );
  if (!setupResult.ok) {
    timings.install_s = setupResult.installSeconds;
    return outcome(failureOf("install", setupResult.message, setupResult.run));
  }
  const python = setupResult.setup;
  timings.install_s = python.installSeconds;
  rmSync2(paths.metricsFile, { force: true });
  mkdirSync(paths.output, { recursive: true });
  const env = {
    ...request.env,
    ...python.env,
    PYTHONUNBUFFERED: "1",
    MODEL_CI_MODEL: config.name,
    MODEL_CI_MODEL_DIR: paths.modelDir,
    MODEL_CI_OUTPUT_DIR: paths.output,
    MODEL_CI_METRICS_FILE: paths.metricsFile,
    MODEL_CI_DATA_DIR: join4(paths.modelDir, "data"),
    MODEL_CI_SHA: request.run.sha,
    MODEL_CI_FINGERPRINT: fingerprint
  };
  const phases = [["train", config.train]];
  if (config.evaluate) phases.push(["evaluate", config.evaluate]);
  let lastRun;
  for (const [phase, argv] of phases) {
    const command = argv[0] === "python" || argv[0] === "python3" ? [python.python, ...argv.slice(1)] : argv;
    const run = await ports.logger.group(
      `${phase === "train" ? "Train" : "Evaluate"} ${config.name}: ${argv.join(" ")}`,
      () => ports.runner.run(command, {
        cwd: paths.modelDir,
        env,
        timeoutMs: remaining(deadline),
        tailLines: LOG_TAIL_LINES,
        onOutput: (line) => ports.logger.info(line)
      })
    );
    timings[`${phase}_s`] = run.durationMs / 1e3;
    lastRun = run;
    if (!succeeded(run)) {
      const message = run.timedOut ? `${argv.join(" ")} ran past the model's timeout of ${config.timeoutMinutes} minutes` : `${argv.join(" ")} did not succeed`;
      return outcome(failureOf(phase, message, run), { python });
    }
  }
  let parsed;
  try {
    parsed = parseMetrics(readMetricsFile(paths.metricsFile, config), `${config.path}/${config.metricsFile}`);
  } catch (error) {
    if (!isUserError(error)) throw error;
    return outcome(failureOf("metrics", error.message, lastRun && { ...lastRun, exitCode: null, signal: null }), { python });
  }
  for (const skipped of parsed.skipped) {
    ports.logger.warning(`${config.path}/${config.metricsFile}: metric ${JSON.stringify(skipped.name)} skipped: ${skipped.reason}`, {
      file: `${config.path}/${config.metricsFile}`
    });
  }
  const files = existsSync2(paths.output) ? await ports.hashTree(paths.output) : [];
  return outcome(null, { python, metrics: parsed.metrics, skipped: parsed.skipped, files });
}
function readMetricsFile(path, config) {
  const file = `${config.path}/${config.metricsFile}`;
  let size;
  try {
    size = statSync2(path).size;
  } catch {
    throw new UserError(`${file}: the training wrote no metrics file; write the metrics as JSON, YAML or CSV to the path in MODEL_CI_METRICS_FILE`, { file });
  }
  if (size > MAX_METRICS_BYTES) {
    throw new UserError(`${file}: the metrics file is ${size} bytes, more than the ${MAX_METRICS_BYTES} model-ci reads; write only the metrics to it`, { file });
  }
  return readFileSync3(path, "utf8");
}
function failureOf(phase, message, run) {
  return {
    phase,
    exit_code: run?.exitCode ?? null,
    signal: run?.signal ?? null,
    message,
    log_tail: (run?.tail ?? []).slice(-LOG_TAIL_LINES).join("\n")
  };
}
async function restoreRun(ports, paths, key) {
  rmSync2(paths.manifest, { force: true });
  if (await ports.cache.restore([paths.output, paths.manifest], key) === void 0) return void 0;
  try {
    if (statSync2(paths.manifest).size > MAX_MANIFEST_BYTES) throw new UserError("the cached manifest is too large");
    const manifest = parseManifest(readFileSync3(paths.manifest, "utf8"), `run-cache entry ${key}`);
    const restored = await ports.hashTree(paths.output);
    const same = manifest.status === "success" && restored.length === manifest.files.length && restored.every((file, i) => file.path === manifest.files[i].path && file.sha256 === manifest.files[i].sha256);
    if (same) {
      ports.logger.info(`Run-cache hit (${key}): the outputs of run ${manifest.run_id} are reused, nothing is trained`);
      return manifest;
    }
    ports.logger.warning(`run-cache entry ${key} does not match its manifest; training anew`);
  } catch (error) {
    const reason = isUserError(error) || isFileSystemError(error) ? error.message : void 0;
    if (reason === void 0) throw error;
    ports.logger.warning(`run-cache entry ${key} is unusable (${reason}); training anew`);
  }
  rmSync2(paths.output, { recursive: true, force: true });
  return void 0;
}
function isFileSystemError(error) {
  return error instanceof Error && typeof error.code === "string";
}
async function upload(ports, request, paths, manifest) {
  writeFileSync(paths.manifest, serializeManifest(manifest));
  const outputsLink = join4(paths.staging, "outputs");
  rmSync2(outputsLink, { recursive: true, force: true });
  const files = [paths.manifest];
  if (manifest.files.length > 0) {
    symlinkSync(paths.output, outputsLink, "dir");
    files.push(...manifest.files.map((file) => join4(outputsLink, file.path)));
  }
  const name = artifactName(manifest.model);
  ports.logger.info(`Uploading ${name}: ${manifest.files.length} file(s) and ${MANIFEST_FILE}`);
  return ports.artifacts.upload(name, paths.staging, files, {
    retentionDays: request.retentionDays,
    compressionLevel: compressionLevelFor(manifest.files)
  });
}

// src/action/train.ts
async function runTrainAction(common) {
  const inputs = getTrainInputs(common);
  const checkout = await openCheckout(inputs);
  const run = runOf(process.env);
  const [owner, repo] = requiredEnv("GITHUB_REPOSITORY").split("/");
  const logger = checkout.ports.logger;
  const result = await withAnnotationPaths(
    checkout,
    () => train(
      {
        ...checkout.ports,
        runner: new NodeProcessRunner(),
        artifacts: new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: inputs.token, repository: { owner, repo }, logger }),
        cache: new GitHubCacheStore(logger),
        hashTree,
        now: () => /* @__PURE__ */ new Date()
      },
      {
        model: inputs.model,
        configFile: inputs.configFile,
        run,
        tempDir: requiredEnv("RUNNER_TEMP"),
        interpreter: inputs.python,
        pipArgs: inputs.pipArgs,
        retentionDays: inputs.retentionDays,
        env: definedEnv(process.env)
      }
    )
  );
  setOutput("metrics" /* Metrics */, JSON.stringify(result.manifest.metrics));
  setOutput("artifact-name" /* ArtifactName */, result.artifact.name);
  setOutput("artifact-id" /* ArtifactId */, String(result.artifact.id));
  setOutput("digest" /* Digest */, result.artifact.digest);
  setOutput("fingerprint" /* Fingerprint */, result.manifest.fingerprint);
  setOutput("cache-hit" /* CacheHit */, result.cacheHit ? "true" : "false");
  await summary.addRaw(result.summary).write();
  if (result.error) throw result.error;
}
function runOf(env) {
  return {
    id: Number(requiredEnv("GITHUB_RUN_ID")),
    attempt: Number(env.GITHUB_RUN_ATTEMPT || "1"),
    sha: requiredEnv("GITHUB_SHA"),
    ref: env.GITHUB_REF ?? "",
    event: env.GITHUB_EVENT_NAME ?? "",
    runnerOs: env.RUNNER_OS || "Linux"
  };
}
function definedEnv(env) {
  const result = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== void 0 && !name.startsWith("INPUT_") && name !== "ACTIONS_RUNTIME_TOKEN" && name !== "ACTIONS_ID_TOKEN_REQUEST_TOKEN") {
      result[name] = value;
    }
  }
  return result;
}
export {
  runTrainAction
};
