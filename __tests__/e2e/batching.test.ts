// Past `max-jobs`, the pipeline batches (DESIGN.md section 9), job by job through the bundle and
// the emulator: detect packs ten models into three jobs without mixing runners, each train job
// trains its batch one model after the other and uploads one artifact per model, a model that
// fails in a batch fails alone, and report and the ledger see every model. The ledger's training
// times then balance the next run's batches.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { ZERO_SHA } from '../../__fixtures__/events.js'
import type { Ledger } from '../../src/core/ledger.js'
import { parseLedger, serializeLedger } from '../../src/core/ledger.js'
import type { BatchEntry, DetectRun } from './detect-helpers.js'
import { batchEntries, expectSuccess, matrixModels, runDetect } from './detect-helpers.js'
import type { ReportSuite } from './report-helpers.js'
import { commitFiles, expectExit, metricsModel, pushJobEvent, readArtifactFile, runReport, runTrain, seedArtifacts, startReportSuite } from './report-helpers.js'
import type { TrainJob } from './train-helpers.js'
import { artifactRecord, expectTrained } from './train-helpers.js'
import { expectOneLineError } from './job-checks.js'

const CPU = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot']
const GPU = ['gpu-a', 'gpu-b', 'gpu-c', 'gpu-d']
const MODELS = [...CPU, ...GPU]
/** Its training exits with code 3. */
const BROKEN = 'delta'

let suite: ReportSuite
let sha: string

beforeAll(async () => {
  suite = await startReportSuite('batching')
  const files: Record<string, string> = {}
  for (const [index, model] of CPU.entries()) Object.assign(files, metricsModel(model, model === BROKEN ? 'fail' : { accuracy: (index + 1) / 8 }))
  for (const model of GPU) Object.assign(files, metricsModel(model, { accuracy: 0.9 }, 'runs-on: gpu-runner\ntimeout-minutes: 30\n'))
  sha = await commitFiles(suite.workspace, files)
}, 60_000)

afterAll(async () => {
  await suite?.close()
})

/** A push run of main in progress, and detect run as its job with `inputs`. */
async function detectInNewRun(inputs: Record<string, string>): Promise<{ runId: number; run: DetectRun }> {
  const runId = suite.gh.addWorkflowRun({ head_sha: sha, head_branch: 'main', event: 'push', status: 'in_progress' }).id
  const { env, token } = suite.gh.runnerEnv({ runId, jobId: 'detect' })
  const run = await runDetect(suite.workspace, pushJobEvent(ZERO_SHA, sha), inputs, { env, token, runId, jobId: 'detect', sha, runnerTemp: suite.runnerTemp })
  expectSuccess(run)
  return { runId, run }
}

const story: { runId?: number; entries?: BatchEntry[]; fingerprints?: Record<string, string>; trainJobs?: TrainJob[] } = {}

function earlier<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`an earlier test of this suite failed: there is no ${what}`)
  return value
}

test('under max-jobs the matrix is one model per job, as always', async () => {
  const { run } = await detectInNewRun({})
  expect(matrixModels(run)).toEqual(MODELS)
  story.fingerprints = Object.fromEntries((run.matrix?.include ?? []).map((entry) => [entry.model, entry.fingerprint]))
  expect(run.summary).not.toContain('They train in')
})

test('past max-jobs, detect packs the models into at most that many jobs, never mixing runners', async () => {
  const { runId, run } = await detectInNewRun({ 'max-jobs': '3' })
  const entries = batchEntries(run)

  expect(entries.length).toBeLessThanOrEqual(3)
  // Six CPU models share two jobs, three each (no ledger yet: balanced by count); the four GPU models one.
  expect(entries.map((entry) => [entry.batch, entry['runs-on'], entry.models])).toEqual([
    ['b001', 'ubuntu-latest', ['alpha', 'charlie', 'echo']],
    ['b002', 'ubuntu-latest', ['bravo', 'delta', 'foxtrot']],
    ['b003', 'gpu-runner', GPU]
  ])
  const fingerprints = earlier(story.fingerprints, 'unbatched matrix')
  for (const entry of entries) {
    expect(entry.paths).toEqual(entry.models.map((model) => `models/${model}`))
    expect(entry.fingerprints).toEqual(entry.models.map((model) => fingerprints[model]))
    expect(entry.python).toBe('3.11')
  }
  // The job's timeout is the sum its models need: three of 60 minutes, four of 30.
  expect(entries.map((entry) => entry['timeout-minutes'])).toEqual([180, 180, 120])
  // Without the `jobs` input, each job trains its models one after the other.
  expect(entries.map((entry) => entry.jobs)).toEqual([1, 1, 1])
  // The fields in their order: `batch` first, as GitHub names the job after the values in order.
  expect(Object.keys(entries[0])).toEqual(['batch', 'models', 'paths', 'jobs', 'runs-on', 'python', 'timeout-minutes', 'fingerprints'])
  // Every other output is as without batches.
  expect(run.models).toEqual(MODELS)
  expect(run.outputs['has-models']).toBe('true')
  expect(run.summary).toContain('They train in **3 jobs**: more models than `max-jobs` (3)')
  expect(run.summary).toContain('the default branch has no ledger yet')
  story.runId = runId
  story.entries = entries
}, 60_000)

