import type { PullRequestComment, PullRequestInfo, PullRequestThreads } from '../../ports/comment-thread.js'
import type { GitHubClient } from './octokit.js'
import { isNotFound, writeOrExplainRefusal } from './request-status.js'

type Rest = GitHubClient['rest']
type PullPayload = Awaited<ReturnType<Rest['pulls']['get']>>['data'] | Awaited<ReturnType<Rest['pulls']['list']>>['data'][number]
type CommentPayload = Awaited<ReturnType<Rest['issues']['getComment']>>['data']

/** GitHub's largest page. */
const PER_PAGE = 100

/** Pull requests and their comments through GitHub's REST API (a pull request's comments are its issue's). */
export class GitHubPullRequestThreads implements PullRequestThreads {
  private login: Promise<string> | undefined

  constructor(
    private readonly client: GitHubClient,
    private readonly repository: { owner: string; repo: string }
  ) {}

  /**
   * Reads every open pull request: `GET /commits/{sha}/pulls` would be one call, but it does not
   * list pull requests from forks, which is the case that needs this lookup (`workflow_run`).
   */
  async findByHeadSha(sha: string): Promise<PullRequestInfo[]> {
    const pulls = await this.client.paginate(this.client.rest.pulls.list, { ...this.repository, state: 'open', per_page: PER_PAGE })
    return pulls.filter((pull) => pull.head.sha === sha).map(toPullRequestInfo)
  }

  async listCommentsWith(number: number, marker: string): Promise<PullRequestComment[]> {
    // GitHub lists an issue's comments oldest first.
    const comments = await this.client.paginate(this.client.rest.issues.listComments, { ...this.repository, issue_number: number, per_page: PER_PAGE })
    return comments.filter((comment) => comment.body?.includes(marker)).map(toComment)
  }

  /**
   * The login the token writes as, from GraphQL's `viewer`, which GitHub answers for every kind of
   * token: a person's login for a personal token, `github-actions[bot]` for a workflow's
   * GITHUB_TOKEN, `<app>[bot]` for a GitHub App's installation token. (REST's `GET /user` refuses
   * installation tokens, and `GET /app` wants the app's own JWT.) Asked once.
   */
  ownLogin(): Promise<string> {
    this.login ??= this.fetchLogin().catch((error: unknown) => {
      this.login = undefined // a failure (a 502 past the retries) is not remembered
      throw error
    })
    return this.login
  }

  private async fetchLogin(): Promise<string> {
    const { viewer } = await this.client.graphql<{ viewer: { login: string } }>('query { viewer { login } }')
    return viewer.login
  }

  async createComment(number: number, body: string): Promise<PullRequestComment> {
    return this.write(`comment on pull request #${number}`, async () => {
      const { data } = await this.client.rest.issues.createComment({ ...this.repository, issue_number: number, body })
      return toComment(data)
    })
  }

  async updateComment(commentId: number, body: string): Promise<PullRequestComment> {
    return this.write(`update comment ${commentId}`, async () => {
      const { data } = await this.client.rest.issues.updateComment({ ...this.repository, comment_id: commentId, body })
      return toComment(data)
    })
  }

  async deleteComment(commentId: number): Promise<void> {
    await this.write(`delete comment ${commentId}`, async () => {
      try {
        await this.client.rest.issues.deleteComment({ ...this.repository, comment_id: commentId })
      } catch (error) {
        // Already gone: another run deleted it, or a person did.
        if (!isNotFound(error)) throw error
      }
    })
  }

  private write<T>(action: string, work: () => Promise<T>): Promise<T> {
    return writeOrExplainRefusal(action, "the token needs the permission `pull-requests: write` (a fork pull request's token is read-only)", work)
  }
}

function toPullRequestInfo(pull: PullPayload): PullRequestInfo {
  return {
    number: pull.number,
    baseSha: pull.base.sha,
    baseRef: pull.base.ref,
    headSha: pull.head.sha,
    headRef: pull.head.ref,
    headRepository: pull.head.repo?.full_name ?? null,
    url: pull.html_url
  }
}

function toComment(comment: CommentPayload): PullRequestComment {
  return {
    id: comment.id,
    body: comment.body ?? '',
    url: comment.html_url,
    // A deleted account's comments have no user; GitHub shows them as `ghost`.
    author: comment.user?.login ?? 'ghost',
    createdAt: comment.created_at
  }
}
