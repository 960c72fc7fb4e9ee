import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  MAX_METRICS,
  completedPromotions,
  isPlainObject,
  metricNameProblem,
  printable,
  runId,
  sha256Digest
} from "./chunk-BPW3FRDR.js";
import {
  escapeMarkdown,
  inlineCode
} from "./chunk-LHJICZYT.js";
import {
  MODEL_NAME_PATTERN
} from "./chunk-FTQVXRRL.js";
import {
  _regex,
  object,
  optional,
  string
} from "./chunk-66NWKTRK.js";
import {
  escapeControlCharacters
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/commands/promote/history.ts
var RECORDS_LOOKED_AT = 100;
var DEFAULT_LIMIT = 20;
async function promotionHistory(deployments, model, environments, options) {
  const perEnvironment = await Promise.all(
    environments.map(async (environment) => {
      const records = completedPromotions(await deployments.list(environment, { limit: RECORDS_LOOKED_AT, creators: options.creators }), model);
      return records.map(
        (record, index) => ({
          environment,
          version: record.payload.version,
          digest: record.payload.digest,
          runId: record.payload.run_id,
          sha: record.payload.sha,
          promotedAt: record.createdAt,
          promotedBy: record.payload.promoted_by ?? record.creator,
          live: index === 0,
          deploymentId: record.deploymentId,
          logUrl: record.logUrl
        })
      );
    })
  );
  return perEnvironment.flat().sort((a, b) => b.promotedAt.localeCompare(a.promotedAt) || b.deploymentId - a.deploymentId).slice(0, options.limit ?? DEFAULT_LIMIT);
}
__name(promotionHistory, "promotionHistory");
function renderHistory(entries, format) {
  if (entries.length === 0) return format === "markdown" ? "_No promotions recorded yet._\n" : "No promotions recorded yet.\n";
  return format === "markdown" ? markdownTable(entries) : textTable(entries);
}
__name(renderHistory, "renderHistory");
function markdownTable(entries) {
  const rows = entries.map((entry) => {
    const run = isWebLink(entry.logUrl) ? `[log](${entry.logUrl.replace(/\(/g, "%28").replace(/\)/g, "%29")})` : "\u2014";
    return `| ${escapeMarkdown(entry.environment)} | ${inlineCode(entry.version)} | ${inlineCode(shortDigest(entry.digest))} | ${shownTime(entry.promotedAt)} | ${escapeMarkdown(entry.promotedBy)} | ${run} | ${entry.live ? "**live**" : ""} |`;
  });
  return ["| Environment | Version | Digest | Promoted (UTC) | By | Promotion run | Live |", "| --- | --- | --- | --- | --- | --- | --- |", ...rows, ""].join("\n");
}
__name(markdownTable, "markdownTable");
function textTable(entries) {
  const header = ["ENVIRONMENT", "VERSION", "DIGEST", "PROMOTED (UTC)", "BY", "LIVE"];
  const rows = entries.map((entry) => [entry.environment, entry.version, shortDigest(entry.digest), shownTime(entry.promotedAt), entry.promotedBy, entry.live ? "yes" : ""].map(escapeControlCharacters));
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = /* @__PURE__ */ __name((cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd(), "line");
  return `${[line(header), ...rows.map(line)].join("\n")}
`;
}
__name(textTable, "textTable");
function shortDigest(digest) {
  return digest.length > 19 ? `${digest.slice(0, 19)}\u2026` : digest;
}
__name(shortDigest, "shortDigest");
function shownTime(iso) {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]}` : escapeControlCharacters(iso);
}
__name(shownTime, "shownTime");
function isWebLink(url) {
  return url !== null && /^https?:\/\/[^\s<>"'`|\\]+$/.test(url);
}
__name(isWebLink, "isWebLink");

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
  promoted_by: optional(printable(`must be a login or name of at most ${MAX_ACTOR_LENGTH} characters without control characters`, MAX_ACTOR_LENGTH))
});
function parsePromotionPayload(value) {
  const data = typeof value === "string" ? parseJsonText(value) : value;
  if (!isPlainObject(data)) return void 0;
  const result = payloadSchema.safeParse(data);
  if (!result.success) return void 0;
  const metrics = parseMetrics(data.metrics);
  return metrics === void 0 ? void 0 : { ...result.data, metrics };
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
  parsePromotionPayload,
  RECORDS_LOOKED_AT,
  promotionHistory,
  renderHistory
};
