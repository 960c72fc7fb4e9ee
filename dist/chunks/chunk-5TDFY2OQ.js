import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  GATE_FAILED_MARK,
  LEGEND,
  OUTCOME_MARK,
  Section,
  commonBaseline,
  describeBaseline,
  describeGateFailure,
  gateFailuresOf,
  inReportOrder,
  markdownInline,
  modelOutcome,
  renderSection
} from "./chunk-UEYPEA26.js";
import {
  ZERO_SHA,
  ensureCommit,
  findMergeBase,
  pullRequestTips
} from "./chunk-T5MJI2ZD.js";
import {
  MAX_METRICS_FILE_BYTES,
  parseMetrics
} from "./chunk-LNU257AZ.js";
import {
  MANIFEST_FILE,
  MAX_MANIFEST_BYTES,
  modelOfArtifact,
  parseManifest
} from "./chunk-54F34Y4H.js";
import {
  MAX_TREND_POINTS,
  compareModel
} from "./chunk-F7IPPOV2.js";
import {
  commitUrl,
  link,
  shortSha
} from "./chunk-TR5HTG53.js";
import {
  ledgerCandidateRuns,
  readableLedgerOfRun,
  recentLedgers
} from "./chunk-KI7WHRU4.js";
import {
  LEDGER_ARTIFACT,
  LEDGER_FILE,
  inParallel,
  nextLedger,
  readArtifactRecord,
  serializeLedger,
  trainingsOf
} from "./chunk-FNDP2GQY.js";
import {
  Repository,
  count,
  escapeMarkdown
} from "./chunk-LYO4JN6R.js";
import {
  MODEL_NAME_PATTERN
} from "./chunk-FTQVXRRL.js";
import {
  PermissionDeniedError
} from "./chunk-RTT2E5ZA.js";
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
  totals,
  isFailing,
  headline,
  report,
  judgeRun
};
