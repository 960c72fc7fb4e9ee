// `train` on the quick-start example: one matrix job trains one model with the real Python of the
// machine, uploads its artifact to the emulator, and a second job with the same fingerprint is a
// run-cache hit that trains nothing.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TrainSuite } from './train-helpers.js'
import { cleanCheckout, commitExample, expectTrained, runTrain, startTrainSuite } from './train-helpers.js'

let suite: TrainSuite
let sha: string

beforeAll(async () => {
  suite = await startTrainSuite('train-quickstart')
  sha = await commitExample(suite, 'quickstart')
})
afterAll(async () => {
  await suite.close()
})

/** The example's models need nothing beyond the standard library: the `python3` on PATH trains them. */
function trainFraud() {
  return runTrain(suite, { model: 'fraud', sha, inputs: { python: 'python3' } })
}

test('trains the model, uploads its artifact with the manifest, then reuses it on a run-cache hit', async () => {
  const trained = await trainFraud()
  expectTrained(trained)
  expect(trained.outputs['artifact-name']).toBe('model-ci-fraud')
  expect(trained.outputs['cache-hit']).toBe('false')
  expect(JSON.parse(trained.outputs.metrics)).toEqual({ accuracy: expect.any(Number), 'test.log_loss': expect.any(Number) })
  expect(trained.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
  expect(trained.stdout).toContain('trained 3 centroids on 300 rows')

  // A new job starts from a fresh checkout: the model file below can only come from the cache.
  await cleanCheckout(suite.workspace)
  const reused = await trainFraud()
  expectTrained(reused)
  expect(reused.outputs['cache-hit']).toBe('true')
  expect(reused.stdout).not.toContain('trained 3 centroids')
  expect(reused.outputs.metrics).toBe(trained.outputs.metrics)
  expect(readFileSync(join(suite.workspace, 'models', 'fraud', 'outputs', 'model.json'), 'utf8')).toContain('centroids')
})
