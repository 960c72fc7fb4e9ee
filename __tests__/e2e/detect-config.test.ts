// `detect` end to end with the repository's configuration: `shared` and `watch` globs, changes to
// model-ci.yml itself, per-model settings in the matrix, `working-directory`, and the errors a user
// gets for a configuration or a model directory that is wrong.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { pullRequestEvent } from '../../__fixtures__/events.js'
import type { FileChanges, PullRequestRefs } from '../harness/git-repo.js'
import { GitOrigin, makeTempDir, removeDir } from '../harness/git-repo.js'
import type { JobEvent } from '../harness/job-runner.js'
import type { DetectRun } from './detect-helpers.js'
import { ensureBundle, expectSuccess, runDetect, seedRepository } from './detect-helpers.js'
import { expectOneLineError } from './job-checks.js'

const MODELS = ['churn', 'fraud', 'ranking']

let tempDir: string
beforeAll(() => {
  ensureBundle()
  tempDir = makeTempDir('model-ci-detect-config-')
})
afterAll(() => removeDir(tempDir))

function pullRequest(refs: PullRequestRefs): JobEvent {
  return {
    name: 'pull_request',
    payload: pullRequestEvent({
      number: refs.number,
      base: { ref: 'main', sha: refs.baseSha },
      head: { ref: 'feature', sha: refs.headSha },
      mergeCommitSha: refs.mergeSha
    })
  }
}

/**
 * A repository seeded with `MODELS` and `seed` files, and a pull request from `feature` whose one
 * commit writes `change`; detect runs on its merge commit with `inputs`.
 */
async function detectPullRequest(seed: FileChanges, change: FileChanges, inputs: Record<string, string> = {}): Promise<DetectRun> {
  const origin = await GitOrigin.create(tempDir)
  await seedRepository(origin, MODELS, seed)
  await origin.createBranch('feature', 'main')
  await origin.commit('feature', change)
  const refs = await origin.pullRequest(1, 'main', 'feature')
  const workspace = await origin.checkout({ ref: 'refs/pull/1/merge', sha: refs.mergeSha })
  return runDetect(workspace, pullRequest(refs), inputs)
}

describe('shared and watched files', () => {
  test('a change to a file matched by "shared" retrains every model and the summary names the file', async () => {
    const run = await detectPullRequest({ 'model-ci.yml': 'shared: [scripts/**, data/processed/**]\n' }, { 'scripts/preprocess.py': 'print("preprocess v2")\n' })

    expectSuccess(run)
    expect(run.models).toEqual(MODELS)
    for (const model of MODELS) {
      const row = run.summary.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${model}\``))
      expect(row).toContain('scripts/preprocess.py')
    }
  })

  test('a change to a file no glob matches retrains nothing', async () => {
    const run = await detectPullRequest({ 'model-ci.yml': 'shared: [scripts/**]\n' }, { 'data/processed/features.csv': 'a,b\n3,4\n' })

    expectSuccess(run)
    expect(run.outputs['has-models']).toBe('false')
  })

  test("a change matched by a model's own watch globs (model.yml) retrains that model only", async () => {
    const run = await detectPullRequest(
      { 'models/ranking/model.yml': 'watch: [data/clicks/**]\n', 'data/clicks/2026-01.csv': 'user,item\n' },
      { 'data/clicks/2026-02.csv': 'user,item\n1,2\n' }
    )

    expectSuccess(run)
    expect(run.models).toEqual(['ranking'])
    const row = run.summary.split('\n').find((line) => line.includes('`ranking`'))
    expect(row).toContain('data/clicks/2026-02.csv')
  })
})

