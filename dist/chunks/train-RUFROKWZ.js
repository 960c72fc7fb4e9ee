import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  blankStartupEnvironment
} from "./chunk-2M6T2LIP.js";
import {
  NodeProcessRunner,
  train,
  trainEach
} from "./chunk-4UTYDFXH.js";
import {
  GitHubCacheStore
} from "./chunk-YMBPVG4G.js";
import "./chunk-L3QIWTCR.js";
import {
  trackingConnector
} from "./chunk-5UWSSAHD.js";
import {
  hashTree
} from "./chunk-V7WXQM7V.js";
import "./chunk-L7GLD6KN.js";
import "./chunk-LNU257AZ.js";
import "./chunk-54F34Y4H.js";
import {
  NodeFileSystem
} from "./chunk-NM4CCGW3.js";
import {
  GitHubArtifactStore,
  GitHubBranchHistory,
  GitHubWorkflowRuns,
  commandEnv,
  currentRun
} from "./chunk-UCS5KP7G.js";
import "./chunk-FNDP2GQY.js";
import "./chunk-Z62BL5T3.js";
import "./chunk-UUCS4V4X.js";
import "./chunk-MIR6WUZ2.js";
import {
  openCheckout,
  withAnnotationPaths
} from "./chunk-EF2MYDFB.js";
import {
  count
} from "./chunk-LYO4JN6R.js";
import {
  readRunContext,
  requiredEnv
} from "./chunk-PTU7GM4Q.js";
import "./chunk-CYNM7F7O.js";
import {
  getTrainInputs
} from "./chunk-32D2ULUP.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-AFTLNK3V.js";
import "./chunk-C7AT6DMJ.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-YUSQHEK4.js";
import "./chunk-V6RXHKOK.js";
import "./chunk-WQATJMJ6.js";
import {
  createGitHubClient
} from "./chunk-GCMKBNH7.js";
import "./chunk-RTT2E5ZA.js";
import "./chunk-HH2CR6UK.js";
import "./chunk-CEIG5RFU.js";
import {
  error,
  setOutput,
  summary
} from "./chunk-MUZ4VW64.js";
import "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/action/train.ts
var SUMMARY_LIMIT = 34e4;
async function runTrainAction(common) {
  const inputs = getTrainInputs(common);
  const blanked = blankStartupEnvironment();
  const checkout = await openCheckout(inputs);
  const context = readRunContext(process.env, inputs.defaultBranch);
  const run = { ...runOf(process.env), pullRequest: context.trigger.kind === "pull_request" ? context.trigger.number : void 0 };
  const logger = checkout.ports.logger;
  if (!blanked) logger.debug("The environment this process started with could not be blanked; the training can read it in /proc");
  const ports = {
    ...checkout.ports,
    runner: new NodeProcessRunner(),
    artifacts: new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: inputs.token, repository: context.repository, logger }),
    cache: new GitHubCacheStore(logger),
    cacheOrigin: run.ref === `refs/heads/${context.defaultBranch}` ? cacheOriginOf(inputs.token, context) : void 0,
    hashTree,
    files: new NodeFileSystem(),
    now: /* @__PURE__ */ __name(() => /* @__PURE__ */ new Date(), "now"),
    tracking: trackingConnector(process.env)
  };
  const request = {
    configFile: inputs.configFile,
    run,
    tempDir: requiredEnv("RUNNER_TEMP"),
    interpreter: inputs.python,
    pipArgs: inputs.pipArgs,
    retentionDays: inputs.retentionDays,
    env: commandEnv(process.env)
  };
  if (inputs.batch) {
    const trainings = await withAnnotationPaths(checkout, () => trainEach(ports, { ...request, models: inputs.models, jobs: inputs.jobs }));
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
function cacheOriginOf(token, context) {
  const client = createGitHubClient(token);
  return { branch: context.defaultBranch, runs: new GitHubWorkflowRuns(client, context.repository), history: new GitHubBranchHistory(client, context.repository) };
}
__name(cacheOriginOf, "cacheOriginOf");
function runOf(env) {
  const { id, attempt, url } = currentRun(env);
  return {
    id,
    attempt,
    url,
    sha: requiredEnv("GITHUB_SHA", env),
    ref: env.GITHUB_REF ?? "",
    event: env.GITHUB_EVENT_NAME ?? "",
    runnerOs: env.RUNNER_OS || "Linux"
  };
}
__name(runOf, "runOf");
export {
  runTrainAction
};
