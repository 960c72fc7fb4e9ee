// The run-cache: a training whose fingerprint was trained before is not run again; its outputs and
// manifest come back from the cache and are uploaded again in the new run, with cache-hit=true.
// Every training appends a line to a trace file outside the checkout (TRACE_FILE), so "nothing was
// trained" is counted, not inferred from the log.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { pullRequestEvent } from '../../__fixtures__/events.js'
import type { Manifest } from '../../src/core/manifest.js'
import { serializeManifest } from '../../src/core/manifest.js'
import { git } from '../harness/git-repo.js'
import type { TrainJob, TrainSuite } from './train-helpers.js'
import {
  artifactRecord,
  asTrainJob,
  cleanCheckout,
  commitFiles,
  downloadArtifact,
  expectFilesMatchManifest,
  expectTrained,
  runTrain,
  startTrainSuite
} from './train-helpers.js'

// The model is random: a second training would write different bytes, so reused bytes are provably the first ones.
const TRAIN_PY = (comment: string) => `# ${comment}
import json, os, secrets
with open(os.environ["TRACE_FILE"], "a") as trace:
    trace.write(os.environ["MODEL_CI_MODEL"] + "\\n")
out = os.environ["MODEL_CI_OUTPUT_DIR"]
with open(os.path.join(out, "weights.bin"), "wb") as file:
    file.write(secrets.token_bytes(4096))
json.dump({"accuracy": 0.9, "loss": {"val": 0.25}}, open(os.environ["MODEL_CI_METRICS_FILE"], "w"))
print("training ran")
`

let suite: TrainSuite
let traceFile: string

beforeAll(async () => {
  suite = await startTrainSuite('train-run-cache')
  traceFile = join(suite.scratch, 'trainings.log')
})
afterAll(async () => {
  await suite.close()
})

/** A job on a fresh runner: a clean checkout of `sha` at the same paths. */
async function train(model: string, sha: string): Promise<TrainJob> {
  await cleanCheckout(suite.workspace)
  const job = await runTrain(suite, { model, sha, env: { TRACE_FILE: traceFile } })
  expectTrained(job)
  return job
}

function trainings(model: string): number {
  if (!existsSync(traceFile)) return 0
  return readFileSync(traceFile, 'utf8').split('\n').filter((line) => line === model).length
}

function runCacheLookups(model: string): number {
  return suite.gh.requests.filter(
    (request) =>
      request.path.endsWith('/CacheService/GetCacheEntryDownloadURL') &&
      String((request.body as { key?: string } | undefined)?.key).startsWith(`model-ci-run-v1-${model}-`)
  ).length
}

test('the same fingerprint is a hit: nothing trains, the first outputs are uploaded again; a changed model file trains again', async () => {
  const first = await commitFiles(suite.workspace, { 'models/cached/src/train.py': TRAIN_PY('v1') })
  const trained = await train('cached', first)
  expect(trainings('cached')).toBe(1)
  expect(trained.outputs['cache-hit']).toBe('false')
  const original = await downloadArtifact(suite, trained.runId, Number(trained.outputs['artifact-id']), trained.outputs.digest)
  expect(original.manifest.cache.run).toBe('miss')

  const reused = await train('cached', first)
  expect(trainings('cached')).toBe(1)
  expect(reused.stdout).not.toContain('training ran')
  expect(reused.outputs['cache-hit']).toBe('true')
  expect(reused.outputs.fingerprint).toBe(trained.outputs.fingerprint)
  expect(reused.outputs.metrics).toBe(trained.outputs.metrics)
  // Uploaded in the new run: its own artifact, with the same model bytes.
  const record = artifactRecord(suite.gh, reused.runId, 'model-ci-cached')
  expect(reused.outputs['artifact-id']).toBe(String(record.id))
  expect(reused.outputs.digest).toBe(record.digest)
  const copy = await downloadArtifact(suite, reused.runId, record.id, reused.outputs.digest)
  expectFilesMatchManifest(copy)
  expect(copy.files.get('outputs/weights.bin')).toEqual(original.files.get('outputs/weights.bin'))
  expect(copy.manifest).toEqual({ ...original.manifest, cache: { ...original.manifest.cache, run: 'hit' } })
  expect(reused.summary).toContain(`Run-cache hit: nothing was trained; the outputs of run ${trained.runId} (same fingerprint) were reused.`)
  expect(reused.summary).toMatch(/\| hit \|\n/)

  const changed = await commitFiles(suite.workspace, { 'models/cached/src/train.py': TRAIN_PY('v2') })
  const retrained = await train('cached', changed)
  expect(trainings('cached')).toBe(2)
  expect(retrained.outputs['cache-hit']).toBe('false')
  expect(retrained.outputs.fingerprint).not.toBe(trained.outputs.fingerprint)
  expect(retrained.stdout).toContain('training ran')
})

