import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  GitHubArtifactStore,
  runAttempt
} from "./chunk-DKWGYVNZ.js";
import {
  GitHubCacheStore,
  NodeProcessRunner,
  train
} from "./chunk-TPC3GLSX.js";
import "./chunk-C24ZLKII.js";
import {
  hashTree
} from "./chunk-7GFMMLGF.js";
import {
  NodeFileSystem
} from "./chunk-PL7GQDRQ.js";
import "./chunk-227ZVA2U.js";
import "./chunk-75H6ATOT.js";
import "./chunk-4KRRQ3FA.js";
import {
  openCheckout,
  requiredEnv,
  withAnnotationPaths
} from "./chunk-J7ZKASVX.js";
import "./chunk-2VGVURDH.js";
import "./chunk-ULXBQXHO.js";
import {
  getTrainInputs
} from "./chunk-PPYBU2EB.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-TFIZI4EP.js";
import "./chunk-IZDUDMWR.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-ELOHUP5D.js";
import {
  setOutput,
  summary
} from "./chunk-74APWY4Q.js";
import "./chunk-6JMLOLNZ.js";

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
        now: () => /* @__PURE__ */ new Date()
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
function definedEnv(env) {
  const result = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== void 0 && !name.startsWith("INPUT_") && name !== "ACTIONS_RUNTIME_TOKEN" && name !== "ACTIONS_ID_TOKEN_REQUEST_TOKEN") {
      result[name] = value;
    }
  }
  return result;
}
export {
  runTrainAction
};