test('with the `jobs` input, each batch trains that many of its models at once, at most its count of models', async () => {
  const { run } = await detectInNewRun({ 'max-jobs': '3', jobs: '2' })
  expect(batchEntries(run).map((entry) => [entry.models.length, entry.jobs])).toEqual([[3, 2], [3, 2], [4, 2]])
  const { run: wide } = await detectInNewRun({ 'max-jobs': '3', jobs: '4' })
  expect(batchEntries(wide).map((entry) => [entry.models.length, entry.jobs])).toEqual([[3, 3], [3, 3], [4, 4]])
  // Under max-jobs, `jobs` changes nothing: one model per job, as always.
  const { run: unbatched } = await detectInNewRun({ jobs: '4' })
  expect(unbatched.outputs.matrix).toBe(JSON.stringify({ include: MODELS.map((model) => ({ model, path: `models/${model}`, 'runs-on': model.startsWith('gpu') ? 'gpu-runner' : 'ubuntu-latest', python: '3.11', 'timeout-minutes': model.startsWith('gpu') ? 30 : 60, fingerprint: earlier(story.fingerprints, 'unbatched matrix')[model] })) }))
}, 60_000)

test('a `jobs` input that is not a whole number from 1 to 1024 is one line naming it', async () => {
  for (const jobs of ['0', '2.5', '1025', 'all']) {
    const runId = suite.gh.addWorkflowRun({ head_sha: sha, head_branch: 'main', event: 'push', status: 'in_progress' }).id
    const { env, token } = suite.gh.runnerEnv({ runId, jobId: 'detect' })
    const run = await runDetect(suite.workspace, pushJobEvent(ZERO_SHA, sha), { 'max-jobs': '3', jobs }, { env, token, runId, jobId: 'detect', sha, runnerTemp: suite.runnerTemp })
    expect(expectOneLineError(run)).toBe(`input "jobs" is "${jobs}"; give a whole number of models to train at once, from 1 to 1024, or leave it empty for 1`)
  }
}, 60_000)

test('a train job with `models` trains them in turn, one artifact each, and a failing model fails only itself', async () => {
  const runId = earlier(story.runId, 'run')
  const jobs: TrainJob[] = []
  for (const entry of earlier(story.entries, 'batched matrix')) {
    // As the shipped workflow passes them: `model` is empty for a batch.
    jobs.push(await runTrain(suite, { model: '', sha, runId, inputs: { models: entry.models.join(' ') } }))
  }
  const [first, withBroken, gpu] = jobs
  for (const job of [first, gpu]) expectTrained(job)

  // In turn, in the entry's order.
  const turns = [...withBroken.stdout.matchAll(/^model-ci train: (\S+) \((\d+) of 3\)$/gm)].map((match) => match[1])
  expect(turns).toEqual(['bravo', 'delta', 'foxtrot'])
  // The broken model's one error; the step fails after its mates trained.
  expect(withBroken.exitCode).toBe(1)
  expect(withBroken.errors).toHaveLength(1)
  expect(withBroken.errors[0].message).toMatch(/^model-ci train delta: the train phase failed/)
  expect(JSON.parse(withBroken.outputs['artifact-name'])).toEqual({ bravo: 'model-ci-bravo', delta: 'model-ci-delta', foxtrot: 'model-ci-foxtrot' })
  expect(Object.keys(JSON.parse(withBroken.outputs.metrics))).toEqual(['bravo', 'delta', 'foxtrot'])
  expect(JSON.parse(withBroken.outputs.metrics).foxtrot).toEqual({ accuracy: 0.75 })
  expect(withBroken.summary).toContain('**2 of 3 models trained, 1 failed.**')

  // One artifact per model, each its own manifest: the failed one says so.
  for (const model of MODELS) {
    const record = artifactRecord(suite.gh, runId, `model-ci-${model}`)
    const manifest = JSON.parse(await readArtifactFile(suite, runId, record.id, record.digest as string, 'manifest.json')) as { model: string; status: string }
    expect(manifest).toMatchObject({ model, status: model === BROKEN ? 'failed' : 'success' })
  }
  story.trainJobs = jobs
}, 120_000)

