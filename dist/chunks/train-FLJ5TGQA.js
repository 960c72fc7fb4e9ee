import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  GitHubArtifactStore,
  runAttempt
} from "./chunk-NSBNNQTM.js";
import {
  GitHubCacheStore,
  NodeProcessRunner,
  train
} from "./chunk-3SX57IXN.js";
import "./chunk-DQSTU2KO.js";
import {
  hashTree
} from "./chunk-OHZDVR6X.js";
import {
  NodeFileSystem
} from "./chunk-HRYQHVQO.js";
import "./chunk-2Y2OQO3M.js";
import "./chunk-YK7ANJ5A.js";
import "./chunk-RGQSQ6VL.js";
import "./chunk-CXGUPMT6.js";
import {
  openCheckout,
  requiredEnv,
  withAnnotationPaths
} from "./chunk-LIXHA5HD.js";
import "./chunk-GZSWI5FM.js";
import "./chunk-7RD6YKSP.js";
import {
  getTrainInputs
} from "./chunk-MEM7FYBG.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-P3HCSURS.js";
import "./chunk-QBETYKPB.js";
import "./chunk-CN6ZETB5.js";
import {
  setOutput,
  summary
} from "./chunk-ES5T7FVD.js";
import "./chunk-MBAQQDDT.js";
import {
  __name
} from "./chunk-752PIHHL.js";

// src/action/train.ts
async function runTrainAction(common) {
  const inputs = getTrainInputs(common);
  const checkout = await openCheckout(inputs);
  const run = runOf(process.env);
  const [owner, repo] = requiredEnv("GITHUB_REPOSITORY").split("/");
  const logger = checkout.ports.logger;
  const result = await withAnnotationPaths(
    checkout,
    () => train(
      {
        ...checkout.ports,
        runner: new NodeProcessRunner(),
        artifacts: new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: inputs.token, repository: { owner, repo }, logger }),
        cache: new GitHubCacheStore(logger),
        hashTree,
        files: new NodeFileSystem(),
        now: /* @__PURE__ */ __name(() => /* @__PURE__ */ new Date(), "now")
      },
      {
        model: inputs.model,
        configFile: inputs.configFile,
        run,
        tempDir: requiredEnv("RUNNER_TEMP"),
        interpreter: inputs.python,
        pipArgs: inputs.pipArgs,
        retentionDays: inputs.retentionDays,
        env: definedEnv(process.env)
      }
    )
  );
  setOutput("metrics" /* Metrics */, JSON.stringify(result.manifest.metrics));
  setOutput("artifact-name" /* ArtifactName */, result.artifact.name);
  setOutput("artifact-id" /* ArtifactId */, String(result.artifact.id));
  setOutput("digest" /* Digest */, result.artifact.digest);
  setOutput("fingerprint" /* Fingerprint */, result.manifest.fingerprint);
  setOutput("cache-hit" /* CacheHit */, result.cacheHit ? "true" : "false");
  await summary.addRaw(result.summary).write();
  if (result.error) throw result.error;
}
__name(runTrainAction, "runTrainAction");
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
