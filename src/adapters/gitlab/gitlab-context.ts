import { UserError } from '../../errors.js'
import type { RunContext, Trigger } from '../../ports/event.js'

/** The environment of a GitLab CI job: its predefined variables (and the project's own). */
export type GitLabEnv = Readonly<Record<string, string | undefined>>

/** The variable a web, API, schedule or trigger pipeline names the models to train with (detect's `models` input). */
export const GITLAB_MODELS_VARIABLE = 'MODEL_CI_MODELS'

/** The prefix of the variables detect writes into the child pipeline: the parent's trigger (`MODEL_CI_PARENT_PIPELINE_ID` for CI_PIPELINE_ID, ...). */
export const PARENT_VARIABLE_PREFIX = 'MODEL_CI_PARENT_'

/**
 * The parent pipeline's variables a child pipeline's jobs need and GitLab does not give them (it
 * gives them CI_PIPELINE_SOURCE=parent_pipeline, their own CI_PIPELINE_ID and no merge-request
 * variables): detect writes each as `MODEL_CI_PARENT_<name without CI_>`.
 */
export const PARENT_VARIABLES = [
  'CI_PIPELINE_ID',
  'CI_PIPELINE_SOURCE',
  'CI_PIPELINE_URL',
  'CI_COMMIT_BEFORE_SHA',
  'CI_COMMIT_BRANCH',
  'CI_COMMIT_TAG',
  'CI_MERGE_REQUEST_IID',
  'CI_MERGE_REQUEST_DIFF_BASE_SHA',
  'CI_MERGE_REQUEST_TARGET_BRANCH_NAME',
  'CI_MERGE_REQUEST_SOURCE_BRANCH_NAME',
  'CI_MERGE_REQUEST_SOURCE_BRANCH_SHA',
  GITLAB_MODELS_VARIABLE
] as const

/** `MODEL_CI_PARENT_<name>` for a parent variable: CI_ dropped (MODEL_CI_MODELS gives MODEL_CI_PARENT_MODELS). */
export function parentVariableName(name: (typeof PARENT_VARIABLES)[number]): string {
  return PARENT_VARIABLE_PREFIX + name.replace(/^(CI|MODEL_CI)_/, '')
}

/** The parent pipeline's trigger as the child pipeline's `variables:` (the set ones, as strings): what detect writes in a GitLab job. */
export function parentPipelineVariables(env: GitLabEnv): Record<string, string> {
  const variables: Record<string, string> = {}
  for (const name of PARENT_VARIABLES) {
    const value = env[name]
    if (value !== undefined && value !== '') variables[parentVariableName(name)] = value
  }
  return variables
}

/** What model-ci reads from a GitLab job's predefined variables. */
export interface GitLabContext {
  /** The trigger, in the platform-neutral form detect works from. */
  context: RunContext
  /** CI_PIPELINE_SOURCE: push, merge_request_event, web, api, schedule, trigger, parent_pipeline, ... */
  pipelineSource: string
  /** The branch the pipeline runs for (CI_COMMIT_BRANCH, or the merge request's source branch); null for a tag. */
  headBranch: string | null
  /** CI_COMMIT_TAG, for a pipeline of a tag. */
  headTag?: string
  /** MODEL_CI_MODELS: detect's `models` input for the manual sources (empty when unset). */
  models: string
  /** CI_MERGE_REQUEST_IID, for merge-request pipelines. */
  mergeRequestIid?: number
  projectId: number
  /** CI_API_V4_URL, without a trailing slash. */
  apiUrl: string
  /** The run's pipeline: CI_PIPELINE_ID, or the parent's in a child pipeline detect wrote (MODEL_CI_PARENT_PIPELINE_ID). */
  pipelineId: number
  /** That pipeline's page: CI_PIPELINE_URL (the parent's in a child pipeline), when set. */
  pipelineUrl?: string
  /** In a child pipeline read as its parent's run: the child's own CI_PIPELINE_ID. */
  childPipelineId?: number
  jobUrl: string
  /** One line for the log: what is compared with what. */
  description: string
}

