import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  ZERO_SHA,
  ensureCommit,
  findMergeBase,
  pullRequestTips
} from "./chunk-T5MJI2ZD.js";
import {
  MAX_METRICS_FILE_BYTES,
  parseMetrics
} from "./chunk-F3AOPSF5.js";
import {
  MANIFEST_FILE,
  MAX_MANIFEST_BYTES,
  modelOfArtifact,
  parseManifest
} from "./chunk-JRF4NMXK.js";
import {
  MAX_TREND_POINTS,
  headlineMetrics,
  trendChart
} from "./chunk-PDL7YCRB.js";
import {
  PermissionDeniedError
} from "./chunk-RTT2E5ZA.js";
import {
  artifactUrl,
  commitUrl,
  isSafeUrl,
  link,
  shortSha
} from "./chunk-TR5HTG53.js";
import {
  ledgerCandidateRuns,
  readableLedgerOfRun,
  recentLedgers
} from "./chunk-FFXDAWW4.js";
import {
  inParallel
} from "./chunk-BLVXZADQ.js";
import {
  LEDGER_ARTIFACT,
  LEDGER_FILE,
  nextLedger,
  readArtifactRecord,
  serializeLedger,
  trainingsOf
} from "./chunk-CGZP7PIJ.js";
import {
  metricPolicyFor
} from "./chunk-Z62BL5T3.js";
import {
  count,
  formatChange,
  formatPair,
  formatPercent,
  formatValue
} from "./chunk-SOG5FYFF.js";
import {
  Repository,
  escapeMarkdown,
  inlineCode
} from "./chunk-SYJRFNCZ.js";
import {
  MODEL_NAME_PATTERN
} from "./chunk-FTQVXRRL.js";
import {
  UserError,
  isUserError,
  messageOf,
  showUntrusted,
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

// src/core/report/summary.ts
function totals(models) {
  const result = { trained: 0, reused: 0, improved: 0, regressed: 0, failed: 0, missing: 0, new: 0, removed: 0, gateFailures: 0, regressions: 0 };
  for (const { comparison, head } of models) {
    const outcome = modelOutcome(comparison);
    if (comparison.status === "compared" || comparison.status === "new" || comparison.status === "failed") result.trained++;
    if (head?.runCache === "hit" && comparison.status !== "failed") result.reused++;
    if (outcome === "improved") result.improved++;
    if (outcome === "regressed" || outcome === "gate-failed") result.regressed++;
    if (outcome === "failed") result.failed++;
    if (outcome === "missing") result.missing++;
    if (outcome === "new") result.new++;
    if (outcome === "removed") result.removed++;
    result.gateFailures += comparison.gateFailures;
    result.regressions += comparison.regressions;
  }
  return result;
}
__name(totals, "totals");
function isFailing(totals2) {
  return totals2.gateFailures > 0 || totals2.failed > 0 || totals2.missing > 0;
}
__name(isFailing, "isFailing");
function headline(totals2) {
  const sentences = [];
  if (totals2.gateFailures > 0) sentences.push(`${count(totals2.gateFailures, "gate")} failed`);
  const steady = totals2.trained - totals2.improved - totals2.regressed - totals2.new - totals2.failed;
  const parts = [
    [totals2.improved, "improved"],
    [totals2.regressed, "regressed"],
    [steady, "steady"],
    [totals2.new, "new"],
    [totals2.failed, "failed"]
  ];
  const breakdown = parts.filter(([n]) => n > 0).map(([n, word]) => `${n} ${word}`);
  const reused = totals2.reused > 0 ? ` (${totals2.reused} reused from the run-cache)` : "";
  if (totals2.trained > 0) sentences.push(`${count(totals2.trained, "model")} trained${reused}: ${breakdown.join(", ")}`);
  const others = [
    totals2.missing > 0 ? `${totals2.missing} missing (no result)` : "",
    totals2.removed > 0 ? `${totals2.removed} removed` : ""
  ].filter((part) => part !== "");
  if (others.length > 0) sentences.push(others.join(", "));
  if (sentences.length === 0) return "No models to report.";
  return `${sentences.join(". ")}.`;
}
__name(headline, "headline");

// src/core/report/render-markdown.ts
var COMMENT_LIMIT = 65536;
var DEFAULT_MAX_LENGTH = COMMENT_LIMIT - 1536;
var GATE_FAILURES_LISTED = 10;
var NOTES_SHOWN = 10;
var NOTE_LENGTH = 500;
var WORKFLOW_LENGTH = 100;
var ROWS_WHEN_CUT = 10;
var LOG_LINES_WHEN_CUT = 10;
var FULL = { charts: true, unchangedRows: true, maxRows: Infinity, logLines: Infinity };
var COLLAPSED = { charts: false, unchangedRows: false, maxRows: Infinity, logLines: Infinity };
var LEVELS = [
  FULL,
  { ...FULL, charts: false },
  COLLAPSED,
  { ...COLLAPSED, logLines: LOG_LINES_WHEN_CUT },
  { ...COLLAPSED, logLines: 0 },
  { ...COLLAPSED, logLines: 0, maxRows: ROWS_WHEN_CUT }
];
var LEAST = LEVELS[LEVELS.length - 1];
function renderMarkdown(doc, options = {}) {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const ordered = inReportOrder(doc.models);
  const common = commonBaseline(ordered);
  const parts = {
    marker: options.marker === void 0 || options.marker === "" ? "" : `${options.marker}
`,
    head: renderHead(doc, ordered, common),
    foot: ordered.length > 0 ? `---

<sub>${LEGEND}</sub>
` : "",
    sections: ordered.map((model) => new Section(model, doc, common?.baseline)),
    jobSummary: doc.run.url
  };
  for (const detail of LEVELS) {
    const text = compose(parts, detail, parts.sections.length, 0, maxLength);
    if (text !== void 0) return text;
  }
  return composeLeavingOut(parts, maxLength);
}
__name(renderMarkdown, "renderMarkdown");
function compose(parts, detail, kept, listed, limit = Infinity) {
  const { sections } = parts;
  const out = [parts.marker, parts.head, cutNote(parts, detail, sections.length - kept)];
  let length = out.reduce((sum, part) => sum + part.length, 0);
  const add = /* @__PURE__ */ __name((part) => {
    out.push(part);
    length += part.length;
    return length <= limit;
  }, "add");
  const unchanged = sections.slice(0, kept).filter((section) => section.outcome === "unchanged").length;
  let unchangedOpen = false;
  for (const section of sections.slice(0, kept)) {
    if (section.outcome === "unchanged" && !unchangedOpen) {
      unchangedOpen = true;
      if (!add(`<details><summary>${OUTCOME_MARK.unchanged} ${count(unchanged, "model")} with no change</summary>

`)) return void 0;
    }
    if (!add(renderSection(section, detail))) return void 0;
  }
  if (unchangedOpen && !add("\n</details>\n\n")) return void 0;
  if (kept < sections.length && !add(leftOutList(sections.slice(kept), listed))) return void 0;
  return add(parts.foot) ? out.join("") : void 0;
}
__name(compose, "compose");
function composeLeavingOut(parts, maxLength) {
  const { sections } = parts;
  const WRAPPER_ROOM = 200;
  let used = (compose(parts, LEAST, 0, 0) ?? "").length + WRAPPER_ROOM;
  let kept = 0;
  for (; kept < sections.length; kept++) {
    used += renderSection(sections[kept], LEAST).length;
    if (used > maxLength) break;
  }
  for (; kept >= 0; kept--) {
    const withoutNames = compose(parts, LEAST, kept, 0, maxLength);
    if (withoutNames === void 0) continue;
    const listed = namesThatFit(sections.slice(kept), maxLength - withoutNames.length);
    return compose(parts, LEAST, kept, listed, maxLength) ?? withoutNames;
  }
  return hardCut(compose(parts, LEAST, 0, 0) ?? "", maxLength);
}
__name(composeLeavingOut, "composeLeavingOut");
function namesThatFit(leftOut, room) {
  let listed = 0;
  for (let used = 0; listed < leftOut.length; listed++) {
    used += leftOut[listed].listEntry.length + 2;
    if (used > room) break;
  }
  return listed;
}
__name(namesThatFit, "namesThatFit");
function leftOutList(leftOut, listed) {
  const names = leftOut.slice(0, listed).map((section) => section.listEntry);
  const rest = leftOut.length - listed;
  if (rest > 0) names.push(`and ${count(rest, "more model")}`);
  return `**Left out for size** (see the job summary and the \`report\` output file): ${names.join(", ")}.

`;
}
__name(leftOutList, "leftOutList");
function cutNote(parts, detail, leftOut) {
  const { sections } = parts;
  const cuts = [];
  if (!detail.charts && sections.some((section) => section.hasChart)) cuts.push("charts");
  if (!detail.unchangedRows && sections.some((section) => section.unchanged.length > 0 || section.outcome === "unchanged")) {
    cuts.push("the rows of unchanged metrics");
  }
  if (sections.some((section) => section.hasLog && section.log().length > detail.logLines)) {
    cuts.push(detail.logLines === 0 ? "log tails" : `log lines before the last ${detail.logLines}`);
  }
  if (sections.some((section) => section.shown.length > detail.maxRows)) cuts.push(`metrics beyond the first ${detail.maxRows} that moved in each model`);
  if (leftOut > 0) cuts.push(`the sections of ${count(leftOut, "model")} (named at the end)`);
  if (cuts.length === 0) return "";
  return `> [!NOTE]
> Shortened to fit in a comment, without ${cuts.join("; ")}. The whole report is in the ${link("job summary", parts.jobSummary)} and in the \`report\` output file.

`;
}
__name(cutNote, "cutNote");
function renderHead(doc, models, common) {
  const inline = markdownInline;
  const sum = totals(models);
  const mark = isFailing(sum) ? "\u274C" : sum.regressed > 0 ? "\u26A0\uFE0F" : "\u2705";
  const lines = [`## model-ci report \u2014 ${escapeMarkdown(truncate(doc.workflow, WORKFLOW_LENGTH))}`, "", `${mark} **${headline(sum)}**`, ""];
  const gateFailures = gateFailuresOf(models);
  if (gateFailures.length > 0) {
    for (const { model, metric } of gateFailures.slice(0, GATE_FAILURES_LISTED)) lines.push(`- ${GATE_FAILED_MARK} ${describeGateFailure(model, metric, inline)}`);
    if (gateFailures.length > GATE_FAILURES_LISTED) lines.push(`- \u2026and ${count(gateFailures.length - GATE_FAILURES_LISTED, "more gate failure")}, marked ${GATE_FAILED_MARK} below`);
    lines.push("");
  }
  const run = [`Run ${link(`${doc.run.id}`, doc.run.url)} at ${inline.link(inline.code(shortSha(doc.run.sha)), commitUrl(doc.run.url, doc.run.sha))}`];
  if (doc.run.artifactsUrl !== void 0) run.push(link("artifacts", doc.run.artifactsUrl));
  if (common !== void 0) {
    const others = models.filter(({ baseline }) => baseline.kind !== "none").length - common.models;
    const own = others > 0 ? ` (${count(others, "model has", "models have")} another, shown with ${others === 1 ? "it" : "them"})` : "";
    run.push(`baseline: ${describeBaseline(common.baseline, doc.run.url, inline)}${own}`);
  } else if (models.length > 0) {
    run.push(doc.baseSha === void 0 ? "no baseline" : `no baseline found for ${inline.code(shortSha(doc.baseSha))}`);
  }
  lines.push(`${run.join(" \xB7 ")}.`, "");
  for (const note of doc.notes.slice(0, NOTES_SHOWN)) lines.push(`> ${escapeMarkdown(truncate(note, NOTE_LENGTH))}`, "");
  if (doc.notes.length > NOTES_SHOWN) lines.push(`> \u2026and ${count(doc.notes.length - NOTES_SHOWN, "more note")}.`, "");
  return `${lines.join("\n")}
`;
}
__name(renderHead, "renderHead");
function hardCut(text, maxLength) {
  if (text.length <= maxLength) return text;
  const suffix = "\n\n\u2026";
  const room = Math.max(0, maxLength - suffix.length);
  const kept = text.slice(0, room).replace(/[\ud800-\udbff]$/, "");
  return maxLength >= suffix.length ? `${kept}${suffix}` : kept;
}
__name(hardCut, "hardCut");

// src/commands/report/baseline.ts
var MAX_COMMITS_WALKED = 200;
var MAX_LEDGER_READS = 10;
async function findBaselineLedger(ports, search) {
  const candidates = (await ledgerCandidateRuns(ports.runs, { branch: search.branch, workflowId: search.workflowId })).filter(
    (run) => run.id !== search.excludeRunId
  );
  if (candidates.length === 0) return void 0;
  const distance = await ancestorDistances(ports, search.baseSha);
  const inHistory = candidates.filter((run) => distance.has(run.headSha)).sort((a, b) => distance.get(a.headSha) - distance.get(b.headSha));
  const tried = /* @__PURE__ */ new Set();
  let reads = 0;
  const tryRun = /* @__PURE__ */ __name(async (run) => {
    tried.add(run.id);
    reads++;
    return (await readableLedgerOfRun(ports, run, search))?.ledger;
  }, "tryRun");
  for (const run of inHistory) {
    if (reads >= MAX_LEDGER_READS) break;
    const ledger = await tryRun(run);
    if (!ledger) continue;
    const commitsBefore = distance.get(run.headSha);
    return commitsBefore === 0 ? { ledger, run, match: "merge-base" } : { ledger, run, match: "ancestor", commitsBefore };
  }
  for (const run of candidates) {
    if (reads >= MAX_LEDGER_READS) break;
    if (tried.has(run.id)) continue;
    const ledger = await tryRun(run);
    if (ledger) return { ledger, run, match: "newest" };
  }
  return void 0;
}
__name(findBaselineLedger, "findBaselineLedger");
async function ancestorDistances(ports, baseSha) {
  const distances = /* @__PURE__ */ new Map();
  if (baseSha === void 0 || ports.git === void 0) return distances;
  let ancestors = await ports.git.firstParentAncestors(baseSha, MAX_COMMITS_WALKED);
  if (ancestors.length < MAX_COMMITS_WALKED && await ports.git.git.isShallow()) {
    ports.logger.debug(`deepening the history of ${baseSha} by ${MAX_COMMITS_WALKED} commits`);
    if (await ports.git.git.fetch([baseSha], { deepen: MAX_COMMITS_WALKED })) {
      ancestors = await ports.git.firstParentAncestors(baseSha, MAX_COMMITS_WALKED);
    }
  }
  ancestors.forEach((sha, index) => {
    if (!distances.has(sha)) distances.set(sha, index);
  });
  return distances;
}
__name(ancestorDistances, "ancestorDistances");

// src/commands/report/collect.ts
var PARALLEL_READS = 8;
var MAX_MODEL_ARTIFACTS = 1e4;
async function collectManifests(ports, options) {
  const listed = await ports.artifacts.list(options.runId);
  const artifacts = [];
  for (const artifact of listed) {
    const model = modelOfArtifact(artifact.name);
    if (model === void 0) continue;
    if (!MODEL_NAME_PATTERN.test(model)) {
      ports.logger.warning(`artifact ${showUntrusted(artifact.name, 120)} was skipped: its name is not model-ci-<model> with a valid model name`);
      continue;
    }
    artifacts.push({ model, artifact });
  }
  if (artifacts.length > MAX_MODEL_ARTIFACTS) {
    ports.logger.warning(`the run has ${artifacts.length} model artifacts; the report reads the first ${MAX_MODEL_ARTIFACTS}`);
    artifacts.length = MAX_MODEL_ARTIFACTS;
  }
  return inParallel(artifacts, PARALLEL_READS, ({ model, artifact }) => readManifest(ports, { model, artifact, runId: options.runId }));
}
__name(collectManifests, "collectManifests");
async function readManifest(ports, item) {
  const { model, artifact, runId } = item;
  const source = `artifact ${artifact.name}${runId === void 0 ? "" : ` of run ${runId}`}`;
  try {
    const text = await readArtifactRecord(ports.artifacts, artifact, MANIFEST_FILE, { runId, maxBytes: MAX_MANIFEST_BYTES, source });
    const manifest = parseManifest(text, source);
    if (manifest.model !== model) {
      return { model, artifact, error: `${source}: the manifest is of model ${showUntrusted(manifest.model, 120)}, not ${model}, so it was not used` };
    }
    return { model, artifact, manifest };
  } catch (error) {
    if (isUserError(error)) return { model, artifact, error: error.message };
    if (error instanceof Error && !(error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError)) {
      ports.logger.debug(`${source}: ${error.stack ?? error.message}`);
      return { model, artifact, error: `${source} could not be read: ${error.message.split("\n")[0]}` };
    }
    throw error;
  }
}
__name(readManifest, "readManifest");

// src/commands/report/gates.ts
var MAX_NAMED_MODELS = 5;
var MAX_NAMED_METRICS = 5;
function gateError(models, hint) {
  const failing = models.filter((model) => model.comparison.gateFailures > 0);
  if (failing.length === 0) return void 0;
  const named = failing.slice(0, MAX_NAMED_MODELS).map((model) => {
    const metrics = model.comparison.metrics.filter((metric) => metric.gateFailed).map((metric) => showUntrusted(metric.name, 60));
    const shown = metrics.slice(0, MAX_NAMED_METRICS).join(", ");
    const more2 = metrics.length > MAX_NAMED_METRICS ? ` and ${metrics.length - MAX_NAMED_METRICS} more` : "";
    return `${model.comparison.model} (${shown}${more2})`;
  });
  const more = failing.length > MAX_NAMED_MODELS ? ` and ${failing.length - MAX_NAMED_MODELS} more models` : "";
  return new UserError(
    `model-ci report: a gated metric regressed beyond its tolerance in ${named.join("; ")}${more}; ${hint}`
  );
}
__name(gateError, "gateError");

// src/core/report/job-links.ts
function matrixModelOf(jobName) {
  return /\(\s*([^,()\s]+)\s*(?:,[^()]*)?\)$/.exec(jobName)?.[1];
}
__name(matrixModelOf, "matrixModelOf");
function jobUrlsOf(jobs, models) {
  const wanted = new Set(models);
  const found = /* @__PURE__ */ new Map();
  for (const job of jobs) {
    const model = matrixModelOf(job.name);
    if (model === void 0 || !wanted.has(model)) continue;
    const earlier = found.get(model);
    if (!earlier || earlier.conclusion === "success" && job.conclusion !== "success") found.set(model, job);
  }
  return new Map([...found].map(([model, job]) => [model, job.url]));
}
__name(jobUrlsOf, "jobUrlsOf");

// src/commands/report/job-links.ts
async function linkJobLogs(jobs, runId, models) {
  const needing = models.filter((model) => model.comparison.status === "failed" || model.comparison.status === "missing");
  if (!jobs || needing.length === 0) return models;
  const urls = jobUrlsOf(await jobs.listJobs(runId), needing.map((model) => model.comparison.model));
  return models.map((model) => {
    const url = needing.includes(model) ? urls.get(model.comparison.model) : void 0;
    return url === void 0 ? model : { ...model, logUrl: url };
  });
}
__name(linkJobLogs, "linkJobLogs");

// src/commands/report/ledger-writer.ts
import { join } from "node:path";
var LEDGER_COMPRESSION = 6;
async function writeLedger(ports, input) {
  const trainings = input.collected.flatMap(
    (item) => "manifest" in item && item.manifest.status === "success" && item.artifact.digest !== void 0 ? [{ manifest: item.manifest, artifact: { id: item.artifact.id, name: item.artifact.name, digest: item.artifact.digest } }] : []
  );
  const ledger = nextLedger(input.previous, input.run, trainings, input.modelsAtHead);
  const stored = await ports.files.inTempDir(input.tempDir, "model-ci-next-ledger-", async (directory) => {
    const file = join(directory, LEDGER_FILE);
    await ports.files.writeText(file, serializeLedger(ledger));
    return ports.artifacts.upload(LEDGER_ARTIFACT, directory, [file], { compressionLevel: LEDGER_COMPRESSION });
  });
  ports.logger.info(`Wrote ${LEDGER_ARTIFACT} (${Object.keys(ledger.models).length} models, ${trainings.length} trained in this run): artifact ${stored.id}`);
  return { artifactId: stored.id, digest: stored.digest };
}
__name(writeLedger, "writeLedger");

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

// src/commands/report/models.ts
async function buildReportModels(ports, input) {
  const { repository, baseline } = input;
  const notes = [];
  const collectedByName = new Map(input.collected.map((item) => [item.model, item]));
  const atHead = new Set(repository.models.map((model) => model.name));
  const names = new Set(collectedByName.keys());
  for (const name of input.expectedModels ?? []) names.add(name);
  const ledgerModels = baseline ? Object.keys(baseline.ledger.models) : [];
  const removed = ledgerModels.filter((name) => !atHead.has(name) && !collectedByName.has(name));
  for (const name of removed) names.add(name);
  const shownAtHead = [...names].flatMap((name) => repository.model(name) ?? []);
  const loaded = await repository.load(shownAtHead);
  const committedSought = ports.git && input.baseSha !== void 0 ? [...names].filter((name) => !inLedger(baseline, name)) : [];
  const configs = modelConfigs(repository, loaded, new Set(committedSought), ports.logger);
  const committed = await committedBaselines(ports, configs, input.baseSha, committedSought);
  if (baseline?.match === "newest") {
    const where = `the newest ledger of the default branch, from run ${baseline.run.id} at ${baseline.run.headSha.slice(0, 7)}`;
    notes.push(
      input.baseSha === void 0 ? `The baseline is ${where}` : `No run in the history of the base commit left a ledger, so the baseline is ${where}; its commit may be newer than the base`
    );
  }
  const models = [];
  for (const name of [...names].sort()) {
    const base = baselineOf(baseline, name) ?? committed.get(name) ?? { metrics: void 0, source: { kind: "none" } };
    const rules = configs.get(name)?.metrics ?? repository.config.metrics;
    const item = collectedByName.get(name);
    if (item && "manifest" in item) {
      models.push({
        comparison: compareModel(name, base.metrics, item.manifest, rules),
        baseline: base.source,
        baseVersion: base.version,
        head: headOf(item.manifest, item.artifact),
        logUrl: item.manifest.status === "failed" ? input.runUrl : void 0
      });
      continue;
    }
    const head = item ? { status: "failed", metrics: {} } : atHead.has(name) || !inLedger(baseline, name) ? "missing" : "removed";
    models.push({
      comparison: compareModel(name, base.metrics, head, rules),
      baseline: base.source,
      baseVersion: base.version,
      logUrl: head === "removed" ? void 0 : input.runUrl,
      // An artifact that could not be read: its model's section says why.
      ...item ? { problem: item.error } : {}
    });
  }
  return { models, notes };
}
__name(buildReportModels, "buildReportModels");
function inLedger(baseline, name) {
  return baseline !== void 0 && Object.hasOwn(baseline.ledger.models, name);
}
__name(inLedger, "inLedger");
function baselineOf(baseline, name) {
  if (!baseline || !inLedger(baseline, name)) return void 0;
  const entry = baseline.ledger.models[name];
  const { run, match, commitsBefore } = baseline;
  return {
    metrics: entry.metrics,
    version: entry.version,
    source: { kind: "ledger", runId: run.id, runUrl: run.url, sha: run.headSha, match, ...commitsBefore === void 0 ? {} : { commitsBefore } }
  };
}
__name(baselineOf, "baselineOf");
function headOf(manifest, artifact) {
  return {
    version: manifest.version,
    sha: manifest.sha,
    runId: manifest.run_id,
    artifactName: artifact.name,
    artifactId: artifact.id,
    failure: manifest.failure,
    runCache: manifest.cache.run,
    ...manifest.mlflow && { mlflow: "skipped" in manifest.mlflow ? { skipped: manifest.mlflow.skipped } : { url: manifest.mlflow.url } }
  };
}
__name(headOf, "headOf");
function modelConfigs(repository, loaded, committedSought, logger) {
  const configs = /* @__PURE__ */ new Map();
  for (const { model, config } of loaded) {
    try {
      configs.set(model.name, config());
    } catch (error) {
      if (!isUserError(error)) throw error;
      configs.set(model.name, void 0);
      const noCommitted = committedSought.has(model.name) ? ", and without a baseline from its committed metrics file" : "";
      logger.warning(`${error.message}; ${model.name} is compared under the rules of ${repository.configFile}${noCommitted}`, { file: error.file });
    }
  }
  return configs;
}
__name(modelConfigs, "modelConfigs");
async function committedBaselines(ports, configs, baseSha, names) {
  const found = /* @__PURE__ */ new Map();
  if (!ports.git || baseSha === void 0) return found;
  const files = names.flatMap((name) => {
    const config = configs.get(name);
    return config ? [{ name, path: `${config.path}/${config.metricsFile}` }] : [];
  });
  if (files.length === 0) return found;
  const base = baseSha.slice(0, 7);
  const objects = await ports.git.readObjects(files.map((file) => `${baseSha}:${file.path}`));
  files.forEach((file, index) => {
    const object = objects[index];
    if (!object || object.type !== "blob") return;
    if (object.content.length > MAX_METRICS_FILE_BYTES) {
      ports.logger.warning(`${file.path} (as committed at ${base}) is ${object.content.length} bytes, more than the ${MAX_METRICS_FILE_BYTES} model-ci reads; ${file.name} has no baseline`);
      return;
    }
    try {
      const { metrics } = parseMetrics(object.content.toString("utf8"), file.path);
      found.set(file.name, { metrics, source: { kind: "committed-file", sha: baseSha, path: file.path } });
    } catch (error) {
      if (!isUserError(error)) throw error;
      ports.logger.warning(`${error.message} (as committed at ${base}); ${file.name} has no baseline`);
    }
  });
  return found;
}
__name(committedBaselines, "committedBaselines");

// src/commands/report/sticky-comment.ts
function commentMarker(workflowId) {
  return `<!-- model-ci:report workflow=${workflowId} -->`;
}
__name(commentMarker, "commentMarker");
function runMarker(runId) {
  return `<!-- model-ci:run ${runId} -->`;
}
__name(runMarker, "runMarker");
function commentHeader(workflowId, runId) {
  return `${commentMarker(workflowId)}
${runMarker(runId)}`;
}
__name(commentHeader, "commentHeader");
function runIdOf(body) {
  const match = /^<!-- model-ci:report workflow=\d{1,16} -->\r?\n<!-- model-ci:run (\d{1,16}) -->/.exec(body);
  return match ? Number(match[1]) : 0;
}
__name(runIdOf, "runIdOf");
var MAX_WRITES = 3;
async function postStickyComment(threads, logger, post) {
  const login = await threads.ownLogin();
  const ours = /* @__PURE__ */ __name(async () => (await threads.listCommentsWith(post.number, post.marker)).filter((comment) => comment.author === login && comment.body.startsWith(post.marker)).sort((a, b) => a.id - b.id), "ours");
  let comments = await ours();
  let outcome = "updated";
  let written;
  if (comments.length === 0) {
    written = await threads.createComment(post.number, post.body);
    outcome = "created";
    comments = await ours();
    if (!comments.some((comment) => comment.id === written?.id)) comments = [...comments, written].sort((a, b) => a.id - b.id);
  }
  for (let writes = written ? 1 : 0; ; writes++) {
    const newer = newestAbove(comments, post.runId);
    if (newer) {
      logger.info(`The report comment ${newer.url} shows run ${runIdOf(newer.body)}, newer than this run ${post.runId}; it is left as it is`);
      const kept = comments.length === 1 ? newer : await settle(threads, comments, newer.body);
      return { comment: kept, outcome: "newer-kept" };
    }
    const [keep] = comments;
    if (!keep && written) return { comment: written, outcome };
    const settled = comments.length === 1 && (keep.body === post.body || writes > 0 && runIdOf(keep.body) === post.runId);
    if (settled) return { comment: keep, outcome };
    if (writes === MAX_WRITES) {
      logger.info(`Other runs still write to the report comment ${keep.url} after ${MAX_WRITES} writes of run ${post.runId}; it is left as it is`);
      return { comment: keep, outcome };
    }
    written = await settle(threads, comments, post.body);
    comments = await ours();
  }
}
__name(postStickyComment, "postStickyComment");
function newestAbove(comments, runId) {
  let newest;
  for (const comment of comments) {
    if (runIdOf(comment.body) > runId && (!newest || runIdOf(comment.body) > runIdOf(newest.body))) newest = comment;
  }
  return newest;
}
__name(newestAbove, "newestAbove");
async function settle(threads, comments, body) {
  const [keep, ...extra] = comments;
  const kept = keep.body === body ? keep : await threads.updateComment(keep.id, body);
  for (const comment of extra) await threads.deleteComment(comment.id);
  return kept;
}
__name(settle, "settle");

// src/commands/report/publish.ts
var FORK_SETUP_HINT = 'To comment on pull requests from forks, keep detect and train in the pull_request workflow and run report from a second workflow on workflow_run (types: [completed]) with permissions pull-requests: write and actions: read, passing `run-id: ${{ github.event.workflow_run.id }}`; the section "Fork pull requests" of model-ci\'s docs/workflow.md links both workflows';
async function postReportComment(threads, logger, post) {
  try {
    const { comment, outcome } = await postStickyComment(threads, logger, {
      number: post.number,
      marker: commentMarker(post.workflowId),
      runId: post.runId,
      body: post.body
    });
    if (outcome !== "newer-kept") logger.info(`Report comment ${outcome}: ${comment.url}`);
    return comment.url;
  } catch (error) {
    if (!(error instanceof PermissionDeniedError)) throw error;
    const hint = post.forkMode ? "Give the report job `permissions: { pull-requests: write, actions: read }`" : `A pull request from a fork gets a read-only token. ${FORK_SETUP_HINT}`;
    logger.warning(`The report could not be posted on pull request #${post.number}: ${error.message}. The job summary has the report. ${hint}.`, {
      title: "model-ci report: no pull request comment"
    });
    return void 0;
  }
}
__name(postReportComment, "postReportComment");

// src/commands/report/source.ts
async function resolveSource(ports, request) {
  const { context, run, sourceRunId } = request;
  if (sourceRunId !== void 0 && sourceRunId !== run.id) {
    const source = await ports.runs.get(sourceRunId);
    if (!source) {
      throw new UserError(`input "run-id": run ${sourceRunId} is not a workflow run of ${context.repository.owner}/${context.repository.repo}; pass \${{ github.event.workflow_run.id }}`);
    }
    const pullRequest = await pullRequestOfRun(ports, source);
    return {
      run: { id: source.id, url: source.url, sha: source.headSha },
      artifactsRunId: source.id,
      workflowId: source.workflowId,
      pullRequest,
      writesLedger: false
    };
  }
  const trigger = context.trigger;
  const thisRun = { id: run.id, url: run.url };
  switch (trigger.kind) {
    case "pull_request":
      return {
        run: { ...thisRun, sha: trigger.headSha },
        artifactsRunId: void 0,
        workflowId: run.workflowId,
        pullRequest: trigger.number === void 0 ? void 0 : { number: trigger.number, baseSha: trigger.baseSha, baseRef: trigger.baseRef, headSha: trigger.headSha },
        writesLedger: false
      };
    case "push":
      return {
        run: { ...thisRun, sha: trigger.after },
        artifactsRunId: void 0,
        workflowId: run.workflowId,
        writesLedger: request.writeLedger !== false && trigger.ref === `refs/heads/${context.defaultBranch}`
      };
    case "manual":
      return { run: { ...thisRun, sha: context.sha }, artifactsRunId: void 0, workflowId: run.workflowId, writesLedger: false };
  }
}
__name(resolveSource, "resolveSource");
async function pullRequestOfRun(ports, run) {
  if (!ports.threads) return void 0;
  const sameCommit = await ports.threads.findByHeadSha(run.headSha);
  const head = `${run.headRepository ?? "an unknown repository"}:${run.headBranch ?? "no branch"}`;
  const found = sameCommit.filter((pull) => pull.headRef === run.headBranch && sameRepository(pull.headRepository, run.headRepository)).sort((a, b) => a.number - b.number);
  const numbers = /* @__PURE__ */ __name((pulls) => pulls.map((pull) => `#${pull.number}`).join(", "), "numbers");
  if (found.length === 0) {
    if (sameCommit.length === 0) {
      ports.logger.info(`No open pull request has head ${run.headSha}; the report goes to the job summary only`);
    } else {
      ports.logger.warning(
        `Pull request ${numbers(sameCommit)} has head ${run.headSha}, but not from ${showUntrusted(head, 300)}, where run ${run.id} got it; the report goes to the job summary only`
      );
    }
    return void 0;
  }
  if (found.length > 1) {
    ports.logger.warning(
      `Pull requests ${numbers(found)} all come from ${showUntrusted(head, 300)} at ${run.headSha}, so which one run ${run.id} reports on cannot be told; no comment was posted, the report is in the job summary`
    );
    return void 0;
  }
  const { number, baseSha, baseRef, headSha } = found[0];
  return { number, baseSha, baseRef, headSha };
}
__name(pullRequestOfRun, "pullRequestOfRun");
function sameRepository(a, b) {
  return typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
}
__name(sameRepository, "sameRepository");
async function resolveBaseCommit(ports, source, context) {
  const git = ports.git?.git;
  const pull = source.pullRequest ?? (context.trigger.kind === "pull_request" ? context.trigger : void 0);
  if (pull) {
    if (!git) return { sha: pull.baseSha, note: `The baseline was looked up at the base branch's head ${pull.baseSha}, as the checkout has no git history` };
    const result = await findMergeBase(git, ...pullRequestTips(pull), ports.logger);
    if (result.found) return { sha: result.mergeBase };
    return { sha: pull.baseSha, note: `The baseline was looked up at the base branch's head ${pull.baseSha}, not the merge-base: ${result.reason}` };
  }
  const trigger = context.trigger;
  if (trigger.kind === "push") {
    if (trigger.before === void 0) return { sha: void 0, note: "The push event does not say which commit came before it, so the baseline was not looked up at it" };
    if (ZERO_SHA.test(trigger.before)) return { sha: void 0, note: "The push created the branch: there is no commit before it to look the baseline up at" };
    if (git && !await ensureCommit(git, { sha: trigger.before }, ports.logger)) {
      return { sha: void 0, note: `The commit before the push (${trigger.before}) is not in the repository's history, so the baseline was not looked up at it` };
    }
    return { sha: trigger.before };
  }
  return { sha: source.run.sha };
}
__name(resolveBaseCommit, "resolveBaseCommit");

// src/commands/report/report.ts
var SUMMARY_LIMIT = 34e4;
async function report(ports, request) {
  const { repository, source, collected, base, baseline, built } = await judgeRun(ports, request);
  const notes = [...base.note ? [base.note] : [], ...built.notes];
  const document = {
    workflow: request.run.workflowName,
    run: { id: source.run.id, url: source.run.url, sha: source.run.sha, artifactsUrl: artifactsUrlOf(request, source.run) },
    baseSha: base.sha,
    models: await withTrainings(ports, await linkJobLogs(ports.jobs, source.run.id, built.models), {
      branch: request.context.defaultBranch,
      workflowId: source.workflowId,
      excludeRunId: source.run.id
    }),
    headLabel: source.pullRequest ? "PR" : void 0,
    notes
  };
  const markdown = renderMarkdown(document, { marker: commentHeader(source.workflowId, source.run.id) });
  const ledger = source.writesLedger ? await writeLedger(ports, {
    previous: baseline?.ledger,
    run: { branch: request.context.defaultBranch, sha: source.run.sha, runId: request.run.id },
    collected,
    modelsAtHead: new Set(repository.models.map((model) => model.name)),
    tempDir: request.tempDir
  }) : void 0;
  const commentUrl = source.pullRequest && ports.threads ? await postReportComment(ports.threads, ports.logger, {
    number: source.pullRequest.number,
    workflowId: source.workflowId,
    runId: source.run.id,
    body: markdown,
    forkMode: source.artifactsRunId !== void 0
  }) : void 0;
  const counted = totals(built.models);
  return {
    status: isFailing(counted) ? "fail" : "pass",
    regressions: counted.regressions,
    markdown,
    document,
    commentUrl,
    ledger,
    error: request.failOnRegression ? gateError(built.models, request.gateFailureHint) : void 0,
    summary: request.reportFile === void 0 ? void 0 : await writeReportFile(ports.files, request.reportFile, document)
  };
}
__name(report, "report");
async function judgeRun(ports, request) {
  const run = { ...request.run, workflowId: await workflowOfThisRun(ports, request) };
  const repository = await Repository.read(ports, request.configFile);
  const source = await resolveSource(ports, { ...request, run });
  const collected = await ports.logger.group(
    "Read the manifests",
    () => collectManifests(ports, { runId: source.artifactsRunId })
  );
  const base = await resolveBaseCommit(ports, source, request.context);
  const baseline = await ports.logger.group(
    "Find the baseline",
    () => findBaselineLedger(ports, {
      baseSha: base.sha,
      branch: request.context.defaultBranch,
      workflowId: source.workflowId,
      excludeRunId: source.run.id
    })
  );
  const built = await buildReportModels(ports, {
    repository,
    collected,
    expectedModels: request.expectedModels,
    baseline,
    baseSha: base.sha,
    runUrl: source.run.url
  });
  return { repository, source, collected, base, baseline, built };
}
__name(judgeRun, "judgeRun");
async function workflowOfThisRun(ports, request) {
  const thisRun = await ports.runs.get(request.run.id);
  if (!thisRun) {
    const { owner, repo } = request.context.repository;
    throw new UserError(`run ${request.run.id} (GITHUB_RUN_ID) was not found in ${owner}/${repo}; the token needs \`actions: read\``);
  }
  return thisRun.workflowId;
}
__name(workflowOfThisRun, "workflowOfThisRun");
async function writeReportFile(files, file, document) {
  const whole = renderMarkdown(document, { maxLength: Number.MAX_SAFE_INTEGER });
  await files.writeText(file, whole);
  return whole.length <= SUMMARY_LIMIT ? whole : renderMarkdown(document, { maxLength: SUMMARY_LIMIT });
}
__name(writeReportFile, "writeReportFile");
async function withTrainings(ports, models, search) {
  let ledgers;
  try {
    const { logger } = ports;
    const quietLogger = {
      info: /* @__PURE__ */ __name((message) => logger.info(message), "info"),
      debug: /* @__PURE__ */ __name((message) => logger.debug(message), "debug"),
      warning: /* @__PURE__ */ __name((message) => logger.debug(message), "warning"),
      group: /* @__PURE__ */ __name((title, work) => logger.group(title, work), "group")
    };
    const quiet = { ...ports, logger: quietLogger };
    ledgers = await ports.logger.group("Read the recent ledgers", () => recentLedgers(quiet, { ...search, count: MAX_TREND_POINTS - 1 }));
  } catch (error) {
    ports.logger.warning(`The trend charts were left out: the recent ledgers could not be read (${messageOf(error)})`);
    return models;
  }
  return models.map((model) => ({
    ...model,
    trainings: trainingsOf(ledgers, model.comparison.model).map((entry) => ({ sha: entry.sha, metrics: entry.metrics }))
  }));
}
__name(withTrainings, "withTrainings");
function artifactsUrlOf(request, run) {
  if (run.id === request.run.id && request.run.artifactsUrl) return request.run.artifactsUrl;
  return `${run.url}#artifacts`;
}
__name(artifactsUrlOf, "artifactsUrlOf");

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
  totals,
  isFailing,
  headline,
  report,
  judgeRun
};
