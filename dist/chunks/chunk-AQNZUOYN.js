import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
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
} from "./chunk-EXMN6DPH.js";
import {
  literal,
  object
} from "./chunk-WF4PJE3Q.js";
import {
  MODEL_NAME_PATTERN
} from "./chunk-FTQVXRRL.js";
import {
  UserError,
  isUserError
} from "./chunk-GNSC3OUJ.js";

// src/core/ledger.ts
var LEDGER_ARTIFACT = "model-ci-ledger";
var LEDGER_FILE = "ledger.json";
var MAX_LEDGER_BYTES = 64 * 1024 * 1024;
var MAX_MODELS = 1e5;
function nextLedger(previous, run, trainings, modelsAtHead) {
  const models = emptyModels();
  const keep = (name) => MODEL_NAME_PATTERN.test(name) && modelsAtHead.has(name);
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
      created_at: manifest.created_at
    };
  }
  return { schema: 1, branch: run.branch, sha: run.sha, run_id: run.runId, models };
}
function isNewer(a, b) {
  return a.created_at !== b.created_at ? a.created_at > b.created_at : a.run_attempt > b.run_attempt;
}
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
      created_at: entry.created_at
    };
  }
  const ordered = { schema: ledger.schema, branch: ledger.branch, sha: ledger.sha, run_id: ledger.run_id, models };
  return `${JSON.stringify(ordered, null, 2)}
`;
}
function parseLedger(text, source) {
  return checkLedger(parseRecordJson(text, source, "ledger", MAX_LEDGER_BYTES), source);
}
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
  created_at: utcTime
});
function checkLedger(data, source) {
  checkRecordObject(data, source, "ledger");
  const result = ledgerSchema.safeParse(data);
  if (!result.success) throw fail(source, describeIssue(result.error.issues[0], data));
  return { ...result.data, models: checkModels(data.models, source) };
}
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
function emptyModels() {
  return /* @__PURE__ */ Object.create(null);
}

// src/commands/ledger-history.ts
import { mkdir, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
var MAX_LEDGER_RUNS = 100;
function holdsLedger(run) {
  return run.conclusion === "success" || run.conclusion === "failure";
}
async function ledgerCandidateRuns(runs, options) {
  const listed = await runs.listCompleted({
    workflowId: options.workflowId,
    branch: options.branch,
    event: "push",
    limit: options.limit ?? MAX_LEDGER_RUNS
  });
  const acceptable = options.acceptable ?? holdsLedger;
  const candidates = listed.filter(acceptable);
  const firstIndexOfSha = /* @__PURE__ */ new Map();
  candidates.forEach((run, index) => {
    if (!firstIndexOfSha.has(run.headSha)) firstIndexOfSha.set(run.headSha, index);
  });
  return candidates.map((run, index) => ({ run, index })).sort(
    (a, b) => firstIndexOfSha.get(a.run.headSha) - firstIndexOfSha.get(b.run.headSha) || Number(b.run.conclusion === "success") - Number(a.run.conclusion === "success") || a.index - b.index
  ).map(({ run }) => run);
}
async function newestLedger(ports, options) {
  for (const run of await ledgerCandidateRuns(ports.runs, options)) {
    const ledger = await readableLedgerOfRun(ports, run, options.tempDir);
    if (ledger) return { ledger, run };
  }
  return void 0;
}
async function readableLedgerOfRun(ports, run, tempDir) {
  try {
    return await ledgerOfRun(ports, run, tempDir);
  } catch (error) {
    if (!isUserError(error)) throw error;
    ports.logger.warning(`The ledger of run ${run.id} was skipped: ${error.message}`);
    return void 0;
  }
}
async function ledgerOfRun(ports, run, tempDir) {
  const listed = (await ports.artifacts.list(run.id)).find((artifact) => artifact.name === LEDGER_ARTIFACT);
  if (!listed) return void 0;
  const source = `artifact "${LEDGER_ARTIFACT}" of run ${run.id}`;
  await mkdir(tempDir, { recursive: true });
  const directory = await mkdtemp(join(tempDir, `model-ci-ledger-${run.id}-`));
  try {
    await ports.artifacts.download(listed.id, directory, { runId: run.id, expectedDigest: listed.digest });
    const file = join(directory, LEDGER_FILE);
    const size = await stat(file).then(
      (stats) => stats.size,
      () => void 0
    );
    if (size === void 0) throw new UserError(`${source} holds no ${LEDGER_FILE}`);
    if (size > MAX_LEDGER_BYTES) {
      throw new UserError(`${source}: ${LEDGER_FILE} is ${size} bytes, more than the ${MAX_LEDGER_BYTES} model-ci reads`);
    }
    const ledger = parseLedger(await readFile(file, "utf8"), source);
    if (ledger.run_id !== run.id) {
      throw new UserError(`${source}: the ledger says it was written by run ${ledger.run_id}, so it was not used`);
    }
    return ledger;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

export {
  LEDGER_ARTIFACT,
  LEDGER_FILE,
  nextLedger,
  serializeLedger,
  ledgerCandidateRuns,
  newestLedger,
  readableLedgerOfRun
};
