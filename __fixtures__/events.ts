/**
 * Event payloads shaped like the ones GitHub sends: each starts from a real example in
 * `@octokit/webhooks-examples` (github.com's payloads) and overrides only what a test decides,
 * the commits, refs and numbers. Every event carries the same repository object, taken from the
 * pull_request example, with the default branch the test names.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

interface WebhookDefinition {
  name: string
  examples: Array<Record<string, unknown>>
}

type Payload = Record<string, unknown>

let definitions: WebhookDefinition[] | undefined

function examplesOf(eventName: string): Payload[] {
  // The package's main file is the github.com examples (index.json), 4 MB: read it once per process.
  definitions ??= JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@octokit/webhooks-examples'), 'utf8')) as WebhookDefinition[]
  const definition = definitions.find((entry) => entry.name === eventName)
  if (!definition) throw new Error(`@octokit/webhooks-examples has no ${eventName} examples`)
  return definition.examples
}

function copyOf<T>(value: T): T {
  return structuredClone(value)
}

function example(eventName: string, matches: (payload: Payload) => boolean): Payload {
  const found = examplesOf(eventName).find(matches)
  if (!found) throw new Error(`@octokit/webhooks-examples has no matching ${eventName} example`)
  return copyOf(found)
}

/** The repository of GitHub's pull_request example (Codertocat/Hello-World). */
function repository(defaultBranch: string): Payload {
  const pullRequest = example('pull_request', (payload) => payload.action === 'opened')
  return { ...(pullRequest.repository as Payload), default_branch: defaultBranch }
}

/** The `owner/repo` every event here names (GITHUB_REPOSITORY). */
export function exampleRepository(): { owner: string; repo: string } {
  const repo = repository('main') as { name: string; owner: { login: string } }
  return { owner: repo.owner.login, repo: repo.name }
}

export interface PullRequestEventOptions {
  number: number
  base: { ref: string; sha: string }
  head: { ref: string; sha: string }
  /** The test-merge commit; GitHub leaves it null until it has made one. */
  mergeCommitSha?: string | null
  /** `pull_request.changed_files`. */
  changedFiles?: number
  action?: 'opened' | 'synchronize' | 'reopened'
  defaultBranch?: string
}

/** A `pull_request` event from GitHub's `opened` example. */
export function pullRequestEvent(options: PullRequestEventOptions): Payload {
  const payload = example('pull_request', (candidate) => candidate.action === 'opened')
  const repo = repository(options.defaultBranch ?? 'main')
  const pullRequest = payload.pull_request as Payload & { base: Payload; head: Payload }
  const owner = (repo.owner as { login: string }).login
  payload.action = options.action ?? 'opened'
  payload.number = options.number
  payload.repository = repo
  Object.assign(pullRequest, {
    number: options.number,
    url: `https://api.github.com/repos/${repo.full_name}/pulls/${options.number}`,
    html_url: `https://github.com/${repo.full_name}/pull/${options.number}`,
    merge_commit_sha: options.mergeCommitSha ?? null,
    changed_files: options.changedFiles ?? pullRequest.changed_files
  })
  Object.assign(pullRequest.base, { ref: options.base.ref, sha: options.base.sha, label: `${owner}:${options.base.ref}`, repo })
  Object.assign(pullRequest.head, { ref: options.head.ref, sha: options.head.sha, label: `${owner}:${options.head.ref}`, repo })
  return payload
}

export interface PushEventOptions {
  /** `refs/heads/<branch>`. */
  ref: string
  /** All zeros when the push created the branch. */
  before: string
  after: string
  forced?: boolean
  defaultBranch?: string
}

export const ZERO_SHA = '0000000000000000000000000000000000000000'

/** A `push` event from GitHub's example of a push to a branch. */
export function pushEvent(options: PushEventOptions): Payload {
  const payload = example('push', (candidate) => typeof candidate.ref === 'string' && candidate.ref.startsWith('refs/heads/'))
  const repo = repository(options.defaultBranch ?? 'main')
  const headCommit = { ...(payload.head_commit as Payload), id: options.after, url: `https://github.com/${repo.full_name}/commit/${options.after}` }
  return {
    ...payload,
    ref: options.ref,
    before: options.before,
    after: options.after,
    created: options.before === ZERO_SHA,
    deleted: false,
    forced: options.forced ?? false,
    compare: `https://github.com/${repo.full_name}/compare/${options.before.slice(0, 12)}...${options.after.slice(0, 12)}`,
    commits: [headCommit],
    head_commit: headCommit,
    repository: repo
  }
}

/** A `workflow_dispatch` event from GitHub's example, run on `ref` with the form's `inputs`. */
export function workflowDispatchEvent(options: { ref?: string; inputs?: Record<string, string>; defaultBranch?: string } = {}): Payload {
  const payload = example('workflow_dispatch', () => true)
  const defaultBranch = options.defaultBranch ?? 'main'
  return {
    ...payload,
    ref: options.ref ?? `refs/heads/${defaultBranch}`,
    inputs: options.inputs ?? {},
    repository: repository(defaultBranch),
    workflow: '.github/workflows/model-ci.yml'
  }
}

/**
 * An event that is neither a push nor a pull request, nor a manual or scheduled run (`release`,
 * `repository_dispatch`, `workflow_run`, ...), from GitHub's first example of it.
 */
export function otherEvent(eventName: string, options: { defaultBranch?: string } = {}): Payload {
  return { ...example(eventName, () => true), repository: repository(options.defaultBranch ?? 'main') }
}

/**
 * A `schedule` event. The examples package has none (GitHub sends no webhook for it); the
 * payload a scheduled run gets is the cron line, the workflow file and the repository.
 */
export function scheduleEvent(options: { cron?: string; defaultBranch?: string } = {}): Payload {
  return {
    schedule: options.cron ?? '0 3 * * 1',
    workflow: '.github/workflows/model-ci.yml',
    repository: repository(options.defaultBranch ?? 'main')
  }
}
