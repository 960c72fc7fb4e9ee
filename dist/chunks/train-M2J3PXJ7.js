import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  GitHubArtifactStore,
  runAttempt
} from "./chunk-723PI6SU.js";
import {
  openCheckout,
  withAnnotationPaths
} from "./chunk-FL7AR2SL.js";
import {
  requiredEnv
} from "./chunk-XKOMN5IS.js";
import {
  GitHubCacheStore,
  NodeProcessRunner,
  train,
  trainEach
} from "./chunk-RIM6COGL.js";
import "./chunk-Y6SY56W3.js";
import {
  hashTree
} from "./chunk-OHZDVR6X.js";
import "./chunk-CFV76OWT.js";
import {
  count
} from "./chunk-GZSWI5FM.js";
import {
  NodeFileSystem
} from "./chunk-WUYFTWOF.js";
import "./chunk-2Y2OQO3M.js";
import "./chunk-JNYJIKO4.js";
import {
  getTrainInputs
} from "./chunk-YRMUNTBO.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-YK7ANJ5A.js";
import "./chunk-RGQSQ6VL.js";
import "./chunk-P3HCSURS.js";
import "./chunk-QBETYKPB.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-CXGUPMT6.js";
import "./chunk-MBAQQDDT.js";
import {
  error,
  setOutput,
  summary
} from "./chunk-ES5T7FVD.js";
import {
  __name
} from "./chunk-752PIHHL.js";

// src/action/train.ts
var SUMMARY_LIMIT = 34e4;
async function runTrainAction(common) {
  const inputs = getTrainInputs(common);
  const checkout = await openCheckout(inputs);
  const run = runOf(process.env);
  const [owner, repo] = requiredEnv("GITHUB_REPOSITORY").split("/");
  const logger = checkout.ports.logger;
  const ports = {
    ...checkout.ports,
    runner: new NodeProcessRunner(),
    artifacts: new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: inputs.token, repository: { owner, repo }, logger }),
    cache: new GitHubCacheStore(logger),
    hashTree,
    files: new NodeFileSystem(),
    now: /* @__PURE__ */ __name(() => /* @__PURE__ */ new Date(), "now")
  };
  const request = {
    configFile: inputs.configFile,
    run,
    tempDir: requiredEnv("RUNNER_TEMP"),
    interpreter: inputs.python,
    pipArgs: inputs.pipArgs,
    retentionDays: inputs.retentionDays,
    env: definedEnv(process.env)
  };
  if (inputs.batch) {
    const trainings = await withAnnotationPaths(checkout, () => trainEach(ports, { ...request, models: inputs.models }));
    await reportBatch(checkout, trainings);
    return;
  }
  const result = await withAnnotationPaths(checkout, () => train(ports, { ...request, model: inputs.models[0] }));
  for (const [name, value] of Object.entries(outputValues(result))) setOutput(name, value);
  await summary.addRaw(result.summary).write();
  if (result.error) throw result.error;
}
__name(runTrainAction, "runTrainAction");
var TRAIN_OUTPUTS = ["metrics" /* Metrics */, "artifact-name" /* ArtifactName */, "artifact-id" /* ArtifactId */, "digest" /* Digest */, "fingerprint" /* Fingerprint */, "cache-hit" /* CacheHit */];
function outputValues(result) {
  return {
    ["metrics" /* Metrics */]: result.manifest.metrics,
    ["artifact-name" /* ArtifactName */]: result.artifact.name,
    ["artifact-id" /* ArtifactId */]: result.artifact.id,
    ["digest" /* Digest */]: result.artifact.digest,
    ["fingerprint" /* Fingerprint */]: result.manifest.fingerprint,
    ["cache-hit" /* CacheHit */]: result.cacheHit
  };
}
__name(outputValues, "outputValues");
async function reportBatch(checkout, trainings) {
  const outputs = Object.fromEntries(TRAIN_OUTPUTS.map((name) => [name, {}]));
  let summary2 = "";
  let unsummarized = 0;
  const failed = [];
  for (const training of trainings) {
    if ("error" in training) {
      failed.push(training.error);
      continue;
    }
    const { result } = training;
    if (result.error) failed.push(result.error);
    for (const [name, value] of Object.entries(outputValues(result))) outputs[name][training.model] = value;
    if (summary2.length + result.summary.length <= SUMMARY_LIMIT) summary2 += `${result.summary}
`;
    else unsummarized++;
  }
  for (const [name, byModel] of Object.entries(outputs)) setOutput(name, byModel);
  const outcome = `**${trainings.length - failed.length} of ${count(trainings.length, "model")} trained${failed.length > 0 ? `, ${failed.length} failed` : ""}.**`;
  const cut = unsummarized > 0 ? ` ${count(unsummarized, "more model")} not summarized here: each model's manifest is in its artifact.` : "";
  await summary.addRaw(`${summary2}${outcome}${cut}
`).write();
  for (const error2 of failed) {
    error(error2.message, { title: "model-ci", file: error2.file === void 0 ? void 0 : checkout.annotationPath(error2.file) });
  }
  if (failed.length > 0) process.exitCode = 1;
}
__name(reportBatch, "reportBatch");
function runOf(env) {
  const { id, attempt } = runAttempt(env);
  return {
    id,
    attempt,
    sha: requiredEnv("GITHUB_SHA", env),
    ref: env.GITHUB_REF ?? "",
    event: env.GITHUB_EVENT_NAME ?? "",
    runnerOs: env.RUNNER_OS || "Linux"
  };
}
__name(runOf, "runOf");
function definedEnv(env) {
  const result = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== void 0 && !name.startsWith("INPUT_") && name !== "ACTIONS_RUNTIME_TOKEN" && name !== "ACTIONS_ID_TOKEN_REQUEST_TOKEN") {
      result[name] = value;
    }
  }
  return result;
}
__name(definedEnv, "definedEnv");
export {
  runTrainAction
};
