import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  promoteAutomatically
} from "./chunk-SBDO52S7.js";
import {
  AUTO_VERSION,
  autoRunRefusal,
  promote
} from "./chunk-HM7PB2VM.js";
import "./chunk-ROSOMCWV.js";
import "./chunk-YZHWO5F3.js";
import {
  trackingConnector
} from "./chunk-5UWSSAHD.js";
import {
  hashTree
} from "./chunk-V7WXQM7V.js";
import "./chunk-L7GLD6KN.js";
import "./chunk-5TDFY2OQ.js";
import "./chunk-UEYPEA26.js";
import "./chunk-T5MJI2ZD.js";
import "./chunk-LNU257AZ.js";
import "./chunk-54F34Y4H.js";
import {
  GitHubDeployments
} from "./chunk-LMGUBZLS.js";
import "./chunk-4VEFXRG7.js";
import "./chunk-CPDECAPN.js";
import {
  GitHubPullRequestThreads
} from "./chunk-2GV6CNUM.js";
import "./chunk-F7IPPOV2.js";
import "./chunk-TR5HTG53.js";
import "./chunk-KI7WHRU4.js";
import {
  NodeFileSystem
} from "./chunk-NM4CCGW3.js";
import {
  GitHubArtifactStore,
  GitHubBranchHistory,
  GitHubWorkflowRuns,
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
import "./chunk-LYO4JN6R.js";
import {
  readRunContext,
  requiredEnv
} from "./chunk-PTU7GM4Q.js";
import "./chunk-CYNM7F7O.js";
import {
  getPromoteInputs
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
  setOutput,
  summary
} from "./chunk-MUZ4VW64.js";
import {
  UserError,
  showUntrusted
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/action/promote.ts
import { join } from "node:path";
async function runPromoteAction(common) {
  const inputs = getPromoteInputs(common);
  const checkout = await openCheckout(inputs);
  const context = readRunContext(process.env, inputs.defaultBranch);
  const autoRefusal = inputs.version === AUTO_VERSION ? autoRunRefusal(context) : void 0;
  if (autoRefusal) throw new UserError(`model-ci promote: ${autoRefusal}`);
  refuseOtherRefs(requiredEnv("GITHUB_REF"), context.defaultBranch);
  const run = currentRun(process.env);
  const client = createGitHubClient(inputs.token);
  const threads = new GitHubPullRequestThreads(client, context.repository);
  const logger = checkout.ports.logger;
  const runs = new GitHubWorkflowRuns(client, context.repository);
  const ports = {
    ...checkout.ports,
    artifacts: new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: inputs.token, repository: context.repository, logger }),
    runs,
    history: new GitHubBranchHistory(client, context.repository),
    // The login the token writes as, as report tells its own comments by it.
    deployments: new GitHubDeployments(client, context.repository, () => threads.ownLogin()),
    hashTree,
    files: new NodeFileSystem(),
    now: /* @__PURE__ */ __name(() => /* @__PURE__ */ new Date(), "now"),
    tracking: trackingConnector(process.env)
  };
  const actor = process.env.GITHUB_TRIGGERING_ACTOR || process.env.GITHUB_ACTOR || void 0;
  if (inputs.version === AUTO_VERSION) {
    const auto = inputs;
    const root = join(requiredEnv("RUNNER_TEMP"), "model-ci", "promote", "auto");
    const result2 = await withAnnotationPaths(
      checkout,
      () => promoteAutomatically(
        ports,
        {
          configFile: auto.configFile,
          context,
          run,
          expectedModels: auto.expectedModels,
          environment: auto.environment,
          actor,
          destination: /* @__PURE__ */ __name((environment, model) => join(root, environment, model), "destination")
        }
      )
    );
    const [only] = result2.environments;
    setOutput("model-dir" /* ModelDir */, result2.environments.length === 1 ? join(root, only) : result2.environments.length === 0 ? "" : root);
    setOutput("promoted" /* Promoted */, JSON.stringify(result2.promoted.map(promotedOutput)));
    setOutput("not-promoted" /* NotPromoted */, JSON.stringify(result2.notPromoted.map(({ model, environment, reason }) => ({ model, environment, reason }))));
    await summary.addRaw(result2.summary).write();
    if (result2.error) throw result2.error;
    return;
  }
  const manual = inputs;
  const result = await withAnnotationPaths(
    checkout,
    () => promote(ports, {
      configFile: manual.configFile,
      model: manual.model,
      version: manual.version,
      environment: manual.environment,
      defaultBranch: context.defaultBranch,
      run: { id: run.id, url: run.url },
      actor,
      destination: join(requiredEnv("RUNNER_TEMP"), "model-ci", "promote", manual.model)
    })
  );
  setOutput("model-dir" /* ModelDir */, result.modelDir);
  setOutput("version" /* Version */, result.version);
  setOutput("digest" /* Digest */, result.digest);
  setOutput("previous-version" /* PreviousVersion */, result.previousVersion ?? "");
  setOutput("deployment-id" /* DeploymentId */, String(result.deploymentId));
  setOutput("mlflow-model-uri" /* MlflowModelUri */, result.mlflow ? `models:/${result.mlflow.registeredModel}/${result.mlflow.version}` : "");
  await summary.addRaw(result.summary).write();
}
__name(runPromoteAction, "runPromoteAction");
function promotedOutput(promotion) {
  return {
    model: promotion.model,
    environment: promotion.environment,
    version: promotion.version,
    digest: promotion.digest,
    "deployment-id": promotion.deploymentId,
    "previous-version": promotion.previousVersion,
    "model-dir": promotion.modelDir
  };
}
__name(promotedOutput, "promotedOutput");
function refuseOtherRefs(ref, defaultBranch) {
  if (ref === `refs/heads/${defaultBranch}`) return;
  throw new UserError(
    `model-ci promote runs only on the default branch, and GITHUB_REF is ${showUntrusted(ref, 200)}: the promotion policy in model-ci.yml is the default branch's to set; run the workflow from ${defaultBranch} ("Use workflow from: ${defaultBranch}" when you dispatch it)`
  );
}
__name(refuseOtherRefs, "refuseOtherRefs");
export {
  runPromoteAction
};
