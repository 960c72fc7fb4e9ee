// The GitLab adapters of a GitLab CI job, from GitLab's predefined variables (DESIGN.md section 9).
// Load this module with `await import(...)` only in GitLab mode (GITLAB_CI=true): nothing of
// GitLab's code then weighs on the CLI's start outside GitLab.
import { UserError } from '../../errors.js'
import type { Logger } from '../../ports/logger.js'
import type { GitLabToken } from './gitlab-api.js'
import { GitLabMergeRequestNotes } from './merge-request-notes.js'
import { GitLabPackageArtifactStore } from './package-artifact-store.js'
import { GitLabPackageDeployments } from './package-deployments.js'
import { GitLabPackageRunCache } from './package-run-cache.js'
import { GitLabPipelineRuns } from './pipeline-runs.js'

export interface GitLabAdapters {
  artifacts: GitLabPackageArtifactStore
  runs: GitLabPipelineRuns
  deployments: GitLabPackageDeployments
  /** The run-cache, kept in the package registry where every pipeline's jobs find it. */
  runCache: GitLabPackageRunCache
  /** Undefined without MODEL_CI_GITLAB_TOKEN, which GitLab does not open notes (nor pipelines) to CI_JOB_TOKEN: report then refuses to start. */
  notes: GitLabMergeRequestNotes | undefined
}

const REQUIRED = ['CI_API_V4_URL', 'CI_PROJECT_ID', 'CI_JOB_TOKEN', 'CI_PIPELINE_ID', 'CI_PROJECT_URL', 'CI_DEFAULT_BRANCH'] as const

/**
 * The adapters, each with the token it needs: packages (artifacts, ledgers, promotion records) go
 * through CI_JOB_TOKEN, so that GitLab records which pipeline uploaded each file (list() and the
 * promotion records' trust rest on it); notes and pipelines need MODEL_CI_GITLAB_TOKEN, as GitLab
 * opens neither to CI_JOB_TOKEN (without it they refuse with an error naming the variable; train
 * and its run-cache need only CI_JOB_TOKEN). A missing variable is a UserError naming it.
 */
export function connectGitLab(
  env: Record<string, string | undefined>,
  logger: Pick<Logger, 'info' | 'warning'>,
  options: { retryDelayMs?: number; pipelineId?: number; mergeRequestIid?: number; repositoryRoot?: string } = {}
): GitLabAdapters {
  const missing = REQUIRED.filter((name) => !env[name])
  if (missing.length > 0) {
    throw new UserError(`GitLab CI variables ${missing.join(', ')} are not set: run model-ci inside a GitLab CI job (GITLAB_CI=true), or set them`)
  }
  // The run's pipeline and merge request: a child pipeline's job passes its parent's (gitlab-context.ts).
  const pipelineId = options.pipelineId ?? Number(env.CI_PIPELINE_ID)
  if (!Number.isSafeInteger(pipelineId) || pipelineId < 1) throw new UserError(`CI_PIPELINE_ID is "${env.CI_PIPELINE_ID}", not a pipeline id`)
  const iid = options.mergeRequestIid ?? (env.CI_MERGE_REQUEST_IID ? Number(env.CI_MERGE_REQUEST_IID) : undefined)
  const jobToken: GitLabToken = { header: 'JOB-TOKEN', value: env.CI_JOB_TOKEN as string, variable: 'CI_JOB_TOKEN' }
  const apiToken: GitLabToken | undefined = env.MODEL_CI_GITLAB_TOKEN ? { header: 'PRIVATE-TOKEN', value: env.MODEL_CI_GITLAB_TOKEN, variable: 'MODEL_CI_GITLAB_TOKEN' } : undefined
  const base = { apiUrl: env.CI_API_V4_URL as string, projectId: env.CI_PROJECT_ID as string, logger, retryDelayMs: options.retryDelayMs }
  return {
    artifacts: new GitLabPackageArtifactStore({ ...base, token: jobToken, pipelinesToken: apiToken, pipelineId }),
    runs: new GitLabPipelineRuns({ ...base, token: apiToken }),
    deployments: new GitLabPackageDeployments({ ...base, token: jobToken, trustedRefs: [env.CI_DEFAULT_BRANCH as string] }),
    runCache: new GitLabPackageRunCache({
      ...base,
      logger,
      token: jobToken,
      defaultBranch: env.CI_DEFAULT_BRANCH as string,
      repositoryRoot: options.repositoryRoot ?? env.CI_PROJECT_DIR ?? process.cwd()
    }),
    notes: apiToken
      ? new GitLabMergeRequestNotes({ ...base, token: apiToken, projectUrl: env.CI_PROJECT_URL as string, projectPath: env.CI_PROJECT_PATH, mergeRequestIid: Number.isSafeInteger(iid) ? iid : undefined })
      : undefined
  }
}
