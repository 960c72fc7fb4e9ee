import type { BranchHistory } from '../../ports/branch-history.js'
import type { GitHubClient } from './octokit.js'
import { isNotFound } from './request-status.js'

/**
 * A branch's history through GitHub's REST API: the branch's tip from `GET /branches/{branch}`
 * (branches only, so a tag named like the branch cannot stand in for it), then
 * `GET /compare/{sha}...{tip}`, whose `status` is `ahead` or `identical` exactly when the commit is
 * the tip or one of its ancestors. Both answers are kept for the life of the object, so each
 * commit costs one request and each branch one more. The compare API was chosen over
 * `git merge-base --is-ancestor` because it needs no history in the checkout (a shallow clone
 * would have to fetch the branch's) and only `contents: read`.
 */
export class GitHubBranchHistory implements BranchHistory {
  private readonly tips = new Map<string, Promise<string | undefined>>()
  private readonly answers = new Map<string, Promise<boolean>>()

  constructor(
    private readonly client: GitHubClient,
    private readonly repository: { owner: string; repo: string }
  ) {}

  contains(branch: string, sha: string): Promise<boolean> {
    const key = `${branch}\0${sha}`
    let answer = this.answers.get(key)
    if (!answer) {
      answer = this.ask(branch, sha)
      // A failure (a 502 past the retries) is not remembered.
      void answer.catch(() => this.answers.delete(key))
      this.answers.set(key, answer)
    }
    return answer
  }

  private async ask(branch: string, sha: string): Promise<boolean> {
    const tip = await this.tipOf(branch)
    if (tip === undefined) return false
    if (tip === sha) return true
    try {
      // One commit of the comparison is enough: only its status is read.
      const { data } = await this.client.rest.repos.compareCommitsWithBasehead({ ...this.repository, basehead: `${sha}...${tip}`, per_page: 1 })
      return data.status === 'ahead' || data.status === 'identical'
    } catch (error) {
      // A commit the repository does not hold, or one with no history in common with the branch.
      if (isNotFound(error)) return false
      throw error
    }
  }

  private tipOf(branch: string): Promise<string | undefined> {
    let tip = this.tips.get(branch)
    if (!tip) {
      tip = this.client.rest.repos.getBranch({ ...this.repository, branch }).then(
        ({ data }) => data.commit.sha,
        (error: unknown) => {
          if (isNotFound(error)) return undefined
          throw error
        }
      )
      void tip.catch(() => this.tips.delete(branch))
      this.tips.set(branch, tip)
    }
    return tip
  }
}
