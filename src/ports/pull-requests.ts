export interface PullRequestFile {
  filename: string
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged'
  previousFilename?: string
}

/** The pull request's changed files as the hosting service lists them. */
export interface PullRequestFiles {
  listFiles(pullNumber: number): Promise<{ files: PullRequestFile[]; complete: boolean }>
}
