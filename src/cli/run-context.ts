import { basename } from 'node:path'
import type { GitLabEnv } from '../adapters/gitlab/gitlab-context.js'
import { GITLAB_MODELS_VARIABLE, readGitLabContext } from '../adapters/gitlab/gitlab-context.js'
import type { FsWorkflowRuns } from '../adapters/local/fs-workflow-runs.js'
import { LOCAL_WORKFLOW_ID } from '../adapters/local/fs-workflow-runs.js'
import type { TrainRun } from '../commands/train/train.js'
import { UserError } from '../errors.js'
import type { RunContext } from '../ports/event.js'
import type { TriggerOptions } from './args.js'
import { UsageError } from './args.js'
import { currentBranch, defaultBranchOf } from './local-git.js'
import type { LocalWorkspace } from './local-workspace.js'

const ZERO_SHA = '0'.repeat(40)

/** What a local run stands for: the trigger a runner would read from its event, worked out from the checkout. */
export interface LocalRunContext {
  context: RunContext
  /** The checked-out branch; null when HEAD is detached. */
  headBranch: string | null
  /** detect's `models` input: the --models selection, empty for the other triggers. */
  models: string
  /** One line for the terminal: what is compared with what. */
  description: string
}

/**
 * The run context of the checkout:
 * - `--models`: a workflow_dispatch with that selection;
 * - on the default branch (and no `--base`): a push whose `before` is the commit of the newest
 *   successful local run on the default branch, or all zeros before the first (every model trains);
 *   a failed run does not count, so that its models train again;
 * - anywhere else: a pull request from HEAD into `--base`, or into the default branch's tip.
 */
