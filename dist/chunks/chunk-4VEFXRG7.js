import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  completedPromotions
} from "./chunk-Z62BL5T3.js";
import {
  escapeMarkdown,
  inlineCode,
  minuteOf
} from "./chunk-LYO4JN6R.js";
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
          automatic: record.payload.automatic === true,
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
function hasMlflow(entries) {
  return entries.some((entry) => entry.mlflowVersion !== void 0);
}
__name(hasMlflow, "hasMlflow");
function markdownTable(entries) {
  const mlflow = hasMlflow(entries);
  const rows = entries.map((entry) => {
    const run = isWebLink(entry.logUrl) ? `[log](${entry.logUrl.replace(/\(/g, "%28").replace(/\)/g, "%29")})` : "\u2014";
    const version = mlflow ? ` ${entry.mlflowVersion === void 0 ? "\u2014" : escapeMarkdown(entry.mlflowVersion)} |` : "";
    return `| ${escapeMarkdown(entry.environment)} | ${inlineCode(entry.version)} | ${inlineCode(shortDigest(entry.digest))} |${version} ${shownTime(entry.promotedAt)} | ${escapeMarkdown(entry.promotedBy)} | ${howPromoted(entry)} | ${run} | ${entry.live ? "**live**" : ""} |`;
  });
  const header = mlflow ? "| Environment | Version | Digest | MLflow version | Promoted (UTC) | By | How | Promotion run | Live |" : "| Environment | Version | Digest | Promoted (UTC) | By | How | Promotion run | Live |";
  return [header, `|${" --- |".repeat(mlflow ? 9 : 8)}`, ...rows, ""].join("\n");
}
__name(markdownTable, "markdownTable");
function textTable(entries) {
  const mlflow = hasMlflow(entries);
  const header = ["ENVIRONMENT", "VERSION", "DIGEST", ...mlflow ? ["MLFLOW"] : [], "PROMOTED (UTC)", "BY", "HOW", "LIVE"];
  const rows = entries.map(
    (entry) => [entry.environment, entry.version, shortDigest(entry.digest), ...mlflow ? [entry.mlflowVersion ?? "-"] : [], shownTime(entry.promotedAt), entry.promotedBy, howPromoted(entry), entry.live ? "yes" : ""].map(escapeControlCharacters)
  );
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = /* @__PURE__ */ __name((cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd(), "line");
  return `${[line(header), ...rows.map(line)].join("\n")}
`;
}
__name(textTable, "textTable");
function howPromoted(entry) {
  return entry.automatic ? "automatic" : "manual";
}
__name(howPromoted, "howPromoted");
function shortDigest(digest) {
  return digest.length > 19 ? `${digest.slice(0, 19)}\u2026` : digest;
}
__name(shortDigest, "shortDigest");
function shownTime(iso) {
  return minuteOf(iso) ?? escapeControlCharacters(iso);
}
__name(shownTime, "shownTime");
function isWebLink(url) {
  return url !== null && /^https?:\/\/[^\s<>"'`|\\]+$/.test(url);
}
__name(isWebLink, "isWebLink");

export {
  RECORDS_LOOKED_AT,
  promotionHistory,
  renderHistory
};