/**
 * Saves what is now at the run-cache paths of `model` (its output folder and its staged manifest)
 * as a cache entry of `runId`, with the real @actions/cache client, the way a job would, and makes
 * the model's run-cache entry `key` hold that archive instead of its own.
 */
async function replaceRunCacheArchive(model: string, key: string, runId: number): Promise<void> {
  const paths = [join(suite.workspace, 'models', model, 'outputs'), join(suite.runnerTemp, 'model-ci', 'artifacts', model, 'manifest.json')]
  const saved = await asTrainJob(suite, runId, async () => (await import('@actions/cache')).saveCache(paths, `${key}-replacement`))
  const entry = suite.gh.state.caches.find((candidate) => candidate.key === key)
  const replacement = suite.gh.state.caches.find((candidate) => candidate.key === `${key}-replacement`)
  if (saved === -1 || !entry || !replacement) throw new Error(`could not replace the archive of cache entry ${key}`)
  entry.blob = replacement.blob
}

test('a run-cache entry whose outputs do not match its manifest is not used: a warning, and the model trains', async () => {
  const sha = await commitFiles(suite.workspace, { 'models/tampered/src/train.py': TRAIN_PY('tampered') })
  const trained = await train('tampered', sha)
  expect(trainings('tampered')).toBe(1)
  const key = `model-ci-run-v1-tampered-${trained.outputs.fingerprint.slice('sha256:'.length)}`
  // The manifest the job staged stays; the model file beside it changes.
  writeFileSync(join(suite.workspace, 'models', 'tampered', 'outputs', 'weights.bin'), 'not the trained weights')
  await replaceRunCacheArchive('tampered', key, trained.runId)

  const again = await train('tampered', sha)
  expect(trainings('tampered')).toBe(2)
  expect(again.outputs['cache-hit']).toBe('false')
  expect(again.warnings.map((warning) => warning.message)).toEqual([`run-cache entry ${key} was not used: its outputs do not match its manifest; training anew`])
  // GitHub's cache entries are immutable: the new training cannot replace the bad entry, and the log says so.
  expect(again.stdout).toContain(`Failed to save: Unable to reserve cache with key ${key}`)
  expect(again.stdout).toContain(`Cache entry "${key}" was not saved (the cache client's lines above say why)`)
  const { files } = await downloadArtifact(suite, again.runId, Number(again.outputs['artifact-id']), again.outputs.digest)
  expect(files.get('outputs/weights.bin')?.length).toBe(4096)
})

test('a run-cache entry without a manifest is not used: a warning, and the model trains', async () => {
  const sha = await commitFiles(suite.workspace, { 'models/unlisted/src/train.py': TRAIN_PY('unlisted') })
  const trained = await train('unlisted', sha)
  const key = `model-ci-run-v1-unlisted-${trained.outputs.fingerprint.slice('sha256:'.length)}`
  rmSync(join(suite.runnerTemp, 'model-ci', 'artifacts', 'unlisted', 'manifest.json'))
  await replaceRunCacheArchive('unlisted', key, trained.runId)

  const again = await train('unlisted', sha)
  expect(trainings('unlisted')).toBe(2)
  expect(again.outputs['cache-hit']).toBe('false')
  expect(again.exitCode).toBe(0)
  expect(again.warnings[0]?.message).toContain(`run-cache entry ${key}`)
})

test('cache: false in model.yml never restores: every job trains', async () => {
  const sha = await commitFiles(suite.workspace, { 'models/uncached/model.yml': 'cache: false\n', 'models/uncached/src/train.py': TRAIN_PY('uncached') })
  const firstJob = await train('uncached', sha)
  const secondJob = await train('uncached', sha)
  expect(trainings('uncached')).toBe(2)
  for (const job of [firstJob, secondJob]) {
    expect(job.outputs['cache-hit']).toBe('false')
    expect(job.stdout).toContain('training ran')
    const { manifest } = await downloadArtifact(suite, job.runId, Number(job.outputs['artifact-id']), job.outputs.digest)
    expect(manifest.cache.run).toBe('off')
  }
  expect(runCacheLookups('uncached')).toBe(0)
  expect(suite.gh.state.caches.some((entry) => entry.key.startsWith('model-ci-run-v1-uncached-'))).toBe(false)
})

const EVIL_WEIGHTS = 'weights a job of another workflow put in the cache'

/**
 * What a job of another workflow that runs in main's cache scope (a workflow_run or
 * pull_request_target workflow, run `runId`) can do: save, under the run-cache key of `model`'s
 * `fingerprint`, outputs of its own with a manifest that matches them and says it is `claims`.
 */