test('report shows every model, and the ledger records each trained one with its training time', async () => {
  const runId = earlier(story.runId, 'run')
  earlier(story.trainJobs, 'train jobs')
  const job = await runReport(suite, { runId, event: pushJobEvent(ZERO_SHA, sha), sha, inputs: { models: JSON.stringify(MODELS) } })
  // A model failed to train: the status says so (its train job failed the run), and the others are shown and recorded.
  expectExit(job, 0)
  expect(job.outputs.status).toBe('fail')
  expect(job.stdout).toContain('Wrote model-ci-ledger (9 models, 9 trained in this run)')
  for (const model of MODELS) expect(job.summary).toContain(`\`${model}\``)
  expect(job.summary).toContain('**10 models trained: 9 new, 1 failed.**')
  expect(job.summary).toContain('### 💥 `delta` — training failed')

  const ledger = await readLedgerOf(runId)
  expect(Object.keys(ledger.models).sort()).toEqual(MODELS.filter((model) => model !== BROKEN).sort())
  for (const entry of Object.values(ledger.models)) expect(entry.training_s).toEqual(expect.any(Number))
  suite.gh.updateWorkflowRun(runId, { status: 'completed', conclusion: 'failure' })
}, 60_000)

test("the next run's batches are balanced by the training times in the default branch's ledger", async () => {
  // A later push run of main whose ledger says foxtrot takes ten minutes and the others seconds.
  const later = suite.gh.addWorkflowRun({ head_sha: sha, head_branch: 'main', event: 'push', status: 'in_progress' })
  const previous = await readLedgerOf(earlier(story.runId, 'run'))
  const models: Ledger['models'] = Object.create(null) as Ledger['models']
  for (const [name, entry] of Object.entries(previous.models)) models[name] = { ...entry, training_s: name === 'foxtrot' ? 600 : 10 }
  const ledger: Ledger = { ...previous, run_id: later.id, models }
  await seedArtifacts(suite, later.id, [{ name: 'model-ci-ledger', files: { 'ledger.json': serializeLedger(ledger) } }])
  suite.gh.updateWorkflowRun(later.id, { status: 'completed', conclusion: 'success' })

  const { run } = await detectInNewRun({ 'max-jobs': '3' })

  // foxtrot alone takes longer than the other five CPU models together (delta, not in the
  // ledger, counts as their median): it gets a job of its own.
  expect(batchEntries(run).map((entry) => entry.models)).toEqual([['alpha', 'bravo', 'charlie', 'delta', 'echo'], ['foxtrot'], GPU])
  expect(run.summary).toContain(`balanced by each model&#39;s last training time in the ledger of run ${later.id}`)
}, 60_000)

async function readLedgerOf(runId: number): Promise<Ledger> {
  const record = artifactRecord(suite.gh, runId, 'model-ci-ledger')
  return parseLedger(await readArtifactFile(suite, runId, record.id, record.digest as string, 'ledger.json'), 'the test')
}

test('a batch naming a model the repository does not have fails that name only', async () => {
  const job = await runTrain(suite, { model: '', sha, inputs: { models: 'alpha,no-such-model\ngpu-a' } })

  expect(job.exitCode).toBe(1)
  expect(job.errors.map((error) => error.message)).toEqual([expect.stringMatching(/^model-ci train no-such-model: there is no model named "no-such-model"; the models are: alpha, bravo/)])
  expect(Object.keys(JSON.parse(job.outputs['artifact-name']))).toEqual(['alpha', 'gpu-a'])
  for (const model of ['alpha', 'gpu-a']) artifactRecord(suite.gh, job.runId, `model-ci-${model}`)
}, 60_000)

test('train takes `model` or `models`, exactly one of them', async () => {
  const both = await runTrain(suite, { model: 'alpha', sha, inputs: { models: 'bravo' } })
  expect(expectOneLineError(both)).toBe(
    `inputs "model" and "models" are both set; command train takes one model or a batch of models, not both: pass detect's matrix as model: \${{ matrix.model }} and models: \${{ join(matrix.models, ' ') }}`
  )
  const neither = await runTrain(suite, { model: ' ', sha, inputs: { models: '' } })
  expect(expectOneLineError(neither)).toBe(
    `input "model" (or "models", for a batch) is required by command train; pass detect's matrix as model: \${{ matrix.model }} and models: \${{ join(matrix.models, ' ') }}`
  )
}, 60_000)

test("past max-jobs, the default branch's ledger is asked for before the models' files are parsed", async () => {
  // A model.yml that does not parse fails detect while the configs are read, after which batches
  // would be made: the ledger's requests went out before it, to arrive while the files are parsed.
  const broken = await commitFiles(suite.workspace, { 'models/echo/model.yml': 'timeout-minutes: [\n' })
  const runId = suite.gh.addWorkflowRun({ head_sha: broken, head_branch: 'main', event: 'push', status: 'in_progress' }).id
  const { env, token } = suite.gh.runnerEnv({ runId, jobId: 'detect' })
  const sent = suite.gh.requests.length
  const run = await runDetect(suite.workspace, pushJobEvent(ZERO_SHA, broken), { 'max-jobs': '3' }, { env, token, runId, jobId: 'detect', sha: broken, runnerTemp: suite.runnerTemp })

  expect(expectOneLineError(run)).toMatch(/^models\/echo\/model\.yml: invalid YAML/)
  expect(suite.gh.requests.slice(sent).map((request) => request.path)).toContainEqual(expect.stringMatching(new RegExp(`/actions/runs/${runId}$`)))
}, 60_000)
