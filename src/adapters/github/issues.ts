import type { IssueTracker, TrackedIssue } from '../../ports/issue-tracker.js'
import type { GitHubClient } from './octokit.js'
import { writeOrExplainRefusal } from './request-status.js'

type Rest = GitHubClient['rest']
type IssuePayload = Awaited<ReturnType<Rest['issues']['get']>>['data']

/** GitHub's largest page. */
const PER_PAGE = 100

/**
 * The repository's issues through GitHub's REST API, with the client's retries (server errors,
 * rate limits). `tokenLogin` is the identity the token writes as (see GitHubPullRequestThreads).
 */
export class GitHubIssues implements IssueTracker {
  constructor(
    private readonly client: GitHubClient,
    private readonly repository: { owner: string; repo: string },
    private readonly tokenLogin: () => Promise<string>
  ) {}

  ownLogin(): Promise<string> {
    return this.tokenLogin()
  }

  async listOpen(options: { creator: string; marker: string }): Promise<TrackedIssue[]> {
    const issues = await this.client.paginate(this.client.rest.issues.listForRepo, {
      ...this.repository,
      state: 'open',
      creator: options.creator,
      sort: 'created',
      direction: 'asc',
      per_page: PER_PAGE
    })
    // The issues API lists pull requests too.
    return issues
      .filter((issue) => issue.pull_request === undefined && (issue.body ?? '').includes(options.marker))
      .map(toTrackedIssue)
      .sort((a, b) => a.number - b.number)
  }

  async create(title: string, body: string): Promise<TrackedIssue> {
    return this.write('open an issue', async () => toTrackedIssue((await this.client.rest.issues.create({ ...this.repository, title, body })).data))
  }

  async update(number: number, change: { body?: string; close?: 'completed' | 'not_planned' }): Promise<TrackedIssue> {
    const closing = change.close === undefined ? {} : { state: 'closed' as const, state_reason: change.close }
    return this.write(`update issue #${number}`, async () =>
      toTrackedIssue((await this.client.rest.issues.update({ ...this.repository, issue_number: number, ...(change.body === undefined ? {} : { body: change.body }), ...closing })).data)
    )
  }

  async comment(number: number, body: string): Promise<void> {
    await this.write(`comment on issue #${number}`, () => this.client.rest.issues.createComment({ ...this.repository, issue_number: number, body }))
  }

  private write<T>(action: string, work: () => Promise<T>): Promise<T> {
    return writeOrExplainRefusal(action, "the monitor job's token needs the permission `issues: write`", work)
  }
}

function toTrackedIssue(issue: IssuePayload): TrackedIssue {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body ?? '',
    // A deleted account's issues have no user; GitHub shows them as `ghost`.
    author: issue.user?.login ?? 'ghost',
    state: issue.state === 'closed' ? 'closed' : 'open',
    url: issue.html_url
  }
}
