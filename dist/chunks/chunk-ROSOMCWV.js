import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  NO_TRACKING_SERVER,
  TrackingServerError,
  UPLOADED_MODEL_PATH,
  environmentAlias,
  mlflowName,
  promotionTags,
  versionHolding
} from "./chunk-L7GLD6KN.js";
import {
  UserError
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

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
  if (!request.connect) return unusable("this platform has no MLflow client");
  if (!manifest.mlflow || "skipped" in manifest.mlflow) {
    return unusable(`its training has no MLflow run${manifest.mlflow ? ` (MLflow was skipped: ${manifest.mlflow.skipped})` : ""}; promote a training that ran with MLflow on`);
  }
  const run = manifest.mlflow;
  const registeredModel = mlflowName(mlflow.registeredModel, manifest.model);
  const alias = environmentAlias(request.environment);
  try {
    const server = request.connect(mlflow.trackingUri);
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
  if (!request.mlflow || !request.connect || entries.length === 0) return entries;
  const registeredModel = mlflowName(request.mlflow.registeredModel, request.model);
  try {
    const versions = await request.connect(request.mlflow.trackingUri).modelVersions(registeredModel);
    return entries.map((entry) => {
      const held = versionHolding(versions, entry);
      return held ? { ...entry, mlflowVersion: held.version } : entry;
    });
  } catch (error) {
    if (error instanceof TrackingServerError && error.code === NO_TRACKING_SERVER) return entries;
    logger.warning(`The MLflow versions of ${registeredModel} could not be read (${registryFailure(error)}); the history shows model-ci's records alone`);
    return entries;
  }
}
__name(withRegistryVersions, "withRegistryVersions");

export {
  prepareAliasMove,
  moveAlias,
  restoreAlias,
  registryFailure,
  withRegistryVersions
};
