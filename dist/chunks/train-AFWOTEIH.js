import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  GitHubArtifactStore,
  runAttempt
} from "./chunk-VNKH4JUN.js";
import {
  GitHubCacheStore,
  NodeProcessRunner,
  train
} from "./chunk-43CRJAPL.js";
import "./chunk-KBPBGJJO.js";
import {
  hashTree
} from "./chunk-HNOYRDOL.js";
import "./chunk-WV7PDZT2.js";
import "./chunk-EXMN6DPH.js";
import "./chunk-43HFX624.js";
import "./chunk-WF4PJE3Q.js";
import {
  openCheckout,
  requiredEnv,
  withAnnotationPaths
} from "./chunk-5SQTSD3F.js";
import "./chunk-2VGVURDH.js";
import "./chunk-3F3CGAHI.js";
import {
  getTrainInputs
} from "./chunk-4O5BTJGD.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-TMHXZZZC.js";
import "./chunk-IZDUDMWR.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-GNSC3OUJ.js";
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
