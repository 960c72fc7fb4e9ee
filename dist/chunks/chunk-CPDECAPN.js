import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  MAX_METRICS,
  isPlainObject,
  metricNameProblem,
  printable,
  runId,
  sha256Digest
} from "./chunk-MIR6WUZ2.js";
import {
  MODEL_NAME_PATTERN
} from "./chunk-FTQVXRRL.js";
import {
  _regex,
  boolean,
  object,
  optional,
  string
} from "./chunk-EC74IOCJ.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/promotion-record.ts
var PROMOTION_TASK = "model-ci:promote";
var MAX_VERSION_LENGTH = 200;
var MAX_ACTOR_LENGTH = 100;
var MAX_PAYLOAD_TEXT_LENGTH = 4 * 1024 * 1024;
var payloadSchema = object({
  model: string().check(_regex(MODEL_NAME_PATTERN)),
  version: printable(`must be a version label of at most ${MAX_VERSION_LENGTH} characters without control characters`, MAX_VERSION_LENGTH),
  digest: sha256Digest,
  run_id: runId,
  // A commit id, of a SHA-1 or a SHA-256 repository.
  sha: string().check(_regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/)),
  // A GitHub login, or a person's name in local mode: bounded, one line.
  promoted_by: optional(printable(`must be a login or name of at most ${MAX_ACTOR_LENGTH} characters without control characters`, MAX_ACTOR_LENGTH)),
  // Written only as true by an automatic promotion; records written before it have no such key.
  automatic: optional(boolean())
});
function parsePromotionPayload(value) {
  const data = typeof value === "string" ? parseJsonText(value) : value;
  if (!isPlainObject(data)) return void 0;
  const result = payloadSchema.safeParse(data);
  if (!result.success) return void 0;
  const metrics = parseMetrics(data.metrics);
  if (metrics === void 0) return void 0;
  const { automatic, ...rest } = result.data;
  return { ...rest, metrics, ...automatic === true && { automatic: true } };
}
__name(parsePromotionPayload, "parsePromotionPayload");
function parseJsonText(text) {
  if (text.length > MAX_PAYLOAD_TEXT_LENGTH) return void 0;
  try {
    return JSON.parse(text);
  } catch {
    return void 0;
  }
}
__name(parseJsonText, "parseJsonText");
function parseMetrics(value) {
  if (!isPlainObject(value)) return void 0;
  const entries = Object.entries(value);
  if (entries.length > MAX_METRICS) return void 0;
  const metrics = /* @__PURE__ */ Object.create(null);
  for (const [name, metric] of entries) {
    if (metricNameProblem(name) !== void 0 || typeof metric !== "number" || !Number.isFinite(metric)) return void 0;
    metrics[name] = metric;
  }
  return metrics;
}
__name(parseMetrics, "parseMetrics");

export {
  PROMOTION_TASK,
  parsePromotionPayload
};
