// `train` on a real scikit-learn model (__fixtures__/models/breast-cancer): Debian's Python and its
// scikit-learn, reused through the venv's system site packages, a pickled model, a second
// `evaluate` command, nested metrics. The artifact, downloaded back from the emulator with the real
// client, holds exactly the files the manifest lists, byte for byte, and the model in it still works.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { TEST_PYTHON } from '../harness/python.js'
import type { DownloadedArtifact, TrainJob, TrainSuite } from './train-helpers.js'
import {
  artifactRecord,
  commitFiles,
  downloadArtifact,
  expectFilesMatchManifest,
  expectTrained,
  fixtureFiles,
  runTrain,
  startTrainSuite
} from './train-helpers.js'

let suite: TrainSuite
let sha: string
let job: TrainJob
let artifact: DownloadedArtifact

beforeAll(async () => {
  suite = await startTrainSuite('train-sklearn')
  sha = await commitFiles(suite.workspace, fixtureFiles('models/breast-cancer', 'models/breast-cancer'))
  // The requirements are met by the packages of the interpreter's own venv (the test venv), which
  // the model's venv inherits: pip needs no index to say so.
  job = await runTrain(suite, { model: 'breast-cancer', sha, inputs: { 'pip-args': '--no-index' } })
  expectTrained(job)
  artifact = await downloadArtifact(suite, job.runId, Number(job.outputs['artifact-id']), job.outputs.digest)
}, 60_000)
afterAll(async () => {
  await suite.close()
})

function runPython(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(TEST_PYTHON, args, { encoding: 'utf8' }, (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(stdout)))
  })
}

test('trains, evaluates and sets every output of DESIGN.md section 5', () => {
  expect(job.stdout).toContain('trained LogisticRegression on 426 rows')
  expect(job.stdout).toContain('accuracy ')
  const record = artifactRecord(suite.gh, job.runId, 'model-ci-breast-cancer')
  expect(job.outputs).toEqual({
    metrics: expect.any(String),
    'artifact-name': 'model-ci-breast-cancer',
    'artifact-id': String(record.id),
    digest: record.digest,
    fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    'cache-hit': 'false'
  })
  expect(record.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
  const metrics = JSON.parse(job.outputs.metrics) as Record<string, number>
  expect(Object.keys(metrics).sort()).toEqual(['accuracy', 'rows.test', 'test.f1', 'test.log_loss', 'test.roc_auc'])
  expect(metrics.accuracy).toBeGreaterThan(0.9)
  expect(metrics['test.roc_auc']).toBeGreaterThan(0.95)
  expect(metrics['rows.test']).toBe(143)
})

test('the manifest in the artifact records the training', async () => {
  const version = (await runPython(['-c', 'import platform; print(platform.python_version())'])).trim()
  expect(artifact.manifest).toEqual({
    schema: 1,
    model: 'breast-cancer',
    status: 'success',
    version: expect.stringMatching(new RegExp(`^\\d{4}\\.\\d{2}\\.\\d{2}-\\d{6}-${sha.slice(0, 7)}-r${job.runId}$`)),
    fingerprint: job.outputs.fingerprint,
    sha,
    ref: 'refs/heads/main',
    event: 'push',
    run_id: job.runId,
    run_attempt: 1,
    created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    metrics: JSON.parse(job.outputs.metrics),
    files: expect.any(Array),
    python: version,
    runner_os: 'Linux',
    timings: { install_s: expect.any(Number), train_s: expect.any(Number), evaluate_s: expect.any(Number) },
    cache: { dependencies: 'miss', run: 'miss' },
    failure: null,
    mlflow: null
  })
  expect(artifact.manifest.files.map((file) => file.path)).toEqual(['data/test_split.npz', 'metrics.json', 'model-card.json', 'model.pkl'])
  expect(artifact.manifest.timings.train_s).toBeGreaterThan(0)
  expect(artifact.manifest.timings.evaluate_s).toBeGreaterThan(0)
})

test('the downloaded artifact matches the manifest byte for byte, and the pickled model still scores', async () => {
  expectFilesMatchManifest(artifact)
  const folder = mkdtempSync(join(suite.scratch, 'downloaded-'))
  writeFileSync(join(folder, 'model.pkl'), artifact.files.get('outputs/model.pkl') as Buffer)
  writeFileSync(join(folder, 'test_split.npz'), artifact.files.get('outputs/data/test_split.npz') as Buffer)
  const score = await runPython([
    '-c',
    'import pickle, sys, numpy; m = pickle.load(open(sys.argv[1], "rb")); s = numpy.load(sys.argv[2]); print(m.score(s["x"], s["y"]))',
    join(folder, 'model.pkl'),
    join(folder, 'test_split.npz')
  ])
  expect(Number(score)).toBeCloseTo(artifact.manifest.metrics.accuracy, 12)
})

test('the job summary shows the metrics, the timings and both caches', () => {
  const summary = job.summary
  expect(summary).toContain('## model-ci: `breast-cancer` trained')
  expect(summary).toContain(`| \`accuracy\` | ${Number(artifact.manifest.metrics.accuracy.toPrecision(6))} |`)
  expect(summary).toContain('| `test.roc_auc` |')
  expect(summary).toContain('| `rows.test` | 143 |')
  expect(summary).toMatch(new RegExp(`\\| \`${artifact.manifest.version.replace(/\./g, '\\.')}\` \\| [\\d.]+ s \\| [\\d.]+ s \\| [\\d.]+ s \\| miss \\| miss \\|`))
  expect(summary).toContain(`Artifact \`model-ci-breast-cancer\` (id ${job.outputs['artifact-id']}, \`${job.outputs.digest}\`)`)
})

test('the dependency cache and the run-cache each got an entry', () => {
  const keys = suite.gh.state.caches.filter((entry) => entry.finalized).map((entry) => entry.key)
  expect(keys).toEqual(
    expect.arrayContaining([expect.stringMatching(/^model-ci-deps-v1-breast-cancer-Linux-py3\./), `model-ci-run-v1-breast-cancer-${job.outputs.fingerprint.slice('sha256:'.length)}`])
  )
  expect(keys).toHaveLength(2)
})
