import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);

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
    await sleep(POLL_MS);
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
function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export {
  validateCacheRequest,
  GitHubCacheStore,
  NodeProcessRunner
};
