import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  outsideBranchHistory
} from "./chunk-Z62BL5T3.js";
import {
  checkMetrics,
  checkRecordObject,
  commitSha,
  describeIssue,
  fail,
  fieldLabel,
  isPlainObject,
  parseRecordJson,
  printable,
  runId,
  sha256Digest,
  showText,
  showValue,
  utcTime,
  wholeNumber
} from "./chunk-MIR6WUZ2.js";
import {
  MODEL_NAME_PATTERN
} from "./chunk-FTQVXRRL.js";
import {
  _gte,
  literal,
  number,
  object,
  optional
} from "./chunk-EC74IOCJ.js";
import {
  UserError,
  showUntrusted
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/ledger.ts
var LEDGER_ARTIFACT = "model-ci-ledger";
var LEDGER_FILE = "ledger.json";
var MAX_LEDGER_BYTES = 64 * 1024 * 1024;
var MAX_MODELS = 1e5;
function nextLedger(previous, run, trainings, modelsAtHead) {
  const models = emptyModels();
  const keep = /* @__PURE__ */ __name((name) => MODEL_NAME_PATTERN.test(name) && modelsAtHead.has(name), "keep");
  if (previous !== void 0) {
    for (const [name, entry] of Object.entries(previous.models)) if (keep(name)) models[name] = entry;
  }
  const newest = /* @__PURE__ */ new Map();
  for (const { manifest } of trainings) {
    if (manifest.status !== "success" || !keep(manifest.model)) continue;
    const earlier = newest.get(manifest.model);
    if (earlier === void 0 || isNewer(manifest, earlier)) newest.set(manifest.model, manifest);
  }
  for (const { manifest, artifact } of trainings) {
    if (newest.get(manifest.model) !== manifest) continue;
    models[manifest.model] = {
      version: manifest.version,
      fingerprint: manifest.fingerprint,
      sha: manifest.sha,
      run_id: manifest.run_id,
      artifact_run_id: run.runId,
      artifact_id: artifact.id,
      artifact_name: artifact.name,
      digest: artifact.digest,
      metrics: { ...manifest.metrics },
      created_at: manifest.created_at,
      training_s: trainingSeconds(manifest)
    };
  }
  return { schema: 1, branch: run.branch, sha: run.sha, run_id: run.runId, models };
}
__name(nextLedger, "nextLedger");
function trainingSeconds(manifest) {
  const { install_s, train_s, evaluate_s } = manifest.timings;
  return (install_s ?? 0) + (train_s ?? 0) + (evaluate_s ?? 0);
}
__name(trainingSeconds, "trainingSeconds");
function isNewer(a, b) {
  return a.created_at !== b.created_at ? a.created_at > b.created_at : a.run_attempt > b.run_attempt;
}
__name(isNewer, "isNewer");
function serializeLedger(ledger) {
  const models = emptyModels();
  for (const name of Object.keys(ledger.models).sort()) {
    const entry = ledger.models[name];
    models[name] = {
      version: entry.version,
      fingerprint: entry.fingerprint,
      sha: entry.sha,
      run_id: entry.run_id,
      artifact_run_id: entry.artifact_run_id,
      artifact_id: entry.artifact_id,
      artifact_name: entry.artifact_name,
      digest: entry.digest,
      metrics: entry.metrics,
      created_at: entry.created_at,
      training_s: entry.training_s
    };
  }
  const ordered = { schema: ledger.schema, branch: ledger.branch, sha: ledger.sha, run_id: ledger.run_id, models };
  return `${JSON.stringify(ordered, null, 2)}
`;
}
__name(serializeLedger, "serializeLedger");
function parseLedger(text, source) {
  return checkLedger(parseRecordJson(text, source, "ledger", MAX_LEDGER_BYTES), source);
}
__name(parseLedger, "parseLedger");
var ledgerSchema = object({
  schema: literal(1),
  branch: printable("must be a branch name, at most 1000 characters without control characters", 1e3),
  sha: commitSha,
  run_id: runId
});
var entrySchema = object({
  version: printable('must be a version label such as "2026.11.27-100000-3f2a9c1-r812", at most 200 characters', 200),
  fingerprint: sha256Digest,
  sha: commitSha,
  run_id: runId,
  artifact_run_id: runId,
  artifact_id: wholeNumber("must be an artifact id (a whole number, 1 or more)", 1),
  artifact_name: printable("must be an artifact name, at most 256 characters without control characters", 256),
  digest: sha256Digest,
  created_at: utcTime,
  training_s: optional(number({ error: "must be a number of seconds, 0 or more" }).check(_gte(0)))
});
function checkLedger(data, source) {
  checkRecordObject(data, source, "ledger");
  const result = ledgerSchema.safeParse(data);
  if (!result.success) throw fail(source, describeIssue(result.error.issues[0], data));
  return { ...result.data, models: checkModels(data.models, source) };
}
__name(checkLedger, "checkLedger");
function checkModels(models, source) {
  if (models === void 0) throw fail(source, '"models" is missing; it must be an object of model names to entries');
  if (!isPlainObject(models)) throw fail(source, `"models" must be an object of model names to entries, got ${showValue(models)}`);
  const names = Object.keys(models);
  if (names.length > MAX_MODELS) throw fail(source, `"models" holds ${names.length} models; a ledger may hold at most ${MAX_MODELS}`);
  const checked = emptyModels();
  for (const name of names) {
    if (!MODEL_NAME_PATTERN.test(name)) {
      throw fail(source, `"models" has a key that is not a model name (1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit): ${showText(name)}`);
    }
    const entry = models[name];
    const path = ["models", name];
    if (!isPlainObject(entry)) throw fail(source, `${fieldLabel(path)} must be an object, got ${showValue(entry)}`);
    const result = entrySchema.safeParse(entry);
    if (!result.success) throw fail(source, describeIssue(result.error.issues[0], entry, path));
    const metricsLabel = fieldLabel([...path, "metrics"]);
    const metricsField = { label: metricsLabel, metricLabel: metricsLabel, holder: "an entry" };
    checked[name] = { ...result.data, metrics: checkMetrics(entry.metrics, metricsField, source) };
  }
  return checked;
}
__name(checkModels, "checkModels");
function emptyModels() {
  return /* @__PURE__ */ Object.create(null);
}
__name(emptyModels, "emptyModels");
function trainingsOf(ledgers, model) {
  const byTraining = /* @__PURE__ */ new Map();
  for (const ledger of ledgers) {
    const entry = ledger.models[model];
    if (entry !== void 0) byTraining.set(`${entry.run_id}/${entry.version}`, entry);
  }
  return [...byTraining.values()].sort((a, b) => a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.run_id - b.run_id);
}
__name(trainingsOf, "trainingsOf");

// src/core/in-parallel.ts
async function inParallel(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = /* @__PURE__ */ __name(async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  }, "worker");
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
__name(inParallel, "inParallel");

// src/records/branch-push.ts
async function notBranchPush(history, run, branch) {
  if (run.event !== "push" || run.headBranch !== branch) {
    const of = run.headBranch === null ? "no branch" : `branch ${showUntrusted(run.headBranch, 100)}`;
    return `run ${run.id} is a ${run.event} run of ${of}, not a push to ${branch}`;
  }
  return await history.contains(branch, run.headSha) ? void 0 : outsideBranchHistory(run, branch);
}
__name(notBranchPush, "notBranchPush");

// src/records/record-file.ts
import { basename } from "node:path";
async function readRecordFile(files, path, maxBytes, source) {
  const name = basename(path);
  const size = await files.fileSize(path);
  if (size === void 0) throw new UserError(`${source} holds no ${name}`);
  if (size > maxBytes) throw new UserError(`${source}: ${name} is ${size} bytes, more than the ${maxBytes} model-ci reads`);
  return files.readText(path);
}
__name(readRecordFile, "readRecordFile");
async function readArtifactRecord(artifacts, artifact, file, options) {
  const text = await artifacts.readFile(artifact, file, { runId: options.runId, maxBytes: options.maxBytes });
  if (text === void 0) throw new UserError(`${options.source} holds no ${file}`);
  return text;
}
__name(readArtifactRecord, "readArtifactRecord");

export {
  LEDGER_ARTIFACT,
  LEDGER_FILE,
  MAX_LEDGER_BYTES,
  nextLedger,
  serializeLedger,
  parseLedger,
  trainingsOf,
  inParallel,
  notBranchPush,
  readRecordFile,
  readArtifactRecord
};
