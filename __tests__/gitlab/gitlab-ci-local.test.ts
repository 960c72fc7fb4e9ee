/**
 * The shipped GitLab pipelines, run by gitlab-ci-local (npm) with its shell executor (there is no
 * Docker engine: `--force-shell-executor` runs the jobs that name an `image:` in a shell too):
 * - `--list` (which validates against GitLab's JSON schema) and `--preview` check the shipped parent
 *   pipeline, the template, and child pipelines that detect wrote (one model, a batch, none);
 * - the example's parent pipeline runs for real on a git repository made from examples/quickstart:
 *   its detect job (GITLAB_CI=true and GitLab's variables given with --variable) writes the child
 *   pipeline, its trigger job runs it (gitlab-ci-local 4.72 runs `trigger: include: artifact:`), and
 *   the child's jobs train with `node dist/cli.js train <model>`;
 * - a generated child pipeline also runs on its own, with --file.
 * The training jobs run model-ci's local mode: `train` does not read GitLab's context yet (its GitLab
 * adapters come later), so its records stay in .model-ci/ of the checkout, which these jobs share
 * (gitlab-ci-local runs shell jobs in the repository itself). The report job reports from there.
 */
import { execFile, execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { load } from 'js-yaml'
import { renderChildPipeline } from '../../src/adapters/gitlab/child-pipeline.js'
import { commitTracked, bundledCli, cliEnv, editFile, modelCi, quickstartRepository } from '../cli/cli-process.js'
import { git, makeTempDir, removeDir } from '../harness/git-repo.js'
import { ACTION_ROOT } from '../harness/job-runner.js'

const GITLAB_CI_LOCAL = join(ACTION_ROOT, 'node_modules', 'gitlab-ci-local', 'dist', 'index.js')
const EXAMPLE = join(ACTION_ROOT, 'examples', 'ml-project', '.gitlab-ci.yml')
const TEMPLATE = join(ACTION_ROOT, 'templates', 'model-ci.gitlab-ci.yml')
const ZERO = '0'.repeat(40)
/** The predefined variables the tests set themselves: gitlab-ci-local warns about each unless told. */
const OVERRIDDEN = ['GITLAB_CI', 'CI_PIPELINE_SOURCE', 'CI_COMMIT_SHA', 'CI_COMMIT_BEFORE_SHA', 'CI_COMMIT_BRANCH', 'CI_DEFAULT_BRANCH']

let dir: string
let home: string

interface Run {
  exitCode: number
  stdout: string
  /** stdout and stderr */
  output: string
}

/** Runs gitlab-ci-local in `cwd`, with its own HOME folder, without colours. */
function gitlabCiLocal(cwd: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const argv = [GITLAB_CI_LOCAL, '--no-color', '--home', home, ...args]
    execFile(process.execPath, argv, { cwd, env: cliEnv({ HOME: home }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (error as { code?: unknown }).code : 0
      if (typeof code !== 'number') reject(error)
      else resolve({ exitCode: code, stdout, output: `${stdout}${stderr}` })
    })
  })
}

/** The variables GitLab gives a job of this pipeline, and the command the jobs run model-ci with: this worktree's bundle. */
function pipelineVariables(variables: Record<string, string>): string[] {
  const all = { MODEL_CI: `node ${bundledCli()}`, MODEL_CI_SETUP: '', GITLAB_CI: 'true', CI_DEFAULT_BRANCH: 'main', ...variables }
  return [...Object.entries(all).flatMap(([name, value]) => ['--variable', `${name}=${value}`]), '--ignore-predefined-vars', OVERRIDDEN.join(',')]
}

/** The quick-start example as a GitLab project: the example's .gitlab-ci.yml committed, and an `origin` (gitlab-ci-local reads it). */
async function gitlabProject(name: string): Promise<{ repo: string; sha: string }> {
  const repo = await quickstartRepository(dir, name)
  copyFileSync(EXAMPLE, join(repo, '.gitlab-ci.yml'))
  await git(repo, ['add', '.gitlab-ci.yml'])
  const sha = await commitTracked(repo, 'GitLab CI')
  await git(repo, ['remote', 'add', 'origin', 'https://gitlab.example.com/ml-team/quickstart.git'])
  return { repo, sha }
}

/** `<job> ... PASS|FAIL` lines of gitlab-ci-local's summary, as { job: status }. */
function outcomes(output: string): Record<string, string> {
  const found: Record<string, string> = {}
  for (const match of output.matchAll(/^ (PASS|FAIL|WARN) +(?:\[model-ci\] -> )?(.+?) *$/gm)) {
    if (!match[2].includes(' is experimental')) found[match[2]] = match[1]
  }
  return found
}

function jobNames(file: string): string[] {
  return Object.keys(load(readFileSync(file, 'utf8')) as object).filter((key) => !['stages', 'variables', 'default'].includes(key))
}

