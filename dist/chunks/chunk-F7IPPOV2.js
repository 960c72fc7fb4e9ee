import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  metricPolicyFor
} from "./chunk-Z62BL5T3.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/trend-chart.ts
var MAX_HEADLINE_METRICS = 4;
var MAX_TREND_POINTS = 11;
var LABEL_LENGTH = 24;
var TITLE_LENGTH = 60;
var CHART_HEIGHT = 220;
var CHART_WIDTH = 600;
var MAX_MAGNITUDE = 1e15;
function headlineMetrics(metrics) {
  const byName = [...metrics].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const gated = byName.filter((metric) => metric.gate);
  return (gated.length > 0 ? gated : byName.slice(0, 1)).slice(0, MAX_HEADLINE_METRICS).map((metric) => metric.name);
}
__name(headlineMetrics, "headlineMetrics");
function trendChart(metric, points) {
  const shown = points.filter((point) => Number.isFinite(point.value)).slice(-MAX_TREND_POINTS);
  if (shown.length < 2) return void 0;
  const values = shown.map((point) => Math.max(-MAX_MAGNITUDE, Math.min(MAX_MAGNITUDE, point.value)));
  const [low, high] = axisRange(values);
  return [
    "```mermaid",
    `%%{init: {"xyChart": {"height": ${CHART_HEIGHT}, "width": ${CHART_WIDTH}}}}%%`,
    "xychart-beta",
    `title "${chartText(metric, TITLE_LENGTH)}"`,
    `x-axis [${chartLabels(shown.map((point) => point.label)).map((label) => `"${label}"`).join(", ")}]`,
    `y-axis ${plainNumber(low)} --> ${plainNumber(high)}`,
    `line [${values.map(plainNumber).join(", ")}]`,
    "```"
  ].join("\n");
}
__name(trendChart, "trendChart");
function axisRange(values) {
  const low = Math.min(...values);
  const high = Math.max(...values);
  const margin = (high - low) * 0.1 || Math.abs(high) * 0.1 || 1;
  return [low - margin, high + margin];
}
__name(axisRange, "axisRange");
function plainNumber(value) {
  if (value === 0) return "0";
  const digits = Math.max(0, 5 - Math.floor(Math.log10(Math.abs(value))));
  const text = value.toFixed(Math.min(digits, 100));
  return text.includes(".") ? text.replace(/\.?0+$/, "") || "0" : text;
}
__name(plainNumber, "plainNumber");
function chartText(text, maxLength) {
  let safe = text.replace(/[^A-Za-z0-9 ._/-]/g, "_").trim();
  if (safe.length > maxLength) safe = `${safe.slice(0, maxLength - 2)}..`;
  return safe === "" ? "_" : safe;
}
__name(chartText, "chartText");
function chartLabels(names) {
  const seen = /* @__PURE__ */ new Map();
  return names.map((name) => {
    const label = chartText(name, LABEL_LENGTH);
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    return n === 1 ? label : `${label} ${n}`;
  });
}
__name(chartLabels, "chartLabels");

