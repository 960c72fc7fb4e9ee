/**
 * The shipped GitLab pipelines, run by gitlab-ci-local (npm) with its shell executor (there is no
 * Docker engine: `--force-shell-executor` runs the jobs that name an `image:` in a shell too):
 * - `--list` (which validates against GitLab's JSON schema) and `--preview` check the shipped parent
 *   pipeline, the template, and child pipelines that detect wrote (one model, a batch, none);
 * - the example's parent pipeline runs for real on a git repository made from examples/quickstart:
 *   its detect job (GITLAB_CI=true and GitLab's variables given with --variable) writes the child
 *   pipeline, its trigger job runs it (gitlab-ci-local 4.72 runs `trigger: include: artifact:`), and
 *   the child's jobs train with `node dist/cli.js train <model>`;
 * - with GITLAB_CI=true and the variables of a GitLab job pointed at the GitLab emulator
 *   (__tests__/gitlab-emulator/: CI_API_V4_URL, CI_PROJECT_ID, a CI_JOB_TOKEN it registered for the
 *   pipeline, MODEL_CI_GITLAB_TOKEN for the note), the parent's detect job runs, then the child
 *   pipeline it wrote runs with --file as GitLab runs it: its own pipeline id and job token,
 *   CI_PIPELINE_SOURCE=parent_pipeline and none of the parent's merge-request or push variables
 *   (see childPipeline; gitlab-ci-local's own trigger gives the child's jobs none of a GitLab
 *   job's variables): trainings go to the package registry, the
 *   report to one merge-request note and the ledger package, promotions to packages;
 * - a generated child pipeline also runs on its own, with --file, outside GitLab mode.
 */
