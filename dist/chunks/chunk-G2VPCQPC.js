import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  TrackingServerError,
  UPLOADED_MODEL_PATH,
  environmentAlias,
  mlflowName,
  promotionTags,
  versionHolding
} from "./chunk-3MBSJAUZ.js";
import {
  completedPromotions
} from "./chunk-Z62BL5T3.js";
import {
  escapeMarkdown,
  inlineCode
} from "./chunk-SYJRFNCZ.js";
import {
  UserError,
  escapeControlCharacters
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/commands/promote/history.ts
var RECORDS_LOOKED_AT = 100;
var DEFAULT_LIMIT = 20;
async function promotionHistory(deployments, model, environments, options) {
  const perEnvironment = await Promise.all(
    environments.map(async (environment) => {
      const records = completedPromotions(await deployments.list(environment, { limit: RECORDS_LOOKED_AT, creators: options.creators }), model);
      return records.map(
        (record, index) => ({
          environment,
          version: record.payload.version,
          digest: record.payload.digest,
          runId: record.payload.run_id,
          sha: record.payload.sha,
          promotedAt: record.createdAt,
          promotedBy: record.payload.promoted_by ?? record.creator,
          automatic: record.payload.automatic === true,
          live: index === 0,
          deploymentId: record.deploymentId,
          logUrl: record.logUrl
        })
      );
    })
  );
  return perEnvironment.flat().sort((a, b) => b.promotedAt.localeCompare(a.promotedAt) || b.deploymentId - a.deploymentId).slice(0, options.limit ?? DEFAULT_LIMIT);
}
__name(promotionHistory, "promotionHistory");
function renderHistory(entries, format) {
  if (entries.length === 0) return format === "markdown" ? "_No promotions recorded yet._\n" : "No promotions recorded yet.\n";
  return format === "markdown" ? markdownTable(entries) : textTable(entries);
}
__name(renderHistory, "renderHistory");
function hasMlflow(entries) {
  return entries.some((entry) => entry.mlflowVersion !== void 0);
}
__name(hasMlflow, "hasMlflow");
function markdownTable(entries) {
  const mlflow = hasMlflow(entries);
  const rows = entries.map((entry) => {
    const run = isWebLink(entry.logUrl) ? `[log](${entry.logUrl.replace(/\(/g, "%28").replace(/\)/g, "%29")})` : "\u2014";
    const version = mlflow ? ` ${entry.mlflowVersion === void 0 ? "\u2014" : escapeMarkdown(entry.mlflowVersion)} |` : "";
    return `| ${escapeMarkdown(entry.environment)} | ${inlineCode(entry.version)} | ${inlineCode(shortDigest(entry.digest))} |${version} ${shownTime(entry.promotedAt)} | ${escapeMarkdown(entry.promotedBy)} | ${howPromoted(entry)} | ${run} | ${entry.live ? "**live**" : ""} |`;
  });
  const header = mlflow ? "| Environment | Version | Digest | MLflow version | Promoted (UTC) | By | How | Promotion run | Live |" : "| Environment | Version | Digest | Promoted (UTC) | By | How | Promotion run | Live |";
  return [header, `|${" --- |".repeat(mlflow ? 9 : 8)}`, ...rows, ""].join("\n");
}
__name(markdownTable, "markdownTable");
function textTable(entries) {
  const mlflow = hasMlflow(entries);
  const header = ["ENVIRONMENT", "VERSION", "DIGEST", ...mlflow ? ["MLFLOW"] : [], "PROMOTED (UTC)", "BY", "HOW", "LIVE"];
  const rows = entries.map(
    (entry) => [entry.environment, entry.version, shortDigest(entry.digest), ...mlflow ? [entry.mlflowVersion ?? "-"] : [], shownTime(entry.promotedAt), entry.promotedBy, howPromoted(entry), entry.live ? "yes" : ""].map(escapeControlCharacters)
  );
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = /* @__PURE__ */ __name((cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd(), "line");
  return `${[line(header), ...rows.map(line)].join("\n")}
`;
}
__name(textTable, "textTable");
function howPromoted(entry) {
  return entry.automatic ? "automatic" : "manual";
}
__name(howPromoted, "howPromoted");
function shortDigest(digest) {
  return digest.length > 19 ? `${digest.slice(0, 19)}\u2026` : digest;
}
__name(shortDigest, "shortDigest");
function shownTime(iso) {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]}` : escapeControlCharacters(iso);
}
__name(shownTime, "shownTime");
function isWebLink(url) {
  return url !== null && /^https?:\/\/[^\s<>"'`|\\]+$/.test(url);
}
__name(isWebLink, "isWebLink");

