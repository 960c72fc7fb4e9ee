import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  RECORDS_LOOKED_AT
} from "./chunk-4VEFXRG7.js";
import {
  MAX_TREND_POINTS,
  headlineMetrics,
  trendChart
} from "./chunk-F7IPPOV2.js";
import {
  isSafeUrl,
  shortSha
} from "./chunk-TR5HTG53.js";
import {
  recentLedgers
} from "./chunk-KI7WHRU4.js";
import {
  trainingsOf
} from "./chunk-FNDP2GQY.js";
import {
  livePromotion,
  metricPolicyFor
} from "./chunk-Z62BL5T3.js";
import {
  Repository,
  count,
  escapeMarkdown,
  formatValue,
  inlineCode,
  minuteOf
} from "./chunk-LYO4JN6R.js";
import {
  escapeControlCharacters,
  isUserError,
  messageOf,
  truncate
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/status/status-page.ts
function statusPage(options) {
  const models = options.facts.map((facts) => {
    const environments = options.environments.map((environment) => ({
      environment,
      live: facts.live.get(environment),
      monitoring: facts.monitoring.get(environment) ?? []
    }));
    const names = /* @__PURE__ */ new Set();
    for (const training of facts.trainings) for (const name of Object.keys(training.metrics)) names.add(name);
    for (const cell of environments) {
      for (const name of Object.keys(cell.live?.metrics ?? {})) names.add(name);
      for (const point of cell.monitoring) for (const name of Object.keys(point.metrics)) names.add(name);
    }
    const headline = headlineMetrics([...names].map((name) => ({ name, gate: facts.isGated(name) })));
    return { model: facts.model, headline, environments, trainings: facts.trainings };
  });
  return { generatedAt: options.generatedAt, defaultBranch: options.defaultBranch, environments: options.environments, models };
}
__name(statusPage, "statusPage");
var VERDICT_SHOWN = { healthy: "\u{1F7E2} healthy", degraded: "\u{1F7E1} degraded", failed: "\u274C failed" };
var NOT_MONITORED = "not monitored yet";
var NOTHING_LIVE = "nothing live";
var MAX_METRIC_ROWS = 30;
var MESSAGE_SHOWN = 300;
var NAME_SHOWN = 100;
function renderStatusMarkdown(page, options = {}) {
  const charts = options.charts ?? true;
  const code = /* @__PURE__ */ __name((text) => inlineCode(truncate(text, NAME_SHOWN)), "code");
  const cells = page.models.length * page.environments.length;
  const lines = [
    "## model-ci status",
    "",
    `What is live where, and is it healthy: ${count(page.models.length, "model")} in ${count(page.environments.length, "environment")} (${page.environments.map(escapeMarkdown).join(", ")}), as of ${shownTime(page.generatedAt)} UTC. Trainings are those of ${code(page.defaultBranch)}.`,
    ""
  ];
  if (cells === 0) return `${lines.join("\n")}
_No models found._
`;
  lines.push("| Model | Environment | Live version | Since (UTC) | By | How | Latest monitoring |", "| --- | --- | --- | --- | --- | --- | --- |");
  for (const model of page.models) {
    for (const cell of model.environments) {
      const live = cell.live;
      const facts = live ? [code(live.version), shownTime(live.since), escapeMarkdown(live.by), live.automatic ? "automatic" : "manual"] : [`_${NOTHING_LIVE}_`, "\u2014", "\u2014", "\u2014"];
      lines.push(`| ${code(model.model)} | ${escapeMarkdown(cell.environment)} | ${facts.join(" | ")} | ${monitoringCell(cell)} |`);
    }
  }
  lines.push("");
  for (const model of page.models) lines.push(...modelSection(model, page, charts));
  return `${lines.join("\n")}
`;
}
__name(renderStatusMarkdown, "renderStatusMarkdown");
function monitoringCell(cell) {
  const latest = cell.monitoring.at(-1);
  if (!latest) return cell.live ? NOT_MONITORED : "\u2014";
  const of = cell.live && latest.version !== cell.live.version ? ` of ${inlineCode(truncate(latest.version, NAME_SHOWN))}` : "";
  return `${VERDICT_SHOWN[latest.verdict]}${of}, ${shownTime(latest.createdAt)} (run ${latest.runId})`;
}
__name(monitoringCell, "monitoringCell");
function modelSection(model, page, charts) {
  const code = /* @__PURE__ */ __name((text) => inlineCode(truncate(text, NAME_SHOWN)), "code");
  const lines = [`### ${code(model.model)}`, ""];
  for (const cell of model.environments) {
    const latest = cell.monitoring.at(-1);
    if (!cell.live && !latest) continue;
    const environment = escapeMarkdown(cell.environment);
    const said = [];
    if (cell.live) {
      const how = cell.live.automatic ? "automatically" : "by hand";
      const run = isSafeUrl(cell.live.logUrl ?? void 0) ? ` ([promotion run](${cell.live.logUrl.replace(/\(/g, "%28").replace(/\)/g, "%29")}))` : "";
      said.push(`**${environment}**: ${code(cell.live.version)} since ${shownTime(cell.live.since)} UTC, promoted ${how} by ${escapeMarkdown(cell.live.by)}${run}.`);
    } else {
      said.push(`**${environment}**: nothing live.`);
    }
    said.push(latest ? monitoringSentence(latest) : `Monitoring: ${NOT_MONITORED}.`);
    lines.push(said.join(" "), "");
    const table = metricsTable(cell, model.headline);
    if (table.length > 0) lines.push(...table, "");
  }
  const chartBlocks = charts ? modelCharts(model, page.defaultBranch) : [];
  if (chartBlocks.length > 0) {
    const body = chartBlocks.join("\n\n");
    lines.push(page.models.length > 1 ? `<details><summary>Trends of ${code(model.model)}</summary>

${body}

</details>` : body, "");
  }
  return lines;
}
__name(modelSection, "modelSection");
function monitoringSentence(latest) {
  const parts = [`Latest monitoring: ${VERDICT_SHOWN[latest.verdict]} on ${shownTime(latest.createdAt)} UTC (run ${latest.runId}, version ${inlineCode(truncate(latest.version, NAME_SHOWN))})`];
  if (latest.regressed.length > 0) {
    const names = latest.regressed.slice(0, 10).map((name) => inlineCode(truncate(name, NAME_SHOWN)));
    const more = latest.regressed.length > 10 ? ` and ${count(latest.regressed.length - 10, "more")}` : "";
    parts.push(`regressed: ${names.join(", ")}${more}${latest.gateFailed ? " (a gated metric)" : ""}`);
  }
  if (latest.failure) parts.push(`the **${escapeMarkdown(latest.failure.phase)}** phase failed: ${escapeMarkdown(truncate(latest.failure.message, MESSAGE_SHOWN))}`);
  return `${parts.join("; ")}.`;
}
__name(monitoringSentence, "monitoringSentence");
function metricsTable(cell, headline) {
  const latest = cell.monitoring.at(-1);
  const names = metricOrder([...Object.keys(cell.live?.metrics ?? {}), ...Object.keys(latest?.metrics ?? {})], headline);
  if (names.length === 0) return [];
  const regressed = new Set(latest?.regressed ?? []);
  const value = /* @__PURE__ */ __name((metrics, name) => metrics && name in metrics ? formatValue(metrics[name]) : "\u2014", "value");
  const rows = names.slice(0, MAX_METRIC_ROWS).map((name) => {
    const mark = regressed.has(name) ? " \u26A0\uFE0F regressed" : "";
    return `| ${inlineCode(truncate(name, NAME_SHOWN))}${headline.includes(name) ? " \u2605" : ""} | ${value(cell.live?.metrics, name)} | ${value(latest?.metrics, name)}${mark} |`;
  });
  const more = names.length - rows.length;
  return [
    "| Metric | At promotion | Latest monitoring |",
    "| --- | --: | --: |",
    ...rows,
    ...more > 0 ? [`| \u2026and ${count(more, "more metric")} | | |`] : []
  ];
}
__name(metricsTable, "metricsTable");
function metricOrder(names, headline) {
  const unique = [...new Set(names)].sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  return [...headline.filter((name) => unique.includes(name)), ...unique.filter((name) => !headline.includes(name))];
}
__name(metricOrder, "metricOrder");
function modelCharts(model, branch) {
  const blocks = [];
  const trainings = model.trainings.slice(-MAX_TREND_POINTS);
  const trained = model.headline.flatMap((name) => {
    const chart = trendChart(name, trainings.flatMap((training) => name in training.metrics ? [{ label: shortSha(training.sha), value: training.metrics[name] }] : []));
    return chart ? [chart] : [];
  });
  if (trained.length > 0) {
    blocks.push(`Over the last ${count(trainings.length, "training")} on ${inlineCode(truncate(branch, NAME_SHOWN))} (by commit):`, ...trained);
  }
  for (const cell of model.environments) {
    const runs = cell.monitoring.slice(-MAX_TREND_POINTS);
    const monitored = model.headline.flatMap((name) => {
      const chart = trendChart(name, runs.flatMap((point) => name in point.metrics ? [{ label: shortDate(point.createdAt), value: point.metrics[name] }] : []));
      return chart ? [chart] : [];
    });
    if (monitored.length > 0) blocks.push(`Over the last ${count(runs.length, "monitoring run")} in ${escapeMarkdown(cell.environment)} (by date, UTC):`, ...monitored);
  }
  return blocks;
}
__name(modelCharts, "modelCharts");
function renderStatusText(page) {
  if (page.models.length === 0 || page.environments.length === 0) return "No models found.\n";
  const header = ["MODEL", "ENVIRONMENT", "VERSION", "SINCE (UTC)", "BY", "HOW", "MONITORING"];
  const rows = [];
  const details = [];
  for (const model of page.models) {
    for (const cell of model.environments) {
      const live = cell.live;
      const latest = cell.monitoring.at(-1);
      const monitoring = latest ? `${latest.verdict} ${shownTime(latest.createdAt)}` : live ? NOT_MONITORED : "-";
      rows.push(
        [model.model, cell.environment, live?.version ?? NOTHING_LIVE, live ? shownTime(live.since) : "-", live?.by ?? "-", live ? live.automatic ? "automatic" : "manual" : "-", monitoring].map(
          escapeControlCharacters
        )
      );
      const names = metricOrder([...Object.keys(live?.metrics ?? {}), ...Object.keys(latest?.metrics ?? {})], model.headline).slice(0, MAX_METRIC_ROWS);
      if (names.length === 0) continue;
      const shown = names.map((name) => {
        const promoted = live && name in live.metrics ? formatValue(live.metrics[name]) : "-";
        const monitored = latest && name in latest.metrics ? ` -> ${formatValue(latest.metrics[name])}${latest.regressed.includes(name) ? " (regressed)" : ""}` : "";
        return `${escapeControlCharacters(truncate(name, NAME_SHOWN))} ${promoted}${monitored}`;
      });
      details.push(`  ${escapeControlCharacters(model.model)} in ${escapeControlCharacters(cell.environment)}: ${shown.join(", ")}`);
    }
  }
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = /* @__PURE__ */ __name((cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd(), "line");
  const parts = [line(header), ...rows.map(line)];
  if (details.length > 0) parts.push("", "Metrics at promotion -> latest monitoring:", ...details);
  return `${parts.join("\n")}
`;
}
__name(renderStatusText, "renderStatusText");
function shownTime(iso) {
  return minuteOf(iso) ?? escapeMarkdown(truncate(iso, 40));
}
__name(shownTime, "shownTime");
function shortDate(iso) {
  const match = /^\d{4}-(\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]}.${match[3]}` : iso;
}
__name(shortDate, "shortDate");

// src/commands/status/status.ts
var MONITOR_RESULTS_READ = 30;
var SUMMARY_LIMIT = 34e4;
async function status(ports, request) {
  const repository = await Repository.read(ports, request.configFile);
  const { config } = repository;
  const environments = config.environments;
  const records = new Map(
    await Promise.all(
      environments.map(async (environment) => [environment, await ports.deployments.list(environment, { limit: RECORDS_LOOKED_AT, creators: config.promotion.recordCreators })])
    )
  );
  const ledgers = await optional(ports, "the trainings", () => recentLedgers(ports, { branch: request.defaultBranch, count: MAX_TREND_POINTS }), []);
  const monitored = await optional(ports, "the monitoring results", () => ports.monitorResults(MONITOR_RESULTS_READ), []);
  const names = repository.models.map((model) => model.name);
  for (const environmentRecords of records.values()) {
    for (const record of environmentRecords) if (!names.includes(record.payload.model) && livePromotion(environmentRecords, record.payload.model)) names.push(record.payload.model);
  }
  const rulesOf = await metricRules(ports, repository, names);
  const facts = names.map((model) => {
    const rules = rulesOf.get(model) ?? config.metrics;
    return {
      model,
      isGated: /* @__PURE__ */ __name((metric) => metricPolicyFor(metric, rules).gate === true, "isGated"),
      live: new Map(environments.flatMap((environment) => {
        const live = livePromotion(records.get(environment) ?? [], model);
        return live ? [[environment, liveVersion(live)]] : [];
      })),
      monitoring: new Map(environments.map((environment) => [environment, monitoringOf(monitored, model, environment)])),
      trainings: trainingsOf(ledgers, model).map((entry) => ({ sha: entry.sha, metrics: entry.metrics }))
    };
  });
  const page = statusPage({ generatedAt: ports.now().toISOString(), defaultBranch: request.defaultBranch, environments, facts });
  const markdown = renderStatusMarkdown(page);
  if (request.statusFile !== void 0) await ports.files.writeText(request.statusFile, markdown);
  return {
    page,
    markdown,
    summary: markdown.length <= SUMMARY_LIMIT ? markdown : renderStatusMarkdown(page, { charts: false }).slice(0, SUMMARY_LIMIT),
    text: renderStatusText(page)
  };
}
__name(status, "status");
function liveVersion(record) {
  const { payload } = record;
  return {
    version: payload.version,
    digest: payload.digest,
    since: record.createdAt,
    by: payload.promoted_by ?? record.creator,
    automatic: payload.automatic === true,
    metrics: payload.metrics,
    logUrl: record.logUrl
  };
}
__name(liveVersion, "liveVersion");
function monitoringOf(results, model, environment) {
  return results.filter((result) => result.environment === environment && result.models[model] !== void 0).map((result) => {
    const entry = result.models[model];
    return {
      runId: result.run_id,
      createdAt: result.created_at,
      version: entry.version,
      verdict: entry.verdict,
      metrics: entry.metrics,
      regressed: entry.regressed,
      gateFailed: entry.gate_failed,
      failure: entry.failure
    };
  }).reverse();
}
__name(monitoringOf, "monitoringOf");
async function metricRules(ports, repository, names) {
  const rules = /* @__PURE__ */ new Map();
  const loaded = await repository.load(names.flatMap((name) => repository.model(name) ?? []));
  for (const { model, config } of loaded) {
    try {
      rules.set(model.name, config().metrics);
    } catch (error) {
      if (!isUserError(error)) throw error;
      ports.logger.warning(`${error.message}; its headline metrics are chosen by the rules of ${repository.configFile}`, { file: error.file });
    }
  }
  return rules;
}
__name(metricRules, "metricRules");
async function optional(ports, what, read, none) {
  try {
    return await read();
  } catch (error) {
    ports.logger.warning(`The status page goes without ${what}: they could not be read (${messageOf(error)})`);
    return none;
  }
}
__name(optional, "optional");

export {
  status
};
