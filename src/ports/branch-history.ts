/**
 * Which commits a branch holds. A workflow run names its branch by `head_branch` alone, which a tag
 * of the same name shares, so a run is the branch's own only when its commit is in the branch's
 * history: GitHub's compare API on a runner, git locally.
 */
export interface BranchHistory {
  /** Whether commit `sha` is the tip of branch `branch` (`refs/heads/<branch>`, never a tag) or one of its ancestors. */
  contains(branch: string, sha: string): Promise<boolean>
}
