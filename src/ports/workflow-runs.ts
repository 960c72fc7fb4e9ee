/** A workflow run as the commands need it. */
export interface WorkflowRun {
  id: number
  /** The workflow (file) the run belongs to; runs of one workflow share it. */
  workflowId: number
  headSha: string
  /** The branch of the push or the pull request's head branch; null when GitHub gives none. */
  headBranch: string | null
  /**
   * The repository the head commit came from, `owner/name`: a fork's for a fork pull request's run.
   * Null when GitHub gives none (a deleted fork); absent where the platform has no forks (local runs).
   */
  headRepository?: string | null
  event: string
  status: string
  /** `success`, `failure`, `cancelled`, ...; null while the run is in progress. */
  conclusion: string | null
  createdAt: string
  /** The run's page, for links in reports and deployment statuses. */
  url: string
}

/** The hosting service's workflow runs: GitHub's Actions API on a runner, `.model-ci/runs/` locally. */
export interface WorkflowRuns {
  /** One run of the repository, or undefined when there is no such run. */
  get(runId: number): Promise<WorkflowRun | undefined>
  /**
   * Completed runs, newest first, at most `limit`, of workflow `workflowId` (every workflow of the
   * repository when absent), filtered by `branch`, `event` and `headSha` where given. Every
   * conclusion is listed; callers pick.
   */
  listCompleted(filter: { workflowId?: number; branch?: string; event?: string; headSha?: string; limit: number }): Promise<WorkflowRun[]>
}

/** A job of a workflow run, as the report links to it. */
export interface WorkflowJob {
  /** As the hosting service shows it; a job of a matrix is `train (fraud, models/fraud, …)` on GitHub. */
  name: string
  /** `success`, `failure`, `cancelled`, ...; null while the job runs. */
  conclusion: string | null
  /** The job's page, with its log. */
  url: string
}

/** The jobs of workflow runs: GitHub's Actions API on a runner; the CLI's runs have none. */
export interface WorkflowJobs {
  /** The jobs of run `runId`'s latest attempt, every page. */
  listJobs(runId: number): Promise<WorkflowJob[]>
}
