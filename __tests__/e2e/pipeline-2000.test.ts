// 2,000 models through `shared`, end to end (issue 11): a push to main that changes the script
// every model depends on trains all 2,000 in batched jobs (max-jobs 32, two jobs at once, each in
// a fresh clone and RUNNER_TEMP), with the emulator failing requests on the way: transient faults
// (storage 5xx and dropped connections, results-service 5xx) that the clients and model-ci retry,
// and failures for good: a model whose training exits 1, one whose artifact upload never gets
// through, and a job whose process is killed mid-batch. What a user sees must hold every model to
// account: the models that trained have their artifact and ledger entry, each once; the others
// are named in the report, and none hides a job mate's result.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { inParallel } from '../../src/core/in-parallel.js'
import type { Ledger } from '../../src/core/ledger.js'
import { parseLedger } from '../../src/core/ledger.js'
import type { FaultRule, InjectedFault } from '../emulator/index.js'
import { makeTempDir, removeDir } from '../harness/git-repo.js'
import { runJob } from '../harness/job-runner.js'
import { TEST_PYTHON } from '../harness/python.js'
import type { BatchEntry } from './detect-helpers.js'
import { batchEntries, expectSuccess, runDetect } from './detect-helpers.js'
import { expectOneError } from './job-checks.js'
import type { ReportSuite } from './report-helpers.js'
import { commitFiles, expectExit, pushJobEvent, readArtifactFile, runReport, startReportSuite } from './report-helpers.js'
import type { TrainJob } from './train-helpers.js'
import { artifactRecord, withAnnotationsByLevel } from './train-helpers.js'

const MODEL_COUNT = 2000
const MAX_JOBS = 32
const JOBS_AT_ONCE = 2
const MODELS = Array.from({ length: MODEL_COUNT }, (_, index) => `m${String(index + 1).padStart(4, '0')}`)
/** Its training exits with code 1. */
const FAILS_TO_TRAIN = 'm0100'
/** Every upload of its artifact loses its connection to the results service. */
const UPLOAD_FAILS = 'm0700'
/** Its training kills the train job's process, as the OOM killer or a lost runner would. */
const KILLS_ITS_JOB = 'm1300'

const ARTIFACT_SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService'
const BLOBS = /^\/devstoreaccount1\/artifacts\//

// Every model trains with the same few lines: it records that it ran (TRACE_FILE, outside the
// checkout), and writes a model file and an accuracy that only this model has.
const TRACE = 'import json, os, signal, sys\nname = os.environ["MODEL_CI_MODEL"]\nwith open(os.environ["TRACE_FILE"], "a") as trace:\n    trace.write(name + "\\n")\n'
const TRAINS = `${TRACE}with open(os.path.join(os.environ["MODEL_CI_OUTPUT_DIR"], "model.json"), "w") as model:
    json.dump({"bias": int(name[1:])}, model)
with open(os.environ["MODEL_CI_METRICS_FILE"], "w") as metrics:
    json.dump({"accuracy": int(name[1:]) / 10000}, metrics)
`
const FAILS = `${TRACE}print("the data is gone", file=sys.stderr)\nsys.exit(1)\n`
const KILLS = `${TRACE}os.kill(os.getppid(), signal.SIGKILL)\n`

const accuracyOf = (model: string) => Number(model.slice(1)) / 10000

let suite: ReportSuite
let traceFile: string
let before: string
let after: string
let runId: number

beforeAll(async () => {
  suite = await startReportSuite('pipeline-2000')
  traceFile = join(suite.scratch, 'trainings.log')
  const files: Record<string, string> = { 'model-ci.yml': 'shared: [scripts/**]\n', 'scripts/prep.py': 'print("prepare")\n' }
  for (const model of MODELS) {
    files[`models/${model}/src/train.py`] = model === FAILS_TO_TRAIN ? FAILS : model === KILLS_ITS_JOB ? KILLS : TRAINS
    // No requirements: the models train with the job's Python, no venv. No run-cache: each trains.
    files[`models/${model}/model.yml`] = 'cache: false\n'
  }
  before = await commitFiles(suite.workspace, files)
  after = await commitFiles(suite.workspace, { 'scripts/prep.py': 'print("prepare, v2")\n' })
  runId = suite.gh.addWorkflowRun({ head_sha: after, head_branch: 'main', event: 'push', status: 'in_progress' }).id
}, 120_000)

afterAll(async () => {
  await suite?.close()
})

const story: { entries?: BatchEntry[]; models?: string[]; jobs?: Map<BatchEntry, TrainJob> } = {}

function earlier<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`an earlier test of this suite failed: there is no ${what}`)
  return value
}

