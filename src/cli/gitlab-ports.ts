// The GitLab side of the CLI's train, report, promote and history (DESIGN.md section 9): what they
// use instead of `.model-ci/`'s local stores when they run as a GitLab CI job (GITLAB_CI=true).
// Loaded with `await import(...)` only then, so the local CLI's start never loads GitLab's code.
import { writeFile } from 'node:fs/promises'
import { CheckoutBranchHistory } from '../adapters/git/checkout-branch-history.js'
import { METRICS_FILE, REPORT_FILE } from '../adapters/gitlab/child-pipeline.js'
import type { GitLabAdapters } from '../adapters/gitlab/connect.js'
import { connectGitLab } from '../adapters/gitlab/connect.js'
import type { GitLabEnv } from '../adapters/gitlab/gitlab-context.js'
import { readGitLabContext } from '../adapters/gitlab/gitlab-context.js'
import type { TrainRun } from '../commands/train/train.js'
import type { ReportDocument } from '../core/report/types.js'
import { UserError } from '../errors.js'
import type { BranchHistory } from '../ports/branch-history.js'
import type { Logger } from '../ports/logger.js'
import type { LocalWorkspace } from './local-workspace.js'
import type { LocalRunContext } from './run-context.js'

export { API_TOKEN_VARIABLE } from '../adapters/gitlab/gitlab-api.js'

/** The variable that names a pipeline's attempt, for a pipeline run again under the same id (GitLab has none of its own). */
export const RUN_ATTEMPT_VARIABLE = 'MODEL_CI_RUN_ATTEMPT'
/** The variable the child pipeline's report job names the models it expects with (see child-pipeline.ts). */
export const REPORT_MODELS_VARIABLE = 'MODEL_CI_REPORT_MODELS'
/** The report as Markdown, in the job's folder: the report job keeps it as an artifact. */
export const GITLAB_REPORT_FILE = REPORT_FILE
/** GitLab's metrics report (`artifacts: reports: metrics:`): one "name value" line per model and metric. */
export const GITLAB_METRICS_FILE = METRICS_FILE
/** The workflow name the report's title shows. */
export const GITLAB_WORKFLOW_NAME = 'GitLab CI'

/** A GitLab CI job as the CLI's commands use it: the run is the pipeline, the stores are the project's. */
export interface GitLabJob extends LocalRunContext {
  /** This pipeline as train records it in the manifest, and report and promote as their run. */
  run: TrainRun & { url: string }
  adapters: GitLabAdapters
  /** The default branch's history in the job's clone (fetched when the clone lacks it). */
  history: BranchHistory
  /** Who runs the pipeline (GITLAB_USER_LOGIN), for the promotion record. */
  actor?: string
}

/**
 * The job's pipeline and adapters, from its predefined variables: the run is CI_PIPELINE_ID
 * (attempt MODEL_CI_RUN_ATTEMPT, else 1), at CI_COMMIT_SHA, with ref `refs/heads/<branch>`
 * (`refs/merge-requests/<iid>/head` for a merge request, `refs/tags/<tag>` for a tag), event
 * push, pull_request (a merge request) or the pipeline's source (web, api, schedule, ...), url
 * CI_PIPELINE_URL, pull request the merge request's IID. `--default-branch` overrides CI_DEFAULT_BRANCH.
 */
export function openGitLabJob(workspace: LocalWorkspace, env: GitLabEnv, logger: Logger, options: { defaultBranch?: string } = {}): GitLabJob {
  const gitlab = readGitLabContext(env)
  const context = options.defaultBranch === undefined ? gitlab.context : { ...gitlab.context, defaultBranch: options.defaultBranch }
  const attemptText = env[RUN_ATTEMPT_VARIABLE]
  const attempt = attemptText === undefined || attemptText === '' ? 1 : Number(attemptText)
  if (!Number.isSafeInteger(attempt) || attempt < 1) throw new UserError(`variable ${RUN_ATTEMPT_VARIABLE} is "${attemptText}", not a whole number of 1 or more`, { input: RUN_ATTEMPT_VARIABLE })
  const trigger = context.trigger
  const ref =
    trigger.kind === 'pull_request'
      ? `refs/merge-requests/${trigger.number}/head`
      : trigger.kind === 'push'
        ? trigger.ref
        : gitlab.headBranch !== null
          ? `refs/heads/${gitlab.headBranch}`
          : gitlab.headTag !== undefined
            ? `refs/tags/${gitlab.headTag}`
            : 'HEAD'
  const event = trigger.kind === 'pull_request' ? 'pull_request' : trigger.kind === 'push' ? 'push' : gitlab.pipelineSource
  // In a child pipeline detect wrote, the run is the parent's: its id, URL and merge request.
  const url = gitlab.pipelineUrl ?? `${env.CI_PROJECT_URL ?? ''}/-/pipelines/${gitlab.pipelineId}`
  return {
    context,
    headBranch: gitlab.headBranch,
    models: gitlab.models,
    description: `GitLab CI, ${gitlab.description}`,
    run: { id: gitlab.pipelineId, attempt, sha: context.sha, ref, event, runnerOs: 'Linux', url, pullRequest: gitlab.mergeRequestIid },
    adapters: connectGitLab(env, logger, { pipelineId: gitlab.pipelineId, mergeRequestIid: gitlab.mergeRequestIid, repositoryRoot: workspace.root }),
    history: new CheckoutBranchHistory(workspace.git),
    actor: env.GITLAB_USER_LOGIN || undefined
  }
}

/** The models the child pipeline's report job expects (MODEL_CI_REPORT_MODELS, names separated by spaces); undefined when unset. */
export function expectedModels(env: GitLabEnv): string[] | undefined {
  const names = (env[REPORT_MODELS_VARIABLE] ?? '').split(/[\s,]+/).filter((name) => name !== '')
  return names.length === 0 ? undefined : names
}

/**
 * GitLab's metrics report: a line `<model>.<metric> <value>` per metric this pipeline measured
 * (whitespace in a name becomes `_`, so that each line stays "name value"), sorted by model.
 */
export function metricsReport(document: ReportDocument): string {
  const lines: string[] = []
  const name = (text: string) => text.replace(/[\s\p{Cc}]+/gu, '_')
  for (const model of document.models) {
    for (const metric of model.comparison.metrics) {
      if (metric.head === null || !Number.isFinite(metric.head)) continue
      lines.push(`${name(model.comparison.model)}.${name(metric.name)} ${metric.head}`)
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`
}

export async function writeMetricsReport(file: string, document: ReportDocument): Promise<void> {
  await writeFile(file, metricsReport(document))
}
