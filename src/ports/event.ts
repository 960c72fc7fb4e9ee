/**
 * What triggered the run, reduced to what decides the changed models. Adapters build it from the
 * platform's event (GitHub's event payload, the CLI's flags).
 */
export type Trigger =
  | {
      kind: 'pull_request'
      /** Undefined for a merge queue group, which has no pull request number. */
      number?: number
      baseSha: string
      baseRef: string
      headSha: string
      /** How many files the pull request changes, when the event says so. */
      changedFiles?: number
      /**
       * The refspec that fetches the head from origin when a fetch by commit id is refused (GitLab's
       * `refs/merge-requests/<iid>/head`); default GitHub's `refs/pull/<number>/head`.
       */
      headRefspec?: string
    }
  | {
      kind: 'push'
      /** Undefined when the event does not say (other runners, replayed events): treated as unknown. */
      before?: string
      after: string
      ref: string
    }
  | { kind: 'manual'; event: string }

export interface RunContext {
  eventName: string
  trigger: Trigger
  /** The checked-out commit (GITHUB_SHA): for pull requests GitHub's merge commit. */
  sha: string
  defaultBranch: string
  repository: { owner: string; repo: string }
}
