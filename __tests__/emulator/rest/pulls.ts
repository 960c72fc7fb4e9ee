/**
 * Pull requests: `GET /repos/{o}/{r}/pulls` (state, head `owner:ref`, base), `GET .../pulls/{n}`,
 * `GET .../pulls/{n}/files` (paginated; GitHub lists at most 3000 files, whatever the pull request
 * holds) and `GET .../commits/{sha}/pulls`. Pull requests are seeded with `addPullRequest`.
 */
import { createHash } from 'node:crypto'
import type { components } from '@octokit/openapi-types'
import { json, type Reply } from '../http.js'
import { paginate } from '../pagination.js'
import type { DiffEntryRecord, DiffEntryStatus, EmulatorState, PullRequestRecord } from '../state.js'
import { nodeId, type Links, type RestContext } from './context.js'
import { notFound } from './errors.js'
import { repositorySummary, type RepositorySummary } from './repository.js'
import { userPayload, type SimpleUser } from './users.js'

type Schemas = components['schemas']

/** GitHub's documented ceiling on `GET /pulls/{n}/files`. */
export const PULL_FILES_CAP = 3000

export interface FileSeed {
  filename: string
  status?: DiffEntryStatus
  additions?: number
  deletions?: number
  patch?: string
  previous_filename?: string
}

export interface PullRequestSeed {
  number: number
  head: { sha: string; ref: string; /** Fork owner's login; the base repository's owner when absent. */ owner?: string }
  base: { sha: string; ref: string }
  /** Changed files: a path (a one-line modification) or a full entry. */
  files?: Array<string | FileSeed>
  title?: string
  body?: string | null
  state?: 'open' | 'closed'
  draft?: boolean
  merged?: boolean
  merge_commit_sha?: string | null
  /** Login of the author (a user). */
  user?: string
  commits?: number
}

function fakeSha(text: string): string {
  return createHash('sha1').update(text).digest('hex')
}

function diffEntry(file: string | FileSeed): DiffEntryRecord {
  const seed = typeof file === 'string' ? { filename: file } : file
  const status = seed.status ?? 'modified'
  const additions = seed.additions ?? (status === 'removed' ? 0 : 1)
  const deletions = seed.deletions ?? (status === 'added' ? 0 : 1)
  const entry: DiffEntryRecord = { sha: fakeSha(seed.filename), filename: seed.filename, status, additions, deletions, changes: additions + deletions }
  if (seed.patch !== undefined) entry.patch = seed.patch
  if (seed.previous_filename !== undefined) entry.previous_filename = seed.previous_filename
  return entry
}

export function addPullRequest(state: EmulatorState, seed: PullRequestSeed): PullRequestRecord {
  if (state.pull(seed.number)) throw new Error(`pull request #${seed.number} already exists`)
  const now = state.timestamp()
  const merged = seed.merged ?? false
  const closed = merged || seed.state === 'closed'
  const record: PullRequestRecord = {
    id: state.nextId('pull'),
    number: seed.number,
    title: seed.title ?? `Pull request #${seed.number}`,
    body: seed.body ?? null,
    state: closed ? 'closed' : 'open',
    draft: seed.draft ?? false,
    merged,
    merge_commit_sha: seed.merge_commit_sha ?? (merged ? fakeSha(`merge ${seed.number}`) : null),
    user: state.user(seed.user ?? 'octocat', 'User'),
    head: { sha: seed.head.sha, ref: seed.head.ref, owner: seed.head.owner ?? state.repository.owner.login },
    base: { ...seed.base },
    files: (seed.files ?? []).map(diffEntry),
    commits: seed.commits ?? 1,
    created_at: now,
    updated_at: now,
    closed_at: closed ? now : null,
    merged_at: merged ? now : null
  }
  state.pulls.push(record)
  return record
}

type PullRef = Pick<Schemas['pull-request']['head'], 'label' | 'ref' | 'sha'> & { repo: RepositorySummary; user: SimpleUser }
type SimpleKey =
  | 'url' | 'id' | 'node_id' | 'html_url' | 'diff_url' | 'patch_url' | 'issue_url' | 'commits_url' | 'comments_url'
  | 'statuses_url' | 'number' | 'state' | 'locked' | 'title' | 'body' | 'labels' | 'created_at' | 'updated_at'
  | 'closed_at' | 'merged_at' | 'merge_commit_sha' | 'draft' | 'author_association'
export type PullRequestSimplePayload = Pick<Schemas['pull-request-simple'], SimpleKey> & { user: SimpleUser; head: PullRef; base: PullRef }
export type PullRequestPayload = Pick<Schemas['pull-request'], SimpleKey | 'merged' | 'mergeable' | 'mergeable_state' | 'comments' | 'commits' | 'additions' | 'deletions' | 'changed_files'> & {
  user: SimpleUser
  head: PullRef
  base: PullRef
}
export type DiffEntryPayload = Schemas['diff-entry']