// src/commands/promote/registry.ts
import { join } from "node:path/posix";
async function prepareAliasMove(ports, request) {
  const { mlflow, manifest } = request;
  if (!mlflow) return void 0;
  const what = `${manifest.model} ${manifest.version}`;
  const unusable = /* @__PURE__ */ __name((reason) => {
    if (mlflow.required) {
      throw new UserError(`model-ci promote: ${what} was not promoted to ${request.environment}: ${reason}; model-ci.yml's mlflow block says required: true, so nothing was recorded`);
    }
    ports.logger.warning(`model-ci promote ${what}: MLflow skipped: ${reason}; the promotion is recorded without moving the ${environmentAlias(request.environment)} alias`);
    return void 0;
  }, "unusable");
  const uri = mlflow.trackingUri ?? request.trackingUri;
  if (!uri) return unusable("no tracking server: set MLFLOW_TRACKING_URI in the job (a secret) or mlflow.tracking-uri in model-ci.yml");
  if (!request.connect) return unusable("this platform has no MLflow client");
  if (!manifest.mlflow || "skipped" in manifest.mlflow) {
    return unusable(`its training has no MLflow run${manifest.mlflow ? ` (MLflow was skipped: ${manifest.mlflow.skipped})` : ""}; promote a training that ran with MLflow on`);
  }
  const run = manifest.mlflow;
  const registeredModel = mlflowName(mlflow.registeredModel, manifest.model);
  const alias = environmentAlias(request.environment);
  try {
    const server = request.connect(uri);
    await server.ensureRegisteredModel(registeredModel);
    const registered = versionHolding(await server.modelVersions(registeredModel), { version: manifest.version, digest: request.digest });
    const version = registered ?? await registerVersion(ports, server, { registeredModel, run, manifest, digest: request.digest, modelDir: request.modelDir });
    if (registered) ports.logger.info(`MLflow: ${registeredModel} version ${registered.version} holds ${what} already`);
    return { server, registeredModel, alias, version, previous: await server.alias(registeredModel, alias), required: mlflow.required };
  } catch (error) {
    return unusable(`the MLflow registry could not be used: ${registryFailure(error)}`);
  }
}
__name(prepareAliasMove, "prepareAliasMove");
async function registerVersion(ports, server, request) {
  const { run, manifest } = request;
  const tags = { "model_ci.version": manifest.version, "model_ci.digest": request.digest };
  const [logged] = await server.loggedModels(run.experiment_id, run.run_id);
  if (logged) {
    const version2 = await server.createModelVersion({ name: request.registeredModel, source: logged.uri, runId: run.run_id, modelId: logged.modelId, tags });
    ports.logger.info(`MLflow: registered ${request.registeredModel} version ${version2.version} from the model the run logged (${logged.uri})`);
    return version2;
  }
  const tracked = await server.getRun(run.run_id);
  for (const file of manifest.files) {
    const path = join(request.modelDir, file.path);
    await server.uploadArtifact(tracked, `${UPLOADED_MODEL_PATH}/${file.path}`, ports.files.readStream(path), file.size);
  }
  const source = `runs:/${run.run_id}/${UPLOADED_MODEL_PATH}`;
  const version = await server.createModelVersion({ name: request.registeredModel, source, runId: run.run_id, tags });
  ports.logger.info(`MLflow: the run logged no model; registered ${request.registeredModel} version ${version.version} from the ${manifest.files.length} verified file(s) uploaded to ${source}`);
  return version;
}
__name(registerVersion, "registerVersion");
async function moveAlias(move, deploymentId, promotion) {
  const tags = promotionTags({ ...promotion, deploymentId });
  await move.server.setModelVersionTag(move.registeredModel, move.version.version, "model_ci.deployment_id", tags["model_ci.deployment_id"]);
  await move.server.setAlias(move.registeredModel, move.alias, move.version.version);
}
__name(moveAlias, "moveAlias");
async function restoreAlias(move) {
  if (move.previous === void 0) await move.server.deleteAlias(move.registeredModel, move.alias);
  else await move.server.setAlias(move.registeredModel, move.alias, move.previous);
}
__name(restoreAlias, "restoreAlias");
function registryFailure(error) {
  if (error instanceof TrackingServerError) return error.message;
  throw error;
}
__name(registryFailure, "registryFailure");
async function withRegistryVersions(logger, entries, request) {
  const uri = request.mlflow?.trackingUri ?? request.trackingUri;
  if (!request.mlflow || !uri || !request.connect || entries.length === 0) return entries;
  const registeredModel = mlflowName(request.mlflow.registeredModel, request.model);
  try {
    const versions = await request.connect(uri).modelVersions(registeredModel);
    return entries.map((entry) => {
      const held = versionHolding(versions, entry);
      return held ? { ...entry, mlflowVersion: held.version } : entry;
    });
  } catch (error) {
    logger.warning(`The MLflow versions of ${registeredModel} could not be read (${registryFailure(error)}); the history shows model-ci's records alone`);
    return entries;
  }
}
__name(withRegistryVersions, "withRegistryVersions");

export {
  RECORDS_LOOKED_AT,
  promotionHistory,
  renderHistory,
  prepareAliasMove,
  moveAlias,
  restoreAlias,
  registryFailure,
  withRegistryVersions
};