// src/core/compare.ts
var MAXIMIZE_WORDS = /* @__PURE__ */ new Set(["acc", "accuracy", "f1", "auc", "auroc", "auprc", "precision", "recall", "r2"]);
var MINIMIZE_WORDS = /* @__PURE__ */ new Set(["loss", "losses", "error", "errors", "err", "mae", "mse", "rmse", "latency"]);
var NAME_TOKEN = new RegExp("\\p{Lu}+(?!\\p{Ll})\\p{N}*|\\p{Lu}?\\p{Ll}+\\p{N}*|\\p{N}+", "gu");
function nameTokens(name) {
  return Array.from(name.matchAll(NAME_TOKEN), (match) => match[0].toLowerCase());
}
__name(nameTokens, "nameTokens");
function defaultGoal(name) {
  let goal = goalByName.get(name);
  if (goal === void 0) {
    goal = goalFromTokens(nameTokens(name));
    if (goalByName.size >= MAX_CACHED_GOALS) goalByName.clear();
    goalByName.set(name, goal);
  }
  return goal;
}
__name(defaultGoal, "defaultGoal");
function goalFromTokens(tokens) {
  if (tokens.some((token) => MINIMIZE_WORDS.has(token))) return "minimize";
  if (tokens.some((token) => MAXIMIZE_WORDS.has(token))) return "maximize";
  return "unknown";
}
__name(goalFromTokens, "goalFromTokens");
var MAX_CACHED_GOALS = 1e4;
var goalByName = /* @__PURE__ */ new Map();
var RELATIVE_NOISE = 1e-9;
function noiseFloor(base, head) {
  return RELATIVE_NOISE * Math.max(Math.abs(base), Math.abs(head));
}
__name(noiseFloor, "noiseFloor");
function wrongWayMove(base, head, goal) {
  return goal === "maximize" ? base - head : head - base;
}
__name(wrongWayMove, "wrongWayMove");
function allowedMove(tolerance, base) {
  return tolerance.kind === "absolute" ? tolerance.value : Math.abs(base) * tolerance.value / 100;
}
__name(allowedMove, "allowedMove");
function isRegression(comparison) {
  const { base, head, goal, tolerance } = comparison;
  if (goal === "unknown") return false;
  return wrongWayMove(base, head, goal) - allowedMove(tolerance, base) > noiseFloor(base, head);
}
__name(isRegression, "isRegression");
var NO_TOLERANCE = { kind: "absolute", value: 0 };
function verdictOf(base, head, goal, tolerance) {
  if (Math.abs(head - base) <= noiseFloor(base, head)) return "unchanged";
  if (goal === "unknown") return "no-verdict";
  if (wrongWayMove(base, head, goal) < 0) return "improved";
  return isRegression({ base, head, goal, tolerance }) ? "regressed" : "within-tolerance";
}
__name(verdictOf, "verdictOf");
function compareMetric(name, base, head, rules) {
  const policy = metricPolicyFor(name, rules);
  const goal = policy.goal ?? defaultGoal(name);
  const tolerance = policy.tolerance ?? NO_TOLERANCE;
  const gate = policy.gate ?? false;
  if (base === null || head === null) {
    const verdict2 = head === null ? "removed" : "new";
    return { name, base, head, change: null, percentChange: null, goal, tolerance, gate, verdict: verdict2, gateFailed: false };
  }
  const change = head - base;
  const percentChange = base === 0 ? null : change / Math.abs(base) * 100;
  const verdict = verdictOf(base, head, goal, tolerance);
  return { name, base, head, change, percentChange, goal, tolerance, gate, verdict, gateFailed: gate && verdict === "regressed" };
}
__name(compareMetric, "compareMetric");
function rank(comparison) {
  if (comparison.gateFailed) return 0;
  if (comparison.verdict === "regressed") return 1;
  if (comparison.verdict === "improved") return 2;
  return 3;
}
__name(rank, "rank");
function byRankThenName(a, b) {
  return rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
__name(byRankThenName, "byRankThenName");
function valueOf(metrics, name) {
  return metrics !== void 0 && Object.hasOwn(metrics, name) ? metrics[name] : null;
}
__name(valueOf, "valueOf");
function compareMetrics(base, head, rules) {
  const names = /* @__PURE__ */ new Set([...Object.keys(head), ...Object.keys(base ?? {})]);
  return [...names].map((name) => compareMetric(name, valueOf(base, name), valueOf(head, name), rules)).sort(byRankThenName);
}
__name(compareMetrics, "compareMetrics");
function compareModel(model, base, head, rules) {
  if (head === "missing") return summarize(model, "missing", []);
  if (head === "removed") return summarize(model, "removed", compareMetrics(base, {}, rules));
  if (head.status === "failed") return summarize(model, "failed", []);
  return summarize(model, base === void 0 ? "new" : "compared", compareMetrics(base, head.metrics, rules));
}
__name(compareModel, "compareModel");
function summarize(model, status, metrics) {
  return {
    model,
    status,
    metrics,
    regressions: metrics.filter((metric) => metric.verdict === "regressed").length,
    gateFailures: metrics.filter((metric) => metric.gateFailed).length,
    improvements: metrics.filter((metric) => metric.verdict === "improved").length
  };
}
__name(summarize, "summarize");

export {
  MAX_TREND_POINTS,
  headlineMetrics,
  trendChart,
  compareMetrics,
  compareModel
};
