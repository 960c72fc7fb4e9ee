/** A comment on a pull request. */
export interface PullRequestComment {
  id: number
  body: string
  /** The comment's page. */
  url: string
  /** The author's login. */
  author: string
  createdAt: string
}

/**
 * A pull request as `report` needs it to find its baseline and post to it.
 * `headSha` is the pull request's own head commit, never GitHub's merge commit.
 */
export interface PullRequestInfo {
  number: number
  baseSha: string
  baseRef: string
  headSha: string
  /** The head branch's name, in the head repository. */
  headRef: string
  /** The head repository, `owner/name` (a fork's); null when it was deleted. */
  headRepository: string | null
  url: string
}

/**
 * The token's identity lacks a permission (a fork pull request's read-only token, a workflow
 * without `pull-requests: write`): callers explain the setup instead of failing.
 */
export class PermissionDeniedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'PermissionDeniedError'
  }
}

/** Pull requests and their comments: GitHub's REST API. Writes throw PermissionDeniedError on 403. */
export interface PullRequestThreads {
  /** Open pull requests whose head is commit `sha`, forks' included. */
  findByHeadSha(sha: string): Promise<PullRequestInfo[]>
  /** Every comment of pull request `number` whose body contains `marker`, oldest first (all pages read). */
  listCommentsWith(number: number, marker: string): Promise<PullRequestComment[]>
  /** The login the token writes comments as: `github-actions[bot]` for a workflow's token, `<app>[bot]` for a GitHub App's. */
  ownLogin(): Promise<string>
  createComment(number: number, body: string): Promise<PullRequestComment>
  updateComment(commentId: number, body: string): Promise<PullRequestComment>
  /** Deleting a comment that is already gone is not an error. */
  deleteComment(commentId: number): Promise<void>
}
