import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  failureCause,
  modelCommandEnv,
  readMetricsFile,
  runModelCommand,
  setUpPython,
  succeeded
} from "./chunk-4UTYDFXH.js";
import {
  downloadVerified,
  resolveVersion
} from "./chunk-YZHWO5F3.js";
import {
  metricRow
} from "./chunk-UEYPEA26.js";
import {
  parseMetrics
} from "./chunk-LNU257AZ.js";
import {
  MONITOR_ARTIFACT,
  MONITOR_FILE,
  emptyMonitoredModels,
  failedMonitoring,
  judgeMonitoring,
  monitoringFails,
  serializeMonitorRecord
} from "./chunk-FLQGHEHB.js";
import {
  RECORDS_LOOKED_AT
} from "./chunk-4VEFXRG7.js";
import {
  listedEnvironment,
  livePromotion
} from "./chunk-Z62BL5T3.js";
import {
  utcSeconds
} from "./chunk-MIR6WUZ2.js";
import {
  Repository,
  count,
  escapeMarkdown,
  formatPair,
  inlineCode,
  minuteOf
} from "./chunk-LYO4JN6R.js";
import {
  UserError,
  escapeControlCharacters,
  isUserError,
  showUntrusted
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/monitor-report.ts
function monitorMarker(model, environment) {
  return `<!-- model-ci:monitor model=${model} environment=${environment} -->`;
}
__name(monitorMarker, "monitorMarker");
function monitorIssueTitle(model, environment) {
  return `model-ci: ${escapeControlCharacters(model)} is degraded in ${environment}`;
}
__name(monitorIssueTitle, "monitorIssueTitle");
var TABLE_HEADER = "| Metric | At promotion | Now | Change | % change | Verdict |\n| :-- | --: | --: | --: | --: | :-- |";
var VERDICT_MARK = { healthy: "\u{1F7E2}", degraded: "\u{1F534}", failed: "\u{1F4A5}" };
function shownTime(iso) {
  const minute = minuteOf(iso);
  return minute ? `${minute} UTC` : escapeMarkdown(iso);
}
__name(shownTime, "shownTime");
function shortDigest(digest) {
  return digest.length > 19 ? `${digest.slice(0, 19)}\u2026` : digest;
}
__name(shortDigest, "shortDigest");
var ISSUE_ROWS = 100;
var SUMMARY_ROWS = 500;
var SUMMARY_LIMIT = 34e4;
var COMMENT_METRICS = 20;
function describeResult(result) {
  if (result.verdict === "failed" && result.failure) {
    return `Not measured: the ${result.failure.phase} phase failed: ${escapeMarkdown(result.failure.message)}`;
  }
  if (result.verdict === "healthy") return "Healthy: no metric is worse than at promotion beyond its tolerance.";
  const more = result.regressed.length - COMMENT_METRICS;
  const names = `${result.regressed.slice(0, COMMENT_METRICS).map((name) => inlineCode(name)).join(", ")}${more > 0 ? ` and ${count(more, "more")}` : ""}`;
  const gate = result.gate_failed ? " A gated metric regressed, so the monitoring job fails." : " No gated metric regressed, so the monitoring job does not fail on it.";
  return `Degraded: ${count(result.regressed.length, "metric")} worse than at promotion beyond tolerance (${names}).${gate}`;
}
__name(describeResult, "describeResult");
function metricTable(judgement, maxRows = Infinity) {
  const { comparisons } = judgement;
  if (comparisons.length === 0) return "";
  const shown = comparisons.slice(0, maxRows);
  const more = comparisons.length - shown.length;
  const note = more > 0 ? `
\u2026and ${count(more, "more metric")}, in ${MONITOR_FILE} (artifact ${MONITOR_ARTIFACT} of the monitoring run).
` : "";
  return `${TABLE_HEADER}
${shown.map(metricRow).join("\n")}
${note}`;
}
__name(metricTable, "metricTable");
function renderIssueBody(input) {
  const { model, environment, judgement, run } = input;
  const result = judgement.result;
  return [
    monitorMarker(model, environment),
    `## ${VERDICT_MARK.degraded} ${inlineCode(model)} is degraded in ${environment}`,
    "",
    `The live version ${inlineCode(result.version)} (${inlineCode(shortDigest(result.digest))}) was measured on the monitoring data by [run ${run.id}](${run.url}) at ${shownTime(input.createdAt)}.`,
    "",
    describeResult(result),
    "",
    metricTable(judgement, ISSUE_ROWS),
    "model-ci updates this issue on every monitoring run while the model stays degraded, and closes it when the model recovers. To act: retrain the model on recent data and promote the new version, or roll back with `promote` and `version: previous`.",
    ""
  ].join("\n");
}
__name(renderIssueBody, "renderIssueBody");
function renderStillDegradedComment(input) {
  const { result } = input.judgement;
  const regressed = input.judgement.comparisons.filter((metric) => metric.verdict === "regressed");
  const named = regressed.slice(0, COMMENT_METRICS).map((metric) => {
    const [base, head] = formatPair(metric.base, metric.head);
    return `${inlineCode(metric.name)} ${base} \u2192 ${head}`;
  });
  const more = regressed.length - named.length;
  const changes = `${named.join(", ")}${more > 0 ? ` and ${count(more, "more metric")}` : ""}`;
  return `Still degraded: [run ${input.run.id}](${input.run.url}) measured ${inlineCode(result.version)} at ${shownTime(input.createdAt)}: ${changes}. The description above shows this run's numbers.
`;
}
__name(renderStillDegradedComment, "renderStillDegradedComment");
function renderRecoveredComment(input) {
  const { result } = input.judgement;
  return `${VERDICT_MARK.healthy} Recovered: [run ${input.run.id}](${input.run.url}) measured ${inlineCode(result.version)} at ${shownTime(input.createdAt)} and no metric is worse than at promotion beyond its tolerance. Closing.
`;
}
__name(renderRecoveredComment, "renderRecoveredComment");
function renderMonitorSummary(input) {
  const { record, judgements, run } = input;
  const results = Object.entries(record.models);
  const tally = /* @__PURE__ */ __name((verdict) => results.filter(([, result]) => result.verdict === verdict).length, "tally");
  const parts = [
    `## model-ci monitor: ${record.environment}`,
    "",
    results.length === 0 ? `No model is live in ${record.environment}: nothing to monitor.` : `**${count(results.length, "live model")} monitored by [run ${run.id}](${run.url}): ${tally("healthy")} healthy, ${tally("degraded")} degraded, ${tally("failed")} failed.**`,
    ""
  ];
  let length = parts.join("\n").length;
  for (const [index, [model, result]] of results.entries()) {
    const judgement = judgements.get(model);
    const issue = input.issues?.get(model);
    const section = [`### ${VERDICT_MARK[result.verdict]} ${inlineCode(model)} ${inlineCode(result.version)}`, "", describeResult(result)];
    if (issue) section.push("", `Monitoring issue [#${issue.number}](${issue.url}): ${issue.action}.`);
    section.push("");
    if (judgement) section.push(metricTable(judgement, SUMMARY_ROWS));
    const text = section.join("\n");
    if (length + text.length > SUMMARY_LIMIT) {
      parts.push(`\u2026and ${count(results.length - index, "more model")}: every result is in ${MONITOR_FILE} (artifact ${MONITOR_ARTIFACT}).`);
      break;
    }
    parts.push(text);
    length += text.length;
  }
  return `${parts.join("\n")}
`;
}
__name(renderMonitorSummary, "renderMonitorSummary");
function renderMonitorTerminal(record, judgements) {
  const lines = [`model-ci monitor: ${record.environment}`];
  const models = Object.entries(record.models);
  if (models.length === 0) lines.push(`No model is live in ${record.environment}: nothing to monitor.`);
  const header = ["MODEL", "VERSION", "VERDICT", "METRIC", "AT PROMOTION", "NOW", "CHANGE"];
  const rows = [];
  for (const [model, result] of models) {
    const verdict = result.verdict === "degraded" && result.gate_failed ? "degraded (gate failed)" : result.verdict;
    const comparisons = judgements.get(model)?.comparisons ?? [];
    if (comparisons.length === 0) rows.push([model, result.version, verdict, result.failure ? `${result.failure.phase} failed: ${result.failure.message}` : "-", "", "", ""]);
    for (const [index, metric] of comparisons.entries()) {
      const [base, head] = formatPair(metric.base, metric.head);
      const mark = metric.gateFailed ? "gate failed" : metric.verdict;
      rows.push(index === 0 ? [model, result.version, verdict, metric.name, base, head, mark] : ["", "", "", metric.name, base, head, mark]);
    }
  }
  if (rows.length > 0) {
    const shown = rows.map((row) => row.map(escapeControlCharacters));
    const widths = header.map((title, column) => Math.max(title.length, ...shown.map((row) => row[column].length)));
    const line = /* @__PURE__ */ __name((cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd(), "line");
    lines.push(line(header), ...shown.map(line));
  }
  return `${lines.join("\n")}
`;
}
__name(renderMonitorTerminal, "renderMonitorTerminal");

// src/commands/monitor/monitor.ts
import { basename, join } from "node:path";

// src/commands/monitor/issues.ts
async function syncMonitorIssue(tracker, logger, sync) {
  const marker = monitorMarker(sync.model, sync.environment);
  const login = await tracker.ownLogin();
  const ours = /* @__PURE__ */ __name(async () => (await tracker.listOpen({ creator: login, marker })).filter((issue) => issue.author === login && issue.body.startsWith(marker)), "ours");
  const open = await ours();
  const verdict = sync.judgement.result.verdict;
  if (verdict === "failed") return open[0] && outcome("left", open[0]);
  if (verdict === "healthy") {
    for (const issue of open) {
      await tracker.comment(issue.number, renderRecoveredComment(sync));
      await tracker.update(issue.number, { close: "completed" });
      logger.info(`${sync.model} recovered in ${sync.environment}: closed issue #${issue.number}`);
    }
    return open[0] && outcome("closed", open[0]);
  }
  const body = renderIssueBody(sync);
  if (open.length === 0) {
    const created = await tracker.create(monitorIssueTitle(sync.model, sync.environment), body);
    logger.info(`${sync.model} is degraded in ${sync.environment}: opened issue #${created.number}`);
    const oldest = (await ours()).find((issue) => issue.number < created.number);
    if (oldest === void 0) return outcome("opened", created);
    await closeDuplicates(tracker, logger, oldest, [created]);
    return outcome("updated", oldest);
  }
  const [kept, ...leftOver] = open;
  await closeDuplicates(tracker, logger, kept, leftOver);
  const updated = kept.body === body ? kept : await tracker.update(kept.number, { body });
  await tracker.comment(kept.number, renderStillDegradedComment(sync));
  logger.info(`${sync.model} is still degraded in ${sync.environment}: updated issue #${kept.number}`);
  return outcome("updated", updated);
}
__name(syncMonitorIssue, "syncMonitorIssue");
async function closeDuplicates(tracker, logger, keep, duplicates) {
  for (const duplicate of duplicates) {
    await tracker.comment(duplicate.number, `Duplicate of #${keep.number}: two monitoring runs opened an issue at once; #${keep.number} is kept.
`);
    await tracker.update(duplicate.number, { close: "not_planned" });
    logger.info(`Closed issue #${duplicate.number} as a duplicate of #${keep.number}`);
  }
}
__name(closeDuplicates, "closeDuplicates");
function outcome(action, issue) {
  return { action, number: issue.number, url: issue.url };
}
__name(outcome, "outcome");

// src/commands/monitor/monitor.ts
var LOG_TAIL_LINES = 20;
async function monitor(ports, request) {
  const repository = await Repository.read(ports, request.configFile);
  const { environments, promotion } = repository.config;
  const asked = request.environment ?? environments[environments.length - 1];
  const environment = listedEnvironment(asked, environments);
  if (environment === void 0) {
    throw new UserError(`model-ci monitor: environment ${showUntrusted(asked, 100)} is not one of the environments in ${request.configFile} (${environments.join(", ")}); monitor one of them`, {
      file: request.configFile
    });
  }
  const records = await ports.deployments.list(environment, { limit: RECORDS_LOOKED_AT, creators: promotion.recordCreators });
  const live = liveRecords(records);
  ports.logger.info(`${count(live.size, "model")} live in ${environment}${live.size === 0 ? "" : `: ${[...live.keys()].join(", ")}`}`);
  const createdAt = utcSeconds(ports.now());
  const judgements = /* @__PURE__ */ new Map();
  const notMonitored = [];
  for (const [name, record2] of live) {
    const liveVersion = { version: record2.payload.version, digest: record2.payload.digest, metrics: record2.payload.metrics };
    const model = repository.model(name);
    if (!model) {
      judgements.set(name, failedMonitoring(liveVersion, { phase: "monitor", message: `${name} is live in ${environment} but its folder is no longer in the repository, so it has no monitor command` }));
      continue;
    }
    let config;
    try {
      config = (await repository.load([model]))[0].config();
    } catch (error) {
      if (!isUserError(error)) throw error;
      judgements.set(name, failedMonitoring(liveVersion, { phase: "monitor", message: error.message }));
      continue;
    }
    if (!config.monitor) {
      ports.logger.info(`${name} has neither a monitor nor an evaluate command in its model.yml: it is not monitored`);
      notMonitored.push(name);
      continue;
    }
    const measured = await ports.logger.group(
      `Monitor ${name} ${liveVersion.version} in ${environment}`,
      () => measure(ports, request, { config, environment, record: record2, records })
    );
    judgements.set(name, "failure" in measured ? failedMonitoring(liveVersion, measured.failure) : judgeMonitoring(liveVersion, measured.metrics, config.metrics));
  }
  const models = emptyMonitoredModels();
  for (const [name, judgement] of judgements) models[name] = judgement.result;
  const record = { schema: 1, environment, sha: request.run.sha, run_id: request.run.id, created_at: createdAt, models };
  const stored = await keepRecord(ports, request.tempDir, record);
  const issues = /* @__PURE__ */ new Map();
  const issueErrors = [];
  if (ports.issues) {
    for (const [name, judgement] of judgements) {
      try {
        const outcome2 = await syncMonitorIssue(ports.issues, ports.logger, { model: name, environment, judgement, run: request.run, createdAt });
        if (outcome2) issues.set(name, outcome2);
      } catch (error) {
        issueErrors.push(`the monitoring issue of ${name} could not be written: ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}`);
      }
    }
  }
  const results = Object.entries(record.models);
  const degraded = results.filter(([, result]) => result.verdict === "degraded").map(([name]) => name);
  const failing = monitoringFails(Object.values(record.models));
  const summary = renderMonitorSummary({ record, judgements, run: request.run, issues }) + (notMonitored.length === 0 ? "" : `
Not monitored (no monitor or evaluate command in model.yml): ${notMonitored.join(", ")}.
`);
  const causes = [
    ...results.filter(([, result]) => result.gate_failed).map(([name, result]) => `${name} ${result.version} is degraded in ${environment}: gated metric(s) worse than at promotion beyond tolerance (${result.regressed.join(", ")})`),
    ...results.filter(([, result]) => result.failure).map(([name, result]) => `${name} ${result.version} could not be monitored in ${environment}: the ${result.failure?.phase} phase failed: ${result.failure?.message}`),
    ...issueErrors
  ];
  return {
    environment,
    record,
    judgements,
    issues,
    notMonitored,
    status: failing ? "fail" : "pass",
    degraded,
    stored,
    summary,
    ...causes.length > 0 && { error: new UserError(`model-ci monitor: ${causes.join("; ")}`) }
  };
}
__name(monitor, "monitor");
function liveRecords(records) {
  const models = [...new Set(records.map((record) => record.payload.model))].sort();
  return new Map(models.flatMap((model) => {
    const live = livePromotion(records, model);
    return live ? [[model, live]] : [];
  }));
}
__name(liveRecords, "liveRecords");
async function measure(ports, request, target) {
  const { config, environment, record } = target;
  const { payload } = record;
  const deadline = ports.now().getTime() + config.timeoutMinutes * 6e4;
  const scratch = join(request.tempDir, "model-ci", "monitor", config.name);
  let liveDir;
  try {
    const source = await resolveVersion(ports, {
      model: config.name,
      version: payload.version,
      environment,
      defaultBranch: request.defaultBranch,
      records: /* @__PURE__ */ new Map([[environment, target.records]])
    });
    if (source.artifact.digest !== payload.digest) {
      throw new UserError(
        `${source.artifact.name} of run ${source.run.id} has digest ${source.artifact.digest} on GitHub, but deployment ${record.deploymentId} recorded ${payload.digest}: it is not the version that is live`
      );
    }
    liveDir = (await downloadVerified(ports, { runId: source.run.id, artifact: source.artifact, model: config.name, expectedVersion: payload.version }, join(scratch, "live"))).modelDir;
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { failure: { phase: "download", message: error.message } };
  }
  const modelDir = join(ports.workspace.root, config.path);
  const setup = await setUpPython(ports, {
    config,
    modelDir,
    tempDir: request.tempDir,
    interpreter: request.interpreter,
    pipArgs: request.pipArgs,
    runnerOs: request.run.runnerOs,
    env: request.env,
    // A scheduled run reads the default branch's cache scope: only an entry of the exact key.
    exactDependencyKey: true,
    deadline
  });
  if (!setup.ok) return { failure: { phase: "install", message: withTail(setup.message, setup.run?.tail) } };
  const python = setup.setup;
  const metricsFile = join(scratch, "metrics", basename(config.metricsFile));
  await ports.files.remove(metricsFile);
  await ports.files.makeDir(join(scratch, "metrics"));
  const env = modelCommandEnv(request.env, python, { name: config.name, dir: modelDir, sha: request.run.sha }, {
    MODEL_CI_LIVE_DIR: liveDir,
    // The evaluate command, the default monitor command, reads the model where train wrote it.
    MODEL_CI_OUTPUT_DIR: liveDir,
    MODEL_CI_DATA_DIR: join(modelDir, config.monitorData),
    MODEL_CI_METRICS_FILE: metricsFile,
    MODEL_CI_ENVIRONMENT: environment,
    MODEL_CI_VERSION: payload.version
  });
  const context = { python, cwd: modelDir, env, deadline, tailLines: LOG_TAIL_LINES };
  for (const argv of config.monitor) {
    const run = await runModelCommand(ports, context, argv);
    if (!succeeded(run)) {
      const how = run.timedOut ? `ran past the model's timeout of ${count(config.timeoutMinutes, "minute")}` : run.signal ? `was killed by ${run.signal}` : `exited with code ${run.exitCode}`;
      return { failure: { phase: "monitor", message: withTail(`${argv.join(" ")} ${how}`, run.tail) } };
    }
  }
  const shown = `${config.path}/${config.metricsFile}`;
  try {
    const parsed = parseMetrics(await readMetricsFile(ports.files, metricsFile, { file: shown, writer: "the monitor command" }), shown);
    for (const skipped of parsed.skipped) ports.logger.warning(`${shown}: metric ${JSON.stringify(skipped.name)} skipped: ${skipped.reason}`);
    return { metrics: parsed.metrics };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { failure: { phase: "metrics", message: error.message } };
  }
}
__name(measure, "measure");
function withTail(message, tail) {
  const cause = failureCause(tail ?? []);
  return cause.length === 0 ? message : `${message}; the output ended with: ${cause.join(" / ")}`;
}
__name(withTail, "withTail");
async function keepRecord(ports, tempDir, record) {
  const stored = await ports.files.inTempDir(tempDir, "model-ci-monitor-", async (directory) => {
    const file = join(directory, MONITOR_FILE);
    await ports.files.writeText(file, serializeMonitorRecord(record));
    return ports.artifacts.upload(MONITOR_ARTIFACT, directory, [file], { compressionLevel: 6 });
  });
  ports.logger.info(`Kept the monitoring results as ${MONITOR_ARTIFACT}: artifact ${stored.id}`);
  return stored;
}
__name(keepRecord, "keepRecord");

export {
  renderMonitorTerminal,
  monitor
};
