/**
 * The REST surface: the route table (repository routes, `GET /user` and `POST /graphql`), token
 * authentication (`Authorization: token X` or `Bearer X`; a missing token is 401 "Requires
 * authentication", an unknown one 401 "Bad credentials"), the one repository (any other owner/name is 404), the write-permission check,
 * and the headers GitHub puts on every reply. Unknown routes are GitHub's JSON 404.
 */
import { randomBytes } from 'node:crypto'
import type { BlobStore } from '../blob-store.js'
import { bearerToken, HttpError, parseJsonBody, type IncomingRequest, type Reply } from '../http.js'
import { Router } from '../router.js'
import type { EmulatorState } from '../state.js'
import { deleteArtifact, downloadArtifact, getArtifact, listRepositoryArtifacts, listRunArtifacts } from './artifacts.js'
import { compareCommits, getBranch } from './commits.js'
import { createComment, deleteComment, getComment, listComments, updateComment } from './comments.js'
import type { Links, RestContext } from './context.js'
import { createDeployment, createDeploymentStatus, getDeployment, listDeployments, listDeploymentStatuses } from './deployments.js'
import { forbidden, restError } from './errors.js'
import { graphql } from './graphql.js'
import { createIssue, getIssue, listIssues, updateIssue } from './issues.js'
import { listRunJobs } from './jobs.js'
import { getPull, listPullFiles, listPulls, listPullsForCommit } from './pulls.js'
import { getRepository } from './repository.js'
import { getRun, listRepositoryRuns, listWorkflowRuns } from './runs.js'
import { getAuthenticatedUser } from './users.js'

const REPO = '/repos/:owner/:repo'
const WRITE = { write: true }
const RATE_LIMIT = 5000

function routes(): Router<RestContext> {
  return new Router<RestContext>()
    .add('GET', '/user', getAuthenticatedUser)
    .add('POST', '/graphql', graphql)
    .add('GET', REPO, getRepository)
    .add('GET', `${REPO}/branches/:branch`, getBranch)
    .add('GET', `${REPO}/compare/:basehead`, compareCommits)
    .add('GET', `${REPO}/pulls`, listPulls)
    .add('GET', `${REPO}/pulls/:pull_number`, getPull)
    .add('GET', `${REPO}/pulls/:pull_number/files`, listPullFiles)
    .add('GET', `${REPO}/commits/:commit_sha/pulls`, listPullsForCommit)
    .add('GET', `${REPO}/issues`, listIssues)
    .add('POST', `${REPO}/issues`, createIssue, WRITE)
    .add('GET', `${REPO}/issues/:issue_number`, getIssue)
    .add('PATCH', `${REPO}/issues/:issue_number`, updateIssue, WRITE)
    .add('GET', `${REPO}/issues/:issue_number/comments`, listComments)
    .add('POST', `${REPO}/issues/:issue_number/comments`, createComment, WRITE)
    .add('GET', `${REPO}/issues/comments/:comment_id`, getComment)
    .add('PATCH', `${REPO}/issues/comments/:comment_id`, updateComment, WRITE)
    .add('DELETE', `${REPO}/issues/comments/:comment_id`, deleteComment, WRITE)
    .add('GET', `${REPO}/actions/runs`, listRepositoryRuns)
    .add('GET', `${REPO}/actions/runs/:run_id`, getRun)
    .add('GET', `${REPO}/actions/runs/:run_id/jobs`, listRunJobs)
    .add('GET', `${REPO}/actions/workflows/:workflow/runs`, listWorkflowRuns)
    .add('GET', `${REPO}/actions/runs/:run_id/artifacts`, listRunArtifacts)
    .add('GET', `${REPO}/actions/artifacts`, listRepositoryArtifacts)
    .add('GET', `${REPO}/actions/artifacts/:artifact_id`, getArtifact)
    .add('DELETE', `${REPO}/actions/artifacts/:artifact_id`, deleteArtifact, WRITE)
    .add('GET', `${REPO}/actions/artifacts/:artifact_id/:archive_format`, downloadArtifact)
    .add('GET', `${REPO}/deployments`, listDeployments)
    .add('POST', `${REPO}/deployments`, createDeployment, WRITE)
    .add('GET', `${REPO}/deployments/:deployment_id`, getDeployment)
    .add('GET', `${REPO}/deployments/:deployment_id/statuses`, listDeploymentStatuses)
    .add('POST', `${REPO}/deployments/:deployment_id/statuses`, createDeploymentStatus, WRITE)
}

export class RestApi {
  private readonly router = routes()
  private used = 0

  constructor(
    private readonly state: EmulatorState,
    private readonly blobs: BlobStore,
    private readonly links: Links
  ) {}

  /** The headers GitHub sends with every REST reply, errors included. */
  private commonHeaders(): Record<string, string> {
    this.used += 1
    const reset = Math.floor(this.state.now().getTime() / 1000) + 3600
    return {
      'x-github-request-id': randomBytes(8).toString('hex').toUpperCase(),
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(Math.max(0, RATE_LIMIT - this.used)),
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-used': String(this.used),
      'x-ratelimit-resource': 'core'
    }
  }

  handle(request: IncomingRequest): Reply {
    const headers = this.commonHeaders()
    let reply: Reply
    try {
      reply = this.dispatch(request)
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      reply = error.reply
    }
    return { ...reply, headers: { ...headers, ...reply.headers } }
  }

  private dispatch(request: IncomingRequest): Reply {
    const found = this.router.match(request.method, request.url.pathname)
    if (!found) return restError(404, 'Not Found')
    const token = bearerToken(request.headers)
    if (token === undefined) return restError(401, 'Requires authentication')
    const identity = this.state.tokens.get(token)
    if (!identity) return restError(401, 'Bad credentials')
    const { owner, repo } = found.params
    const repository = this.state.repository
    // Routes under /repos/{owner}/{repo} answer for the one repository only; /user and /graphql have none.
    const isOtherRepository =
      owner !== undefined && (owner.toLowerCase() !== repository.owner.login.toLowerCase() || repo?.toLowerCase() !== repository.name.toLowerCase())
    if (isOtherRepository) return restError(404, 'Not Found')
    if (found.route.options.write && identity.permissions !== 'write') throw forbidden(identity.type)
    const context: RestContext = {
      state: this.state,
      blobs: this.blobs,
      links: this.links,
      identity,
      url: request.url,
      query: request.url.searchParams,
      body: parseJsonBody(request)
    }
    return found.route.handler(context, found.params)
  }
}