test('a push that changes the shared script puts all 2,000 models in the matrix, packed into max-jobs batches', async () => {
  const { env, token } = suite.gh.runnerEnv({ runId, jobId: 'detect' })
  const run = await runDetect(suite.workspace, pushJobEvent(before, after), { 'max-jobs': String(MAX_JOBS) }, { env, token, runId, jobId: 'detect', sha: after })

  expectSuccess(run)
  expect(run.models).toEqual(MODELS)
  const entries = batchEntries(run)
  expect(entries).toHaveLength(MAX_JOBS)
  // Balanced by count (no ledger yet): 2,000 over 32 jobs is 62 or 63 each.
  expect(new Set(entries.map((entry) => entry.models.length))).toEqual(new Set([62, 63]))
  expect(entries.flatMap((entry) => entry.models).sort()).toEqual(MODELS)
  // The three that fail for good are in three different jobs.
  expect(new Set([FAILS_TO_TRAIN, UPLOAD_FAILS, KILLS_ITS_JOB].map((model) => entryOf(entries, model))).size).toBe(3)
  story.entries = entries
  story.models = run.models
}, 60_000)

function entryOf(entries: readonly BatchEntry[], model: string): BatchEntry {
  const found = entries.find((entry) => entry.models.includes(model))
  if (!found) throw new Error(`${model} is in no job of the matrix`)
  return found
}

/** A train job of the run for `entry`, in a fresh clone of the repository at the pushed commit. */
async function trainJob(entry: BatchEntry): Promise<TrainJob> {
  const checkout = makeTempDir('model-ci-pipeline-2000-job-')
  try {
    await promisify(execFile)('git', ['clone', '--quiet', '--local', '--branch', 'main', suite.workspace, checkout])
    const { env, token } = suite.gh.runnerEnv({ runId, jobId: 'train' })
    // As the shipped workflow passes a batch: `model` empty, `models` joined by spaces.
    const result = await runJob({
      workspace: checkout,
      event: pushJobEvent(before, after),
      inputs: { command: 'train', model: '', models: entry.models.join(' '), python: TEST_PYTHON },
      env: { ...env, TRACE_FILE: traceFile },
      token,
      runId,
      jobId: 'train',
      sha: after
    })
    return withAnnotationsByLevel(result, runId)
  } finally {
    removeDir(checkout)
  }
}

// The first live rule that matches a request decides: the ones that fire a few times come before
// the one that draws for every upload.
const transient: Array<{ what: string; rule: FaultRule; fault?: InjectedFault }> = [
  { what: 'dropped blob uploads', rule: { method: 'PUT', path: BLOBS, times: 3, fault: { drop: true } } },
  { what: 'CreateArtifact 503', rule: { method: 'POST', path: `${ARTIFACT_SERVICE}/CreateArtifact`, times: 2, fault: { status: 503 } } },
  { what: 'FinalizeArtifact 502', rule: { method: 'POST', path: `${ARTIFACT_SERVICE}/FinalizeArtifact`, times: 1, fault: { status: 502 } } },
  { what: 'blob storage 500 on 2% of uploads', rule: { method: 'PUT', path: BLOBS, ratio: 0.02, fault: { status: 500 } } }
]

test(`the train jobs, ${JOBS_AT_ONCE} at a time, train every model once despite transient faults; each failure stays its own model's`, async () => {
  const entries = earlier(story.entries, 'matrix')
  // First, so that it decides for that artifact's requests: its upload never gets through.
  const lostUpload = suite.gh.inject({
    method: 'POST',
    path: `${ARTIFACT_SERVICE}/CreateArtifact`,
    body: (body) => (body as { name?: unknown }).name === `model-ci-${UPLOAD_FAILS}`,
    fault: { drop: true }
  })
  for (const fault of transient) fault.fault = suite.gh.inject(fault.rule)
  const jobs = await inParallel(entries, JOBS_AT_ONCE, trainJob)
  suite.gh.clearFaults()
  const jobOf = new Map(entries.map((entry, index) => [entry, jobs[index]]))
  story.jobs = jobOf

  // The transient faults happened, and were recovered from: every job but the three succeeded.
  expect(transient.map(({ what, fault }) => [what, (fault?.hits ?? 0) > 0])).toEqual(transient.map(({ what }) => [what, true]))
  // The upload was tried four times (model-ci retries a dropped connection three times), then given up.
  expect(lostUpload.hits).toBe(4)
  const failing = new Set([FAILS_TO_TRAIN, UPLOAD_FAILS, KILLS_ITS_JOB].map((model) => entryOf(entries, model)))
  for (const [entry, job] of jobOf) {
    if (failing.has(entry)) continue
    expect({ batch: entry.batch, exitCode: job.exitCode, errors: job.errors }).toEqual({ batch: entry.batch, exitCode: 0, errors: [] })
  }

  // A model whose training fails: its job's one error names it and the phase; its mates trained.
  const failedJob = jobOf.get(entryOf(entries, FAILS_TO_TRAIN)) as TrainJob
  expect(expectOneError(failedJob)).toMatch(new RegExp(`^model-ci train ${FAILS_TO_TRAIN}: the train phase failed`))
  expect(Object.keys(JSON.parse(failedJob.outputs['artifact-name']) as object).sort()).toEqual(entryOf(entries, FAILS_TO_TRAIN).models.slice().sort())
  // A model whose upload fails for good: its job's one error names its artifact; its mates uploaded theirs.
  const uploadJob = jobOf.get(entryOf(entries, UPLOAD_FAILS)) as TrainJob
  expect(expectOneError(uploadJob)).toMatch(new RegExp(`^model-ci train ${UPLOAD_FAILS}: artifact "model-ci-${UPLOAD_FAILS}" could not be uploaded`))
  expect(Object.keys(JSON.parse(uploadJob.outputs['artifact-name']) as object).sort()).toEqual(entryOf(entries, UPLOAD_FAILS).models.filter((model) => model !== UPLOAD_FAILS).sort())
  // The killed job ends there: no outputs, no summary.
  const killedJob = jobOf.get(entryOf(entries, KILLS_ITS_JOB)) as TrainJob
  expect(killedJob.exitCode).not.toBe(0)
  expect(killedJob.outputs).toEqual({})

  // Every model trained exactly once, but those after the killer in its job, which never started.
  const { trainedBefore, neverStarted } = killedSplit(entries)
  expect(trainedBefore.length).toBeGreaterThan(0)
  expect(neverStarted.length).toBeGreaterThan(0)
  const trainings = readFileSync(traceFile, 'utf8').split('\n').filter(Boolean).sort()
  expect(trainings).toEqual(MODELS.filter((model) => !neverStarted.includes(model)))

  // One artifact per model that got as far as one (the failed training's says it failed), none twice, no other.
  const artifacts = suite.gh.state.artifacts.filter((artifact) => artifact.workflow_run_id === runId && artifact.finalized).map((artifact) => artifact.name)
  expect(artifacts.sort()).toEqual(uploaded(entries).map((model) => `model-ci-${model}`))
}, 420_000)

