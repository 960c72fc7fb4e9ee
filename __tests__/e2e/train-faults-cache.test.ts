// The caches of `train` when GitHub's cache service fails: a cache only saves time, so a failure
// the client cannot retry is the cache client's own warning and the model trains and uploads; 5xx
// from the service and its storage are retried, and the entry is saved and later restored; a key
// another job is saving at the same time is no warning at all.
import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals'
import { logOf } from './job-checks.js'
import type { TrainJob, TrainSuite } from './train-helpers.js'
import { artifactRecord, cleanCheckout, commitFiles, expectTrained, runTrain, startTrainSuite } from './train-helpers.js'

const CACHE_SERVICE = '/twirp/github.actions.results.api.v1.CacheService'
const CACHE_BLOBS = /^\/devstoreaccount1\/caches\//
const TRAIN_PY = `import json, os
json.dump({"accuracy": 0.8}, open(os.environ["MODEL_CI_METRICS_FILE"], "w"))
print("training ran")
`

let suite: TrainSuite
let sha: string

beforeAll(async () => {
  suite = await startTrainSuite('train-faults-cache')
  sha = await commitFiles(suite.workspace, {
    'models/unreachable/src/train.py': TRAIN_PY,
    'models/flaky/src/train.py': TRAIN_PY,
    'models/contended/src/train.py': TRAIN_PY
  })
})
afterEach(() => {
  suite.gh.clearFaults()
})
afterAll(async () => {
  await suite.close()
})

async function train(model: string): Promise<TrainJob> {
  await cleanCheckout(suite.workspace)
  return runTrain(suite, { model, sha })
}

test('a cache service that drops every connection: the cache client\'s one warning, and the model trains', async () => {
  suite.gh.inject({ method: 'POST', path: `${CACHE_SERVICE}/GetCacheEntryDownloadURL`, fault: { drop: true } })
  suite.gh.inject({ method: 'POST', path: `${CACHE_SERVICE}/CreateCacheEntry`, fault: { drop: true } })
  const job = await train('unreachable')
  if (job.exitCode !== 0 || job.errors.length > 0) throw new Error(`the job failed\n${logOf(job)}`)
  expect(job.stdout).toContain('training ran')
  expect(job.outputs['cache-hit']).toBe('false')
  // The client warns about the restore; a save it could not reserve is an info line in its words.
  expect(job.warnings.map((warning) => warning.message)).toEqual([expect.stringMatching(/^Failed to restore: .*ECONNRESET/)])
  expect(job.stdout).toMatch(/^Cache entry "model-ci-run-v1-unreachable-[0-9a-f]{64}" was not saved \(the cache client's lines above say why\)$/m)
  expect(suite.gh.state.caches).toEqual([])
  expect(artifactRecord(suite.gh, job.runId, 'model-ci-unreachable').digest).toBe(job.outputs.digest)
})

test('5xx from the cache service and its storage are retried: the entry is saved, then restored', async () => {
  const saveFaults = [
    suite.gh.inject({ method: 'POST', path: `${CACHE_SERVICE}/CreateCacheEntry`, times: 1, fault: { status: 500 } }),
    suite.gh.inject({ method: 'PUT', path: CACHE_BLOBS, times: 1, fault: { status: 503 } })
  ]
  const trained = await train('flaky')
  expectTrained(trained)
  expect(trained.warnings).toEqual([])
  expect(saveFaults.map((fault) => fault.hits)).toEqual([1, 1])

  const restoreFaults = [
    suite.gh.inject({ method: 'POST', path: `${CACHE_SERVICE}/GetCacheEntryDownloadURL`, times: 1, fault: { status: 502 } }),
    suite.gh.inject({ method: 'GET', path: CACHE_BLOBS, times: 1, fault: { status: 503 } })
  ]
  const reused = await train('flaky')
  expectTrained(reused)
  expect(restoreFaults.map((fault) => fault.hits)).toEqual([1, 1])
  expect(reused.warnings).toEqual([])
  expect(reused.outputs['cache-hit']).toBe('true')
  expect(reused.stdout).not.toContain('training ran')
})

test('a cache archive storage refuses to serve: a warning, and the model trains', async () => {
  // @actions/cache does not retry a 500 from storage (only 502, 503, 504): the restore fails.
  const flaky = suite.gh.state.caches.find((entry) => entry.key.startsWith('model-ci-run-v1-flaky-'))
  expect(flaky).toBeDefined()
  suite.gh.inject({ method: 'GET', path: CACHE_BLOBS, fault: { status: 500 } })
  const job = await train('flaky')
  expectTrained(job)
  expect(job.stdout).toContain('training ran')
  expect(job.outputs['cache-hit']).toBe('false')
  expect(job.warnings.map((warning) => warning.message)).toEqual([expect.stringMatching(/^Failed to restore: .*500/)])
})

test('a run-cache entry another job is saving at the same time: no warning, the model trains and uploads', async () => {
  expectTrained(await train('contended'))
  // The entry is back to where it is while another job uploads it: reserved, not yet finalized,
  // so a lookup does not find it and reserving the key again is refused.
  const entry = suite.gh.state.caches.find((candidate) => candidate.key.startsWith('model-ci-run-v1-contended-'))
  if (!entry) throw new Error('the first training saved no run-cache entry')
  entry.finalized = false
  const job = await train('contended')
  expectTrained(job)
  expect(job.stdout).toContain('training ran')
  expect(job.outputs['cache-hit']).toBe('false')
  expect(job.warnings).toEqual([])
  expect(job.stdout).toContain(`Failed to save: Unable to reserve cache with key ${entry.key}, another job may be creating this cache.`)
  expect(artifactRecord(suite.gh, job.runId, 'model-ci-contended').digest).toBe(job.outputs.digest)
})
