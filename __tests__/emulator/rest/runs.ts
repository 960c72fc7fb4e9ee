/**
 * Workflow runs: `GET /repos/{o}/{r}/actions/runs`, `GET .../actions/workflows/{workflow_id}/runs`
 * (a numeric id or the workflow's file name, e.g. `ci.yml`) and `GET .../actions/runs/{id}`. Lists are newest
 * first and filter by `branch`, `event`, `status` (a status such as `completed` or a conclusion
 * such as `success`), `head_sha` and `actor`; `exclude_pull_requests=true` empties
 * `pull_requests`. Runs are seeded with `addWorkflowRun` and changed with `updateWorkflowRun`.
 */
import type { components } from '@octokit/openapi-types'
import { json, type Reply } from '../http.js'
import { paginate } from '../pagination.js'
import type { EmulatorState, WorkflowRunRecord } from '../state.js'
import { nodeId, type Links, type RestContext } from './context.js'
import { notFound } from './errors.js'
import { repositorySummary, type RepositorySummary } from './repository.js'
import { userPayload } from './users.js'

type Schemas = components['schemas']
/** A `workflow-run` whose repositories carry the summary fields (see repository.ts). */
export type WorkflowRunPayload = Omit<Schemas['workflow-run'], 'repository' | 'head_repository'> & {
  repository: RepositorySummary
  head_repository: RepositorySummary
}

/** Values of `status` that GitHub matches against a run's status; every other value is a conclusion. */
const RUN_STATUSES = new Set(['completed', 'in_progress', 'queued', 'requested', 'waiting', 'pending', 'action_required'])

export interface WorkflowRunSeed {
  head_sha: string
  /** Defaults to the repository's default branch. */
  head_branch?: string | null
  /** Login owning the head repository (a fork's owner for a fork pull request's run); the repository's owner when absent. */
  head_owner?: string
  event?: string
  /** Defaults to `completed`. */
  status?: string
  /** Defaults to `success` for a completed run, null otherwise. */
  conclusion?: string | null
  /** The workflow's name; `CI` when absent. */
  name?: string
  /** The workflow file; `.github/workflows/ci.yml` when absent. */
  path?: string
  run_attempt?: number
  /** Numbers of pull requests (already added) the run belongs to. */
  pull_requests?: number[]
  /** Login of the person who triggered the run. */
  actor?: string
  display_title?: string
  created_at?: string
}

export type WorkflowRunUpdate = Partial<Pick<WorkflowRunRecord, 'status' | 'conclusion' | 'run_attempt' | 'updated_at'>>

export function addWorkflowRun(state: EmulatorState, seed: WorkflowRunSeed): WorkflowRunRecord {
  for (const number of seed.pull_requests ?? []) {
    if (!state.pull(number)) throw new Error(`pull request #${number} has not been added`)
  }
  const path = seed.path ?? '.github/workflows/ci.yml'
  const status = seed.status ?? 'completed'
  const created = seed.created_at ?? state.timestamp()
  const run: WorkflowRunRecord = {
    id: state.nextId('run'),
    name: seed.name ?? 'CI',
    path,
    workflow_id: state.workflowId(path),
    event: seed.event ?? 'push',
    head_branch: seed.head_branch === undefined ? state.repository.default_branch : seed.head_branch,
    head_sha: seed.head_sha,
    head_owner: seed.head_owner ?? state.repository.owner.login,
    status,
    conclusion: seed.conclusion === undefined ? (status === 'completed' ? 'success' : null) : seed.conclusion,
    run_number: state.runs.filter(other => other.path === path).length + 1,
    run_attempt: seed.run_attempt ?? 1,
    pull_requests: seed.pull_requests ?? [],
    actor: state.user(seed.actor ?? 'octocat'),
    display_title: seed.display_title ?? `Run of ${seed.head_sha.slice(0, 7)}`,
    created_at: created,
    updated_at: created,
    run_started_at: created
  }
  state.runs.push(run)
  return run
}

