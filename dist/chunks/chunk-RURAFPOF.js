import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  requiredEnv
} from "./chunk-OHVJU6TV.js";
import {
  UserError,
  escapeControlCharacters,
  showUntrusted
} from "./chunk-GNSC3OUJ.js";

// src/adapters/github/workflow-context.ts
function currentRun(env) {
  const id = positiveInteger("GITHUB_RUN_ID", requiredEnv("GITHUB_RUN_ID", env));
  const attempt = env.GITHUB_RUN_ATTEMPT ? positiveInteger("GITHUB_RUN_ATTEMPT", env.GITHUB_RUN_ATTEMPT) : 1;
  const serverUrl = requiredEnv("GITHUB_SERVER_URL", env).replace(/\/+$/, "");
  const repository = requiredEnv("GITHUB_REPOSITORY", env);
  return { id, attempt, url: `${serverUrl}/${repository}/actions/runs/${id}`, workflowName: requiredEnv("GITHUB_WORKFLOW", env) };
}
function positiveInteger(name, value) {
  const number = /^[1-9]\d{0,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number)) {
    throw new UserError(`environment variable ${name} is ${showUntrusted(value, 40)}, not a whole number above 0; model-ci reads the value the GitHub Actions runner sets`);
  }
  return number;
}

// src/adapters/github/request-status.ts
function requestStatus(error) {
  const status = error?.status;
  return typeof status === "number" ? status : void 0;
}
function isNotFound(error) {
  return requestStatus(error) === 404;
}
function gitHubMessage(error) {
  const data = error?.response?.data;
  if (typeof data?.message !== "string") return "";
  const details = Array.isArray(data.errors) ? data.errors.map(describeValidationError).filter(Boolean) : [];
  const said = details.length > 0 ? `${data.message}: ${details.join("; ")}` : data.message;
  return escapeControlCharacters(said.replace(/\s+/g, " ").trim()).slice(0, MAX_MESSAGE_LENGTH);
}
var MAX_MESSAGE_LENGTH = 300;
function describeValidationError(detail) {
  if (typeof detail === "string") return detail;
  if (typeof detail !== "object" || detail === null) return "";
  const { field, code, message } = detail;
  return [field, code, message].filter((part) => typeof part === "string" && part !== "").join(" ");
}
function isRateLimit(error) {
  const headers = error?.response?.headers ?? {};
  return String(headers["x-ratelimit-remaining"]) === "0" || headers["retry-after"] !== void 0;
}

// src/adapters/github/workflow-runs.ts
var PER_PAGE = 100;
var GitHubWorkflowRuns = class {
  constructor(client, repository) {
    this.client = client;
    this.repository = repository;
  }
  client;
  repository;
  async get(runId) {
    try {
      const { data } = await this.client.rest.actions.getWorkflowRun({ ...this.repository, run_id: runId });
      return toWorkflowRun(data);
    } catch (error) {
      if (isNotFound(error)) return void 0;
      throw error;
    }
  }
  async listCompleted(filter) {
    if (filter.limit <= 0) return [];
    const query = {
      ...this.repository,
      status: "completed",
      branch: filter.branch,
      event: filter.event,
      head_sha: filter.headSha,
      per_page: PER_PAGE
    };
    const runs = [];
    const pages = filter.workflowId === void 0 ? this.client.paginate.iterator(this.client.rest.actions.listWorkflowRunsForRepo, query) : this.client.paginate.iterator(this.client.rest.actions.listWorkflowRuns, { ...query, workflow_id: filter.workflowId });
    for await (const page of pages) {
      for (const run of page.data) {
        runs.push(toWorkflowRun(run));
        if (runs.length >= filter.limit) return runs;
      }
    }
    return runs;
  }
};
function toWorkflowRun(run) {
  return {
    id: run.id,
    workflowId: run.workflow_id,
    headSha: run.head_sha,
    headBranch: run.head_branch,
    event: run.event,
    // GitHub always gives a status; the schema allows null.
    status: run.status ?? "unknown",
    conclusion: run.conclusion,
    createdAt: run.created_at,
    url: run.html_url
  };
}

export {
  requestStatus,
  isNotFound,
  gitHubMessage,
  isRateLimit,
  currentRun,
  GitHubWorkflowRuns
};
