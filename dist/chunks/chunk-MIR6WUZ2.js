import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  _gte,
  _maxLength,
  _minLength,
  _regex,
  int,
  number,
  refine,
  string
} from "./chunk-EC74IOCJ.js";
import {
  UserError,
  escapeControlCharacters,
  hasControlCharacter,
  showUntrusted,
  valueAt
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/untrusted-record.ts
var MAX_METRICS = 1e4;
var MAX_METRIC_NAME_LENGTH = 200;
var MAX_SHOWN_LENGTH = 80;
var commitSha = string({ error: "must be a commit id of 40 lowercase hexadecimal digits" }).check(_regex(/^[0-9a-f]{40}$/));
var sha256Digest = string({ error: 'must be "sha256:" and 64 lowercase hexadecimal digits' }).check(_regex(/^sha256:[0-9a-f]{64}$/));
var printable = /* @__PURE__ */ __name((rule, maxLength, mayBeEmpty = false) => string({ error: rule }).check(_minLength(mayBeEmpty ? 0 : 1), _maxLength(maxLength), refine((text) => !hasControlCharacter(text))), "printable");
var wholeNumber = /* @__PURE__ */ __name((rule, minimum) => number({ error: rule }).check(int(), _gte(minimum)), "wholeNumber");
var runId = wholeNumber("must be a run id (a whole number, 1 or more)", 1);
var utcTime = string({ error: 'must be a UTC time such as "2026-11-27T10:00:00Z"' }).check(refine(isUtcSeconds));
function utcSeconds(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
__name(utcSeconds, "utcSeconds");
function isUtcSeconds(text) {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text)) return false;
  const date = new Date(text);
  return !Number.isNaN(date.getTime()) && utcSeconds(date) === text;
}
__name(isUtcSeconds, "isUtcSeconds");
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
__name(isPlainObject, "isPlainObject");
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
__name(parseRecordJson, "parseRecordJson");
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
__name(checkRecordObject, "checkRecordObject");
function checkMetricCount(metrics, field, source) {
  if (!isPlainObject(metrics)) return;
  const count = Object.keys(metrics).length;
  if (count > MAX_METRICS) throw fail(source, `${field.label} holds ${count} metrics; ${field.holder} may hold at most ${MAX_METRICS}`);
}
__name(checkMetricCount, "checkMetricCount");
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
__name(checkMetrics, "checkMetrics");
function metricNameProblem(name) {
  if (name === "") return "has a metric with an empty name";
  if (name.length > MAX_METRIC_NAME_LENGTH) return `has a metric name longer than ${MAX_METRIC_NAME_LENGTH} characters: ${showText(name)}`;
  if (hasControlCharacter(name)) return `has a metric name with a control character: ${showText(name)}`;
  return void 0;
}
__name(metricNameProblem, "metricNameProblem");
function showText(text) {
  return showUntrusted(text, MAX_SHOWN_LENGTH);
}
__name(showText, "showText");
function showValue(value) {
  if (typeof value === "string") return showText(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "null";
  if (value === void 0) return "nothing";
  if (Array.isArray(value)) return "a list";
  return "an object";
}
__name(showValue, "showValue");
function fieldLabel(path) {
  return `"${path.map((key, index) => typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`).join("")}"`;
}
__name(fieldLabel, "fieldLabel");
function describeIssue(issue, data, prefix = []) {
  const value = valueAt(data, issue.path);
  const field = fieldLabel([...prefix, ...issue.path]);
  if (value === void 0) return `${field} is missing; it ${issue.message}`;
  return `${field} ${issue.message}, got ${showValue(value)}`;
}
__name(describeIssue, "describeIssue");
function mebibytes(bytes) {
  return (bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1);
}
__name(mebibytes, "mebibytes");
function fail(source, message) {
  return new UserError(`${source}: ${message}`);
}
__name(fail, "fail");

export {
  MAX_METRICS,
  MAX_METRIC_NAME_LENGTH,
  commitSha,
  sha256Digest,
  printable,
  wholeNumber,
  runId,
  utcTime,
  utcSeconds,
  isPlainObject,
  parseRecordJson,
  checkRecordObject,
  checkMetricCount,
  checkMetrics,
  metricNameProblem,
  showText,
  showValue,
  fieldLabel,
  describeIssue,
  mebibytes,
  fail
};
