// `promote` end to end, what it refuses and how it fails: a pull request's model, a tampered
// artifact, and faults in the deployments API (retried ones succeed; a hard failure leaves no
// live record).
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import type { PromoteSuite, TrainedRun } from './promote-helpers.js'
import { expectPromoted, expectRefused, promotionRecords, pushAndTrain, runPromote, startPromoteSuite } from './promote-helpers.js'

let suite: PromoteSuite
let trained: TrainedRun

beforeAll(async () => {
  suite = await startPromoteSuite('promote-refusals')
  trained = await pushAndTrain(suite)
}, 120_000)
afterAll(async () => {
  await suite.close()
})

test("refuses a pull request run's model, whatever its manifest claims", async () => {
  const pullRequest = await pushAndTrain(suite, { event: 'pull_request', branch: 'feature', models: ['fraud'] })
  const job = await runPromote(suite, { model: 'fraud', environment: 'staging', version: String(pullRequest.runId) })
  expect(expectRefused(job)).toBe(
    `model-ci promote: fraud of run ${pullRequest.runId} was not promoted to staging: rule "default-branch source": run ${pullRequest.runId} is a pull_request run (branch "feature"); only models trained by a push to main are promoted, unless model-ci.yml sets promotion: { allow-pull-request-sources: true }`
  )
  expect(promotionRecords(suite.gh, 'staging')).toEqual([])
}, 60_000)

test('retries server errors of the deployments API and records the promotion once', async () => {
  suite.gh.inject({ method: 'GET', path: /\/deployments$/, times: 1, fault: { status: 502 } })
  suite.gh.inject({ method: 'POST', path: /\/deployments$/, times: 1, fault: { status: 500 } })
  suite.gh.inject({ method: 'POST', path: /\/deployments\/\d+\/statuses$/, times: 1, fault: { drop: true } })
  const job = await runPromote(suite, { model: 'churn', environment: 'staging' })
  expectPromoted(job)
  expect(promotionRecords(suite.gh, 'staging').map((record) => [record.model, record.version, record.states])).toEqual([['churn', trained.versions.churn, ['success']]])
}, 60_000)

test('a status that cannot be set leaves the deployment marked error, never live', async () => {
  // Every try of the success status fails (the first and the client's three retries); the error status then goes through.
  suite.gh.inject({ method: 'POST', path: /\/deployments\/\d+\/statuses$/, times: 4, fault: { status: 500 } })
  const job = await runPromote(suite, { model: 'fraud', environment: 'staging' })
  expect(expectRefused(job)).toMatch(
    new RegExp(
      `^the promotion of fraud ${trained.versions.fraud} to staging was not recorded: deployment \\d+ was created, but its success status could not be set \\(.+\\); it is marked as an error and is not live, so run the promotion again$`
    )
  )
  expect(promotionRecords(suite.gh, 'staging').map((record) => [record.model, record.states])).toEqual([
    ['churn', ['success']],
    ['fraud', ['error']]
  ])
  // Not live in staging, so production refuses it.
  const production = await runPromote(suite, { model: 'fraud', environment: 'production' })
  expect(expectRefused(production)).toContain('and nothing of fraud is live there; promote it to staging first')
}, 90_000)

test('refuses an artifact whose bytes changed after upload, naming the artifact and the digest', async () => {
  const artifact = suite.gh.state.artifacts.find((record) => record.workflow_run_id === trained.runId && record.name === 'model-ci-fraud' && record.finalized)
  const blob = artifact && suite.gh.blob(artifact.blob)
  if (!blob) throw new Error('the artifact of fraud is not in the emulator')
  // The zip names the file in its headers: a changed name changes the bytes, not the size.
  const at = blob.indexOf('model.json')
  expect(at).toBeGreaterThan(0)
  blob[at] = 'M'.charCodeAt(0)

  const job = await runPromote(suite, { model: 'fraud', environment: 'staging' })
  expect(expectRefused(job)).toBe(
    `Artifact "model-ci-fraud" (id ${artifact.id}) of run ${trained.runId} does not match its digest ${trained.digests.fraud}: its content changed after it was uploaded, so it was not used. Run the training that produced it again.`
  )
  expect(promotionRecords(suite.gh, 'staging').filter((record) => record.model === 'fraud').map((record) => record.states)).toEqual([['error']])
}, 60_000)

test('version auto is refused in one line anywhere but a push to the default branch, and with a model named', async () => {
  const before = promotionRecords(suite.gh, 'staging').length
  const dispatched = await runPromote(suite, { model: '', environment: 'staging', version: 'auto' })
  expect(expectRefused(dispatched)).toBe(
    'model-ci promote: version "auto" promotes what a push to main trained, and this is a workflow_dispatch run; run it in the push workflow\'s job after report, or give a run id, commit, version label, latest or previous'
  )
  const named = await runPromote(suite, { model: 'fraud', environment: 'staging', version: 'auto' })
  expect(expectRefused(named)).toBe(
    'input "model" is set, but version "auto" promotes every model the push trained that passed its gates; leave "model" empty, or give a version to promote "fraud" by hand'
  )
  expect(promotionRecords(suite.gh, 'staging')).toHaveLength(before)
}, 60_000)
