import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  GitHubPullRequestThreads
} from "./chunk-Y3JQFLXU.js";
import {
  GitHubArtifactStore,
  GitHubBranchHistory,
  GitHubWorkflowRuns,
  currentRun
} from "./chunk-RC7RKZLU.js";
import {
  openCheckout,
  withAnnotationPaths
} from "./chunk-LRGSQTVT.js";
import {
  readRunContext,
  requiredEnv
} from "./chunk-PTU7GM4Q.js";
import {
  promoteAutomatically
} from "./chunk-5Z3S6E5L.js";
import {
  AUTO_VERSION,
  autoRunRefusal,
  promote
} from "./chunk-3H4RU5EO.js";
import "./chunk-ZK6IRL72.js";
import {
  PROMOTION_TASK,
  parsePromotionPayload
} from "./chunk-CPDECAPN.js";
import {
  hashTree
} from "./chunk-V7WXQM7V.js";
import {
  trackingConnector
} from "./chunk-3MBSJAUZ.js";
import "./chunk-3SCUR3X7.js";
import "./chunk-RTT2E5ZA.js";
import "./chunk-TR5HTG53.js";
import "./chunk-FFXDAWW4.js";
import "./chunk-BLVXZADQ.js";
import "./chunk-T5MJI2ZD.js";
import "./chunk-F3AOPSF5.js";
import {
  NodeFileSystem
} from "./chunk-3QNNCZ7N.js";
import "./chunk-CGZP7PIJ.js";
import "./chunk-UUCS4V4X.js";
import "./chunk-Z62BL5T3.js";
import "./chunk-MIR6WUZ2.js";
import "./chunk-SOG5FYFF.js";
import "./chunk-J3ZX4T62.js";
import "./chunk-CYNM7F7O.js";
import {
  getPromoteInputs
} from "./chunk-VVHHAYCR.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-AFTLNK3V.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-A6P4TVDK.js";
import "./chunk-C7AT6DMJ.js";
import "./chunk-V6RXHKOK.js";
import "./chunk-CN6ZETB5.js";
import {
  createGitHubClient,
  gitHubMessage,
  requestStatus
} from "./chunk-YAXBB6OG.js";
import {
  UserError,
  showUntrusted
} from "./chunk-MBJX3N7S.js";
import "./chunk-BOEEFGH4.js";
import "./chunk-QVDCEI2H.js";
import {
  setOutput,
  summary
} from "./chunk-MUZ4VW64.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/action/promote.ts
import { join } from "node:path";

