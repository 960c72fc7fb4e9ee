import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  compareMetrics
} from "./chunk-F7IPPOV2.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/monitoring.ts
var MONITOR_ARTIFACT = "model-ci-monitor";
var MONITOR_FILE = "monitor.json";
function judgeMonitoring(live, measured, rules) {
  const measuredAtPromotion = Object.fromEntries(Object.entries(live.metrics).filter(([name]) => Object.hasOwn(measured, name)));
  const comparisons = compareMetrics(measuredAtPromotion, measured, rules);
  const regressed = comparisons.filter((metric) => metric.verdict === "regressed").map((metric) => metric.name);
  const gateFailed = comparisons.some((metric) => metric.gateFailed);
  return {
    comparisons,
    result: {
      version: live.version,
      digest: live.digest,
      verdict: regressed.length > 0 ? "degraded" : "healthy",
      metrics: { ...measured },
      promoted_metrics: { ...live.metrics },
      regressed,
      gate_failed: gateFailed,
      failure: null
    }
  };
}
__name(judgeMonitoring, "judgeMonitoring");
function failedMonitoring(live, failure) {
  return {
    comparisons: [],
    result: {
      version: live.version,
      digest: live.digest,
      verdict: "failed",
      metrics: {},
      promoted_metrics: { ...live.metrics },
      regressed: [],
      gate_failed: false,
      failure
    }
  };
}
__name(failedMonitoring, "failedMonitoring");
function monitoringFails(models) {
  for (const model of models) if (model.gate_failed || model.verdict === "failed") return true;
  return false;
}
__name(monitoringFails, "monitoringFails");
function emptyMonitoredModels() {
  return /* @__PURE__ */ Object.create(null);
}
__name(emptyMonitoredModels, "emptyMonitoredModels");
function serializeMonitorRecord(record) {
  const models = emptyMonitoredModels();
  for (const name of Object.keys(record.models).sort()) {
    const model = record.models[name];
    models[name] = {
      version: model.version,
      digest: model.digest,
      verdict: model.verdict,
      metrics: model.metrics,
      promoted_metrics: model.promoted_metrics,
      regressed: model.regressed,
      gate_failed: model.gate_failed,
      failure: model.failure && { phase: model.failure.phase, message: model.failure.message }
    };
  }
  const ordered = { schema: 1, environment: record.environment, sha: record.sha, run_id: record.run_id, created_at: record.created_at, models };
  return `${JSON.stringify(ordered, null, 2)}
`;
}
__name(serializeMonitorRecord, "serializeMonitorRecord");

export {
  MONITOR_ARTIFACT,
  MONITOR_FILE,
  judgeMonitoring,
  failedMonitoring,
  monitoringFails,
  emptyMonitoredModels,
  serializeMonitorRecord
};
