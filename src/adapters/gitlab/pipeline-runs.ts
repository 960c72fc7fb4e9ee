import * as z from 'zod/mini'
import type { WorkflowRun, WorkflowRuns } from '../../ports/workflow-runs.js'
import { GitLabApi, gitLabStatus, pipelinesNeedApiToken, type GitLabApiOptions } from './gitlab-api.js'

const pipelineSchema = z.object({
  id: z.number(),
  project_id: z.number(),
  sha: z.string(),
  ref: z.nullable(z.string()),
  status: z.string(),
  source: z.optional(z.string()),
  created_at: z.string(),
  web_url: z.string()
})
type Pipeline = z.infer<typeof pipelineSchema>

/** A pipeline's `source` as the event model-ci's commands know (DESIGN.md section 9); other sources keep their name. */
export function eventOfSource(source: string | undefined): string {
  switch (source) {
    case 'push':
      return 'push'
    case 'merge_request_event':
      return 'pull_request'
    case 'web':
    case 'api':
    case 'schedule':
    case 'trigger':
      return 'manual'
    default:
      return source ?? 'unknown'
  }
}

const SOURCES_OF_EVENT: Record<string, string[]> = {
  push: ['push'],
  pull_request: ['merge_request_event'],
  manual: ['web', 'api', 'schedule', 'trigger']
}

/** GitLab's finished statuses as a run's conclusion; a status not listed is a pipeline still going. */
const CONCLUSION: Record<string, string> = { success: 'success', failed: 'failure', canceled: 'cancelled', skipped: 'skipped' }

/**
 * The WorkflowRuns port over a project's pipelines. GitLab has no workflows: every pipeline of the
 * project is one "workflow", whose id is the project id, so a `workflowId` filter is not needed.
 * A merge request pipeline's `ref` is `refs/merge-requests/<iid>/head`, not a branch: its
 * `headBranch` is null.
 */
export class GitLabPipelineRuns implements WorkflowRuns {
  private readonly readable: GitLabApi | undefined

  /** Without a token (GitLab does not open the pipelines API to CI_JOB_TOKEN) every call is refused with an error naming MODEL_CI_GITLAB_TOKEN. */
  constructor(options: Omit<GitLabApiOptions, 'token'> & { token: GitLabApiOptions['token'] | undefined }) {
    this.readable = options.token ? new GitLabApi({ ...options, token: options.token }) : undefined
  }

  private get api(): GitLabApi {
    if (!this.readable) throw pipelinesNeedApiToken("Reading the project's pipelines")
    return this.readable
  }

  async get(runId: number): Promise<WorkflowRun | undefined> {
    try {
      return toRun(await this.api.json('GET', this.api.projectPath(`/pipelines/${runId}`), pipelineSchema))
    } catch (error) {
      if (gitLabStatus(error) === 404) return undefined
      throw error
    }
  }

  async listCompleted(filter: { workflowId?: number; branch?: string; event?: string; headSha?: string; limit: number }): Promise<WorkflowRun[]> {
    if (filter.limit <= 0) return []
    const sources = filter.event === undefined ? undefined : (SOURCES_OF_EVENT[filter.event] ?? [filter.event])
    const runs: WorkflowRun[] = []
    await this.api.paginate(
      this.api.projectPath('/pipelines'),
      {
        // `finished`: success, failed and canceled (skipped pipelines ran nothing).
        scope: 'finished',
        ref: filter.branch,
        sha: filter.headSha,
        source: sources?.length === 1 ? sources[0] : undefined,
        order_by: 'id',
        sort: 'desc'
      },
      pipelineSchema,
      (pipelines) => {
        for (const pipeline of pipelines) {
          if (sources !== undefined && !sources.includes(pipeline.source ?? '')) continue
          runs.push(toRun(pipeline))
          if (runs.length >= filter.limit) return false
        }
      }
    )
    return runs
  }
}

function toRun(pipeline: Pipeline): WorkflowRun {
  const conclusion = CONCLUSION[pipeline.status] ?? null
  return {
    id: pipeline.id,
    workflowId: pipeline.project_id,
    headSha: pipeline.sha,
    headBranch: pipeline.ref === null || pipeline.ref.startsWith('refs/') ? null : pipeline.ref,
    event: eventOfSource(pipeline.source),
    status: conclusion === null ? (pipeline.status === 'running' ? 'in_progress' : 'queued') : 'completed',
    conclusion,
    createdAt: pipeline.created_at,
    url: pipeline.web_url
  }
}
