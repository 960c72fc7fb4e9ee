import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  promote
} from "./chunk-3GN6YT63.js";
import {
  judgeRun
} from "./chunk-MVTSV5JB.js";
import {
  listedEnvironment
} from "./chunk-WOHD2INY.js";
import {
  Repository,
  escapeMarkdown,
  inlineCode
} from "./chunk-WRDFV4U7.js";
import {
  UserError,
  isUserError,
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

// src/commands/promote/auto.ts
async function promoteAutomatically(ports, request) {
  const refusal = autoRunRefusal(request.context);
  if (refusal) throw new UserError(`model-ci promote: ${refusal}`);
  const { config } = await Repository.read(ports, request.configFile);
  const targets = autoTargets(request.environment, config.environments, config.autoEnvironments);
  if (!Array.isArray(targets)) throw new UserError(`model-ci promote: ${targets.refusal}`, { file: request.configFile });
  if (targets.length === 0) {
    const why = noAutoEnvironment(request.environment, config.environments);
    ports.logger.debug(`model-ci promote: ${why}`);
    return { environments: [], promoted: [], notPromoted: [], summary: `## model-ci: automatic promotion

${escapeMarkdown(why)}.
` };
  }
  const judged = await judgeRun(ports, { configFile: request.configFile, expectedModels: request.expectedModels, context: request.context, run: request.run });
  const plan = autoPromotionPlan(judged.built.models);
  ports.logger.info(
    `Automatic promotion to ${targets.join(", ")}: ${plan.candidates.length} model(s) passed their gates` + (plan.skipped.length > 0 ? `, ${plan.skipped.length} did not (${plan.skipped.map((skip) => skip.model).join(", ")})` : "")
  );
  const promoted = [];
  const notPromoted = [];
  const summaries = [];
  for (const environment of targets) {
    for (const skip of plan.skipped) notPromoted.push({ model: skip.model, environment, reason: skip.reason, failed: false });
    for (const candidate of plan.candidates) {
      const outcome = await promoteOne(ports, request, environment, candidate);
      if ("reason" in outcome) {
        ports.logger.warning(`${candidate.model} was not promoted to ${environment}: ${outcome.reason}`);
        notPromoted.push({ model: candidate.model, environment, reason: outcome.reason, failed: true });
      } else {
        promoted.push(outcome.promotion);
        summaries.push(outcome.summary);
      }
    }
  }
  for (const skip of plan.skipped) ports.logger.info(`${skip.model} is not promoted automatically: ${skip.reason}`);
  const failed = notPromoted.filter((entry) => entry.failed);
  return {
    environments: targets,
    promoted,
    notPromoted,
    summary: renderAutoSummary({ environments: targets, context: request.context, actor: request.actor, plan, promoted, notPromoted, summaries }),
    error: failed.length === 0 ? void 0 : new UserError(
      `model-ci promote: ${failed.length} promotion(s) of models that passed their gates failed: ${failed.slice(0, 5).map((entry) => `${entry.model} to ${entry.environment} (${entry.reason})`).join("; ")}${failed.length > 5 ? ` and ${failed.length - 5} more` : ""}`
    )
  };
}
__name(promoteAutomatically, "promoteAutomatically");
async function promoteOne(ports, request, environment, candidate) {
  const destination = request.destination(environment, candidate.model);
  try {
    const result = await promote(ports, {
      configFile: request.configFile,
      model: candidate.model,
      // This run's artifact of the model: a run-cache hit uploads the reused training in this run too.
      version: String(request.run.id),
      expectedVersion: candidate.version,
      environment,
      defaultBranch: request.context.defaultBranch,
      run: { id: request.run.id, url: request.run.url },
      actor: request.actor,
      destination,
      trackingUri: request.trackingUri,
      automatic: true
    });
    return {
      promotion: {
        model: candidate.model,
        environment,
        version: result.version,
        digest: result.digest,
        deploymentId: result.deploymentId,
        previousVersion: result.previousVersion,
        modelDir: result.modelDir
      },
      summary: result.summary
    };
  } catch (error) {
    if (!isUserError(error)) ports.logger.debug(error instanceof Error ? error.stack ?? error.message : String(error));
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { reason: message.replace(/^model-ci promote: /, "") };
  }
}
__name(promoteOne, "promoteOne");
function renderAutoSummary(input) {
  const { context } = input;
  const sha = context.trigger.kind === "push" ? context.trigger.after : context.sha;
  const by = input.actor ? ` by ${escapeMarkdown(input.actor)}` : "";
  const lines = [
    `## model-ci: automatic promotion to ${input.environments.map(escapeMarkdown).join(", ")}`,
    "",
    `The push of ${inlineCode(sha.slice(0, 7))} to ${escapeMarkdown(context.defaultBranch)}${by}: every model it trained or reused that passed all its gates is promoted (${inlineCode(`version: ${AUTO_VERSION}`)}).`,
    ""
  ];
  for (const environment of input.environments) {
    const rows = [];
    for (const promotion of input.promoted.filter((entry) => entry.environment === environment)) {
      const was = promotion.previousVersion === null ? "nothing was live" : `was ${inlineCode(promotion.previousVersion)}`;
      rows.push(`| ${inlineCode(promotion.model)} | ${inlineCode(promotion.version)} | \u2705 promoted: deployment ${promotion.deploymentId} (${was}) |`);
    }
    for (const entry of input.notPromoted.filter((item) => item.environment === environment)) {
      const version = [...input.plan.candidates, ...input.plan.skipped].find((item) => item.model === entry.model)?.version;
      rows.push(`| ${inlineCode(entry.model)} | ${version === void 0 ? "\u2014" : inlineCode(version)} | \u274C not promoted: ${escapeMarkdown(entry.reason)} |`);
    }
    lines.push(`### ${escapeMarkdown(environment)}`, "");
    if (rows.length === 0) lines.push("_This push trained no model._", "");
    else lines.push("| Model | Version | Result |", "| --- | --- | --- |", ...rows, "");
  }
  return `${[...lines, ...input.summaries].join("\n")}
`;
}
__name(renderAutoSummary, "renderAutoSummary");

export {
  AUTO_VERSION,
  autoRunRefusal,
  promoteAutomatically
};