describe('changes to model-ci.yml', () => {
  const config = (python: string, tolerance: string) =>
    `models: models/*\ndefaults:\n  python: "${python}"\nmetrics:\n  accuracy: { goal: maximize, tolerance: ${tolerance} }\n`

  test('a change to "defaults" retrains every model, with the new settings in the matrix', async () => {
    const run = await detectPullRequest({ 'model-ci.yml': config('3.11', '0.01') }, { 'model-ci.yml': config('3.12', '0.01') })

    expectSuccess(run)
    expect(run.models).toEqual(MODELS)
    expect(run.matrix?.include.map((entry) => entry.python)).toEqual(['3.12', '3.12', '3.12'])
  })

  test('a change to "metrics" only retrains nothing', async () => {
    const run = await detectPullRequest({ 'model-ci.yml': config('3.11', '0.01') }, { 'model-ci.yml': config('3.11', '0.02') })

    expectSuccess(run)
    expect(run.outputs['has-models']).toBe('false')
    expect(run.models).toEqual([])
  })

  test('a base model-ci.yml that does not parse retrains every model, with a warning naming it at the base commit and a note that says so', async () => {
    const run = await detectPullRequest({ 'model-ci.yml': 'models: models/*\ncolour: blue\n' }, { 'model-ci.yml': 'models: models/*\n' })

    expectSuccess(run)
    expect(run.models).toEqual(MODELS)
    const base = run.outputs['base-sha'].slice(0, 7)
    expect(run.annotations.filter((annotation) => annotation.level === 'warning').map((warning) => warning.message)).toEqual([
      expect.stringMatching(new RegExp(`^model-ci detect: model-ci\\.yml at the base commit ${base}: .*"colour".*; every model trains, since what changed in model-ci\\.yml cannot be told$`))
    ])
    // Markdown-escaped in the job summary.
    expect(run.summary).toContain(`_model\\-ci\\.yml changed, and its version at the base commit ${base} does not parse, so what changed cannot be told._`)
    expect(run.summary).not.toContain('"models", "shared" or "defaults"')
  })

  test('adding model-ci.yml with non-default "defaults" retrains every model', async () => {
    const run = await detectPullRequest({}, { 'model-ci.yml': 'defaults: { timeout-minutes: 30 }\n' })

    expectSuccess(run)
    expect(run.models).toEqual(MODELS)
    expect(run.matrix?.include.every((entry) => entry['timeout-minutes'] === 30)).toBe(true)
  })
})

describe('the matrix', () => {
  test("carries each model's runs-on, python and timeout-minutes (a fraction too, as GitHub takes it) from model.yml over model-ci.yml's defaults", async () => {
    const run = await detectPullRequest(
      { 'model-ci.yml': 'defaults: { runs-on: ubuntu-24.04, python: "3.10", timeout-minutes: 45 }\n' },
      {
        'models/fraud/model.yml': 'runs-on: [self-hosted, gpu]\npython: "3.12"\ntimeout-minutes: 0.5\n',
        'models/churn/src/train.py': 'print("churn v2")\n'
      }
    )

    expectSuccess(run)
    expect(run.matrix?.include.map(({ fingerprint: _fingerprint, ...entry }) => entry)).toEqual([
      { model: 'churn', path: 'models/churn', 'runs-on': 'ubuntu-24.04', python: '3.10', 'timeout-minutes': 45 },
      { model: 'fraud', path: 'models/fraud', 'runs-on': ['self-hosted', 'gpu'], python: '3.12', 'timeout-minutes': 0.5 }
    ])
  })
})

describe('working-directory', () => {
  test('a subfolder of the repository holds model-ci.yml; model paths are relative to it and other folders do not count', async () => {
    const origin = await GitOrigin.create(tempDir)
    await origin.commit('main', {
      'ml/model-ci.yml': 'shared: [scripts/**]\n',
      'ml/models/churn/src/train.py': 'print("churn")\n',
      'ml/models/fraud/src/train.py': 'print("fraud")\n',
      'ml/scripts/features.py': 'X = 1\n',
      // Outside the working directory: a model-like folder and a "scripts" folder that are not the ML project's.
      'models/legacy/src/train.py': 'print("legacy")\n',
      'scripts/deploy.sh': 'echo deploy\n',
      'web/index.html': '<h1>models</h1>\n'
    })
    await origin.createBranch('feature', 'main')
    await origin.commit('feature', {
      'ml/models/fraud/src/train.py': 'print("fraud v2")\n',
      'models/legacy/src/train.py': 'print("legacy v2")\n',
      'scripts/deploy.sh': 'echo deploy v2\n',
      'web/index.html': '<h1>models v2</h1>\n'
    })
    const refs = await origin.pullRequest(2, 'main', 'feature')
    const workspace = await origin.checkout({ ref: 'refs/pull/2/merge', sha: refs.mergeSha })

    const run = await runDetect(workspace, pullRequest(refs), { 'working-directory': 'ml' })

    expectSuccess(run)
    expect(run.models).toEqual(['fraud'])
    expect(run.matrix?.include[0].path).toBe('models/fraud')
    expect(run.outputs['head-sha']).toBe(refs.headSha)
  })

  test('an error in model-ci.yml of a subfolder is annotated on that file by its path in the repository', async () => {
    const origin = await GitOrigin.create(tempDir)
    await origin.commit('main', { 'ml/model-ci.yml': 'models: models/*\n', 'ml/models/churn/src/train.py': 'print("churn")\n' })
    await origin.createBranch('feature', 'main')
    await origin.commit('feature', { 'ml/model-ci.yml': 'models: models/*\nshraed: [scripts/**]\n' })
    const refs = await origin.pullRequest(6, 'main', 'feature')
    const workspace = await origin.checkout({ ref: 'refs/pull/6/merge', sha: refs.mergeSha })

    const run = await runDetect(workspace, pullRequest(refs), { 'working-directory': 'ml' })

    const message = expectOneLineError(run)
    expect(message).toContain('"shraed"')
    expect(run.annotations.find((annotation) => annotation.level === 'error')?.file).toBe('ml/model-ci.yml')
  })

  test('a working-directory that does not exist is a one-line error naming the input', async () => {
    const run = await detectPullRequest({}, { 'models/fraud/src/train.py': 'print("fraud v2")\n' }, { 'working-directory': 'no/such/folder' })

    const message = expectOneLineError(run)
    expect(message).toContain('working-directory')
    expect(message).toContain('no/such/folder')
  })
})