/** The killing model's job mates before it (they trained) and after it (never started). */
function killedSplit(entries: readonly BatchEntry[]): { trainedBefore: string[]; neverStarted: string[] } {
  const { models } = entryOf(entries, KILLS_ITS_JOB)
  const at = models.indexOf(KILLS_ITS_JOB)
  return { trainedBefore: models.slice(0, at), neverStarted: models.slice(at + 1) }
}

/** The models with an artifact: all but the lost upload, the killer and the models its job never started. */
function uploaded(entries: readonly BatchEntry[]): string[] {
  const { neverStarted } = killedSplit(entries)
  return MODELS.filter((model) => model !== UPLOAD_FAILS && model !== KILLS_ITS_JOB && !neverStarted.includes(model))
}

test('report counts and names every model, through transient faults, and the ledger records exactly the trained ones', async () => {
  const entries = earlier(story.entries, 'matrix')
  earlier(story.jobs, 'train jobs')
  const { neverStarted } = killedSplit(entries)
  const succeeded = uploaded(entries).filter((model) => model !== FAILS_TO_TRAIN)
  const missing = [UPLOAD_FAILS, KILLS_ITS_JOB, ...neverStarted].sort()
  const faults = [
    suite.gh.inject({ method: 'POST', path: `${ARTIFACT_SERVICE}/GetSignedArtifactURL`, times: 2, fault: { status: 503 } }),
    suite.gh.inject({ method: 'GET', path: BLOBS, times: 2, fault: { status: 500 } }),
    suite.gh.inject({ method: 'GET', path: /\/actions\/(workflows\/[^/]+\/)?runs$/, times: 1, fault: { status: 502 } })
  ]
  const job = await runReport(suite, { runId, event: pushJobEvent(before, after), sha: after, inputs: { models: JSON.stringify(earlier(story.models, 'models')) } })
  suite.gh.clearFaults()

  expectExit(job, 0)
  expect(faults.map((fault) => fault.hits)).toEqual([2, 2, 1])
  // Models failed: the status says so, and the headline counts each kind.
  expect(job.outputs.status).toBe('fail')
  expect(job.summary).toContain(`**${succeeded.length + 1} models trained: ${succeeded.length} new, 1 failed. ${missing.length} missing (no result).**`)
  expect(succeeded.length + 1 + missing.length).toBe(MODEL_COUNT)
  // Every model that failed or reported nothing is named.
  expect(job.summary).toContain(`### 💥 \`${FAILS_TO_TRAIN}\` — training failed`)
  for (const model of missing) expect(job.summary).toContain(`\`${model}\` — no result`)
  expect(job.stdout).toContain(`Wrote model-ci-ledger (${succeeded.length} models, ${succeeded.length} trained in this run)`)

  // The ledger: exactly the models that trained, each with its own training's accuracy, the killed job's earlier models too.
  const record = artifactRecord(suite.gh, runId, 'model-ci-ledger')
  const ledger: Ledger = parseLedger(await readArtifactFile(suite, runId, record.id, record.digest as string, 'ledger.json'), 'the test')
  expect(Object.keys(ledger.models).sort()).toEqual(succeeded)
  for (const model of killedSplit(entries).trainedBefore) expect(ledger.models[model]).toBeDefined()
  const wrong = succeeded.filter((model) => ledger.models[model].metrics.accuracy !== accuracyOf(model))
  expect(wrong).toEqual([])
  suite.gh.updateWorkflowRun(runId, { status: 'completed', conclusion: 'failure' })
}, 180_000)