function pullRef(state: EmulatorState, links: Links, side: { sha: string; ref: string; owner?: string }): PullRef {
  const repo = repositorySummary(state, links, side.owner)
  return { label: `${repo.owner.login}:${side.ref}`, ref: side.ref, sha: side.sha, repo, user: repo.owner }
}

export function pullRequestSimplePayload(state: EmulatorState, links: Links, pull: PullRequestRecord): PullRequestSimplePayload {
  const repo = repositorySummary(state, links)
  const api = `${repo.url}/pulls/${pull.number}`
  return {
    url: api,
    id: pull.id,
    node_id: nodeId('PR', pull.id),
    html_url: `${repo.html_url}/pull/${pull.number}`,
    diff_url: `${repo.html_url}/pull/${pull.number}.diff`,
    patch_url: `${repo.html_url}/pull/${pull.number}.patch`,
    issue_url: `${repo.url}/issues/${pull.number}`,
    commits_url: `${api}/commits`,
    comments_url: `${repo.url}/issues/${pull.number}/comments`,
    statuses_url: `${repo.url}/statuses/${pull.head.sha}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: userPayload(pull.user, links),
    body: pull.body,
    labels: [],
    created_at: pull.created_at,
    updated_at: pull.updated_at,
    closed_at: pull.closed_at,
    merged_at: pull.merged_at,
    merge_commit_sha: pull.merge_commit_sha,
    draft: pull.draft,
    author_association: pull.user.login === state.repository.owner.login ? 'OWNER' : 'CONTRIBUTOR',
    head: pullRef(state, links, pull.head),
    base: pullRef(state, links, pull.base)
  }
}

function pullRequestPayload(context: RestContext, pull: PullRequestRecord): PullRequestPayload {
  const { state, links } = context
  return {
    ...pullRequestSimplePayload(state, links, pull),
    state: pull.state,
    merged: pull.merged,
    mergeable: pull.state === 'open' ? true : null,
    mergeable_state: pull.state === 'open' ? 'clean' : 'unknown',
    comments: state.comments.filter(comment => comment.issue_number === pull.number).length,
    commits: pull.commits,
    additions: pull.files.reduce((sum, file) => sum + file.additions, 0),
    deletions: pull.files.reduce((sum, file) => sum + file.deletions, 0),
    changed_files: pull.files.length
  }
}

function diffEntryPayload(context: RestContext, pull: PullRequestRecord, file: DiffEntryRecord): DiffEntryPayload {
  const repo = repositorySummary(context.state, context.links)
  const path = file.filename.split('/').map(encodeURIComponent).join('/')
  return {
    ...file,
    blob_url: `${repo.html_url}/blob/${pull.head.sha}/${path}`,
    raw_url: `${repo.html_url}/raw/${pull.head.sha}/${path}`,
    contents_url: `${repo.url}/contents/${path}?ref=${pull.head.sha}`
  }
}

function findPull(context: RestContext, params: Record<string, string>): PullRequestRecord {
  const pull = context.state.pull(Number(params.pull_number))
  if (!pull) throw notFound()
  return pull
}

export function getPull(context: RestContext, params: Record<string, string>): Reply {
  return json(200, pullRequestPayload(context, findPull(context, params)))
}

export function listPullFiles(context: RestContext, params: Record<string, string>): Reply {
  const pull = findPull(context, params)
  const page = paginate(pull.files, context.url, context.links.apiUrl, { cap: PULL_FILES_CAP })
  return json(200, page.items.map(file => diffEntryPayload(context, pull, file)), page.headers)
}

/** `head` filters only in GitHub's `owner:ref` form; a bare branch name is silently ignored, as on GitHub. */
function matchesHead(pull: PullRequestRecord, head: string | null): boolean {
  if (head === null || !head.includes(':')) return true
  const [owner, ...ref] = head.split(':')
  return pull.head.owner.toLowerCase() === owner?.toLowerCase() && pull.head.ref === ref.join(':')
}

export function listPulls(context: RestContext): Reply {
  const query = context.query
  const state = query.get('state') ?? 'open'
  const base = query.get('base')
  const pulls = context.state.pulls
    .filter(pull => state === 'all' || pull.state === state)
    .filter(pull => matchesHead(pull, query.get('head')))
    .filter(pull => base === null || pull.base.ref === base)
  const ascending = query.get('direction') === 'asc'
  const sorted = [...pulls].sort((a, b) => (ascending ? a.number - b.number : b.number - a.number))
  const page = paginate(sorted, context.url, context.links.apiUrl)
  return json(200, page.items.map(pull => pullRequestSimplePayload(context.state, context.links, pull)), page.headers)
}

/** Pull requests whose head is the commit, or that were merged as it. */
export function listPullsForCommit(context: RestContext, params: Record<string, string>): Reply {
  const sha = params.commit_sha ?? ''
  const pulls = context.state.pulls.filter(pull => pull.head.sha === sha || pull.merge_commit_sha === sha)
  const page = paginate(pulls, context.url, context.links.apiUrl)
  return json(200, page.items.map(pull => pullRequestSimplePayload(context.state, context.links, pull)), page.headers)
}
