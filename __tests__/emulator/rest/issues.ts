/**
 * Issues that are not pull requests: list (`GET .../issues` with `state` open|closed|all,
 * `creator`, `labels` (comma-separated, every one must be on the issue), `sort` created|updated,
 * `direction`, paginated; pull requests are listed too, with their `pull_request` key, as GitHub
 * lists them), create (`title` required; `body`, `labels`), get, and update (`title`, `body`,
 * `state`, `state_reason`, `labels`). Issues and pull requests share one sequence of numbers;
 * comments on an issue are the issue comments of rest/comments.ts. A bot may update only its own
 * issues here (on GitHub, the job token may update any; the emulator is stricter, as for comments).
 * Payloads follow the `issue` schema of GitHub's OpenAPI description.
 */
import type { components } from '@octokit/openapi-types'
import { json, type Reply } from '../http.js'
import { paginate } from '../pagination.js'
import type { EmulatorState, IssueRecord, PullRequestRecord } from '../state.js'
import { COMMENT_BODY_LIMIT } from './comments.js'
import { bodyFields, nodeId, type Links, type RestContext } from './context.js'
import { forbidden, notFound, validationFailed } from './errors.js'
import { repositorySummary } from './repository.js'
import { userPayload } from './users.js'

type IssueKey =
  | 'id' | 'node_id' | 'url' | 'repository_url' | 'labels_url' | 'comments_url' | 'events_url' | 'html_url' | 'number'
  | 'state' | 'state_reason' | 'title' | 'body' | 'locked' | 'comments' | 'created_at' | 'updated_at' | 'closed_at' | 'author_association'
export type IssuePayload = Pick<components['schemas']['issue'], IssueKey> & {
  user: ReturnType<typeof userPayload>
  labels: Array<{ name: string }>
  closed_by: ReturnType<typeof userPayload> | null
  pull_request?: { url: string; html_url: string }
}

export interface IssueSeed {
  title: string
  body?: string
  /** The author; a person named `octocat` when absent. */
  user?: { login: string; type?: 'User' | 'Bot' }
  state?: 'open' | 'closed'
  labels?: string[]
}

export function addIssue(state: EmulatorState, seed: IssueSeed): IssueRecord {
  const now = state.timestamp()
  const closed = seed.state === 'closed'
  const record: IssueRecord = {
    id: state.nextId('issue'),
    number: state.nextIssueNumber(),
    title: seed.title,
    body: seed.body ?? null,
    state: closed ? 'closed' : 'open',
    state_reason: closed ? 'completed' : null,
    labels: [...(seed.labels ?? [])],
    user: state.user(seed.user?.login ?? 'octocat', seed.user?.type),
    created_at: now,
    updated_at: now,
    closed_at: closed ? now : null,
    closed_by: null
  }
  state.issues.push(record)
  return record
}

function commentCount(state: EmulatorState, number: number): number {
  return state.comments.filter(comment => comment.issue_number === number).length
}

