import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  MONITOR_ARTIFACT,
  MONITOR_FILE
} from "./chunk-FLQGHEHB.js";
import {
  inParallel,
  readArtifactRecord
} from "./chunk-FNDP2GQY.js";
import {
  checkMetrics,
  checkRecordObject,
  commitSha,
  describeIssue,
  fail,
  fieldLabel,
  isPlainObject,
  metricNameProblem,
  parseRecordJson,
  printable,
  runId,
  showText,
  showValue
} from "./chunk-MIR6WUZ2.js";
import {
  MODEL_NAME_PATTERN
} from "./chunk-FTQVXRRL.js";
import {
  _enum,
  _maxLength,
  _regex,
  boolean,
  literal,
  nullable,
  object,
  string
} from "./chunk-EC74IOCJ.js";
import {
  isUserError
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/records/monitor-results.ts
var MAX_MONITOR_BYTES = 32 * 1024 * 1024;
var MAX_MODELS = 1e5;
var MAX_REGRESSED = 1e4;
var resultSchema = object({
  schema: literal(1),
  environment: printable("must be an environment name, at most 100 characters without control characters", 100),
  sha: commitSha,
  run_id: runId,
  // An ISO 8601 UTC time, with or without fractions of a second (Date's toISOString has them).
  created_at: string({ error: 'must be a UTC time such as "2026-11-27T10:00:00Z"' }).check(_regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/))
});
var modelSchema = object({
  version: printable("must be a version label, at most 200 characters without control characters", 200),
  digest: printable("must be an artifact digest, at most 200 characters without control characters", 200),
  verdict: _enum(["healthy", "degraded", "failed"], { error: 'must be "healthy", "degraded" or "failed"' }),
  gate_failed: boolean({ error: "must be true or false" }),
  failure: nullable(
    object({
      phase: _enum(["download", "install", "monitor", "metrics"], { error: 'must be "download", "install", "monitor" or "metrics"' }),
      // A message may span lines (a log's last words); the renderers escape and cut it.
      message: string({ error: "must be text" }).check(_maxLength(1e5, "must be at most 100,000 characters"))
    })
  )
});
function parseMonitorResult(text, source) {
  const data = parseRecordJson(text, source, "monitoring result", MAX_MONITOR_BYTES);
  checkRecordObject(data, source, "monitoring result");
  const result = resultSchema.safeParse(data);
  if (!result.success) throw fail(source, describeIssue(result.error.issues[0], data));
  return { ...result.data, models: checkModels(data.models, source) };
}
__name(parseMonitorResult, "parseMonitorResult");
function checkModels(models, source) {
  if (!isPlainObject(models)) throw fail(source, `"models" must be an object of model names to results, got ${showValue(models)}`);
  const names = Object.keys(models);
  if (names.length > MAX_MODELS) throw fail(source, `"models" holds ${names.length} models; a monitoring result may hold at most ${MAX_MODELS}`);
  const checked = /* @__PURE__ */ Object.create(null);
  for (const name of names) {
    if (!MODEL_NAME_PATTERN.test(name)) throw fail(source, `"models" has a key that is not a model name: ${showText(name)}`);
    const entry = models[name];
    const path = ["models", name];
    if (!isPlainObject(entry)) throw fail(source, `${fieldLabel(path)} must be an object, got ${showValue(entry)}`);
    const result = modelSchema.safeParse(entry);
    if (!result.success) throw fail(source, describeIssue(result.error.issues[0], entry, path));
    const metricsOf = /* @__PURE__ */ __name((key) => {
      const label = fieldLabel([...path, key]);
      return checkMetrics(entry[key], { label, metricLabel: label, holder: "a model" }, source);
    }, "metricsOf");
    checked[name] = {
      ...result.data,
      metrics: metricsOf("metrics"),
      promoted_metrics: metricsOf("promoted_metrics"),
      regressed: checkRegressed(entry.regressed, fieldLabel([...path, "regressed"]), source)
    };
  }
  return checked;
}
__name(checkModels, "checkModels");
function checkRegressed(value, label, source) {
  if (!Array.isArray(value) || value.length > MAX_REGRESSED) throw fail(source, `${label} must be a list of at most ${MAX_REGRESSED} metric names, got ${showValue(value)}`);
  for (const name of value) {
    if (typeof name !== "string") throw fail(source, `${label} must hold metric names, got ${showValue(name)}`);
    const problem = metricNameProblem(name);
    if (problem !== void 0) throw fail(source, `${label} ${problem}`);
  }
  return value;
}
__name(checkRegressed, "checkRegressed");
var MAX_RUNS_LOOKED_AT = 100;
var READ_CONCURRENCY = 4;
async function recentMonitorResults(ports, options) {
  const listed = await ports.runs.listCompleted({ branch: options.branch, limit: MAX_RUNS_LOOKED_AT });
  const candidates = listed.filter((run) => run.headBranch === options.branch && !["pull_request", "pull_request_target", "push", "merge_group"].includes(run.event));
  const results = [];
  if (options.currentRunId !== void 0 && !candidates.some((run) => run.id === options.currentRunId)) {
    const current = await readableMonitorResult(ports, { id: options.currentRunId });
    if (current !== void 0) results.push(current);
  }
  for (let start = 0; start < candidates.length && results.length < options.limit; start += READ_CONCURRENCY) {
    const batch = candidates.slice(start, start + READ_CONCURRENCY);
    for (const found of await inParallel(batch, READ_CONCURRENCY, (run) => readableMonitorResult(ports, run))) {
      if (found !== void 0 && results.length < options.limit) results.push(found);
    }
  }
  return results;
}
__name(recentMonitorResults, "recentMonitorResults");
async function readableMonitorResult(ports, run) {
  const [artifact] = await ports.artifacts.list(run.id, { name: MONITOR_ARTIFACT });
  if (!artifact) return void 0;
  const source = `artifact "${MONITOR_ARTIFACT}" of run ${run.id}`;
  try {
    const result = parseMonitorResult(await readArtifactRecord(ports.artifacts, artifact, MONITOR_FILE, { runId: run.id, maxBytes: MAX_MONITOR_BYTES, source }), source);
    if (result.run_id !== run.id) throw fail(source, `the result says it was written by run ${result.run_id}, so it was not used`);
    return result;
  } catch (error) {
    if (!isUserError(error)) throw error;
    ports.logger.warning(`The monitoring result of run ${run.id} was skipped: ${error.message}`);
    return void 0;
  }
}
__name(readableMonitorResult, "readableMonitorResult");

export {
  MAX_MONITOR_BYTES,
  parseMonitorResult,
  recentMonitorResults
};
