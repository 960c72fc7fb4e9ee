import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  moveAlias,
  prepareAliasMove,
  registryFailure,
  restoreAlias,
  withRegistryVersions
} from "./chunk-ROSOMCWV.js";
import {
  downloadVerified,
  resolveVersion
} from "./chunk-YZHWO5F3.js";
import {
  RECORDS_LOOKED_AT,
  promotionHistory,
  renderHistory
} from "./chunk-4VEFXRG7.js";
import {
  commitUrl,
  link,
  shortSha
} from "./chunk-TR5HTG53.js";
import {
  environmentBefore,
  environmentRefusal,
  firstBrokenRule,
  listedEnvironment,
  livePromotion
} from "./chunk-Z62BL5T3.js";
import {
  Repository,
  escapeMarkdown,
  inlineCode
} from "./chunk-LYO4JN6R.js";
import {
  MODEL_NAME_PATTERN
} from "./chunk-FTQVXRRL.js";
import {
  UserError,
  showUntrusted
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/auto-promotion.ts
var AUTO_VERSION = "auto";
var METRICS_NAMED = 3;
function autoPromotionPlan(models) {
  const candidates = [];
  const skipped = [];
  for (const model of models) {
    const { comparison, head } = model;
    const name = comparison.model;
    const reason = skipReason(model);
    if (reason !== void 0) skipped.push({ model: name, reason, ...head && { version: head.version } });
    else if (comparison.status !== "removed" && head) candidates.push({ model: name, version: head.version });
  }
  return { candidates, skipped };
}
__name(autoPromotionPlan, "autoPromotionPlan");
function skipReason(model) {
  const { comparison, head } = model;
  switch (comparison.status) {
    case "removed":
      return void 0;
    case "missing":
      return "no training came back from this run (the job was cancelled or failed before it uploaded the model)";
    case "failed": {
      if (model.problem !== void 0) return `its artifact could not be used: ${showUntrusted(model.problem, 200)}`;
      const failure = head?.failure;
      if (!failure) return "its training failed";
      const exit = failure.exit_code === null ? "" : ` (exit code ${failure.exit_code})`;
      return `its training failed in the ${failure.phase} phase${exit}: ${showUntrusted(failure.message, 200)}`;
    }
    default:
      break;
  }
  if (comparison.gateFailures === 0) return void 0;
  const failed = comparison.metrics.filter((metric) => metric.gateFailed);
  const named = failed.slice(0, METRICS_NAMED).map((metric) => `${showUntrusted(metric.name, 60)} ${metric.base} \u2192 ${metric.head}`);
  const more = failed.length > METRICS_NAMED ? ` and ${failed.length - METRICS_NAMED} more` : "";
  return `a gated metric regressed beyond its tolerance: ${named.join(", ")}${more}`;
}
__name(skipReason, "skipReason");
function autoRunRefusal(context) {
  const { trigger, defaultBranch } = context;
  if (trigger.kind === "push" && trigger.ref === `refs/heads/${defaultBranch}`) return void 0;
  const what = trigger.kind === "push" ? `a push to ${showUntrusted(trigger.ref.replace(/^refs\/heads\//, ""), 100)}` : `a ${context.eventName.replace(/[^\w-]/g, "")} run`;
  return `version "${AUTO_VERSION}" promotes what a push to ${defaultBranch} trained, and this is ${what}; run it in the push workflow's job after report, or give a run id, commit, version label, latest or previous`;
}
__name(autoRunRefusal, "autoRunRefusal");
function autoTargets(requested, environments, autoEnvironments) {
  if (requested === void 0 || requested === "") return [...autoEnvironments];
  const listed = listedEnvironment(requested, environments);
  if (listed === void 0) {
    return { refusal: `environment ${showUntrusted(requested, 100)} is not one of the environments in model-ci.yml (${environments.join(", ")})` };
  }
  return listedEnvironment(listed, autoEnvironments) === void 0 ? [] : [listed];
}
__name(autoTargets, "autoTargets");
function noAutoEnvironment(requested, environments) {
  const which = requested === void 0 || requested === "" ? "no environment is" : `${listedEnvironment(requested, environments) ?? requested} is not`;
  return `${which} marked auto: true in model-ci.yml, so nothing is promoted automatically (write an environment as { name: staging, auto: true } under "environments" to turn it on)`;
}
__name(noAutoEnvironment, "noAutoEnvironment");

// src/commands/promote/record.ts
async function recordPromotion(deployments, logger, options) {
  const { environment, payload } = options;
  const what = `${payload.model} ${payload.version} to ${environment}`;
  let deploymentId;
  try {
    deploymentId = await deployments.create(environment, payload, options.description);
  } catch (error) {
    throw new UserError(`the promotion of ${what} was not recorded: ${reasonOf(error)}; nothing was promoted, so run the promotion again`, { cause: error });
  }
  const alongside = options.alongside;
  if (alongside) {
    try {
      await alongside.apply(deploymentId);
    } catch (error) {
      const marked = await markFailed(deployments, logger, deploymentId, options.logUrl);
      throw new UserError(
        `the promotion of ${what} was not recorded: ${alongside.what} failed (${reasonOf(error)}); deployment ${deploymentId} ${marked ? "is marked as an error" : "has no status"} and is not live, so run the promotion again`,
        { cause: error }
      );
    }
  }
  try {
    await deployments.setStatus(deploymentId, "success", { logUrl: options.logUrl, description: `Promoted ${payload.version}` });
  } catch (error) {
    if (alongside) await undoAlongside(alongside, logger);
    const marked = await markFailed(deployments, logger, deploymentId, options.logUrl);
    throw new UserError(
      `the promotion of ${what} was not recorded: deployment ${deploymentId} was created, but its success status could not be set (${reasonOf(error)}); ${marked ? "it is marked as an error" : "it has no status"} and is not live, so run the promotion again`,
      { cause: error }
    );
  }
  return deploymentId;
}
__name(recordPromotion, "recordPromotion");
async function undoAlongside(alongside, logger) {
  try {
    await alongside.undo();
  } catch (error) {
    logger.warning(`${alongside.what} could not be undone (${reasonOf(error)}); undo it by hand`);
  }
}
__name(undoAlongside, "undoAlongside");
async function markFailed(deployments, logger, deploymentId, logUrl) {
  try {
    await deployments.setStatus(deploymentId, "error", { logUrl, description: "model-ci could not record the promotion" });
    return true;
  } catch (error) {
    logger.warning(`Deployment ${deploymentId} could not be marked as an error either (${reasonOf(error)}); it has no status, so it is not live`);
    return false;
  }
}
__name(markFailed, "markFailed");
function reasonOf(error) {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}
__name(reasonOf, "reasonOf");

// src/commands/promote/summary.ts
var METRICS_SHOWN = 50;
function registryLine(registry) {
  const before = registry.previous === null ? "not set before" : `was version ${escapeMarkdown(registry.previous)}`;
  return `${inlineCode(`models:/${registry.registeredModel}@${registry.alias}`)} is version ${escapeMarkdown(registry.version)} (${before})`;
}
__name(registryLine, "registryLine");
function renderPromotionSummary(input) {
  const { manifest, source } = input;
  const commit = link(shortSha(manifest.sha), commitUrl(source.url, manifest.sha));
  const lines = [
    `## model-ci: ${inlineCode(manifest.model)} promoted to ${escapeMarkdown(input.environment)}`,
    "",
    "| | |",
    "| --- | --- |",
    `| Version | ${inlineCode(manifest.version)} (${escapeMarkdown(input.foundAs)}) |`,
    `| Digest | ${inlineCode(input.digest)} |`,
    `| Trained in | ${link(`run ${source.id}`, source.url)} (${escapeMarkdown(source.event)}), commit ${commit} |`,
    ...input.automatic ? [`| How | automatically, by the push to ${escapeMarkdown(source.headBranch ?? "the default branch")} (an environment marked ${inlineCode("auto: true")}) |`] : [],
    `| Before | ${input.previousVersion === null ? "nothing was live" : inlineCode(input.previousVersion)} |`,
    `| Deployment | ${input.deploymentId}, ${input.promotedAt.toISOString().slice(0, 16).replace("T", " ")} UTC |`,
    ...input.mlflow ? [`| MLflow | ${registryLine(input.mlflow)} |`] : [],
    ""
  ];
  if (input.rollback) {
    lines.push(
      `This is a rollback to the version live in ${escapeMarkdown(input.environment)} before the current one; it was promoted here before, so the environment-order rule was not applied again.`,
      ""
    );
  }
  const metrics = Object.entries(manifest.metrics);
  if (metrics.length > 0) {
    lines.push("| Metric | Value |", "| --- | --- |");
    for (const [name, value] of metrics.slice(0, METRICS_SHOWN)) lines.push(`| ${inlineCode(name)} | ${value} |`);
    if (metrics.length > METRICS_SHOWN) lines.push("", `\u2026and ${metrics.length - METRICS_SHOWN} more in the manifest.`);
    lines.push("");
  }
  lines.push(`### History of ${inlineCode(manifest.model)} in ${escapeMarkdown(input.environment)}`, "");
  lines.push(input.history === void 0 ? "_The history could not be read; the promotion above is recorded._\n" : renderHistory(input.history, "markdown"));
  return `${lines.join("\n")}
`;
}
__name(renderPromotionSummary, "renderPromotionSummary");

// src/commands/promote/promote.ts
var HISTORY_SHOWN = 10;
async function promote(ports, request) {
  const { model } = request;
  if (!MODEL_NAME_PATTERN.test(model)) {
    throw new UserError(`${showUntrusted(model, 100)} is not a model name: 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit`);
  }
  if (request.version.trim() === AUTO_VERSION) {
    throw new UserError(
      `model-ci promote ${model}: version "${AUTO_VERSION}" is for the run of a push to ${request.defaultBranch} (the workflow's promote-auto job, or model-ci run on ${request.defaultBranch} locally), which promotes every model it trained that passed its gates; to promote one model give a run id, commit, version label, latest or previous`
    );
  }
  const repository = await Repository.read(ports, request.configFile);
  const { environments, promotion, metrics } = repository.config;
  const unlisted = environmentRefusal(request.environment, environments);
  if (unlisted) throw new UserError(`model-ci promote ${model}: ${unlisted.message}`, { file: request.configFile });
  const environment = listedEnvironment(request.environment, environments);
  const before = environmentBefore(environment, environments);
  const read = before === void 0 ? [environment] : [before, environment];
  const creators = promotion.recordCreators;
  const records = new Map(await Promise.all(read.map(async (name) => [name, await ports.deployments.list(name, { limit: RECORDS_LOOKED_AT, creators })])));
  const current = livePromotion(records.get(environment) ?? [], model);
  const target = { model, environment, before, environments, promotion, metricRules: await metricRulesOf(repository, model, metrics), records, current, mlflow: repository.config.mlflow };
  try {
    return await verifyAndRecord(ports, request, target);
  } catch (error) {
    await ports.files.remove(request.destination);
    throw error;
  }
}
__name(promote, "promote");
async function verifyAndRecord(ports, request, target) {
  const { model, environment, before, environments, promotion, records, current } = target;
  const resolved = await resolveVersion(ports, {
    model,
    version: request.version,
    environment,
    defaultBranch: request.defaultBranch,
    records
  });
  const source = request.expectedVersion === void 0 ? resolved : { ...resolved, expectedVersion: request.expectedVersion };
  ports.logger.info(`${model} ${request.version}: ${source.foundAs}, artifact ${source.artifact.name} (id ${source.artifact.id}, ${source.artifact.digest})`);
  const { defaultBranch } = request;
  const namedDefaultBranch = source.run.event === "push" && source.run.headBranch === defaultBranch;
  const facts = {
    model,
    environment,
    environments,
    allowPullRequestSources: promotion.allowPullRequestSources,
    defaultBranch,
    source: source.run,
    sourceInBranchHistory: namedDefaultBranch && await ports.history.contains(defaultBranch, source.run.headSha),
    promotingRunId: request.run.id,
    digest: source.artifact.digest,
    metrics: {},
    metricRules: target.metricRules,
    liveInPreviousEnvironment: before === void 0 ? void 0 : livePromotion(records.get(before) ?? [], model)?.payload.digest,
    rollback: source.rollback
  };
  refuseIfBroken(facts, source.expectedVersion ?? `of run ${source.run.id}`);
  const { manifest, modelDir } = await downloadVerified(
    ports,
    { runId: source.run.id, artifact: source.artifact, model, expectedVersion: source.expectedVersion },
    request.destination
  );
  ports.logger.info(`Verified ${manifest.files.length} file(s) of ${model} ${manifest.version} against the digest and the manifest`);
  refuseIfBroken({ ...facts, metrics: manifest.metrics }, manifest.version);
  const move = await prepareAliasMove(ports, {
    mlflow: target.mlflow,
    connect: ports.tracking,
    environment,
    manifest,
    digest: source.artifact.digest,
    modelDir
  });
  let registry;
  const deploymentId = await recordPromotion(ports.deployments, ports.logger, {
    environment,
    payload: {
      model,
      version: manifest.version,
      digest: source.artifact.digest,
      // The run whose artifact was promoted, so that `previous` finds it again by run and digest.
      run_id: source.run.id,
      sha: manifest.sha,
      metrics: manifest.metrics,
      ...request.actor ? { promoted_by: request.actor } : {},
      ...request.automatic && { automatic: true }
    },
    description: `${model} ${manifest.version}${source.rollback ? " (rollback)" : request.automatic ? " (automatic)" : ""}`,
    logUrl: request.run.url,
    alongside: move && {
      what: `moving the MLflow alias ${move.alias} of ${move.registeredModel} to version ${move.version.version}`,
      apply: /* @__PURE__ */ __name(async (id) => {
        registry = await movedAlias(ports.logger, move, id, { version: manifest.version, digest: source.artifact.digest });
      }, "apply"),
      undo: /* @__PURE__ */ __name(() => restoreAlias(move), "undo")
    }
  });
  ports.logger.info(`Promoted ${model} ${manifest.version} to ${environment}: deployment ${deploymentId}`);
  const recorded = await readHistory(ports, { model, environment, creators: promotion.recordCreators });
  const history = recorded && move ? await withRegistryVersions(ports.logger, recorded, { mlflow: target.mlflow, connect: ports.tracking, model }) : recorded;
  const previousVersion = current?.payload.version ?? null;
  return {
    modelDir,
    version: manifest.version,
    digest: source.artifact.digest,
    previousVersion,
    deploymentId,
    ...registry && { mlflow: registry },
    summary: renderPromotionSummary({
      environment,
      manifest,
      digest: source.artifact.digest,
      source: source.run,
      foundAs: source.foundAs,
      previousVersion,
      deploymentId,
      promotedAt: ports.now(),
      rollback: source.rollback,
      automatic: request.automatic === true,
      history,
      mlflow: registry
    })
  };
}
__name(verifyAndRecord, "verifyAndRecord");
async function movedAlias(logger, move, deploymentId, promotion) {
  try {
    await moveAlias(move, deploymentId, promotion);
  } catch (error) {
    if (move.required) throw error;
    logger.warning(`MLflow skipped: the alias ${move.alias} of ${move.registeredModel} could not be moved (${registryFailure(error)}); the promotion is recorded without it`);
    return void 0;
  }
  logger.info(`MLflow: ${move.registeredModel}@${move.alias} is version ${move.version.version}${move.previous === void 0 ? "" : ` (was ${move.previous})`}`);
  return { registeredModel: move.registeredModel, version: move.version.version, alias: move.alias, previous: move.previous ?? null };
}
__name(movedAlias, "movedAlias");
function refuseIfBroken(facts, version) {
  const refusal = firstBrokenRule(facts);
  if (refusal) throw new UserError(`model-ci promote: ${facts.model} ${version} was not promoted to ${facts.environment}: ${refusal.message}`);
}
__name(refuseIfBroken, "refuseIfBroken");
async function metricRulesOf(repository, name, repositoryRules) {
  const model = repository.model(name);
  if (!model) return repositoryRules;
  const [loaded] = await repository.load([model]);
  return loaded.config().metrics;
}
__name(metricRulesOf, "metricRulesOf");
async function readHistory(ports, target) {
  const { model, environment } = target;
  try {
    return await promotionHistory(ports.deployments, model, [environment], { limit: HISTORY_SHOWN, creators: target.creators });
  } catch (error) {
    ports.logger.warning(`The promotion is recorded, but the history of ${model} in ${environment} could not be read: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    return void 0;
  }
}
__name(readHistory, "readHistory");

export {
  AUTO_VERSION,
  autoPromotionPlan,
  autoRunRefusal,
  autoTargets,
  noAutoEnvironment,
  promote
};
