import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/ports/tracking-server.ts
var NO_TRACKING_SERVER = "NO_TRACKING_SERVER";
var TrackingServerError = class extends Error {
  static {
    __name(this, "TrackingServerError");
  }
  name = "TrackingServerError";
  /** MLflow's error_code (RESOURCE_DOES_NOT_EXIST, ...), or the HTTP status, or 'UNREACHABLE'. */
  code;
  constructor(message, code) {
    super(message);
    this.code = code;
  }
};

// src/core/mlflow.ts
function mlflowName(template, model) {
  return template.replaceAll("{model}", model);
}
__name(mlflowName, "mlflowName");
function trainingTags(training) {
  const tags = {
    "model_ci.model": training.model,
    "model_ci.version": training.version,
    "model_ci.fingerprint": training.fingerprint,
    "model_ci.sha": training.sha,
    "model_ci.ref": training.ref,
    "model_ci.event": training.event,
    // MLflow's own tag for the commit: its UI shows it in the run's source column.
    "mlflow.source.git.commit": training.sha
  };
  if (training.runUrl !== void 0) tags["model_ci.run_url"] = training.runUrl;
  if (training.pullRequest !== void 0) tags["model_ci.pull_request"] = String(training.pullRequest);
  return tags;
}
__name(trainingTags, "trainingTags");
function metricsToLog(read, logged) {
  return Object.fromEntries(Object.entries(read).filter(([name]) => !Object.hasOwn(logged, name)));
}
__name(metricsToLog, "metricsToLog");
function environmentAlias(environment) {
  const alias = environment.toLowerCase().replace(/[^a-z0-9_-]+/g, "-");
  return alias === "latest" || /^v\d+$/.test(alias) ? `env-${alias}` : alias;
}
__name(environmentAlias, "environmentAlias");
function promotionTags(promotion) {
  return {
    "model_ci.version": promotion.version,
    "model_ci.digest": promotion.digest,
    "model_ci.deployment_id": String(promotion.deploymentId)
  };
}
__name(promotionTags, "promotionTags");
function versionHolding(versions, training) {
  return versions.find((v) => v.tags["model_ci.version"] === training.version && v.tags["model_ci.digest"] === training.digest);
}
__name(versionHolding, "versionHolding");
var UPLOADED_MODEL_PATH = "model-ci";

export {
  NO_TRACKING_SERVER,
  TrackingServerError,
  mlflowName,
  trainingTags,
  metricsToLog,
  environmentAlias,
  promotionTags,
  versionHolding,
  UPLOADED_MODEL_PATH
};
