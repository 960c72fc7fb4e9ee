import type { BranchHistory } from '../../ports/branch-history.js'
import type { Git } from '../../ports/git.js'

/**
 * A branch's history as a CI job's clone can tell it: the local branch `refs/heads/<branch>` when
 * the clone has one, else the remote's `refs/remotes/origin/<branch>`, fetched when the clone has
 * neither (a GitLab job fetches only its pipeline's ref). A commit the shallow clone does not reach
 * is answered after one `--unshallow` of that branch. A fetch that fails answers false, never throws.
 */
export class CheckoutBranchHistory implements BranchHistory {
  private readonly refs = new Map<string, Promise<string | undefined>>()
  private unshallowed = false

  constructor(private readonly git: Pick<Git, 'mergeBase' | 'resolveCommit' | 'fetch' | 'isShallow'>) {}

  async contains(branch: string, sha: string): Promise<boolean> {
    const ref = await this.branchRef(branch)
    if (ref === undefined) return false
    if ((await this.git.mergeBase(sha, ref)) === sha) return true
    if (this.unshallowed || !(await this.git.isShallow())) return false
    this.unshallowed = true
    await this.git.fetch([remoteRefspec(branch)], { unshallow: true })
    return (await this.git.mergeBase(sha, ref)) === sha
  }

  private branchRef(branch: string): Promise<string | undefined> {
    let found = this.refs.get(branch)
    if (found === undefined) {
      found = (async () => {
        for (const ref of [`refs/heads/${branch}`, `refs/remotes/origin/${branch}`]) {
          if ((await this.git.resolveCommit(ref)) !== undefined) return ref
        }
        if (!(await this.git.fetch([remoteRefspec(branch)], {}))) return undefined
        const remote = `refs/remotes/origin/${branch}`
        return (await this.git.resolveCommit(remote)) === undefined ? undefined : remote
      })()
      this.refs.set(branch, found)
    }
    return found
  }
}

function remoteRefspec(branch: string): string {
  return `+refs/heads/${branch}:refs/remotes/origin/${branch}`
}