describe('the config input', () => {
  test('names the configuration file to read instead of model-ci.yml', async () => {
    const run = await detectPullRequest({ 'ci/models.yml': 'shared: [scripts/**]\n' }, { 'scripts/preprocess.py': 'print("preprocess v2")\n' }, { config: 'ci/models.yml' })

    expectSuccess(run)
    expect(run.models).toEqual(MODELS)
  })
})

describe('configuration errors', () => {
  test('an unknown key in model-ci.yml is a one-line error naming the file and the key', async () => {
    const run = await detectPullRequest({ 'model-ci.yml': 'models: models/*\nshraed: [scripts/**]\n' }, { 'models/fraud/src/train.py': 'print("fraud v2")\n' })

    const message = expectOneLineError(run)
    expect(message).toContain('model-ci.yml')
    expect(message).toContain('"shraed"')
    expect(run.annotations.find((annotation) => annotation.level === 'error')?.file).toBe('model-ci.yml')
  })

  test("an unknown key in a changed model's model.yml is a one-line error naming that file and the key", async () => {
    const run = await detectPullRequest({}, { 'models/fraud/model.yml': 'pyhton: "3.12"\n' })

    const message = expectOneLineError(run)
    expect(message).toContain('models/fraud/model.yml')
    expect(message).toContain('"pyhton"')
  })

  test.each([
    ['model-ci.yml', 'defaults: { timeout-minutes: 0 }\n', '"defaults.timeout-minutes" must be a positive number of minutes, such as 30 or 0.5, got 0'],
    ['models/fraud/model.yml', 'timeout-minutes: -5\n', '"timeout-minutes" must be a positive number of minutes, such as 30 or 0.5, got -5'],
    ['models/fraud/model.yml', 'timeout-minutes: an hour\n', '"timeout-minutes" must be a positive number of minutes, such as 30 or 0.5, got "an hour"']
  ])('%s with %j is a one-line error naming the file and the key', async (file, text, rule) => {
    const run = await detectPullRequest({}, { [file]: text, 'models/fraud/src/train.py': 'print("fraud v2")\n' })

    expect(expectOneLineError(run)).toContain(`${file}: ${rule}`)
  })

  test('model-ci.yml that is not valid YAML is a one-line error naming the file and the line', async () => {
    const run = await detectPullRequest({ 'model-ci.yml': 'models: [models/*\n' }, { 'models/fraud/src/train.py': 'print("fraud v2")\n' })

    const message = expectOneLineError(run)
    expect(message).toContain('model-ci.yml')
    expect(message).toMatch(/line \d+/)
  })

  test('a model directory whose name is not a valid model name is an error naming the directory', async () => {
    const run = await detectPullRequest({}, { 'models/fraud detector/src/train.py': 'print("fraud")\n' })

    const message = expectOneLineError(run)
    expect(message).toContain('models/fraud detector')
  })

  test('two model directories with the same name are an error naming both', async () => {
    const run = await detectPullRequest({ 'model-ci.yml': 'models: [models/*, experiments/*]\n' }, { 'experiments/fraud/src/train.py': 'print("fraud")\n' })

    const message = expectOneLineError(run)
    expect(message).toContain('experiments/fraud')
    expect(message).toContain('models/fraud')
  })
})
