import { tmpdir } from 'node:os'
import { GitHubArtifactStore } from '../adapters/github/artifact-store.js'
import { GitHubBranchHistory } from '../adapters/github/branch-history.js'
import { createGitHubClient } from '../adapters/github/octokit.js'
import { runAttempt } from '../adapters/github/workflow-context.js'
import { GitHubWorkflowRuns } from '../adapters/github/workflow-runs.js'
import { NodeFileSystem } from '../adapters/node/node-file-system.js'
import type { Ledger } from '../core/ledger.js'
import type { Logger } from '../ports/logger.js'
import { newestLedger } from '../records/ledger-history.js'

/**
 * The newest ledger of the default branch's push runs of this workflow, for detect to balance its
 * batches by. Loaded only past `max-jobs`: it brings the REST and artifact clients, which detect
 * otherwise never loads. Server errors are not retried: the ledger only evens out the jobs, and
 * detect does not wait for it (the caller falls back to counting models).
 */
export async function defaultBranchLedger(options: {
  token: string
  repository: { owner: string; repo: string }
  branch: string
  logger: Logger
}): Promise<Ledger | undefined> {
  const run = runAttempt(process.env)
  const client = createGitHubClient(options.token, { retryServerErrors: false })
  const runs = new GitHubWorkflowRuns(client, options.repository)
  const thisRun = await runs.get(run.id)
  const artifacts = new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: options.token, repository: options.repository, logger: options.logger })
  const found = await newestLedger(
    { runs, artifacts, history: new GitHubBranchHistory(client, options.repository), files: new NodeFileSystem(), logger: options.logger },
    { branch: options.branch, workflowId: thisRun?.workflowId, tempDir: process.env.RUNNER_TEMP || tmpdir() }
  )
  return found?.ledger
}
