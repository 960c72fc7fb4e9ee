import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  AUTO_VERSION,
  autoPromotionPlan,
  autoRunRefusal,
  autoTargets,
  noAutoEnvironment,
  promote
} from "./chunk-HM7PB2VM.js";
import {
  judgeRun
} from "./chunk-5TDFY2OQ.js";
import {
  Repository,
  escapeMarkdown,
  inlineCode
} from "./chunk-LYO4JN6R.js";
import {
  UserError,
  isUserError
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

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
  promoteAutomatically
};
