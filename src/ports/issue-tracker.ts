/** An issue of the repository, as `monitor` reads and writes it. */
export interface TrackedIssue {
  number: number
  title: string
  body: string
  /** The author's login. */
  author: string
  state: 'open' | 'closed'
  /** The issue's page. */
  url: string
}

/**
 * The repository's issues (GitHub's issues API), where `monitor` keeps one issue per degraded
 * model and environment. Writes throw PermissionDeniedError (ports/comment-thread.ts) on 403.
 */
export interface IssueTracker {
  /** The login the token writes as (`github-actions[bot]` for a workflow's token). */
  ownLogin(): Promise<string>
  /** Open issues (not pull requests) created by `creator` whose body contains `marker`, oldest first, every page read. */
  listOpen(options: { creator: string; marker: string }): Promise<TrackedIssue[]>
  create(title: string, body: string): Promise<TrackedIssue>
  /** Changes the body, or closes the issue (`completed`: resolved; `not_planned`: a duplicate). */
  update(number: number, change: { body?: string; close?: 'completed' | 'not_planned' }): Promise<TrackedIssue>
  comment(number: number, body: string): Promise<void>
}
