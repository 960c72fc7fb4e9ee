import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  MAX_TREND_POINTS,
  headlineMetrics,
  trendChart
} from "./chunk-F7IPPOV2.js";
import {
  artifactUrl,
  commitUrl,
  isSafeUrl,
  link,
  shortSha
} from "./chunk-TR5HTG53.js";
import {
  count,
  escapeMarkdown,
  formatChange,
  formatPair,
  formatPercent,
  formatValue,
  inlineCode
} from "./chunk-LYO4JN6R.js";
import {
  truncate
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/report/describe.ts
var NAME_SHOWN = 100;
var MESSAGE_SHOWN = 500;
function describeBaseline(baseline, runUrl, inline) {
  if (baseline.kind === "none") return "none";
  const commit = inline.link(inline.code(shortSha(baseline.sha)), commitUrl(runUrl, baseline.sha));
  if (baseline.kind === "committed-file") return `the metrics file ${inline.code(baseline.path)} committed at ${commit}`;
  const run = inline.link(`run ${baseline.runId}`, baseline.runUrl);
  switch (baseline.match) {
    case "merge-base":
      return `the ledger of the merge-base ${commit}, from ${run}`;
    case "ancestor": {
      const before = baseline.commitsBefore === void 0 ? "an earlier commit" : `${count(baseline.commitsBefore, "commit")} before the merge-base`;
      return `the ledger of ${commit}, ${before} (the nearest one with a ledger), from ${run}`;
    }
    case "newest":
      return `the newest ledger of the default branch, at ${commit} from ${run}, ${inline.strong("not the merge-base's")}: no ledger was found in the merge-base's history`;
  }
}
__name(describeBaseline, "describeBaseline");
function baselineKey(baseline) {
  switch (baseline.kind) {
    case "none":
      return "none";
    case "committed-file":
      return JSON.stringify(["file", baseline.sha, baseline.path]);
    case "ledger":
      return JSON.stringify(["ledger", baseline.runId, baseline.sha, baseline.match, baseline.commitsBefore ?? null]);
  }
}
__name(baselineKey, "baselineKey");
function commonBaseline(models) {
  const counts = /* @__PURE__ */ new Map();
  for (const { baseline } of models) {
    if (baseline.kind === "none") continue;
    const key = baselineKey(baseline);
    const seen = counts.get(key);
    if (seen === void 0) counts.set(key, { baseline, models: 1 });
    else seen.models++;
  }
  let best;
  for (const candidate of counts.values()) if (best === void 0 || candidate.models > best.models) best = candidate;
  return best;
}
__name(commonBaseline, "commonBaseline");
function describeFailure(failure, inline) {
  const how = failure.signal !== null ? ` when the process got ${inline.code(failure.signal)}` : failure.exit_code !== null ? ` with exit code ${failure.exit_code}` : "";
  const message = failure.message.trim();
  return `The ${inline.strong(failure.phase)} phase failed${how}${message === "" ? "." : `: ${inline.text(truncate(message, MESSAGE_SHOWN))}`}`;
}
__name(describeFailure, "describeFailure");
function describeProblem(problem, inline) {
  return `Its artifact could not be read: ${inline.text(truncate(problem.trim(), MESSAGE_SHOWN))}`;
}
__name(describeProblem, "describeProblem");
var MISSING_EXPLANATION = "This run was to train it, but no result came back: the job was cancelled, timed out or stopped before it uploaded its manifest.";
function describeChanges(comparison) {
  const n = /* @__PURE__ */ __name((verdict) => comparison.metrics.filter((metric) => metric.verdict === verdict).length, "n");
  const parts = [];
  if (comparison.regressions > 0) {
    parts.push(`${comparison.regressions} regressed${comparison.gateFailures > 0 ? ` (${comparison.gateFailures} gated)` : ""}`);
  }
  for (const [verdict, words] of [
    ["improved", "improved"],
    ["within-tolerance", "within tolerance"],
    ["no-verdict", "changed without a goal"],
    ["new", "new"],
    ["removed", "removed"],
    ["unchanged", "unchanged"]
  ]) {
    const k = n(verdict);
    if (k > 0) parts.push(`${k} ${words}`);
  }
  return parts.length > 0 ? parts.join(", ") : "no metrics";
}
__name(describeChanges, "describeChanges");
function gateFailuresOf(models) {
  return models.flatMap(({ comparison }) => comparison.metrics.filter((metric) => metric.gateFailed).map((metric) => ({ model: comparison.model, metric })));
}
__name(gateFailuresOf, "gateFailuresOf");
function describeGateFailure(model, metric, inline) {
  const [base, head] = formatPair(metric.base, metric.head);
  return `${inline.code(model)} \u203A ${inline.code(metric.name)}: ${base} \u2192 ${head} (${formatPercent(metric.percentChange)}), tolerance ${describeTolerance(metric.tolerance)}`;
}
__name(describeGateFailure, "describeGateFailure");
function describeTolerance(tolerance) {
  return tolerance.kind === "percent" ? `${formatValue(tolerance.value)}%` : formatValue(tolerance.value);
}
__name(describeTolerance, "describeTolerance");
function describeOutcome(comparison, outcome) {
  switch (outcome) {
    case "failed":
      return "training failed";
    case "missing":
      return "no result";
    case "removed":
      return "removed";
    case "new":
      return `new model, ${count(comparison.metrics.length, "metric")}`;
    case "unchanged":
      return `${count(comparison.metrics.length, "metric")}, all unchanged`;
    default:
      return describeChanges(comparison);
  }
}
__name(describeOutcome, "describeOutcome");
function describeMlflowRun(mlflow, inline) {
  if (mlflow === void 0) return "";
  if ("skipped" in mlflow) return `; MLflow skipped: ${inline.text(truncate(mlflow.skipped, MESSAGE_SHOWN))}`;
  return isSafeUrl(mlflow.url) ? `, ${inline.link("MLflow run", mlflow.url)}` : "";
}
__name(describeMlflowRun, "describeMlflowRun");
function modelFacts(model, runUrl, common, inline) {
  const { comparison, head } = model;
  const facts = [];
  if (comparison.status === "failed" && head?.failure) facts.push(describeFailure(head.failure, inline));
  if (model.problem !== void 0) facts.push(describeProblem(model.problem, inline));
  if (comparison.status === "missing") facts.push(MISSING_EXPLANATION);
  if (comparison.status === "removed") facts.push("No longer in the repository.");
  const logUrl = model.logUrl ?? runUrl;
  if ((comparison.status === "failed" || comparison.status === "missing") && isSafeUrl(logUrl)) facts.push(inline.link("Job log", logUrl));
  if (head !== void 0 && comparison.status !== "failed") {
    const cache = head.runCache === "hit" ? " (run-cache hit: the earlier outputs were reused)" : "";
    const artifact = inline.link(inline.code(head.artifactName), artifactUrl(runUrl, head.runId, head.artifactId));
    facts.push(`Version ${inline.code(head.version)}${cache}, artifact ${artifact}${describeMlflowRun(head.mlflow, inline)}`);
  } else if (head?.mlflow !== void 0 && "url" in head.mlflow && isSafeUrl(head.mlflow.url)) {
    facts.push(inline.link("MLflow run", head.mlflow.url));
  }
  if (model.baseline.kind !== "none" && (common === void 0 || baselineKey(model.baseline) !== baselineKey(common))) {
    facts.push(`Baseline: ${describeBaseline(model.baseline, runUrl, inline)}`);
  }
  if (model.baseVersion !== void 0 && comparison.status !== "new") facts.push(`Baseline version ${inline.code(model.baseVersion)}`);
  return facts;
}
__name(modelFacts, "modelFacts");

// src/core/report/log-tail.ts
var MAX_LINES = 50;
var MAX_LINE_LENGTH = 500;
var ANSI_SEQUENCE = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;
var CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;
function logLines(tail) {
  const lines = [];
  let end = tail.length;
  while (end > 0 && /\s/.test(tail[end - 1])) end--;
  while (end > 0 && lines.length < MAX_LINES) {
    const lineStart = tail.lastIndexOf("\n", end - 1) + 1;
    const lineEnd = tail[end - 1] === "\r" ? end - 1 : end;
    const lastReturn = tail.slice(lineStart, lineEnd).lastIndexOf("\r");
    lines.push(showLine(tail, lineStart + lastReturn + 1, lineEnd));
    end = lineStart - 1;
  }
  return lines.reverse();
}
__name(logLines, "logLines");
function showLine(tail, start, end) {
  const length = end - start;
  const cut = length > MAX_LINE_LENGTH;
  let text = cut ? tail.slice(start, start + MAX_LINE_LENGTH).replace(/[\ud800-\udbff]$/, "") : tail.slice(start, end);
  text = text.replace(ANSI_SEQUENCE, "").replace(CONTROL, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return cut ? `${text}\u2026 (${length} characters)` : text;
}
__name(showLine, "showLine");

// src/core/report/outcome.ts
function modelOutcome(comparison) {
  switch (comparison.status) {
    case "failed":
    case "missing":
    case "removed":
    case "new":
      return comparison.status;
    case "compared":
      if (comparison.gateFailures > 0) return "gate-failed";
      if (comparison.regressions > 0) return "regressed";
      if (comparison.improvements > 0) return "improved";
      return comparison.metrics.some((metric) => metric.verdict !== "unchanged") ? "changed" : "unchanged";
  }
}
__name(modelOutcome, "modelOutcome");
var RANK = {
  "gate-failed": 0,
  failed: 1,
  missing: 2,
  regressed: 3,
  improved: 4,
  changed: 5,
  new: 6,
  removed: 7,
  unchanged: 8
};
function inReportOrder(models) {
  return models.map((model) => ({ model, rank: RANK[modelOutcome(model.comparison)], name: model.comparison.model })).sort((a, b) => a.rank - b.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(({ model }) => model);
}
__name(inReportOrder, "inReportOrder");

// src/core/report/trends.ts
var NAME_SHOWN2 = 100;
function modelTrends(model, headLabel) {
  const trainings = (model.trainings ?? []).slice(-(MAX_TREND_POINTS - 1));
  if (trainings.length === 0) return void 0;
  const charted = [];
  const charts = [];
  for (const name of headlineMetrics(model.comparison.metrics)) {
    const head = model.comparison.metrics.find((metric) => metric.name === name)?.head;
    if (head === null || head === void 0) continue;
    const points = trainings.flatMap((training) => name in training.metrics ? [{ label: shortSha(training.sha), value: training.metrics[name] }] : []);
    const chart = trendChart(name, [...points, { label: headLabel, value: head }]);
    if (chart === void 0) continue;
    charted.push(inlineCode(truncate(name, NAME_SHOWN2)));
    charts.push(chart);
  }
  if (charts.length === 0) return void 0;
  const caption = `${charted.join(", ")} over the model's last ${count(trainings.length, "training")} on the default branch (by commit), then this run's value (${headLabel}).`;
  return { caption, charts };
}
__name(modelTrends, "modelTrends");

// src/core/report/markdown-sections.ts
var VERDICT_MARK = {
  improved: "\u{1F7E2}",
  regressed: "\u{1F534}",
  "within-tolerance": "\u{1F7E1}",
  unchanged: "\u26AA",
  "no-verdict": "\u{1F535}",
  new: "\u{1F195}",
  removed: "\u2796"
};
var VERDICT_WORDS = {
  improved: "better",
  regressed: "worse",
  "within-tolerance": "worse, within tolerance",
  unchanged: "unchanged",
  "no-verdict": "changed, no goal",
  new: "new",
  removed: "removed"
};
var GATE_FAILED_MARK = "\u274C";
var GATED_MARK = "\u{1F512}";
var OUTCOME_MARK = {
  "gate-failed": "\u274C",
  failed: "\u{1F4A5}",
  missing: "\u2753",
  regressed: "\u{1F534}",
  improved: "\u{1F7E2}",
  changed: "\u{1F7E1}",
  new: "\u{1F195}",
  removed: "\u{1F5D1}\uFE0F",
  unchanged: "\u26AA"
};
var LEGEND = `${VERDICT_MARK.improved} improved \xB7 ${VERDICT_MARK.regressed} regressed \xB7 ${GATE_FAILED_MARK} gate failed \xB7 ${VERDICT_MARK["within-tolerance"]} worse, within tolerance \xB7 ${VERDICT_MARK.unchanged} unchanged \xB7 ${VERDICT_MARK["no-verdict"]} changed, no goal set \xB7 ${VERDICT_MARK.new} new \xB7 ${VERDICT_MARK.removed} removed \xB7 ${GATED_MARK} gated metric \xB7 ${OUTCOME_MARK.failed} training failed \xB7 ${OUTCOME_MARK.missing} no result \xB7 ${OUTCOME_MARK.removed} model removed \xB7 steady: no metric better or worse beyond its tolerance`;
var markdownInline = {
  text: escapeMarkdown,
  code: /* @__PURE__ */ __name((text) => inlineCode(truncate(text, NAME_SHOWN)), "code"),
  link,
  strong: /* @__PURE__ */ __name((text) => `**${text}**`, "strong")
};
var Section = class {
  constructor(reportModel, doc, common) {
    this.reportModel = reportModel;
    const { comparison } = reportModel;
    this.outcome = modelOutcome(comparison);
    const name = markdownInline.code(comparison.model);
    const mark = outcomeMark(comparison.metrics, this.outcome);
    this.title = `${mark} ${name} \u2014 ${describeOutcome(comparison, this.outcome)}`;
    this.facts = modelFacts(reportModel, doc.run.url, common, markdownInline).join(" \xB7 ");
    this.listEntry = `${mark} ${name}`;
    const splitUnchanged = this.outcome !== "unchanged";
    this.shown = splitUnchanged ? comparison.metrics.filter((metric) => metric.verdict !== "unchanged") : comparison.metrics;
    this.unchanged = splitUnchanged ? comparison.metrics.filter((metric) => metric.verdict === "unchanged") : [];
    this.trends = this.outcome === "unchanged" ? void 0 : modelTrends(reportModel, doc.headLabel ?? "this run");
    this.hasChart = this.trends !== void 0;
    this.foldCharts = doc.models.length > 1;
    this.hasLog = /\S/.test(reportModel.head?.failure?.log_tail ?? "");
  }
  reportModel;
  static {
    __name(this, "Section");
  }
  outcome;
  /** The heading's text: mark, name and what happened. */
  title;
  /** The line under the heading: versions, baseline, failure; may be empty. */
  facts;
  /** A few words for the list of models left out for size. */
  listEntry;
  /** The metrics of the main table; for an unchanged model, all of them. */
  shown;
  /** Unchanged metrics of a model that has others, listed in a collapsed block. */
  unchanged;
  hasChart;
  hasLog;
  rowCache = /* @__PURE__ */ new Map();
  trends;
  /** With more than one model in the report, each model's charts are folded away. */
  foldCharts;
  chartText;
  logCache;
  rows(metrics) {
    return metrics.map((metric) => this.row(metric)).join("\n");
  }
  chart() {
    if (this.trends === void 0) return void 0;
    if (this.chartText === void 0) {
      const { caption, charts } = this.trends;
      const body = `${caption}

${charts.join("\n\n")}`;
      this.chartText = this.foldCharts ? details(`Trend of ${count(charts.length, "headline metric")}`, body) : body;
    }
    return this.chartText;
  }
  log() {
    this.logCache ??= this.reportModel.head?.failure ? logLines(this.reportModel.head.failure.log_tail) : [];
    return this.logCache;
  }
  row(metric) {
    let row = this.rowCache.get(metric);
    if (row === void 0) {
      row = metricRow(metric);
      this.rowCache.set(metric, row);
    }
    return row;
  }
};
function outcomeMark(metrics, outcome) {
  if (outcome === "changed" && !metrics.some((metric) => metric.verdict === "within-tolerance")) return VERDICT_MARK["no-verdict"];
  return OUTCOME_MARK[outcome];
}
__name(outcomeMark, "outcomeMark");
var TABLE_HEADER = "| Metric | Base | Head | Change | % change | Verdict |\n| :-- | --: | --: | --: | --: | :-- |";
function metricRow(metric) {
  const mark = metric.gateFailed ? GATE_FAILED_MARK : VERDICT_MARK[metric.verdict];
  const [base, head] = formatPair(metric.base, metric.head);
  const name = `${markdownInline.code(metric.name)}${metric.gate ? ` ${GATED_MARK}` : ""}`;
  const words = metric.gateFailed ? "worse, gate failed" : VERDICT_WORDS[metric.verdict];
  return `| ${mark} ${name} | ${base} | ${head} | ${formatChange(metric.change)} | ${formatPercent(metric.percentChange)} | ${words} |`;
}
__name(metricRow, "metricRow");
function renderSection(section, detail) {
  if (section.outcome === "unchanged") return renderUnchanged(section, detail);
  const parts = [`### ${section.title}`];
  if (section.facts !== "") parts.push(section.facts);
  if (section.shown.length > 0) {
    const shown = section.shown.slice(0, detail.maxRows);
    parts.push(`${TABLE_HEADER}
${section.rows(shown)}`);
    const more = section.shown.length - shown.length;
    if (more > 0) parts.push(`\u2026and ${count(more, "more metric")} that moved, in the whole report (the job summary, the \`report\` output file).`);
  }
  if (section.unchanged.length > 0 && detail.unchangedRows) {
    parts.push(details(count(section.unchanged.length, "unchanged metric"), `${TABLE_HEADER}
${section.rows(section.unchanged)}`));
  }
  const chart = detail.charts ? section.chart() : void 0;
  if (chart !== void 0) parts.push(chart);
  if (section.hasLog && detail.logLines > 0) {
    const shown = section.log().slice(-detail.logLines);
    parts.push(details(`Last ${count(shown.length, "line")} of the log`, fenced(shown.join("\n"))));
  }
  return `${parts.join("\n\n")}

`;
}
__name(renderSection, "renderSection");
function renderUnchanged(section, detail) {
  if (!detail.unchangedRows) return `- ${section.title}
`;
  const facts = section.facts === "" ? "" : `${section.facts}

`;
  return `#### ${section.title}

${facts}${TABLE_HEADER}
${section.rows(section.shown)}

`;
}
__name(renderUnchanged, "renderUnchanged");
function details(summary, body) {
  return `<details><summary>${summary}</summary>

${body}

</details>`;
}
__name(details, "details");
function fenced(text) {
  const longest = (text.match(/`+/g) ?? []).reduce((most, run) => Math.max(most, run.length), 0);
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}text
${text}
${fence}`;
}
__name(fenced, "fenced");

export {
  NAME_SHOWN,
  describeBaseline,
  commonBaseline,
  gateFailuresOf,
  describeGateFailure,
  describeOutcome,
  modelFacts,
  logLines,
  modelOutcome,
  inReportOrder,
  GATE_FAILED_MARK,
  OUTCOME_MARK,
  LEGEND,
  markdownInline,
  Section,
  metricRow,
  renderSection
};
