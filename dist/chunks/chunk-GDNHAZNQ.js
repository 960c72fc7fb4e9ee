import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  isNotFound
} from "./chunk-CXGUPMT6.js";
import {
  __name
} from "./chunk-752PIHHL.js";

// src/adapters/github/workflow-runs.ts
var PER_PAGE = 100;
var GitHubWorkflowRuns = class {
  constructor(client, repository) {
    this.client = client;
    this.repository = repository;
  }
  client;
  repository;
  static {
    __name(this, "GitHubWorkflowRuns");
  }
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
  async listJobs(runId) {
    const jobs = await this.client.paginate(this.client.rest.actions.listJobsForWorkflowRun, { ...this.repository, run_id: runId, filter: "latest", per_page: PER_PAGE });
    return jobs.flatMap((job) => job.html_url ? [{ name: job.name, conclusion: job.conclusion, url: job.html_url }] : []);
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
__name(toWorkflowRun, "toWorkflowRun");

export {
  GitHubWorkflowRuns
};
