import { dump } from 'js-yaml'
import type { BatchEntry, MatrixEntry } from '../../core/matrix.js'

/** A matrix entry that trains one model: what a job needs of detect's MatrixEntry. */
export type ModelJobEntry = Omit<MatrixEntry, 'fingerprint'>

/** A matrix entry that trains a batch of models, `jobs` at a time: what a job needs of detect's BatchEntry. */
export type BatchJobEntry = Omit<BatchEntry, 'fingerprints'>

export type JobEntry = ModelJobEntry | BatchJobEntry

/** The variable holding the command that runs model-ci (`node .model-ci-cli/dist/cli.js`); default `model-ci` on PATH. */
export const MODEL_CI_COMMAND_VARIABLE = 'MODEL_CI'
/** The variable holding shell commands run before every model-ci job's script: they install node and model-ci where the image lacks them. */
export const MODEL_CI_SETUP_VARIABLE = 'MODEL_CI_SETUP'

/**
 * How the child pipeline's jobs get and run model-ci: the values the detect job had (its
 * MODEL_CI and MODEL_CI_SETUP), written into the child pipeline's `variables:`, so that its jobs run
 * model-ci as the parent did, and the project's CI/CD variables still override them there.
 */
export interface ChildPipelineOptions {
  command?: string
  setup?: string
  /**
   * The parent pipeline's trigger as MODEL_CI_PARENT_* variables (gitlab-context.ts'
   * parentPipelineVariables): GitLab gives a child pipeline's jobs none of the parent's
   * merge-request or push variables, and their own CI_PIPELINE_ID.
   */
  parent?: Readonly<Record<string, string>>
}

/** The runs-on label that means "GitLab's default runner": model-ci.yml's default, and GitHub's usual hosted runner. */
const DEFAULT_RUNS_ON = 'ubuntu-latest'
/** GitHub's label for self-hosted runners, which has no meaning as a GitLab runner tag. */
const GITHUB_ONLY_LABELS = new Set(['self-hosted'])
/** GitLab's default limit on a job's `needs`; past it the report job waits for its stage instead. */
export const MAX_NEEDS = 50
/** The one job of a child pipeline with nothing to train: GitLab refuses a pipeline without jobs. */
export const NO_MODEL_JOB = 'no model changed'
export const REPORT_JOB = 'report'
/** What the report job writes in its folder (see the CLI's gitlab-ports.ts): the report in Markdown, and GitLab's metrics report. */
export const REPORT_FILE = 'model-ci-report.md'
export const METRICS_FILE = 'metrics.txt'

const HEADER = `# Written by \`model-ci detect --gitlab-child-pipeline\`: the child pipeline that trains the models
# this pipeline changed (a job per model, or per batch past --max-jobs), then reports them.
# Do not edit: it is made again by every pipeline. MODEL_CI (the command that runs model-ci) and
# MODEL_CI_SETUP (shell commands run before each job's script) are those of the detect job;
# MODEL_CI_PARENT_* are the parent pipeline's trigger, which the child's jobs report as theirs.
`

/** The GitLab job that trains an entry: `train <model>`, or `train batch <id>` for a batch. */
export function trainJobName(entry: JobEntry): string {
  return 'model' in entry ? `train ${entry.model}` : `train batch ${entry.batch}`
}

/**
 * GitLab runner tags for a model's `runs-on`: its labels, without GitHub's `self-hosted`; none for
 * the default `ubuntu-latest`, so that the job runs on any runner the project has (on GitLab.com,
 * the shared ones).
 */
export function runnerTags(runsOn: string | string[]): string[] {
  const labels = (Array.isArray(runsOn) ? runsOn : [runsOn]).filter((label) => !GITHUB_ONLY_LABELS.has(label))
  return labels.length === 1 && labels[0] === DEFAULT_RUNS_ON ? [] : labels
}

/**
 * The child pipeline as an object: a `train` stage with a job per entry (runner tags from
 * `runs-on`, `image: python:<version>` for the docker executor and MODEL_CI_PYTHON_VERSION for the
 * others, `timeout` from timeout-minutes, `model-ci train` for its model or its batch's models (`jobs` at a time),
 * the local records as artifacts), then a `report` job that runs whatever happened to the trainings
 * (`when: always`) and `needs` them all (up to GitLab's 50; past that it waits for the stage).
 * With no entry, a single job that says so. `options`: how the jobs run model-ci.
 */
