import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  GitBranchHistory
} from "./chunk-DBIO4U6Y.js";
import {
  FsArtifactStore
} from "./chunk-B7E6KWAC.js";
import {
  headline,
  isFailing,
  report,
  totals
} from "./chunk-5TDFY2OQ.js";
import {
  NAME_SHOWN,
  commonBaseline,
  describeBaseline,
  describeGateFailure,
  describeOutcome,
  gateFailuresOf,
  inReportOrder,
  logLines,
  modelFacts,
  modelOutcome
} from "./chunk-UEYPEA26.js";
import {
  isSafeUrl,
  shortSha
} from "./chunk-TR5HTG53.js";
import {
  NodeFileSystem
} from "./chunk-NM4CCGW3.js";
import {
  count,
  formatChange,
  formatPair,
  formatPercent
} from "./chunk-LYO4JN6R.js";
import {
  escapeControlCharacters,
  truncate
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/local-report.ts
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";

// src/core/report/render-terminal.ts
var MIN_NAME_WIDTH = 12;
var LOG_LINES = 20;
var INDENT = "  ";
var ANSI = { red: "31", green: "32", yellow: "33", cyan: "36", dim: "2", bold: "1" };
var VERDICT_WORD = {
  improved: { word: "improved", style: "green" },
  regressed: { word: "regressed", style: "red" },
  "within-tolerance": { word: "within tol.", style: "yellow" },
  unchanged: { word: "unchanged", style: "dim" },
  "no-verdict": { word: "no goal", style: "cyan" },
  new: { word: "new", style: "cyan" },
  removed: { word: "removed", style: "dim" }
};
var GATE_FAILED = { word: "GATE FAILED", style: "red" };
var OUTCOME_SYMBOL = {
  "gate-failed": { symbol: "\u2716", style: "red" },
  failed: { symbol: "\u2716", style: "red" },
  missing: { symbol: "?", style: "red" },
  regressed: { symbol: "!", style: "yellow" },
  improved: { symbol: "\u2714", style: "green" },
  changed: { symbol: "~", style: "yellow" },
  new: { symbol: "+", style: "cyan" },
  removed: { symbol: "-", style: "dim" },
  unchanged: { symbol: "=", style: "dim" }
};
function renderTerminal(doc, options) {
  const paint = /* @__PURE__ */ __name((style, text) => options.color ? `\x1B[${ANSI[style]}m${text}\x1B[0m` : text, "paint");
  const inline = {
    text: escapeControlCharacters,
    code: /* @__PURE__ */ __name((text) => escapeControlCharacters(truncate(text, NAME_SHOWN)), "code"),
    link: /* @__PURE__ */ __name((text, url) => isSafeUrl(url) ? `${text} (${url})` : text, "link"),
    strong: /* @__PURE__ */ __name((text) => paint("bold", text), "strong")
  };
  const width = options.width !== void 0 && options.width > 0 ? options.width : void 0;
  const models = inReportOrder(doc.models);
  const sum = totals(models);
  const common = commonBaseline(models);
  const lines = [paint("bold", `model-ci report \u2014 ${inline.code(doc.workflow)}`), paint(isFailing(sum) ? "red" : sum.regressed > 0 ? "yellow" : "green", headline(sum))];
  for (const { model, metric } of gateFailuresOf(models)) {
    lines.push(`${INDENT}${paint("red", OUTCOME_SYMBOL["gate-failed"].symbol)} ${describeGateFailure(model, metric, inline)}`);
  }
  const run = [`Run ${inline.link(String(doc.run.id), doc.run.url)} at ${shortSha(doc.run.sha)}`];
  if (common !== void 0) run.push(`baseline: ${describeBaseline(common.baseline, doc.run.url, inline)}`);
  lines.push(run.join(" \xB7 "));
  for (const note of doc.notes) lines.push(inline.text(note));
  for (const model of models) lines.push("", ...modelLines(model, doc, common?.baseline, { inline, paint, width }));
  return `${lines.join("\n")}
`;
}
__name(renderTerminal, "renderTerminal");
function modelLines(model, doc, common, look) {
  const { comparison, head } = model;
  const { inline, paint } = look;
  const outcome = modelOutcome(comparison);
  const { symbol, style } = OUTCOME_SYMBOL[outcome];
  const lines = [`${paint(style, symbol)} ${paint("bold", inline.code(comparison.model))} \u2014 ${describeOutcome(comparison, outcome)}`];
  if (outcome === "unchanged") return lines;
  const facts = modelFacts(model, doc.run.url, common, inline);
  lines.push(...facts.map((fact) => `${INDENT}${fact}`));
  const shown = comparison.metrics.filter((metric) => metric.verdict !== "unchanged");
  if (shown.length > 0) lines.push(...metricTable(shown, look));
  const unchanged = comparison.metrics.length - shown.length;
  if (unchanged > 0) lines.push(`${INDENT}${paint("dim", `and ${count(unchanged, "unchanged metric")}`)}`);
  if (head?.failure) {
    const log = logLines(head.failure.log_tail).slice(-LOG_LINES);
    if (log.length > 0) lines.push(`${INDENT}Last ${count(log.length, "line")} of the log:`, ...log.map((line) => `${INDENT}${paint("dim", "\u2502")} ${line}`));
  }
  return lines;
}
__name(modelLines, "modelLines");
function metricTable(metrics, look) {
  const { inline, paint } = look;
  const rows = metrics.map((metric) => {
    const [base, head] = formatPair(metric.base, metric.head);
    const verdict = metric.gateFailed ? GATE_FAILED : VERDICT_WORD[metric.verdict];
    return { verdict, name: `${inline.code(metric.name)}${metric.gate ? " [gate]" : ""}`, numbers: [base, head, formatChange(metric.change), formatPercent(metric.percentChange)] };
  });
  const numberWidths = TABLE_HEADER.map((title, i) => Math.max(title.length, ...rows.map((row) => row.numbers[i].length)));
  const verdictWidth = Math.max("verdict".length, ...rows.map((row) => row.verdict.word.length));
  const fixed = INDENT.length + verdictWidth + numberWidths.reduce((sum, w) => sum + w + 2, 0) + 2;
  const longest = Math.max("metric".length, ...rows.map((row) => Array.from(row.name).length));
  const room = look.width === void 0 ? longest : look.width - fixed;
  if (room < MIN_NAME_WIDTH) return metricList(rows, look);
  const nameWidth = Math.min(room, longest);
  const line = /* @__PURE__ */ __name((verdict, verdictStyle, name, numbers) => {
    const cells = numbers.map((cell, i) => cell.padStart(numberWidths[i])).join("  ");
    const paddedVerdict = verdict.padEnd(verdictWidth);
    const [first, ...more] = wrap(name, nameWidth);
    const under = `${INDENT}${" ".repeat(verdictWidth)}  `;
    return [`${INDENT}${verdictStyle ? paint(verdictStyle, paddedVerdict) : paddedVerdict}  ${first}${" ".repeat(nameWidth - Array.from(first).length)}  ${cells}`, ...more.map((part) => `${under}${part}`)];
  }, "line");
  return [paint("dim", line("verdict", void 0, "metric", TABLE_HEADER)[0]), ...rows.flatMap((row) => line(row.verdict.word, row.verdict.style, row.name, row.numbers))];
}
__name(metricTable, "metricTable");
var TABLE_HEADER = ["base", "head", "change", "% change"];
function metricList(rows, look) {
  return rows.flatMap((row) => [
    `${INDENT}${look.paint(row.verdict.style, row.verdict.word)} ${row.name}`,
    `${INDENT}${INDENT}${row.numbers.map((cell, i) => `${TABLE_HEADER[i]} ${cell}`).join(", ")}`
  ]);
}
__name(metricList, "metricList");
function wrap(text, width) {
  const parts = [];
  let rest = Array.from(text);
  while (rest.length > width) {
    const window = rest.slice(0, width);
    let cut = width;
    for (let i = width - 1; i >= Math.ceil(width / 2); i--) {
      if ("./_- ".includes(window[i])) {
        cut = i + 1;
        break;
      }
    }
    parts.push(rest.slice(0, cut).join("").trimEnd());
    rest = rest.slice(cut);
  }
  parts.push(rest.join(""));
  return parts;
}
__name(wrap, "wrap");

// src/cli/local-report.ts
var LOCAL_WORKFLOW_NAME = "local";
var REPORT_FILE = "report.md";
async function reportLocally(workspace, runs, terminal, run, options) {
  const artifacts = new FsArtifactStore(workspace.root, run.id, workspace.ports.logger);
  const target = {
    ports: { artifacts, runs, history: new GitBranchHistory(workspace.git) },
    run: { id: run.id, attempt: 1, url: run.url, workflowName: LOCAL_WORKFLOW_NAME, artifactsUrl: pathToFileURL(artifacts.runFolder()).href },
    context: run.context,
    expectedModels: run.models,
    reportFile: join(workspace.stateDir, REPORT_FILE),
    ciJob: false,
    gateFailureHint: "the report above says by how much (and .model-ci/report.md); change the training or the metric's tolerance in model.yml or model-ci.yml"
  };
  return reportTo(workspace, terminal, target, options);
}
__name(reportLocally, "reportLocally");
async function reportTo(workspace, terminal, target, options) {
  const tempParent = join(workspace.stateDir, "tmp");
  await mkdir(tempParent, { recursive: true });
  const tempDir = await mkdtemp(join(tempParent, "report-"));
  let result;
  try {
    result = await report(
      { ...workspace.ports, ...target.ports, files: new NodeFileSystem(), now: /* @__PURE__ */ __name(() => /* @__PURE__ */ new Date(), "now") },
      {
        configFile: workspace.configFile,
        expectedModels: target.expectedModels,
        context: target.context,
        run: target.run,
        tempDir,
        failOnRegression: true,
        gateFailureHint: target.gateFailureHint,
        writeLedger: options.writeLedger,
        reportFile: target.ciJob ? target.reportFile : void 0
      }
    );
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
  const reportFile = target.reportFile;
  if (!target.ciJob) await writeFile(reportFile, result.markdown);
  terminal.separate();
  terminal.out(renderTerminal(result.document, { color: terminal.color, width: terminal.width }).replace(/\n+$/, ""));
  terminal.out("");
  terminal.out(`The report in Markdown: ${relative(process.cwd(), reportFile) || reportFile}`);
  return result;
}
__name(reportTo, "reportTo");

export {
  reportLocally,
  reportTo
};