export function updateWorkflowRun(state: EmulatorState, id: number, update: WorkflowRunUpdate): WorkflowRunRecord {
  const run = state.run(id)
  if (!run) throw new Error(`workflow run ${id} has not been added`)
  Object.assign(run, { updated_at: state.timestamp() }, update)
  return run
}

function pullRequestMinimal(state: EmulatorState, links: Links, number: number): Schemas['pull-request-minimal'] | undefined {
  const pull = state.pull(number)
  if (!pull) return undefined
  const repo = repositorySummary(state, links)
  const head = repositorySummary(state, links, pull.head.owner)
  return {
    id: pull.id,
    number: pull.number,
    url: `${repo.url}/pulls/${pull.number}`,
    head: { ref: pull.head.ref, sha: pull.head.sha, repo: { id: head.id, url: head.url, name: head.name } },
    base: { ref: pull.base.ref, sha: pull.base.sha, repo: { id: repo.id, url: repo.url, name: repo.name } }
  }
}

export function workflowRunPayload(state: EmulatorState, links: Links, run: WorkflowRunRecord, excludePulls = false): WorkflowRunPayload {
  const repo = repositorySummary(state, links)
  const api = `${repo.url}/actions/runs/${run.id}`
  const author = { name: run.actor.login, email: `${run.actor.login}@users.noreply.github.com` }
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('WFR', run.id),
    head_branch: run.head_branch,
    head_sha: run.head_sha,
    path: run.path,
    display_title: run.display_title,
    run_number: run.run_number,
    run_attempt: run.run_attempt,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflow_id,
    url: api,
    html_url: `${repo.html_url}/actions/runs/${run.id}`,
    pull_requests: excludePulls ? [] : run.pull_requests.flatMap(number => pullRequestMinimal(state, links, number) ?? []),
    created_at: run.created_at,
    updated_at: run.updated_at,
    run_started_at: run.run_started_at,
    actor: userPayload(run.actor, links),
    triggering_actor: userPayload(run.actor, links),
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${repo.url}/check-suites/${run.id}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    workflow_url: `${repo.url}/actions/workflows/${run.workflow_id}`,
    head_commit: { id: run.head_sha, tree_id: run.head_sha, message: run.display_title, timestamp: run.created_at, author, committer: author },
    repository: repo,
    head_repository: repositorySummary(state, links, run.head_owner)
  }
}

function matchesFilters(run: WorkflowRunRecord, query: URLSearchParams): boolean {
  const wanted = (name: string, actual: string | null): boolean => {
    const value = query.get(name)
    return value === null || value === actual
  }
  const status = query.get('status')
  const statusMatches = status === null || (RUN_STATUSES.has(status) ? run.status === status : run.conclusion === status)
  return statusMatches && wanted('branch', run.head_branch) && wanted('event', run.event) && wanted('head_sha', run.head_sha) && wanted('actor', run.actor.login)
}

function listRuns(context: RestContext, runs: WorkflowRunRecord[]): Reply {
  const { query, state, links } = context
  const matching = runs
    .filter(run => matchesFilters(run, query))
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id)
  const page = paginate(matching, context.url, links.apiUrl)
  const excludePulls = query.get('exclude_pull_requests') === 'true'
  const body = { total_count: matching.length, workflow_runs: page.items.map(run => workflowRunPayload(state, links, run, excludePulls)) }
  return json(200, body, page.headers)
}

export function listRepositoryRuns(context: RestContext): Reply {
  return listRuns(context, context.state.runs)
}

export function listWorkflowRuns(context: RestContext, params: Record<string, string>): Reply {
  const workflow = params.workflow ?? ''
  const byId = /^\d+$/.test(workflow)
  const known = [...context.state.workflows].find(([path, id]) => (byId ? id === Number(workflow) : path.split('/').pop() === workflow))
  if (!known) throw notFound()
  return listRuns(context, context.state.runs.filter(run => run.workflow_id === known[1]))
}

export function getRun(context: RestContext, params: Record<string, string>): Reply {
  const run = context.state.run(Number(params.run_id))
  if (!run) throw notFound()
  return json(200, workflowRunPayload(context.state, context.links, run))
}