export function childPipeline(entries: readonly JobEntry[], options: ChildPipelineOptions = {}): Record<string, unknown> {
  if (entries.length === 0) {
    return { [NO_MODEL_JOB]: { script: ['echo "model-ci: no model changed, so nothing trains in this pipeline"'] } }
  }
  const setup = { before_script: [`eval "$${MODEL_CI_SETUP_VARIABLE}"`] }
  // Every value a string, quoted by the YAML writer: a branch named `true` or an id stays text.
  const variables: Record<string, string | { value: string; expand: false }> = {
    [MODEL_CI_COMMAND_VARIABLE]: options.command?.trim() || 'model-ci',
    [MODEL_CI_SETUP_VARIABLE]: options.setup ?? ''
  }
  // Not expanded: GitLab expands `$NAME` in a variable's value, and a merge request's branch named
  // `x$MODEL_CI_GITLAB_TOKEN` would otherwise carry the token into the value, and on into the note.
  for (const [name, value] of Object.entries(options.parent ?? {})) variables[name] = { value: String(value), expand: false }
  const pipeline: Record<string, unknown> = { stages: ['train', 'report'], variables, default: setup }
  const names: string[] = []
  for (const entry of entries) {
    const name = trainJobName(entry)
    names.push(name)
    pipeline[name] = trainJob(entry)
  }
  const models = entries.flatMap((entry) => ('model' in entry ? [entry.model] : entry.models))
  pipeline[REPORT_JOB] = {
    stage: 'report',
    when: 'always',
    // The trainings are read from the project's package registry, not from the jobs' artifacts.
    ...(names.length <= MAX_NEEDS ? { needs: names.map((job) => ({ job, artifacts: false })) } : {}),
    variables: { MODEL_CI_REPORT_MODELS: models.join(' ') },
    script: [`$${MODEL_CI_COMMAND_VARIABLE} report`],
    // The report in Markdown (also the note's text), and GitLab's metrics report for the merge request's widget.
    artifacts: {
      name: 'model-ci-report',
      when: 'always',
      expire_in: '30 days',
      paths: [REPORT_FILE, METRICS_FILE],
      reports: { metrics: METRICS_FILE }
    }
  }
  return pipeline
}

function trainJob(entry: JobEntry): Record<string, unknown> {
  const tags = runnerTags(entry['runs-on'])
  const models = 'model' in entry ? [entry.model] : entry.models
  // Names reach the shell through a variable, never spliced into the script. A batch's variable is
  // split into its names unquoted: model names are letters, digits, ".", "_" and "-", nothing the
  // shell expands. Every model of the batch trains whatever happens to the others, `jobs` at a
  // time, and the command fails if any did.
  const script =
    'model' in entry
      ? [`$${MODEL_CI_COMMAND_VARIABLE} train "$MODEL_CI_TRAIN_MODELS"`]
      : [`$${MODEL_CI_COMMAND_VARIABLE} train --jobs "$MODEL_CI_TRAIN_JOBS" $MODEL_CI_TRAIN_MODELS`]
  const batchVariables = 'model' in entry ? {} : { MODEL_CI_TRAIN_JOBS: String(entry.jobs) }
  return {
    stage: 'train',
    image: `python:${entry.python}`,
    ...(tags.length > 0 ? { tags } : {}),
    timeout: `${Math.max(1, Math.ceil(entry['timeout-minutes']))} minutes`,
    variables: { MODEL_CI_TRAIN_MODELS: models.join(' '), ...batchVariables, MODEL_CI_PYTHON_VERSION: entry.python },
    script,
    // The trained models go to the project's package registry; the job keeps its training logs.
    artifacts: {
      name: `model-ci-${'model' in entry ? entry.model : `batch-${entry.batch}`}`,
      when: 'always',
      expire_in: '30 days',
      paths: ['.model-ci/logs/']
    }
  }
}

/** The child pipeline's YAML text: every value a model's config gave is quoted by the YAML writer, none is spliced in. */
export function renderChildPipeline(entries: readonly JobEntry[], options: ChildPipelineOptions = {}): string {
  return HEADER + dump(childPipeline(entries, options), { lineWidth: -1, noRefs: true, quotingType: '"' })
}
