/**
 * A workflow run's jobs: `GET /repos/{o}/{r}/actions/runs/{run_id}/jobs`, paginated, `{ total_count,
 * jobs }`, in the order they were added. `filter=latest` (the default) lists the jobs of the run's
 * current attempt, `filter=all` those of every attempt. Jobs are seeded with `addWorkflowJob`.
 */
import type { components } from '@octokit/openapi-types'
import { json, type Reply } from '../http.js'
import { paginate } from '../pagination.js'
import type { EmulatorState, WorkflowJobRecord, WorkflowRunRecord } from '../state.js'
import { nodeId, type Links, type RestContext } from './context.js'
import { notFound, validationFailed } from './errors.js'
import { repositorySummary } from './repository.js'

export type WorkflowJobPayload = components['schemas']['job']

export interface WorkflowJobSeed {
  run_id: number
  /** As GitHub names it; a matrix job is `<job> (<matrix values>)`, e.g. `train (fraud, models/fraud)`. */
  name: string
  /** Defaults to `completed`. */
  status?: string
  /** Defaults to `success` for a completed job, null otherwise. */
  conclusion?: string | null
  /** Defaults to the run's current attempt. */
  run_attempt?: number
}

export function addWorkflowJob(state: EmulatorState, seed: WorkflowJobSeed): WorkflowJobRecord {
  const run = state.run(seed.run_id)
  if (!run) throw new Error(`workflow run ${seed.run_id} has not been added`)
  const status = seed.status ?? 'completed'
  const now = state.timestamp()
  const job: WorkflowJobRecord = {
    id: state.nextId('job'),
    run_id: run.id,
    run_attempt: seed.run_attempt ?? run.run_attempt,
    name: seed.name,
    status,
    conclusion: seed.conclusion === undefined ? (status === 'completed' ? 'success' : null) : seed.conclusion,
    created_at: now,
    started_at: now,
    completed_at: status === 'completed' ? now : null
  }
  state.jobs.push(job)
  return job
}

function workflowJobPayload(state: EmulatorState, links: Links, run: WorkflowRunRecord, job: WorkflowJobRecord): WorkflowJobPayload {
  const repo = repositorySummary(state, links)
  return {
    id: job.id,
    run_id: job.run_id,
    run_url: `${repo.url}/actions/runs/${job.run_id}`,
    run_attempt: job.run_attempt,
    node_id: nodeId('CR', job.id),
    head_sha: run.head_sha,
    url: `${repo.url}/actions/jobs/${job.id}`,
    html_url: `${repo.html_url}/actions/runs/${job.run_id}/job/${job.id}`,
    status: job.status as WorkflowJobPayload['status'],
    conclusion: job.conclusion as WorkflowJobPayload['conclusion'],
    created_at: job.created_at,
    started_at: job.started_at,
    completed_at: job.completed_at,
    name: job.name,
    steps: [],
    check_run_url: `${repo.url}/check-runs/${job.id}`,
    labels: ['ubuntu-latest'],
    runner_id: 1,
    runner_name: 'GitHub Actions 1',
    runner_group_id: 1,
    runner_group_name: 'GitHub Actions',
    workflow_name: run.name,
    head_branch: run.head_branch
  }
}

export function listRunJobs(context: RestContext, params: Record<string, string>): Reply {
  const { state, links, query } = context
  const run = state.run(Number(params.run_id))
  if (!run) throw notFound()
  const filter = query.get('filter') ?? 'latest'
  if (filter !== 'latest' && filter !== 'all') throw validationFailed([{ resource: 'WorkflowJob', field: 'filter', code: 'invalid' }])
  const jobs = state.jobs.filter(job => job.run_id === run.id && (filter === 'all' || job.run_attempt === run.run_attempt))
  const page = paginate(jobs, context.url, links.apiUrl)
  return json(200, { total_count: jobs.length, jobs: page.items.map(job => workflowJobPayload(state, links, run, job)) }, page.headers)
}
