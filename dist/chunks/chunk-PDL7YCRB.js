import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
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

export {
  MAX_TREND_POINTS,
  headlineMetrics,
  trendChart
};
