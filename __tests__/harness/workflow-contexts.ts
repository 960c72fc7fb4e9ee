/**
 * What a workflow run knows about its event, as the workflow runner gives it to jobs: the commit and
 * ref GitHub runs on (and records as the run's head), the `github` and `inputs` contexts, and the
 * runner's GITHUB_* / RUNNER_* variables.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Emulator } from '../emulator/index.js'
import type { GitOrigin } from './git-repo.js'
import type { JobEvent } from './job-runner.js'

export interface RunTarget {
  /** GITHUB_SHA: what the jobs check out (a pull request's merge commit). */
  sha: string
  /** GITHUB_REF. */
  ref: string
  /** The run's head_sha and head_branch (a pull request's head, not its merge commit). */
  headSha: string
  headBranch: string
  pullRequest?: number
  /** A pull request from another repository: read-only token, no secrets. */
  fromFork: boolean
  /** The owner of the head repository (the fork's, for a fork's pull request); the repository's own when absent. */
  headOwner?: string
}

/** What GitHub runs the workflow on for this event; `sha` and `ref` override what the event says. */
export async function runTarget(options: { gh: Emulator; origin: GitOrigin; event: JobEvent; sha?: string; ref?: string }): Promise<RunTarget> {
  const payload = options.event.payload
  const pull = payload.pull_request as
    | { number: number; merge_commit_sha?: string | null; head: { sha: string; ref: string; repo?: { full_name?: string; owner?: { login?: string } } }; base: { repo?: { full_name?: string } } }
    | undefined
  if (pull !== undefined) {
    if (!options.gh.state.pull(pull.number)) throw new Error(`runWorkflow: add pull request #${pull.number} to the emulator before running its workflow`)
    const sha = options.sha ?? pull.merge_commit_sha
    if (!sha) throw new Error("runWorkflow: give `sha` (the merge commit) or the event's pull_request.merge_commit_sha")
    return {
      sha,
      ref: options.ref ?? `refs/pull/${pull.number}/merge`,
      headSha: pull.head.sha,
      headBranch: pull.head.ref,
      pullRequest: pull.number,
      fromFork: (pull.head.repo?.full_name ?? '') !== (pull.base.repo?.full_name ?? ''),
      headOwner: pull.head.repo?.owner?.login
    }
  }
  // push and workflow_dispatch name their ref; workflow_run, schedule and others run on the default branch.
  const eventRef = typeof payload.ref === 'string' ? (payload.ref.startsWith('refs/') ? payload.ref : `refs/heads/${payload.ref}`) : undefined
  const ref = options.ref ?? eventRef ?? `refs/heads/${options.origin.defaultBranch}`
  const branch = ref.replace(/^refs\/heads\//, '')
  const after = typeof payload.after === 'string' ? payload.after : undefined
  const sha = options.sha ?? after ?? (await options.origin.revParse(branch))
  return { sha, ref, headSha: sha, headBranch: branch, fromFork: false }
}

/** One run's fixed facts: every job of it sees the same. */
export interface RunFacts {
  gh: Emulator
  event: JobEvent
  target: RunTarget
  runId: number
  /** The workflow's `name:`, else its path. */
  workflowName: string
  workflowPath: string
  /** GITHUB_WORKSPACE and RUNNER_TEMP: the same paths in every job, as on GitHub's runners. */
  workspace: string
  runnerTemp: string
}

export function githubContext(run: RunFacts, jobId: string, token: string): Record<string, unknown> {
  const { gh, event, target } = run
  const repository = `${gh.state.repository.owner.login}/${gh.state.repository.name}`
  const pull = event.payload.pull_request as { head?: { ref?: string }; base?: { ref?: string } } | undefined
  return {
    event_name: event.name,
    event: event.payload,
    sha: target.sha,
    ref: target.ref,
    ref_name: target.ref.replace(/^refs\/(heads|tags)\//, ''),
    ref_type: target.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    head_ref: pull?.head?.ref ?? '',
    base_ref: pull?.base?.ref ?? '',
    repository,
    repository_owner: gh.state.repository.owner.login,
    run_id: String(run.runId),
    run_number: String(gh.state.run(run.runId)?.run_number ?? 1),
    run_attempt: '1',
    workflow: run.workflowName,
    workflow_ref: `${repository}/${run.workflowPath}@${target.ref}`,
    job: jobId,
    actor: 'octocat',
    triggering_actor: 'octocat',
    token,
    server_url: gh.serverUrl,
    api_url: gh.apiUrl,
    graphql_url: `${gh.apiUrl}/graphql`,
    workspace: run.workspace,
    event_path: eventPath(run),
    action: '',
    retention_days: '90'
  }
}

/** `inputs`: a workflow_dispatch's values over the defaults `on.workflow_dispatch.inputs` declares; booleans typed. */
export function inputsContext(event: JobEvent, on: unknown): Record<string, unknown> {
  if (event.name !== 'workflow_dispatch') return {}
  const declared = (on as { workflow_dispatch?: { inputs?: Record<string, { default?: unknown; type?: string } | null> } } | undefined)?.workflow_dispatch?.inputs ?? {}
  const given = (event.payload.inputs ?? {}) as Record<string, unknown>
  const inputs: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(declared)) {
    const value = name in given ? given[name] : (spec?.default ?? '')
    inputs[name] = spec?.type === 'boolean' ? String(value) === 'true' : value
  }
  return inputs
}

/** The variables a hosted runner sets for every step of job `jobId` (the emulator adds its URLs). */
export function runnerVariables(run: RunFacts, jobId: string): Record<string, string> {
  const github = githubContext(run, jobId, '')
  mkdirSync(join(run.runnerTemp, '_github_workflow'), { recursive: true })
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: run.event.name,
    GITHUB_EVENT_PATH: eventPath(run),
    GITHUB_WORKSPACE: run.workspace,
    GITHUB_SHA: run.target.sha,
    GITHUB_REF: run.target.ref,
    GITHUB_REF_NAME: String(github.ref_name),
    GITHUB_REF_TYPE: String(github.ref_type),
    GITHUB_HEAD_REF: String(github.head_ref),
    GITHUB_BASE_REF: String(github.base_ref),
    GITHUB_JOB: jobId,
    GITHUB_WORKFLOW: run.workflowName,
    GITHUB_WORKFLOW_REF: String(github.workflow_ref),
    GITHUB_ACTOR: 'octocat',
    GITHUB_TRIGGERING_ACTOR: 'octocat',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 1',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TEMP: run.runnerTemp,
    RUNNER_TOOL_CACHE: join(run.runnerTemp, '_tool')
  }
}

/** Where the runner writes the event payload (GITHUB_EVENT_PATH). */
export function eventPath(run: RunFacts): string {
  return join(run.runnerTemp, '_github_workflow', 'event.json')
}
