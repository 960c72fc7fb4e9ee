import { describe, expect, test } from '@jest/globals'
import { load } from 'js-yaml'
import type { JobEntry } from '../../../src/adapters/gitlab/child-pipeline.js'
import { MAX_NEEDS, renderChildPipeline, runnerTags, trainJobName } from '../../../src/adapters/gitlab/child-pipeline.js'
import { parentPipelineVariables } from '../../../src/adapters/gitlab/gitlab-context.js'

const entry = (model: string, extra: Partial<JobEntry> = {}): JobEntry => ({
  model,
  path: `models/${model}`,
  'runs-on': 'ubuntu-latest',
  python: '3.11',
  'timeout-minutes': 60,
  ...extra
})

type Job = Record<string, unknown> & { script: string[]; variables: Record<string, string> }

function parsed(entries: JobEntry[], options = {}): Record<string, Job> {
  return load(renderChildPipeline(entries, options)) as Record<string, Job>
}

describe('renderChildPipeline', () => {
  test('one job per model with tags, image, Python, timeout, train command and artifacts, then a report that always runs', () => {
    const pipeline = parsed([entry('churn'), entry('fraud', { 'runs-on': ['self-hosted', 'gpu'], python: '3.12', 'timeout-minutes': 0.5 })])
    expect(Object.keys(pipeline)).toEqual(['stages', 'variables', 'default', 'train churn', 'train fraud', 'report'])
    expect(pipeline.stages).toEqual(['train', 'report'])
    expect(pipeline['train churn']).toEqual({
      stage: 'train',
      image: 'python:3.11',
      timeout: '60 minutes',
      variables: { MODEL_CI_TRAIN_MODELS: 'churn', MODEL_CI_PYTHON_VERSION: '3.11' },
      script: ['$MODEL_CI train "$MODEL_CI_TRAIN_MODELS"'],
      artifacts: { name: 'model-ci-churn', when: 'always', expire_in: '30 days', paths: ['.model-ci/logs/'] }
    })
    expect(pipeline['train fraud']).toMatchObject({ image: 'python:3.12', tags: ['gpu'], timeout: '1 minutes' })
    expect(pipeline.report).toEqual({
      stage: 'report',
      when: 'always',
      needs: [
        { job: 'train churn', artifacts: false },
        { job: 'train fraud', artifacts: false }
      ],
      variables: { MODEL_CI_REPORT_MODELS: 'churn fraud' },
      script: ['$MODEL_CI report'],
      artifacts: { name: 'model-ci-report', when: 'always', expire_in: '30 days', paths: ['model-ci-report.md', 'metrics.txt'], reports: { metrics: 'metrics.txt' } }
    })
  })

  test('the jobs run model-ci as the detect job did: its MODEL_CI and MODEL_CI_SETUP, before every script', () => {
    const setup = 'command -v node || apt-get install -y nodejs; echo "$HOME"'
    const pipeline = parsed([entry('churn')], { command: 'node .model-ci-cli/dist/cli.js', setup })
    expect(pipeline.variables).toEqual({ MODEL_CI: 'node .model-ci-cli/dist/cli.js', MODEL_CI_SETUP: setup })
    expect(pipeline.default).toEqual({ before_script: ['eval "$MODEL_CI_SETUP"'] })
    expect(parsed([entry('churn')]).variables).toEqual({ MODEL_CI: 'model-ci', MODEL_CI_SETUP: '' })
  })

  test('the parent\'s trigger goes into the child\'s variables as MODEL_CI_PARENT_*, every value a quoted string', () => {
    const parent = parentPipelineVariables({
      CI_PIPELINE_ID: '1001',
      CI_PIPELINE_SOURCE: 'merge_request_event',
      CI_PIPELINE_URL: 'https://gitlab.example.com/g/p/-/pipelines/1001',
      CI_COMMIT_BEFORE_SHA: '0'.repeat(40),
      CI_COMMIT_BRANCH: '',
      CI_MERGE_REQUEST_IID: '7',
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'true',
      CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature: "x" # y',
      MODEL_CI_MODELS: 'churn, fraud',
      CI_JOB_TOKEN: 'secret'
    })
    expect(parent).toEqual({
      MODEL_CI_PARENT_PIPELINE_ID: '1001',
      MODEL_CI_PARENT_PIPELINE_SOURCE: 'merge_request_event',
      MODEL_CI_PARENT_PIPELINE_URL: 'https://gitlab.example.com/g/p/-/pipelines/1001',
      MODEL_CI_PARENT_COMMIT_BEFORE_SHA: '0'.repeat(40),
      MODEL_CI_PARENT_MERGE_REQUEST_IID: '7',
      MODEL_CI_PARENT_MERGE_REQUEST_TARGET_BRANCH_NAME: 'true',
      MODEL_CI_PARENT_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature: "x" # y',
      MODEL_CI_PARENT_MODELS: 'churn, fraud'
    })
    const text = renderChildPipeline([entry('churn')], { parent })
    expect(text).toContain('MODEL_CI_PARENT_PIPELINE_ID:\n    value: "1001"\n    expand: false')
    expect(text).toContain(`MODEL_CI_PARENT_COMMIT_BEFORE_SHA:\n    value: "${'0'.repeat(40)}"`)
    expect(text).toContain('MODEL_CI_PARENT_MERGE_REQUEST_TARGET_BRANCH_NAME:\n    value: "true"')
    // Never expanded by GitLab: a branch name may spell a variable ($MODEL_CI_GITLAB_TOKEN).
    const raw = Object.fromEntries(Object.entries(parent).map(([name, value]) => [name, { value, expand: false }]))
    expect(parsed([entry('churn')], { parent }).variables).toEqual({ MODEL_CI: 'model-ci', MODEL_CI_SETUP: '', ...raw })
  })

  test("a batch trains its models in one model-ci train, the entry's jobs at a time", () => {
    const batch: JobEntry = { batch: 'b01', models: ['a', 'b.c'], paths: ['models/a', 'models/b.c'], jobs: 2, 'runs-on': 'ubuntu-latest', python: '3.11', 'timeout-minutes': 20 }
    const pipeline = parsed([batch])
    const job = pipeline['train batch b01']
    expect(job.variables).toEqual({ MODEL_CI_TRAIN_MODELS: 'a b.c', MODEL_CI_TRAIN_JOBS: '2', MODEL_CI_PYTHON_VERSION: '3.11' })
    // The names are split by the shell from the variable, never spliced into the script.
    expect(job.script).toEqual(['$MODEL_CI train --jobs "$MODEL_CI_TRAIN_JOBS" $MODEL_CI_TRAIN_MODELS'])
    expect(job.timeout).toBe('20 minutes')
    expect(pipeline.report.variables.MODEL_CI_REPORT_MODELS).toBe('a b.c')
  })

  test('no model: a single job, since GitLab refuses an empty pipeline', () => {
    const pipeline = parsed([])
    expect(Object.keys(pipeline)).toEqual(['no model changed'])
  })

  test('names that YAML would read as something else stay strings', () => {
    const names = ['true', 'null', '1e3', '0x10', 'yes', '-', 'a.b-c_d', '007']
    const pipeline = parsed(names.map((name) => entry(name, { python: '3.10' })))
    for (const name of names) {
      expect(pipeline[`train ${name}`].variables.MODEL_CI_TRAIN_MODELS).toBe(name)
      expect(pipeline[`train ${name}`].image).toBe('python:3.10')
      expect(pipeline[`train ${name}`].variables.MODEL_CI_PYTHON_VERSION).toBe('3.10')
    }
  })

  test(`past ${MAX_NEEDS} jobs the report waits for its stage instead of needing each job`, () => {
    const pipeline = parsed(Array.from({ length: MAX_NEEDS + 1 }, (_, index) => entry(`m${index}`)))
    expect(pipeline.report.needs).toBeUndefined()
    expect(pipeline.report).toMatchObject({ stage: 'report', when: 'always' })
  })
})

describe('runnerTags and trainJobName', () => {
  test('the default runs-on is any runner; other labels are tags; GitHub\'s self-hosted is dropped', () => {
    expect(runnerTags('ubuntu-latest')).toEqual([])
    expect(runnerTags(['self-hosted', 'ubuntu-latest'])).toEqual([])
    expect(runnerTags('gpu')).toEqual(['gpu'])
    expect(runnerTags(['linux', 'gpu'])).toEqual(['linux', 'gpu'])
  })

  test('job names', () => {
    expect(trainJobName(entry('churn'))).toBe('train churn')
    expect(trainJobName({ batch: 'b3', models: [], paths: [], jobs: 1, 'runs-on': 'x', python: '3', 'timeout-minutes': 1 })).toBe('train batch b3')
  })
})