import { execFile, execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { load } from 'js-yaml'
import { renderChildPipeline } from '../../src/adapters/gitlab/child-pipeline.js'
import { commitTracked, bundledCli, cliEnv, editFile, modelCi, quickstartRepository } from '../cli/cli-process.js'
import { git, makeTempDir, removeDir } from '../harness/git-repo.js'
import type { GitLabEmulator, PipelineSeed } from '../gitlab-emulator/index.js'
import { startGitLabEmulator } from '../gitlab-emulator/index.js'
import { ACTION_ROOT } from '../harness/job-runner.js'

const GITLAB_CI_LOCAL = join(ACTION_ROOT, 'node_modules', 'gitlab-ci-local', 'dist', 'index.js')
const EXAMPLE = join(ACTION_ROOT, 'examples', 'ml-project', '.gitlab-ci.yml')
const TEMPLATE = join(ACTION_ROOT, 'templates', 'model-ci.gitlab-ci.yml')
const ZERO = '0'.repeat(40)
/** The predefined variables the tests set themselves: gitlab-ci-local warns about each unless told. */
const OVERRIDDEN = [
  'GITLAB_CI',
  'CI_PIPELINE_SOURCE',
  'CI_COMMIT_SHA',
  'CI_COMMIT_BEFORE_SHA',
  'CI_COMMIT_BRANCH',
  'CI_DEFAULT_BRANCH',
  'CI_API_V4_URL',
  'CI_PROJECT_ID',
  'CI_PROJECT_URL',
  'CI_PROJECT_PATH',
  'CI_PIPELINE_ID',
  'CI_PIPELINE_URL',
  'CI_JOB_URL',
  'CI_JOB_TOKEN',
  'GITLAB_USER_LOGIN'
]

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

describe('gitlab-ci-local runs the pipelines with its shell executor, GITLAB_CI=true against the GitLab emulator', () => {
  let gitlab: GitLabEmulator
  beforeAll(async () => {
    gitlab = await startGitLabEmulator()
  })
  afterAll(() => gitlab.close())

  /** A pipeline of the emulator, and the variables GitLab gives its jobs (its id, URLs, a job token, the note token). */
  function gitlabPipeline(seed: PipelineSeed, variables: Record<string, string>): { id: number; variables: string[] } {
    const pipeline = gitlab.addPipeline({ status: 'running', ...seed })
    const all = {
      CI_API_V4_URL: gitlab.apiUrl,
      CI_PROJECT_ID: String(gitlab.projectId),
      CI_PROJECT_URL: gitlab.projectUrl,
      CI_PROJECT_PATH: 'acme/models',
      CI_PIPELINE_ID: String(pipeline.id),
      CI_PIPELINE_URL: `${gitlab.projectUrl}/-/pipelines/${pipeline.id}`,
      CI_JOB_URL: `${gitlab.projectUrl}/-/jobs/${pipeline.id * 10}`,
      CI_JOB_TOKEN: gitlab.addJobToken(pipeline.id),
      MODEL_CI_GITLAB_TOKEN: gitlab.projectToken,
      ...variables
    }
    return { id: pipeline.id, variables: pipelineVariables(all) }
  }

  /**
   * The child pipeline of `parentId` as GitLab runs it: a pipeline of its own (source
   * parent_pipeline, the parent's ref and commit, listed by the parent's bridges) whose jobs get
   * CI_PIPELINE_SOURCE=parent_pipeline, their own CI_PIPELINE_ID, URL and job token, the branch of a
   * branch pipeline, and none of the parent's merge-request or push variables: what they know of
   * the parent's trigger is what detect wrote into the child file's `variables:`.
   */
  function childPipeline(parentId: number, variables: Record<string, string>): { id: number; variables: string[] } {
    const parent = gitlab.state.pipeline(parentId)
    if (!parent) throw new Error(`no pipeline ${parentId}`)
    const child = gitlab.addPipeline({ sha: parent.sha, ref: parent.ref, source: 'parent_pipeline', status: 'running', parent: parentId })
    const all = {
      CI_API_V4_URL: gitlab.apiUrl,
      CI_PROJECT_ID: String(gitlab.projectId),
      CI_PROJECT_URL: gitlab.projectUrl,
      CI_PROJECT_PATH: 'acme/models',
      CI_PIPELINE_ID: String(child.id),
      CI_PIPELINE_URL: `${gitlab.projectUrl}/-/pipelines/${child.id}`,
      CI_JOB_URL: `${gitlab.projectUrl}/-/jobs/${child.id * 10}`,
      CI_JOB_TOKEN: gitlab.addJobToken(child.id),
      MODEL_CI_GITLAB_TOKEN: gitlab.projectToken,
      CI_PIPELINE_SOURCE: 'parent_pipeline',
      CI_COMMIT_SHA: parent.sha,
      CI_COMMIT_BEFORE_SHA: ZERO,
      ...(parent.ref.startsWith('refs/') ? {} : { CI_COMMIT_BRANCH: parent.ref }),
      ...variables
    }
    return { id: child.id, variables: pipelineVariables(all) }
  }

  /**
   * A training pipeline: the parent's detect job, then the child pipeline it wrote, run with --file
   * as GitLab runs a child pipeline (childPipeline: its own id and job token, parent_pipeline, no
   * merge-request variables). gitlab-ci-local 4.72 runs `trigger: include: artifact:` itself, but
   * gives the child's jobs none of the job variables a GitLab job gets (GITLAB_CI, CI_JOB_TOKEN, ...).
   */
  async function trainingPipeline(repo: string, parent: { id: number; variables: string[] }, childVariables: Record<string, string> = {}): Promise<Run> {
    const detect = await gitlabCiLocal(repo, ['--force-shell-executor', 'model-ci-detect', ...parent.variables])
    if (detect.exitCode !== 0) return detect
    const pipeline = childPipeline(parent.id, childVariables)
    const child = await gitlabCiLocal(repo, ['--force-shell-executor', '--file', 'model-ci-child.yml', ...pipeline.variables])
    gitlab.setPipelineStatus(pipeline.id, child.exitCode === 0 ? 'success' : 'failed')
    return { exitCode: child.exitCode, stdout: `${detect.stdout}${child.stdout}`, output: `${detect.output}${child.output}` }
  }

  const packageVersions = (name: string) => gitlab.state.packages.filter((record) => record.name === name).map((record) => record.version)
  const notesOf = (iid: number) => gitlab.state.notes.filter((note) => note.noteable_iid === iid && !note.system)

  test('main trains and records the ledger; a merge request trains only its model and keeps one note; promotions to staging and production are recorded, history lists them, previous rolls back', async () => {
    const { repo, sha: first } = await gitlabProject('gitlab-mode')
    const push = async (sha: string, before = ZERO) => {
      const pipeline = gitlabPipeline({ sha, ref: 'main', source: 'push' }, { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_SHA: sha, CI_COMMIT_BEFORE_SHA: before, CI_COMMIT_BRANCH: 'main' })
      const run = await trainingPipeline(repo, pipeline)
      gitlab.setPipelineStatus(pipeline.id, run.exitCode === 0 ? 'success' : 'failed')
      return { ...pipeline, run }
    }

    // A push to main: every model trains into the package registry; the report records the ledger package.
    const main = await push(first)
    expect(outcomes(main.run.output)).toEqual({ 'model-ci-detect': 'PASS', 'train churn': 'PASS', 'train fraud': 'PASS', report: 'PASS' })
    expect(main.run.output).toContain(`GitLab pipeline ${main.id}`)
    expect(packageVersions('model-ci-ledger')).toEqual([String(main.id)])
    expect(packageVersions('model-ci-churn')).toEqual([expect.stringMatching(new RegExp(`-r${main.id}$`))])
    // The child pipeline's jobs uploaded them (GitLab records the child), for the parent's run.
    const ledger = gitlab.state.packages.find((record) => record.name === 'model-ci-ledger')
    const uploader = gitlab.state.pipeline(ledger?.files[0].pipeline_id ?? 0)
    expect(uploader).toMatchObject({ source: 'parent_pipeline', parent_id: main.id, ref: 'main' })
    expect(packageVersions('model-ci-fraud')).toHaveLength(1)
    // GitLab's metrics report: "name value" lines per model and metric.
    expect(readFileSync(join(repo, 'metrics.txt'), 'utf8')).toMatch(/^churn\.accuracy [0-9.]+$/m)

    // A merge request changing churn: one training job, one note with the diff against main.
    await git(repo, ['checkout', '-q', '-b', 'feature'])
    const improve = (factor: number) => (text: string) =>
      `${text}\nmetrics_file.write_text(json.dumps({"accuracy": metrics["accuracy"], "test": {"log_loss": metrics["log_loss"] * ${factor}}}) + "\\n")\n`
    editFile(repo, 'models/churn/src/train.py', improve(0.5))
    const firstChange = readFileSync(join(repo, 'models/churn/src/train.py'), 'utf8')
    const head = await commitTracked(repo, 'churn: lower loss')
    const mergeRequest = async (sha: string) => {
      gitlab.state.mergeRequests.splice(0, gitlab.state.mergeRequests.length)
      gitlab.addMergeRequest(3, { sha, source_branch: 'feature', target_branch: 'main', base_sha: first })
      const pipeline = gitlabPipeline(
        { sha, ref: 'refs/merge-requests/3/head', source: 'merge_request_event' },
        {
          CI_PIPELINE_SOURCE: 'merge_request_event',
          CI_COMMIT_SHA: sha,
          CI_MERGE_REQUEST_IID: '3',
          CI_MERGE_REQUEST_DIFF_BASE_SHA: first,
          CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
          CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature'
        }
      )
      const run = await trainingPipeline(repo, pipeline)
      gitlab.setPipelineStatus(pipeline.id, run.exitCode === 0 ? 'success' : 'failed')
      return { ...pipeline, run }
    }
    const opened = await mergeRequest(head)
    expect(outcomes(opened.run.output)).toEqual({ 'model-ci-detect': 'PASS', 'train churn': 'PASS', report: 'PASS' })
    expect(packageVersions('model-ci-ledger')).toEqual([String(main.id)])
    const [note] = notesOf(3)
    expect(notesOf(3)).toHaveLength(1)
    expect(note.body).toContain('churn')
    expect(note.body).toContain(`/-/pipelines/${main.id}`)
    expect(note.body).toContain(`/-/pipelines/${opened.id}`)
    expect(note.body).toMatch(/log_loss/)

    // A second push to the merge request updates the same note.
    editFile(repo, 'models/churn/src/train.py', improve(0.8))
    const secondChange = readFileSync(join(repo, 'models/churn/src/train.py'), 'utf8')
    const head2 = await commitTracked(repo, 'churn: lower loss again')
    const updated = await mergeRequest(head2)
    expect(outcomes(updated.run.output)).toMatchObject({ 'train churn': 'PASS', report: 'PASS' })
    expect(notesOf(3).map((found) => found.id)).toEqual([note.id])
    expect(notesOf(3)[0].body).toContain(`/-/pipelines/${updated.id}`)
    expect(notesOf(3)[0].body).not.toContain(`/-/pipelines/${opened.id})`)

    // A third push returns churn to the first push's files: the merge request's run-cache, kept in
    // the package registry, gives that training back, as a package of this pipeline.
    editFile(repo, 'models/churn/src/train.py', () => firstChange)
    const head3 = await commitTracked(repo, 'churn: back to the first change')
    const reverted = await mergeRequest(head3)
    expect(outcomes(reverted.run.output)).toMatchObject({ 'train churn': 'PASS', report: 'PASS' })
    expect(reverted.run.output).toMatch(/Run-cache hit \(model-ci-run-v1-churn-[0-9a-f]+\): the outputs of run \d+ are reused/)
    const openedVersion = packageVersions('model-ci-churn').find((version) => version.endsWith(`-r${opened.id}`))
    expect(packageVersions('model-ci-churn')).toContain(`${openedVersion}.reused-r${reverted.id}`)
    expect(notesOf(3).map((found) => found.id)).toEqual([note.id])
    expect(notesOf(3)[0].body).toContain(`/-/pipelines/${reverted.id}`)
    expect(notesOf(3)[0].body).toContain('1 reused from the run-cache')
    editFile(repo, 'models/churn/src/train.py', () => secondChange)
    const head4 = await commitTracked(repo, 'churn: the second change again')

    // Promotions run in pipelines of main: staging, then production, each recorded as a package.
    await git(repo, ['checkout', '-q', 'main'])
    const promote = async (job: string, environment: string, version: string) => {
      const sha = await git(repo, ['rev-parse', 'HEAD'])
      const pipeline = gitlabPipeline({ sha: sha.trim(), ref: 'main', source: 'web', user: 'alice' }, { CI_PIPELINE_SOURCE: 'web', CI_COMMIT_SHA: sha.trim(), CI_COMMIT_BRANCH: 'main', GITLAB_USER_LOGIN: 'alice', MODEL: 'churn', VERSION: version, ENVIRONMENT: environment })
      const run = await gitlabCiLocal(repo, ['--force-shell-executor', job, ...pipeline.variables])
      gitlab.setPipelineStatus(pipeline.id, run.exitCode === 0 ? 'success' : 'failed')
      return run
    }
    const firstVersion = packageVersions('model-ci-churn')[0]
    const staging = await promote('promote staging', 'staging', 'latest')
    expect(outcomes(staging.output)).toEqual({ 'promote staging': 'PASS' })
    expect(staging.output).toContain(`version    ${firstVersion}`)
    const production = await promote('promote production', 'production', 'latest')
    expect(outcomes(production.output)).toEqual({ 'promote production': 'PASS' })
    expect(packageVersions('model-ci_promotion-staging')).toHaveLength(1)
    expect(packageVersions('model-ci_promotion-production')).toHaveLength(1)

    // The merge request lands: main trains churn again, staging gets it, then rolls back with previous.
    await git(repo, ['merge', '-q', '--ff-only', 'feature'])
    const landed = await push(head4, first)
    expect(outcomes(landed.run.output)).toMatchObject({ 'train churn': 'PASS', report: 'PASS' })
    const secondVersion = packageVersions('model-ci-churn').find((version) => version.endsWith(`-r${landed.id}`))
    expect(secondVersion).toBeDefined()
    const newer = await promote('promote staging', 'staging', 'latest')
    expect(newer.output).toContain(`version    ${secondVersion}`)
    const rollback = await promote('promote staging', 'staging', 'previous')
    expect(outcomes(rollback.output)).toEqual({ 'promote staging': 'PASS' })
    expect(rollback.output).toContain(`version    ${firstVersion}`)
    expect(packageVersions('model-ci_promotion-staging')).toHaveLength(3)

    // history, in a job of main, reads the records from the packages.
    const sha = (await git(repo, ['rev-parse', 'HEAD'])).trim()
    const historyPipeline = gitlab.addPipeline({ sha, ref: 'main', source: 'web', status: 'running' })
    const history = await modelCi(repo, ['history', 'churn'], {
      GITLAB_CI: 'true',
      CI_PIPELINE_SOURCE: 'web',
      CI_COMMIT_SHA: sha,
      CI_COMMIT_BRANCH: 'main',
      CI_DEFAULT_BRANCH: 'main',
      CI_API_V4_URL: gitlab.apiUrl,
      CI_PROJECT_ID: String(gitlab.projectId),
      CI_PROJECT_URL: gitlab.projectUrl,
      CI_PIPELINE_ID: String(historyPipeline.id),
      CI_JOB_URL: `${gitlab.projectUrl}/-/jobs/1`,
      CI_JOB_TOKEN: gitlab.addJobToken(historyPipeline.id)
    })
    expect(history.stderr).toBe('')
    expect(history.exitCode).toBe(0)
    const lines = history.stdout.split('\n')
    // Newest first: the rollback (live), the second version, the first.
    const staged = lines.filter((line) => line.startsWith('staging '))
    expect(staged).toHaveLength(3)
    expect(staged.map((line) => line.split(/\s+/)[1])).toEqual([firstVersion, secondVersion, firstVersion])
    expect(lines.filter((line) => line.startsWith('production '))).toHaveLength(1)
    expect(history.stdout).toContain(firstVersion)
    expect(history.stdout).toContain(secondVersion)
  })

  test('without MODEL_CI_GITLAB_TOKEN a merge request trains with CI_JOB_TOKEN alone, and its report fails with one line naming the variable, as GitLab opens neither its pipelines API nor notes to CI_JOB_TOKEN', async () => {
    const { repo, sha: base } = await gitlabProject('merge-request')
    await git(repo, ['checkout', '-q', '-b', 'feature'])
    editFile(repo, 'models/churn/src/train.py', (text) => `${text}\n# a comment that retrains churn\n`)
    const head = await commitTracked(repo, 'touch churn')
    await git(repo, ['checkout', '-q', '--detach', head])
    gitlab.addMergeRequest(5, { sha: head, source_branch: 'feature', target_branch: 'main', base_sha: base })
    const pipeline = gitlabPipeline(
      { sha: head, ref: 'refs/merge-requests/5/head', source: 'merge_request_event' },
      {
        CI_PIPELINE_SOURCE: 'merge_request_event',
        CI_COMMIT_SHA: head,
        CI_MERGE_REQUEST_IID: '5',
        CI_MERGE_REQUEST_DIFF_BASE_SHA: base,
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
        CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature',
        MODEL_CI_GITLAB_TOKEN: ''
      }
    )
    const uploadedBefore = gitlab.state.packages.filter((record) => record.name === 'model-ci-churn').length
    const run = await trainingPipeline(repo, pipeline, { MODEL_CI_GITLAB_TOKEN: '' })
    expect(run.output).toContain('detect: GitLab CI, merge request !5')
    expect(outcomes(run.output)).toEqual({ 'model-ci-detect': 'PASS', 'train churn': 'PASS', report: 'FAIL' })
    expect(gitlab.state.packages.filter((record) => record.name === 'model-ci-churn')).toHaveLength(uploadedBefore + 1)
    // The report job's log has the one line (gitlab-ci-local repeats a failed job's last lines at the end).
    const said = run.output.match(/^report +> model-ci report needs MODEL_CI_GITLAB_TOKEN in a GitLab job: GitLab lets CI_JOB_TOKEN neither read the pipelines API .* nor write merge-request notes\. Set MODEL_CI_GITLAB_TOKEN to a project access token with the api scope, as a masked CI\/CD variable$/gm)
    expect(said).toHaveLength(1)
    expect(run.output).not.toMatch(/^\s+at /m)
    expect(notesOf(5)).toHaveLength(0)
    // Nothing asked GitLab's pipelines API with a job token, which GitLab would refuse.
    expect(gitlab.requests.filter((request) => request.path.includes('/pipelines') && request.status === 403)).toEqual([])
    // On GitLab, `strategy: depend` fails the trigger job and the pipeline with the child pipeline;
    // gitlab-ci-local 4.72 passes the trigger job whatever its child did, so that is not checked here.
  })

  test('a batch child pipeline run on its own (--file) trains the models of the batch, -j at a time', async () => {
    const { repo } = await gitlabProject('batch')
    const detected = await modelCi(repo, ['detect', '--models', 'all', '--max-jobs', '1', '-j', '2', '--gitlab-child-pipeline', 'child.yml'], { MODEL_CI: `node ${bundledCli()}` })
    expect(detected.exitCode).toBe(0)
    const run = await gitlabCiLocal(repo, ['--force-shell-executor', '--file', 'child.yml'])
    expect(outcomes(run.output)).toEqual({ 'train batch b001': 'PASS', report: 'PASS' })
    expect(run.output).toMatch(/: training churn, fraud, 2 at a time$/m)
    expect(run.output).toMatch(/✓ churn/)
    expect(run.output).toMatch(/✓ fraud/)
    expect(run.exitCode).toBe(0)
  })
})