// src/adapters/github/deployments.ts
var PER_PAGE = 100;
var STATUS_DESCRIPTION_LIMIT = 140;
var PRODUCTION_NAMES = /^(?:production|prod)$/i;
var STATUSES_LOOKED_AT = 100;
var GitHubDeployments = class {
  constructor(client, repository, tokenLogin) {
    this.client = client;
    this.repository = repository;
    this.tokenLogin = tokenLogin;
  }
  client;
  repository;
  tokenLogin;
  static {
    __name(this, "GitHubDeployments");
  }
  async list(environment, options) {
    if (options.limit <= 0) return [];
    const trusted = new Set([await this.tokenLogin(), ...options.creators].map((login) => login.toLowerCase()));
    const isTrusted = /* @__PURE__ */ __name((user) => user !== null && user !== void 0 && trusted.has(user.login.toLowerCase()), "isTrusted");
    const records = [];
    const pages = this.client.paginate.iterator(this.client.rest.repos.listDeployments, {
      ...this.repository,
      environment,
      task: PROMOTION_TASK,
      per_page: PER_PAGE
    });
    for await (const page of pages) {
      const promotions = page.data.flatMap((deployment) => {
        const payload = deployment.task === PROMOTION_TASK && isTrusted(deployment.creator) ? parsePromotionPayload(deployment.payload) : void 0;
        return payload ? [{ deployment, payload }] : [];
      });
      const wanted = promotions.slice(0, options.limit - records.length);
      records.push(...await Promise.all(wanted.map(({ deployment, payload }) => this.withNewestStatus(deployment, payload, isTrusted))));
      if (records.length >= options.limit) break;
    }
    return records;
  }
  async withNewestStatus(deployment, payload, isTrusted) {
    const { data } = await this.client.rest.repos.listDeploymentStatuses({ ...this.repository, deployment_id: deployment.id, per_page: STATUSES_LOOKED_AT });
    const newest = data.find((status) => isTrusted(status.creator));
    return {
      deploymentId: deployment.id,
      environment: deployment.environment,
      payload,
      creator: deployment.creator?.login ?? "ghost",
      createdAt: deployment.created_at,
      state: newest?.state ?? null,
      stateAt: newest?.created_at ?? null,
      logUrl: newest?.log_url || newest?.target_url || null
    };
  }
  async create(environment, payload, description) {
    const what = `a deployment of ${payload.model} ${payload.version} (commit ${payload.sha}) in environment ${showUntrusted(environment, 100)}`;
    try {
      const { data } = await this.client.rest.repos.createDeployment({
        ...this.repository,
        ref: payload.sha,
        task: PROMOTION_TASK,
        environment,
        // Sent as an object (copied: the client's type wants an index signature), so GitHub hands
        // it back as one; list() parses it as untrusted all the same.
        payload: { ...payload },
        // GitHub documents no limit for a deployment's description; it gets the status's.
        description: capped(description),
        // The commit is deployed as it was trained: GitHub must not merge the default branch into it,
        auto_merge: false,
        // nor refuse it because some commit status of the trained commit (any CI check) is not success.
        required_contexts: [],
        transient_environment: false,
        production_environment: PRODUCTION_NAMES.test(environment)
      });
      if (!("id" in data)) throw new Error(`GitHub created no deployment for ${what}: ${data.message ?? "no message"}`);
      return data.id;
    } catch (error) {
      throw explainRefusal(error, `create ${what}`);
    }
  }
  async setStatus(deploymentId, state, options) {
    try {
      await this.client.rest.repos.createDeploymentStatus({
        ...this.repository,
        deployment_id: deploymentId,
        state,
        log_url: options.logUrl,
        description: options.description === void 0 ? void 0 : capped(options.description),
        // One environment holds many models, each its own deployment. GitHub's default (true) marks
        // every earlier successful deployment of the environment inactive on a new `success`: a
        // promotion of model A would take model B's live deployment down with it.
        auto_inactive: false
      });
    } catch (error) {
      throw explainRefusal(error, `set the status of deployment ${deploymentId} to ${state}`);
    }
  }
};
function capped(text) {
  const characters = Array.from(text);
  return characters.length <= STATUS_DESCRIPTION_LIMIT ? text : `${characters.slice(0, STATUS_DESCRIPTION_LIMIT - 1).join("")}\u2026`;
}
__name(capped, "capped");
function explainRefusal(error, action) {
  const status = requestStatus(error);
  const said = gitHubMessage(error);
  const github = said ? `GitHub answered ${status}: ${said}` : `GitHub answered ${status}`;
  switch (status) {
    case 403:
      return new UserError(`could not ${action} (${github}); give the workflow's token the permission \`deployments: write\``, { cause: error });
    case 404:
      return new UserError(`could not ${action} (${github}); the repository or deployment is not visible to the token, which needs \`deployments: write\``, { cause: error });
    case 409:
      return new UserError(
        `could not ${action} (${github}); GitHub answers 409 for a merge conflict or failed commit status checks, and model-ci asks for neither (auto_merge: false, required_contexts: []), so check the environment's protection rules in the repository's settings and run the promotion again`,
        { cause: error }
      );
    case 422:
      return /no ref found/i.test(said) ? new UserError(`could not ${action} (${github}); the trained commit is not in this repository: promote a version trained from a commit pushed here`, { cause: error }) : new UserError(`could not ${action} (${github})`, { cause: error });
    default:
      return error;
  }
}
__name(explainRefusal, "explainRefusal");

// src/action/promote.ts
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
  const trackingUri = process.env.MLFLOW_TRACKING_URI || void 0;
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
          destination: /* @__PURE__ */ __name((environment, model) => join(root, environment, model), "destination"),
          trackingUri
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
      destination: join(requiredEnv("RUNNER_TEMP"), "model-ci", "promote", manual.model),
      trackingUri
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
