import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  LEDGER_ARTIFACT,
  readRecordFile
} from "./chunk-FNDP2GQY.js";
import {
  isRelativePathInside
} from "./chunk-UUCS4V4X.js";
import {
  checkMetricCount,
  checkMetrics,
  checkRecordObject,
  commitSha,
  describeIssue,
  fail,
  mebibytes,
  parseRecordJson,
  printable,
  runId,
  sha256Digest,
  showText,
  showValue,
  utcSeconds,
  utcTime,
  wholeNumber
} from "./chunk-MIR6WUZ2.js";
import {
  MODEL_NAME_PATTERN
} from "./chunk-FTQVXRRL.js";
import {
  _enum,
  _gte,
  _maxLength,
  _regex,
  array,
  int,
  literal,
  nullable,
  number,
  object,
  optional,
  refine,
  strictObject,
  string,
  union
} from "./chunk-EC74IOCJ.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

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
__name(versionLabel, "versionLabel");
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
    failure: input.failure,
    mlflow: input.mlflow ?? null
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
__name(buildManifest, "buildManifest");
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
    failure: failure2 === null ? null : { phase: failure2.phase, exit_code: failure2.exit_code, signal: failure2.signal, message: failure2.message, log_tail: failure2.log_tail },
    mlflow: orderedMlflow(manifest.mlflow)
  };
  return `${JSON.stringify(ordered, null, 2)}
`;
}
__name(serializeManifest, "serializeManifest");
function orderedMlflow(mlflow) {
  if (!mlflow) return null;
  return "skipped" in mlflow ? { skipped: mlflow.skipped } : { run_id: mlflow.run_id, experiment_id: mlflow.experiment_id, url: mlflow.url };
}
__name(orderedMlflow, "orderedMlflow");
function parseManifest(text, source) {
  return checkManifest(parseRecordJson(text, source, "manifest", MAX_MANIFEST_BYTES), source);
}
__name(parseManifest, "parseManifest");
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
    phase: _enum(["install", "train", "evaluate", "metrics", "mlflow"], { error: "must be install, train, evaluate, metrics or mlflow" }),
    exit_code: nullable(number({ error: "must be a whole number or null" }).check(int())),
    signal: nullable(string({ error: 'must be a signal name such as "SIGKILL", or null' }).check(_regex(/^SIG[A-Z0-9]{1,20}$/))),
    message: string({ error: "must be text" }),
    log_tail: string({ error: "must be text" })
  },
  { error: "must be an object with phase, exit_code, signal, message and log_tail, or null" }
);
var MLFLOW_ID_RULE = 'must be an MLflow id: 1 to 100 letters, digits, "_" or "-"';
var mlflowId = string({ error: MLFLOW_ID_RULE }).check(_regex(/^[A-Za-z0-9_-]{1,100}$/));
var HTTP_URL_RULE = "must be an http:// or https:// URL of at most 2000 characters";
var httpUrl = string({ error: HTTP_URL_RULE }).check(_maxLength(2e3), _regex(/^https?:\/\/[^\s<>"'`\\]+$/));
var mlflowRun = union(
  [
    strictObject({ run_id: mlflowId, experiment_id: mlflowId, url: httpUrl }),
    strictObject({ skipped: printable("must say in at most 1000 characters why MLflow was skipped", 1e3) })
  ],
  { error: "must be an object with run_id, experiment_id and url, or with skipped, or null" }
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
  failure: nullable(failure),
  mlflow: optional(nullable(mlflowRun))
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
__name(checkManifest, "checkManifest");
function checkUniquePaths(files, source) {
  const firstIndex = /* @__PURE__ */ new Map();
  files.forEach((file, index) => {
    const earlier = firstIndex.get(file.path);
    if (earlier !== void 0) throw fail(source, `"files[${index}].path" repeats files[${earlier}]: ${showText(file.path)}`);
    firstIndex.set(file.path, index);
  });
}
__name(checkUniquePaths, "checkUniquePaths");
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
__name(checkConsistency, "checkConsistency");
function isPathInside(path) {
  return isRelativePathInside(path, MAX_PATH_LENGTH);
}
__name(isPathInside, "isPathInside");

// src/records/model-artifact.ts
import { join } from "node:path";
var MODEL_ARTIFACT_PREFIX = "model-ci-";
function artifactName(model) {
  return `${MODEL_ARTIFACT_PREFIX}${model}`;
}
__name(artifactName, "artifactName");
function modelOfArtifact(name) {
  if (!name.startsWith(MODEL_ARTIFACT_PREFIX) || name === LEDGER_ARTIFACT) return void 0;
  return name.slice(MODEL_ARTIFACT_PREFIX.length);
}
__name(modelOfArtifact, "modelOfArtifact");
async function downloadManifest(ports, source, directory) {
  await ports.artifacts.download(source.artifact.id, directory, { runId: source.runId, expectedDigest: source.artifact.digest });
  return parseManifest(await readRecordFile(ports.files, join(directory, MANIFEST_FILE), MAX_MANIFEST_BYTES, source.name), `${source.name}, ${MANIFEST_FILE}`);
}
__name(downloadManifest, "downloadManifest");

export {
  MANIFEST_FILE,
  MAX_MANIFEST_BYTES,
  versionLabel,
  buildManifest,
  serializeManifest,
  parseManifest,
  artifactName,
  modelOfArtifact,
  downloadManifest
};