async function plantRunCacheEntry(model: string, fingerprint: string, claims: Manifest, runId: number): Promise<string> {
  const key = `model-ci-run-v1-${model}-${fingerprint.slice('sha256:'.length)}`
  const outputs = join(suite.workspace, 'models', model, 'outputs')
  const manifestFile = join(suite.runnerTemp, 'model-ci', 'artifacts', model, 'manifest.json')
  rmSync(outputs, { recursive: true, force: true })
  mkdirSync(outputs, { recursive: true })
  writeFileSync(join(outputs, 'weights.bin'), EVIL_WEIGHTS)
  const files = [{ path: 'weights.bin', size: EVIL_WEIGHTS.length, sha256: createHash('sha256').update(EVIL_WEIGHTS).digest('hex') }]
  mkdirSync(dirname(manifestFile), { recursive: true })
  writeFileSync(manifestFile, serializeManifest({ ...claims, files }))
  const saved = await asTrainJob(suite, runId, async () => (await import('@actions/cache')).saveCache([outputs, manifestFile], key))
  if (saved === -1) throw new Error(`could not plant cache entry ${key}`)
  return key
}

async function uploadedWeights(job: TrainJob): Promise<string | undefined> {
  const { files } = await downloadArtifact(suite, job.runId, Number(job.outputs['artifact-id']), job.outputs.digest)
  return files.get('outputs/weights.bin')?.toString('utf8')
}

test("on main, an entry planted by another workflow's job for a pull request's fingerprint is not used: a warning naming its run, and the model trains", async () => {
  const base = await git(suite.workspace, ['rev-parse', 'HEAD'])
  await git(suite.workspace, ['checkout', '--quiet', '-b', 'feature-5'])
  const head = await commitFiles(suite.workspace, { 'models/planted/src/train.py': TRAIN_PY('planted') })
  // The pull request's own training: its entry is in the pull request's cache scope, which main never reads.
  suite.gh.addPullRequest({ number: 5, head: { sha: head, ref: 'feature-5' }, base: { sha: base, ref: 'main' } })
  const prRun = suite.gh.addWorkflowRun({ head_sha: head, head_branch: 'feature-5', event: 'pull_request', pull_requests: [5] })
  await cleanCheckout(suite.workspace)
  const onPullRequest = await runTrain(suite, {
    model: 'planted',
    sha: head,
    runId: prRun.id,
    env: { TRACE_FILE: traceFile },
    event: { name: 'pull_request', payload: pullRequestEvent({ number: 5, base: { ref: 'main', sha: base }, head: { ref: 'feature-5', sha: head } }) }
  })
  expectTrained(onPullRequest)
  const { manifest } = await downloadArtifact(suite, prRun.id, Number(onPullRequest.outputs['artifact-id']), onPullRequest.outputs.digest)

  // Before it merges, a job of another workflow in main's scope plants an entry for that fingerprint.
  const planter = suite.gh.addWorkflowRun({ head_sha: base, head_branch: 'main', event: 'workflow_run', path: '.github/workflows/other.yml' })
  // A manifest as model-ci would write it for the planter's run: the version label names the run.
  const claims = { ...manifest, run_id: planter.id, version: manifest.version.replace(/-r\d+$/, `-r${planter.id}`) }
  const key = await plantRunCacheEntry('planted', onPullRequest.outputs.fingerprint, claims, planter.id)

  await git(suite.workspace, ['checkout', '--quiet', 'main'])
  await git(suite.workspace, ['merge', '--quiet', '--ff-only', 'feature-5'])
  const merged = await train('planted', head)
  expect(trainings('planted')).toBe(2)
  expect(merged.outputs['cache-hit']).toBe('false')
  expect(merged.warnings[0]?.message).toBe(`run-cache entry ${key} was not used: run ${planter.id} is a workflow_run run of branch "main", not a push to main; training anew`)
  expect(await uploadedWeights(merged)).not.toBe(EVIL_WEIGHTS)
})

test("on main, an entry that names main's own run but is not what that run uploaded is not used: the model trains", async () => {
  const sha = await commitFiles(suite.workspace, { 'models/evicted/src/train.py': TRAIN_PY('evicted') })
  const first = await train('evicted', sha)
  const { manifest } = await downloadArtifact(suite, first.runId, Number(first.outputs['artifact-id']), first.outputs.digest)
  const key = `model-ci-run-v1-evicted-${first.outputs.fingerprint.slice('sha256:'.length)}`
  // GitHub evicts the entry (unused for 7 days, or the repository's cache is full) and another
  // workflow's job plants one under its key, naming main's run.
  suite.gh.state.caches.splice(suite.gh.state.caches.findIndex((entry) => entry.key === key), 1)
  const planter = suite.gh.addWorkflowRun({ head_sha: sha, head_branch: 'main', event: 'pull_request_target', path: '.github/workflows/other.yml' })
  await plantRunCacheEntry('evicted', first.outputs.fingerprint, manifest, planter.id)

  const again = await train('evicted', sha)
  expect(trainings('evicted')).toBe(2)
  expect(again.outputs['cache-hit']).toBe('false')
  expect(again.warnings[0]?.message).toBe(
    `run-cache entry ${key} was not used: it is not the training run ${first.runId} uploaded as model-ci-evicted (${first.outputs.digest}): their manifests differ; training anew`
  )
  expect(await uploadedWeights(again)).not.toBe(EVIL_WEIGHTS)
})
