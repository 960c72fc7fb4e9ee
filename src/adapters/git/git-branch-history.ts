import type { BranchHistory } from '../../ports/branch-history.js'
import type { Git } from '../../ports/git.js'

/** A branch's history in the local repository: `refs/heads/<branch>`, so a tag of the same name never stands in for it. */
export class GitBranchHistory implements BranchHistory {
  constructor(private readonly git: Pick<Git, 'mergeBase'>) {}

  async contains(branch: string, sha: string): Promise<boolean> {
    // An ancestor of the tip is its own merge-base with it; an unknown commit or branch has none.
    return (await this.git.mergeBase(sha, `refs/heads/${branch}`)) === sha
  }
}