export async function localRunContext(
  workspace: LocalWorkspace,
  runs: FsWorkflowRuns,
  options: TriggerOptions & { defaultBranch?: string }
): Promise<LocalRunContext> {
  const git = workspace.git
  const head = await git.resolveCommit('HEAD')
  if (head === undefined) throw new UsageError(`the repository at ${git.root} has no commits yet; commit the models, then run model-ci`)
  const defaultBranch = options.defaultBranch ?? (await defaultBranchOf(git.root))
  if (defaultBranch === undefined) {
    throw new UsageError('cannot tell the default branch: there is no origin/HEAD, main or master; name it with --default-branch B')
  }
  const branch = (await currentBranch(git.root)) ?? null
  const repository = { owner: 'local', repo: basename(workspace.root) }
  const base = { sha: head, defaultBranch, repository }
  const short = (sha: string) => sha.slice(0, 7)

  if (options.models !== undefined) {
    return {
      context: { ...base, eventName: 'workflow_dispatch', trigger: { kind: 'manual', event: 'workflow_dispatch' } },
      headBranch: branch,
      models: options.models,
      description: `the models chosen with --models, at ${short(head)}`
    }
  }
  if (options.base === undefined && branch === defaultBranch) {
    const before = (await newestSuccessfulPush(runs, branch))?.headSha ?? ZERO_SHA
    return {
      context: { ...base, eventName: 'push', trigger: { kind: 'push', before, after: head, ref: `refs/heads/${branch}` } },
      headBranch: branch,
      models: '',
      description:
        before === ZERO_SHA
          ? `${branch} at ${short(head)}, as a push: no successful local run here yet, so every model trains`
          : `${branch} at ${short(head)}, as a push: the changes since the last successful run here (${short(before)})`
    }
  }
  const baseRef = options.base ?? defaultBranch
  const baseSha = (await git.resolveCommit(baseRef)) ?? (options.base === undefined ? await git.resolveCommit(`refs/remotes/origin/${baseRef}`) : undefined)
  if (baseSha === undefined) {
    throw options.base === undefined
      ? new UsageError(`there is no branch "${defaultBranch}" to compare with; name the base with --base REF, or the default branch with --default-branch B`)
      : new UsageError(`option --base: "${baseRef}" is not a commit, branch or tag of this repository`)
  }
  return {
    context: {
      ...base,
      eventName: 'pull_request',
      trigger: { kind: 'pull_request', baseSha, baseRef: baseRef.replace(/^refs\/heads\//, ''), headSha: head }
    },
    headBranch: branch,
    models: '',
    description: `${branch ?? 'HEAD'} at ${short(head)}, as a pull request into ${baseRef} (${short(baseSha)})`
  }
}

/**
 * The run context of a GitLab CI job (GITLAB_CI=true), from its predefined variables (see
 * readGitLabContext): --base and --models are for local runs, where nothing else says what to
 * compare; --default-branch still overrides CI_DEFAULT_BRANCH.
 */
export function gitlabRunContext(
  env: GitLabEnv,
  options: TriggerOptions & { defaultBranch?: string }
): LocalRunContext & { modelsShownAs: string; checkoutAdvice: string } {
  if (options.base !== undefined || options.models !== undefined) {
    throw new UsageError(
      `option --${options.base !== undefined ? 'base' : 'models'} is for local runs: in a GitLab CI job (GITLAB_CI=true) detect reads the pipeline's variables; set ${GITLAB_MODELS_VARIABLE} on a web, API or scheduled pipeline to choose the models`
    )
  }
  const gitlab = readGitLabContext(env)
  const context = options.defaultBranch === undefined ? gitlab.context : { ...gitlab.context, defaultBranch: options.defaultBranch }
  return {
    context,
    headBranch: gitlab.headBranch,
    models: gitlab.models,
    description: `GitLab CI, ${gitlab.description}`,
    modelsShownAs: `variable ${GITLAB_MODELS_VARIABLE}`,
    checkoutAdvice:
      "keep GitLab's checkout of the job (GIT_STRATEGY fetch or clone, not none; any GIT_DEPTH, detect deepens it) with its origin remote, whose CI_JOB_TOKEN lets detect fetch"
  }
}

/** How many completed runs to look through for the last successful one. */
const RUNS_LOOKED_AT = 100

async function newestSuccessfulPush(runs: FsWorkflowRuns, branch: string) {
  const completed = await runs.listCompleted({ workflowId: LOCAL_WORKFLOW_ID, branch, event: 'push', limit: RUNS_LOOKED_AT })
  return completed.find((run) => run.conclusion === 'success')
}

/** The run as `train` records it in the manifest. */
export function trainRunOf(run: { id: number }, local: LocalRunContext): TrainRun {
  return {
    id: run.id,
    attempt: 1,
    sha: local.context.sha,
    ref: local.headBranch === null ? 'HEAD' : `refs/heads/${local.headBranch}`,
    event: local.context.eventName,
    runnerOs: runnerOs()
  }
}

/** The operating system as GitHub's RUNNER_OS names it (part of the dependency cache key). */
function runnerOs(): string {
  switch (process.platform) {
    case 'darwin':
      return 'macOS'
    case 'win32':
      return 'Windows'
    default:
      return 'Linux'
  }
}

/** A command that needs a finished run refers to one that does not exist. */
export function noSuchRun(runId: number | undefined): UserError {
  return new UserError(
    runId === undefined
      ? 'there is no local run that trained models yet; train with model-ci run (or model-ci train MODEL) first'
      : `there is no local run ${runId}; the runs are in .model-ci/runs/`
  )
}

/**
 * Warns when tracked files have uncommitted changes, saying what local mode makes of them: which
 * models train is worked out from commits, model-ci.yml and each model.yml are read as checked
 * out, and a model whose inputs changed trains from the files as they are checked out, without the
 * run-cache. Returns the files (repository-relative), for trainLocally.
 */
export function warnIfUncommitted(workspace: LocalWorkspace): string[] {
  const files = workspace.uncommittedFiles
  if (files.length === 0) return files
  const shown = files.slice(0, 3).join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '')
  workspace.ports.logger.warning(
    `${files.length} file(s) have uncommitted changes (${shown}): the models to train are picked from commits, while model-ci.yml and each model.yml are read as checked out; ` +
      'a model with uncommitted changes (in its folder, its watch or shared files, or model-ci.yml) trains from the files as they are checked out, without the run-cache; commit the changes to have them counted'
  )
  return files
}
