/**
 * Issue comments (of issues and pull requests, which are issues too): list (oldest first, paginated, `since`), create,
 * get, update, delete. The author is the token's identity. A bot (the job token) may change only
 * its own comments, as GitHub answers an app that edits someone else's with 403; a user with
 * write permission may change any. GitHub caps a body at 65,536 characters (422 beyond that);
 * the emulator counts UTF-16 code units, which is never more lenient than GitHub's count.
 */
import type { components } from '@octokit/openapi-types'
import { json, type Reply } from '../http.js'
import { paginate } from '../pagination.js'
import type { EmulatorState, IssueCommentRecord } from '../state.js'
import { bodyFields, nodeId, type Links, type RestContext } from './context.js'
import { forbidden, notFound, validationFailed } from './errors.js'
import { repositorySummary } from './repository.js'
import { userPayload } from './users.js'

export type IssueCommentPayload = components['schemas']['issue-comment']

export const COMMENT_BODY_LIMIT = 65_536

export interface CommentSeed {
  issue_number: number
  body: string
  /** The author; a person named `octocat` when absent. */
  user?: { login: string; type?: 'User' | 'Bot' }
}

export function addComment(state: EmulatorState, seed: CommentSeed): IssueCommentRecord {
  if (!state.hasIssueNumber(seed.issue_number)) throw new Error(`no issue or pull request #${seed.issue_number} has been added`)
  const now = state.timestamp()
  const record: IssueCommentRecord = {
    id: state.nextId('comment'),
    issue_number: seed.issue_number,
    body: seed.body,
    user: state.user(seed.user?.login ?? 'octocat', seed.user?.type),
    created_at: now,
    updated_at: now
  }
  state.comments.push(record)
  return record
}

export function issueCommentPayload(state: EmulatorState, links: Links, comment: IssueCommentRecord): IssueCommentPayload {
  const repo = repositorySummary(state, links)
  const isOwner = comment.user.login === state.repository.owner.login
  return {
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url: `${repo.url}/issues/comments/${comment.id}`,
    html_url: `${repo.html_url}/${state.pull(comment.issue_number) ? 'pull' : 'issues'}/${comment.issue_number}#issuecomment-${comment.id}`,
    issue_url: `${repo.url}/issues/${comment.issue_number}`,
    body: comment.body,
    user: userPayload(comment.user, links),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: isOwner ? 'OWNER' : 'NONE'
  }
}

function requireBody(context: RestContext): string {
  const body = bodyFields(context).body
  if (typeof body !== 'string' || body === '') {
    throw validationFailed([{ resource: 'IssueComment', code: 'missing_field', field: 'body' }])
  }
  if (body.length > COMMENT_BODY_LIMIT) {
    throw validationFailed([
      { resource: 'IssueComment', code: 'custom', field: 'body', message: `body is too long (maximum is ${COMMENT_BODY_LIMIT} characters)` }
    ])
  }
  return body
}

function issueNumber(context: RestContext, params: Record<string, string>): number {
  const number = Number(params.issue_number)
  if (!context.state.hasIssueNumber(number)) throw notFound()
  return number
}

function findComment(context: RestContext, params: Record<string, string>): IssueCommentRecord {
  const comment = context.state.comments.find(candidate => candidate.id === Number(params.comment_id))
  if (!comment) throw notFound()
  return comment
}

function requireMayChange(context: RestContext, comment: IssueCommentRecord): void {
  const { identity } = context
  if (identity.login !== comment.user.login && identity.type === 'Bot') throw forbidden(identity.type)
}

export function listComments(context: RestContext, params: Record<string, string>): Reply {
  const number = issueNumber(context, params)
  const since = context.query.get('since')
  const comments = context.state.comments
    .filter(comment => comment.issue_number === number)
    .filter(comment => since === null || comment.updated_at >= since)
  const page = paginate(comments, context.url, context.links.apiUrl)
  return json(200, page.items.map(comment => issueCommentPayload(context.state, context.links, comment)), page.headers)
}

export function createComment(context: RestContext, params: Record<string, string>): Reply {
  const number = issueNumber(context, params)
  const body = requireBody(context)
  const { identity, state, links } = context
  const record = addComment(state, { issue_number: number, body, user: identity })
  const payload = issueCommentPayload(state, links, record)
  return json(201, payload, { location: payload.url })
}

export function getComment(context: RestContext, params: Record<string, string>): Reply {
  return json(200, issueCommentPayload(context.state, context.links, findComment(context, params)))
}

export function updateComment(context: RestContext, params: Record<string, string>): Reply {
  const comment = findComment(context, params)
  requireMayChange(context, comment)
  comment.body = requireBody(context)
  comment.updated_at = context.state.timestamp()
  return json(200, issueCommentPayload(context.state, context.links, comment))
}

export function deleteComment(context: RestContext, params: Record<string, string>): Reply {
  const comment = findComment(context, params)
  requireMayChange(context, comment)
  context.state.comments.splice(context.state.comments.indexOf(comment), 1)
  return { status: 204 }
}