beforeAll(() => {
  try {
    execFileSync('rsync', ['--version'], { stdio: 'ignore' })
  } catch {
    throw new Error('rsync is missing: gitlab-ci-local\'s shell executor needs it; install it (apt-get install -y rsync, brew install rsync)')
  }
  dir = makeTempDir('model-ci-gitlab-ci-local-')
  home = mkdtempSync(join(dir, 'home-'))
})

afterAll(() => removeDir(dir))

describe('gitlab-ci-local validates the pipelines', () => {
  test('the shipped parent pipeline and the template list their jobs, and preview the same pipeline', async () => {
    const { repo } = await gitlabProject('lint')
    const example = await gitlabCiLocal(repo, ['--list', ...pipelineVariables({ CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main' })])
    expect(example.exitCode).toBe(0)
    expect(example.output).toContain('json schema validated')
    expect(example.output).toMatch(/^model-ci-detect +build +on_success/m)
    expect(example.output).toMatch(/^model-ci +test +on_success .*\[model-ci-detect\]/m)
    expect(example.output).toMatch(/^promote staging +deploy +manual +true +staging/m)
    expect(example.output).toMatch(/^promote production +deploy +manual +true +production/m)
    // A merge request: detect and the child pipeline, no promotion.
    const mergeRequest = await gitlabCiLocal(repo, ['--list', ...pipelineVariables({ CI_PIPELINE_SOURCE: 'merge_request_event' })])
    expect(mergeRequest.output).toMatch(/^model-ci-detect /m)
    expect(mergeRequest.output).not.toMatch(/^promote /m)
    // A promotion run from the web: only the promotion to that environment, at once.
    const promotion = await gitlabCiLocal(repo, ['--list', ...pipelineVariables({ CI_PIPELINE_SOURCE: 'web', CI_COMMIT_BRANCH: 'main', MODEL: 'churn', ENVIRONMENT: 'staging' })])
    expect(promotion.output).toMatch(/^promote staging +deploy +on_success/m)
    expect(promotion.output).not.toMatch(/^model-ci-detect /m)
    // Production stays a manual job: the next step once staging is checked.
    expect(promotion.output).toMatch(/^promote production +deploy +manual/m)

    const previewOf = async (file: string) => {
      copyFileSync(file, join(repo, 'preview.yml'))
      const preview = await gitlabCiLocal(repo, ['--preview', '--file', 'preview.yml'])
      expect(preview.exitCode).toBe(0)
      const pipeline = load(preview.stdout.slice(preview.stdout.indexOf('---'))) as Record<string, unknown>
      expect(Object.keys(pipeline)).toEqual(expect.arrayContaining(['model-ci-detect', 'model-ci', 'promote staging', 'promote production']))
      return pipeline
    }
    // The example is the template, copied whole: the same pipeline once the comments are gone.
    expect(await previewOf(EXAMPLE)).toEqual(await previewOf(TEMPLATE))
  })

  test('a pipeline GitLab would refuse fails the check, so the check can fail', async () => {
    const { repo } = await gitlabProject('broken')
    writeFileSync(join(repo, 'broken.yml'), 'train churn:\n  stage: train\n  timeout: 5 minutes\n  scripts: [echo]\n')
    const broken = await gitlabCiLocal(repo, ['--list', '--file', 'broken.yml'])
    expect(broken.exitCode).not.toBe(0)
  })

  test('child pipelines that detect writes (one model, a batch, none) are valid', async () => {
    const { repo } = await gitlabProject('children')
    const cases: Array<[string, string[], string[]]> = [
      ['one.yml', ['--models', 'churn'], ['train churn', 'report']],
      ['batch.yml', ['--models', 'all', '--max-jobs', '1'], ['train batch b001', 'report']],
      ['all.yml', ['--models', 'all'], ['train churn', 'train fraud', 'report']],
      // Nothing changed on this branch since main.
      ['none.yml', ['--base', 'main'], ['no model changed']]
    ]
    for (const [file, args, jobs] of cases) {
      const detected = await modelCi(repo, ['detect', ...args, '--gitlab-child-pipeline', file])
      expect(detected.stderr).toBe('')
      expect(jobNames(join(repo, file))).toEqual(jobs)
      const listed = await gitlabCiLocal(repo, ['--list', '--file', file])
      expect({ file, exitCode: listed.exitCode }).toEqual({ file, exitCode: 0 })
      for (const job of jobs) expect(listed.output).toMatch(new RegExp(`^${job} +(train|report|test) +(on_success|always)`, 'm'))
    }
  })

  test('job names made from any valid model name are valid GitLab jobs', async () => {
    const { repo } = await gitlabProject('names')
    // Names YAML would read as booleans, null or numbers, dots and dashes, the longest name allowed.
    const models = ['true', 'null', '1e3', '0x10', 'yes', 'a.b-c_d', 'M'.repeat(100)]
    const entries = models.map((model) => ({ model, path: `models/${model}`, 'runs-on': ['gpu', 'linux'], python: '3.10', 'timeout-minutes': 30 }))
    writeFileSync(join(repo, 'names.yml'), renderChildPipeline(entries, { command: 'node dist/cli.js' }))
    const listed = await gitlabCiLocal(repo, ['--list-json', '--file', 'names.yml'])
    expect(listed.exitCode).toBe(0)
    const jobs = JSON.parse(listed.stdout.slice(listed.stdout.indexOf('['))) as Array<{ name: string }>
    expect(jobs.map((job) => job.name)).toEqual([...models.map((model) => `train ${model}`), 'report'])
  })
})

describe('gitlab-ci-local runs the pipelines with its shell executor', () => {
  test('a push to main: detect writes the child pipeline, the trigger runs it, each model trains in its job, the report runs; the promotion jobs run model-ci promote', async () => {
    const { repo, sha } = await gitlabProject('push')
    const run = await gitlabCiLocal(repo, ['--force-shell-executor', ...pipelineVariables({ CI_PIPELINE_SOURCE: 'push', CI_COMMIT_SHA: sha, CI_COMMIT_BEFORE_SHA: ZERO, CI_COMMIT_BRANCH: 'main' })])
    expect(outcomes(run.output)).toEqual({ 'model-ci-detect': 'PASS', 'model-ci': 'PASS', 'train churn': 'PASS', 'train fraud': 'PASS', report: 'PASS' })
    expect(run.exitCode).toBe(0)
    expect(run.output).toContain('detect: GitLab CI, a push of main')
    expect(run.output).toMatch(/train churn > .*✓ churn/)
    expect(run.output).toMatch(/train fraud > .*✓ fraud/)
    expect(existsSync(join(repo, 'model-ci-child.yml'))).toBe(true)

    // The manual promotion job runs model-ci promote with MODEL, VERSION and its environment. Its
    // records are still local ones: the trainings above are recorded as runs of `train`, not as a
    // push of main, so the policy refuses them; that refusal shows the job's wiring.
    const churnRun = /train churn > Compare it with its baseline: model-ci report --run (\d+)/.exec(run.output)?.[1]
    expect(churnRun).toBeDefined()
    const promote = await gitlabCiLocal(repo, ['--force-shell-executor', 'promote staging', ...pipelineVariables({ CI_COMMIT_BRANCH: 'main', MODEL: 'churn', VERSION: churnRun ?? '' })])
    expect(promote.output).toContain(`model-ci promote: churn of run ${churnRun} was not promoted to staging: rule "default-branch source"`)
    const unnamed = await gitlabCiLocal(repo, ['--force-shell-executor', 'promote production', ...pipelineVariables({ CI_COMMIT_BRANCH: 'main' })])
    expect(unnamed.output).toContain('model-ci: set the variable MODEL to the model to promote')
  })

  test('a merge request changing one model: one training job; a failed training is still reported', async () => {
    const { repo, sha: base } = await gitlabProject('merge-request')
    await git(repo, ['checkout', '-q', '-b', 'feature'])
    editFile(repo, 'models/churn/src/train.py', (text) => `${text}\nraise SystemExit("churn cannot converge")\n`)
    const head = await commitTracked(repo, 'break churn')
    await git(repo, ['checkout', '-q', '--detach', head])
    const variables = {
      CI_PIPELINE_SOURCE: 'merge_request_event',
      CI_COMMIT_SHA: head,
      CI_MERGE_REQUEST_IID: '3',
      CI_MERGE_REQUEST_DIFF_BASE_SHA: base,
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
      CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature'
    }
    const run = await gitlabCiLocal(repo, ['--force-shell-executor', ...pipelineVariables(variables)])
    expect(run.output).toContain('detect: GitLab CI, merge request !3')
    // The report runs after the failed training (when: always) and fails too, as report does when a model failed to train.
    expect(outcomes(run.output)).toEqual({ 'model-ci-detect': 'PASS', 'model-ci': 'PASS', 'train churn': 'FAIL', report: 'FAIL' })
    expect(run.output).toContain('churn cannot converge')
    expect(run.output).toMatch(/report +> .*churn/)
    // On GitLab, `strategy: depend` fails the trigger job and the pipeline with the child pipeline;
    // gitlab-ci-local 4.72 passes the trigger job whatever its child did, so that is not checked here.
  })

  test('a batch child pipeline run on its own (--file) trains each model of the batch', async () => {
    const { repo } = await gitlabProject('batch')
    const detected = await modelCi(repo, ['detect', '--models', 'all', '--max-jobs', '1', '--gitlab-child-pipeline', 'child.yml'], { MODEL_CI: `node ${bundledCli()}` })
    expect(detected.exitCode).toBe(0)
    const run = await gitlabCiLocal(repo, ['--force-shell-executor', '--file', 'child.yml'])
    expect(outcomes(run.output)).toEqual({ 'train batch b001': 'PASS', report: 'PASS' })
    expect(run.output).toMatch(/✓ churn/)
    expect(run.output).toMatch(/✓ fraud/)
    expect(run.exitCode).toBe(0)
  })
})
