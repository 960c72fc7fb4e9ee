import type { WorkflowJob, WorkflowJobs, WorkflowRun, WorkflowRuns } from '../../ports/workflow-runs.js'
import { isNotFound } from './request-status.js'
import type { GitHubClient } from './octokit.js'

/** The run as the client's own types describe it (the dev-only @octokit/openapi-types may be newer). */
type RunPayload = Awaited<ReturnType<GitHubClient['rest']['actions']['getWorkflowRun']>>['data']

/** GitHub's largest page. */
const PER_PAGE = 100

/** Workflow runs and their jobs through GitHub's Actions REST API. */
export class GitHubWorkflowRuns implements WorkflowRuns, WorkflowJobs {
  constructor(
    private readonly client: GitHubClient,
    private readonly repository: { owner: string; repo: string }
  ) {}

  async get(runId: number): Promise<WorkflowRun | undefined> {
    try {
      const { data } = await this.client.rest.actions.getWorkflowRun({ ...this.repository, run_id: runId })
      return toWorkflowRun(data)
    } catch (error) {
      if (isNotFound(error)) return undefined
      throw error
    }
  }

  async listCompleted(filter: { workflowId?: number; branch?: string; event?: string; headSha?: string; limit: number }): Promise<WorkflowRun[]> {
    if (filter.limit <= 0) return []
    const query = {
      ...this.repository,
      status: 'completed' as const,
      branch: filter.branch,
      event: filter.event,
      head_sha: filter.headSha,
      per_page: PER_PAGE
    }
    const runs: WorkflowRun[] = []
    // Pages are read one at a time and reading stops at `limit`: a busy repository has many
    // thousands of runs, and callers want the newest few.
    const pages =
      filter.workflowId === undefined
        ? this.client.paginate.iterator(this.client.rest.actions.listWorkflowRunsForRepo, query)
        : this.client.paginate.iterator(this.client.rest.actions.listWorkflowRuns, { ...query, workflow_id: filter.workflowId })
    for await (const page of pages) {
      for (const run of page.data) {
        runs.push(toWorkflowRun(run))
        if (runs.length >= filter.limit) return runs
      }
    }
    return runs
  }

  async listJobs(runId: number): Promise<WorkflowJob[]> {
    // `filter: latest`: a re-run's jobs, not the attempts before it.
    const jobs = await this.client.paginate(this.client.rest.actions.listJobsForWorkflowRun, { ...this.repository, run_id: runId, filter: 'latest', per_page: PER_PAGE })
    // GitHub gives every job a page; the schema allows null.
    return jobs.flatMap((job) => (job.html_url ? [{ name: job.name, conclusion: job.conclusion, url: job.html_url }] : []))
  }
}

function toWorkflowRun(run: RunPayload): WorkflowRun {
  return {
    id: run.id,
    workflowId: run.workflow_id,
    headSha: run.head_sha,
    headBranch: run.head_branch,
    // The schema calls it required, but a deleted fork's runs come without it.
    headRepository: run.head_repository?.full_name ?? null,
    event: run.event,
    // GitHub always gives a status; the schema allows null.
    status: run.status ?? 'unknown',
    conclusion: run.conclusion,
    createdAt: run.created_at,
    url: run.html_url
  }
}
