import type { PullRequestFile, PullRequestFiles } from '../../ports/pull-requests.js'
import type { GitHubClient } from './octokit.js'

/** GitHub lists at most this many files of a pull request. */
const GITHUB_PULL_FILES_LIMIT = 3000

export class GitHubPullRequestFiles implements PullRequestFiles {
  constructor(
    private readonly client: GitHubClient,
    private readonly repository: { owner: string; repo: string }
  ) {}

  async listFiles(pullNumber: number): Promise<{ files: PullRequestFile[]; complete: boolean }> {
    const listed = await this.client.paginate(this.client.rest.pulls.listFiles, {
      ...this.repository,
      pull_number: pullNumber,
      per_page: 100
    })
    const files = listed.map((file) => ({
      filename: file.filename,
      status: file.status,
      previousFilename: file.previous_filename
    }))
    return { files, complete: files.length < GITHUB_PULL_FILES_LIMIT }
  }
}
