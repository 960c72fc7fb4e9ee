import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  PROMOTION_TASK,
  parsePromotionPayload
} from "./chunk-CPDECAPN.js";
import {
  gitHubMessage,
  requestStatus
} from "./chunk-GCMKBNH7.js";
import {
  UserError,
  showUntrusted
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

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

export {
  GitHubDeployments
};
