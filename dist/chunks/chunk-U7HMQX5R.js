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
  int,
  literal,
  load,
  nullable,
  number,
  object,
  refine,
  string
} from "./chunk-YST4RGHN.js";
import {
  MODEL_NAME_PATTERN
} from "./chunk-R23ZHERJ.js";
import {
  UserError,
  escapeControlCharacters,
  hasControlCharacter,
  showUntrusted,
  valueAt
} from "./chunk-TZJWSJNW.js";

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
    const upload = async () => {
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
      result = await this.retryingTransientFailures(`Upload of artifact "${name}"`, upload, isResultsServiceError);
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

export {
  GitHubArtifactStore,
  MAX_METRICS,
  commitSha,
  sha256Digest,
  printable,
  wholeNumber,
  runId,
  utcTime,
  isPlainObject,
  parseRecordJson,
  checkRecordObject,
  checkMetrics,
  metricNameProblem,
  showText,
  showValue,
  fieldLabel,
  describeIssue,
  fail,
  MANIFEST_FILE,
  MAX_MANIFEST_BYTES,
  buildManifest,
  serializeManifest,
  parseManifest,
  parseMetrics
};