/** Whether the process runs as a GitLab CI job (GitLab sets GITLAB_CI=true in every job). */
export function isGitLabJob(env: GitLabEnv): boolean {
  return env.GITLAB_CI === 'true'
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/
const ZERO_SHA = /^0+$/
const WHOLE_NUMBER = /^[1-9][0-9]{0,15}$/

/**
 * Reads the run context of a GitLab CI job from its predefined variables (pure: the environment
 * is an argument):
 * - `merge_request_event`: a pull request from the merge request's head (CI_MERGE_REQUEST_SOURCE_BRANCH_SHA
 *   in merged-results pipelines, else CI_COMMIT_SHA) into CI_MERGE_REQUEST_TARGET_BRANCH_NAME, diffed
 *   from CI_MERGE_REQUEST_DIFF_BASE_SHA (GitLab's merge-base); CI_MERGE_REQUEST_IID is its number;
 * - `push`: a push from CI_COMMIT_BEFORE_SHA (all zeros for a new branch: the merge-base with the
 *   default branch is used, as on GitHub) to CI_COMMIT_SHA on CI_COMMIT_BRANCH (or CI_COMMIT_TAG);
 * - any other source (web, api, schedule, trigger, pipeline, parent_pipeline, chat, ...): a manual
 *   run that trains the models MODEL_CI_MODELS names (`all`, or names separated by commas, spaces or
 *   newlines; empty trains every model only on a schedule).
 * A child pipeline's job (`parent_pipeline`) with the MODEL_CI_PARENT_* variables detect writes is a
 * part of its parent's run: the trigger, pipeline id and URL are the parent's (a child pipeline
 * written before them stays a manual run of its own).
 * A variable that is missing or malformed is a UserError naming it.
 */
export function readGitLabContext(env: GitLabEnv): GitLabContext {
  if (env.CI_PIPELINE_SOURCE === 'parent_pipeline' && env[parentVariableName('CI_PIPELINE_ID')] && env[parentVariableName('CI_PIPELINE_SOURCE')]) {
    const read = new VariableReader(env)
    const childPipelineId = Number(read.required('CI_PIPELINE_ID', WHOLE_NUMBER, 'a whole number'))
    const parentSource = read.required(parentVariableName('CI_PIPELINE_SOURCE'), /^[a-z_]+$/, 'a pipeline source such as push or merge_request_event')
    if (parentSource === 'parent_pipeline') throw new UserError(`GitLab CI variable ${parentVariableName('CI_PIPELINE_SOURCE')} is parent_pipeline: model-ci's child pipeline is triggered by the pipeline that ran detect`, { input: parentVariableName('CI_PIPELINE_SOURCE') })
    // The parent's values replace the child's own, unset ones included (the child has none of a merge request's).
    const parentEnv: Record<string, string | undefined> = { ...env }
    for (const name of PARENT_VARIABLES) parentEnv[name] = env[parentVariableName(name)]
    return { ...readGitLabContext(parentEnv), childPipelineId }
  }
  const read = new VariableReader(env)
  const pipelineSource = read.required('CI_PIPELINE_SOURCE', /^[a-z_]+$/, 'a pipeline source such as push or merge_request_event')
  const sha = read.required('CI_COMMIT_SHA', SHA, 'a full commit id')
  const defaultBranch = read.required('CI_DEFAULT_BRANCH', /\S/, 'a branch name')
  const projectId = Number(read.required('CI_PROJECT_ID', WHOLE_NUMBER, 'a whole number'))
  const apiUrl = read.required('CI_API_V4_URL', /^https?:\/\/[^\s/]+/, 'an http(s) URL').replace(/\/+$/, '')
  const pipelineId = Number(read.required('CI_PIPELINE_ID', WHOLE_NUMBER, 'a whole number'))
  const jobUrl = read.required('CI_JOB_URL', /^https?:\/\/\S+$/, 'an http(s) URL')
  const pipelineUrl = read.optional('CI_PIPELINE_URL', /^https?:\/\/\S+$/, 'an http(s) URL')
  const repository = {
    owner: read.optional('CI_PROJECT_NAMESPACE', /\S/, 'a group path') ?? 'gitlab',
    repo: read.optional('CI_PROJECT_NAME', /\S/, 'a project name') ?? String(projectId)
  }
  const short = (commit: string) => commit.slice(0, 8)
  const headTag = read.optional('CI_COMMIT_TAG', /\S/, 'a tag name')
  const common = { pipelineSource, projectId, apiUrl, pipelineId, jobUrl, ...(pipelineUrl !== undefined ? { pipelineUrl } : {}), ...(headTag !== undefined ? { headTag } : {}) }
  const context = (eventName: string, trigger: Trigger): RunContext => ({ eventName, trigger, sha, defaultBranch, repository })

  if (pipelineSource === 'merge_request_event') {
    const iid = Number(read.required('CI_MERGE_REQUEST_IID', WHOLE_NUMBER, 'a whole number'))
    const baseSha = read.required('CI_MERGE_REQUEST_DIFF_BASE_SHA', SHA, 'a full commit id')
    const baseRef = read.required('CI_MERGE_REQUEST_TARGET_BRANCH_NAME', /\S/, 'a branch name')
    // A merged-results pipeline checks out GitLab's merge commit: the merge request's head is the source branch's sha.
    const headSha = read.optional('CI_MERGE_REQUEST_SOURCE_BRANCH_SHA', SHA, 'a full commit id') ?? sha
    const trigger: Trigger = { kind: 'pull_request', number: iid, baseSha, baseRef, headSha, headRefspec: mergeRequestRefspec(iid) }
    return {
      ...common,
      context: context('merge_request_event', trigger),
      headBranch: read.optional('CI_MERGE_REQUEST_SOURCE_BRANCH_NAME', /\S/, 'a branch name') ?? null,
      models: '',
      mergeRequestIid: iid,
      description: `merge request !${iid} at ${short(headSha)}, into ${baseRef} (diff from ${short(baseSha)})`
    }
  }
  if (pipelineSource === 'push') {
    const branch = read.optional('CI_COMMIT_BRANCH', /\S/, 'a branch name')
    const tag = branch === undefined ? read.optional('CI_COMMIT_TAG', /\S/, 'a tag name') : undefined
    if (branch === undefined && tag === undefined) throw missing('CI_COMMIT_BRANCH', 'a push pipeline runs for a branch (CI_COMMIT_BRANCH) or a tag (CI_COMMIT_TAG)')
    // GitLab leaves CI_COMMIT_BEFORE_SHA all zeros for a new branch (and for a pipeline run again): detect then counts from the merge-base with the default branch.
    const before = read.optional('CI_COMMIT_BEFORE_SHA', SHA, 'a full commit id')
    const ref = branch !== undefined ? `refs/heads/${branch}` : `refs/tags/${tag}`
    return {
      ...common,
      context: context('push', { kind: 'push', before, after: sha, ref }),
      headBranch: branch ?? null,
      models: '',
      description:
        before === undefined || ZERO_SHA.test(before)
          ? `a push of ${branch ?? tag} at ${short(sha)} with no commit before it`
          : `a push of ${branch ?? tag}: ${short(before)}..${short(sha)}`
    }
  }
  const models = env[GITLAB_MODELS_VARIABLE] ?? ''
  return {
    ...common,
    context: context(pipelineSource, { kind: 'manual', event: pipelineSource }),
    headBranch: read.optional('CI_COMMIT_BRANCH', /\S/, 'a branch name') ?? null,
    models,
    description: `a ${pipelineSource} pipeline at ${short(sha)}: the models ${GITLAB_MODELS_VARIABLE} names (${models.trim() === '' ? 'unset' : JSON.stringify(models.trim())})`
  }
}

/** Where GitLab keeps a merge request's head, for a fetch by ref when a fetch by commit id is refused. */
export function mergeRequestRefspec(iid: number): string {
  return `+refs/merge-requests/${iid}/head:refs/remotes/origin/merge-requests/${iid}/head`
}

class VariableReader {
  constructor(private readonly env: GitLabEnv) {}

  required(name: string, rule: RegExp, expected: string): string {
    const value = this.optional(name, rule, expected)
    if (value === undefined) throw missing(name, 'GitLab sets it in every job of this kind of pipeline')
    return value
  }

  /** The value, or undefined when unset or empty (GitLab sets some variables empty). */
  optional(name: string, rule: RegExp, expected: string): string | undefined {
    const value = this.env[name]
    if (value === undefined || value === '') return undefined
    if (!rule.test(value)) {
      const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
      throw new UserError(`GitLab CI variable ${name} is ${shown}, not ${expected}; model-ci reads the predefined variables of a GitLab CI job, do not override ${name}`, { input: name })
    }
    return value
  }
}

function missing(name: string, why: string): UserError {
  return new UserError(`GitLab CI variable ${name} is not set (${why}); run model-ci as a script of a GitLab CI job, or unset GITLAB_CI to run it locally`, { input: name })
}