export function issuePayload(state: EmulatorState, links: Links, issue: IssueRecord): IssuePayload {
  const repo = repositorySummary(state, links)
  const api = `${repo.url}/issues/${issue.number}`
  return {
    id: issue.id,
    node_id: nodeId('I', issue.id),
    url: api,
    repository_url: repo.url,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${repo.html_url}/issues/${issue.number}`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.state_reason,
    title: issue.title,
    body: issue.body,
    user: userPayload(issue.user, links),
    labels: issue.labels.map(name => ({ name })),
    locked: false,
    comments: commentCount(state, issue.number),
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    closed_by: issue.closed_by && userPayload(issue.closed_by, links),
    author_association: issue.user.login === state.repository.owner.login ? 'OWNER' : 'NONE'
  }
}

/** A pull request as the issues list shows it: an issue with a `pull_request` key. */
function pullAsIssuePayload(state: EmulatorState, links: Links, pull: PullRequestRecord): IssuePayload {
  const repo = repositorySummary(state, links)
  const asIssue: IssueRecord = {
    id: pull.id,
    number: pull.number,
    title: pull.title,
    body: pull.body,
    state: pull.state,
    state_reason: null,
    labels: [],
    user: pull.user,
    created_at: pull.created_at,
    updated_at: pull.updated_at,
    closed_at: pull.closed_at,
    closed_by: null
  }
  return {
    ...issuePayload(state, links, asIssue),
    html_url: `${repo.html_url}/pull/${pull.number}`,
    pull_request: { url: `${repo.url}/pulls/${pull.number}`, html_url: `${repo.html_url}/pull/${pull.number}` }
  }
}

function findIssue(context: RestContext, params: Record<string, string>): IssueRecord {
  const issue = context.state.issue(Number(params.issue_number))
  if (!issue) throw notFound()
  return issue
}

function textField(context: RestContext, field: 'title' | 'body', required: boolean): string | undefined {
  const value = bodyFields(context)[field]
  if (value === undefined || value === null) {
    if (required) throw validationFailed([{ resource: 'Issue', code: 'missing_field', field }])
    return undefined
  }
  if (typeof value !== 'string' || (field === 'title' && value.trim() === '')) throw validationFailed([{ resource: 'Issue', code: 'invalid', field }])
  if (value.length > COMMENT_BODY_LIMIT) {
    throw validationFailed([{ resource: 'Issue', code: 'custom', field, message: `${field} is too long (maximum is ${COMMENT_BODY_LIMIT} characters)` }])
  }
  return value
}

function labelsField(context: RestContext): string[] | undefined {
  const labels = bodyFields(context).labels
  if (labels === undefined) return undefined
  if (!Array.isArray(labels) || labels.some(label => typeof label !== 'string')) throw validationFailed([{ resource: 'Issue', code: 'invalid', field: 'labels' }])
  return labels as string[]
}

export function listIssues(context: RestContext): Reply {
  const { state, links, query } = context
  const wanted = query.get('state') ?? 'open'
  if (!['open', 'closed', 'all'].includes(wanted)) throw validationFailed([{ resource: 'Issue', code: 'invalid', field: 'state' }])
  const creator = query.get('creator')
  const labels = (query.get('labels') ?? '').split(',').map(label => label.trim()).filter(label => label !== '')
  const sort = query.get('sort') ?? 'created'
  const ascending = query.get('direction') === 'asc'
  const items = [
    ...state.issues.map(issue => ({ record: issue as IssueRecord | PullRequestRecord, payload: () => issuePayload(state, links, issue), labels: issue.labels })),
    ...state.pulls.map(pull => ({ record: pull as IssueRecord | PullRequestRecord, payload: () => pullAsIssuePayload(state, links, pull), labels: [] as string[] }))
  ]
    .filter(({ record }) => wanted === 'all' || record.state === wanted)
    .filter(({ record }) => creator === null || record.user.login.toLowerCase() === creator.toLowerCase())
    .filter(item => labels.every(label => item.labels.some(name => name.toLowerCase() === label.toLowerCase())))
  const key = (record: IssueRecord | PullRequestRecord) => (sort === 'updated' ? record.updated_at : record.created_at)
  // Records made in the same second keep their order by number.
  items.sort((a, b) => (key(a.record) < key(b.record) ? -1 : key(a.record) > key(b.record) ? 1 : a.record.number - b.record.number) * (ascending ? 1 : -1))
  const page = paginate(items, context.url, links.apiUrl)
  return json(200, page.items.map(item => item.payload()), page.headers)
}

export function createIssue(context: RestContext): Reply {
  const title = textField(context, 'title', true) as string
  const body = textField(context, 'body', false)
  const labels = labelsField(context)
  const { identity, state, links } = context
  const record = addIssue(state, { title, body, user: identity, labels })
  const payload = issuePayload(state, links, record)
  return json(201, payload, { location: payload.url })
}

export function getIssue(context: RestContext, params: Record<string, string>): Reply {
  return json(200, issuePayload(context.state, context.links, findIssue(context, params)))
}

export function updateIssue(context: RestContext, params: Record<string, string>): Reply {
  const issue = findIssue(context, params)
  const { identity, state } = context
  if (identity.type === 'Bot' && identity.login !== issue.user.login) throw forbidden(identity.type)
  const fields = bodyFields(context)
  const title = textField(context, 'title', false)
  const body = textField(context, 'body', false)
  const labels = labelsField(context)
  const newState = fields.state
  if (newState !== undefined && newState !== 'open' && newState !== 'closed') throw validationFailed([{ resource: 'Issue', code: 'invalid', field: 'state' }])
  const reason = fields.state_reason
  if (reason !== undefined && reason !== null && !['completed', 'not_planned', 'reopened'].includes(reason as string)) {
    throw validationFailed([{ resource: 'Issue', code: 'invalid', field: 'state_reason' }])
  }
  const now = state.timestamp()
  if (title !== undefined) issue.title = title
  if (body !== undefined) issue.body = body
  if (labels !== undefined) issue.labels = [...labels]
  if (newState === 'closed' && issue.state === 'open') {
    issue.state = 'closed'
    issue.closed_at = now
    issue.closed_by = state.user(identity.login, identity.type)
    issue.state_reason = (reason as IssueRecord['state_reason']) ?? 'completed'
  } else if (newState === 'open' && issue.state === 'closed') {
    issue.state = 'open'
    issue.closed_at = null
    issue.closed_by = null
    issue.state_reason = 'reopened'
  } else if (reason !== undefined) {
    issue.state_reason = reason as IssueRecord['state_reason']
  }
  issue.updated_at = now
  return json(200, issuePayload(state, context.links, issue))
}
