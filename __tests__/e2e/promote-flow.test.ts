// `promote` end to end: the quick-start models trained by push runs on main, then promoted by
// workflow_dispatch runs through the bundled action: staging, then production, the order rule,
// two models live in one environment, and a rollback with `previous`.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { exampleRepository } from '../../__fixtures__/events.js'
import type { PromoteSuite, TrainedRun } from './promote-helpers.js'
import { expectPromoted, expectRefused, promotionRecords, pushAndTrain, runPromote, startPromoteSuite } from './promote-helpers.js'

let suite: PromoteSuite
let first: TrainedRun

beforeAll(async () => {
  suite = await startPromoteSuite('promote-flow')
  first = await pushAndTrain(suite)
}, 120_000)
afterAll(async () => {
  await suite.close()
})

test('promotes latest to staging: verified files in model-dir, outputs, one successful deployment, a summary', async () => {
  const job = await runPromote(suite, { model: 'fraud', environment: 'staging' })
  expectPromoted(job)
  expect(job.outputs).toMatchObject({ version: first.versions.fraud, digest: first.digests.fraud, 'previous-version': '' })
  expect(readFileSync(join(job.outputs['model-dir'], 'model.json'), 'utf8')).toContain('centroids')

  const [record] = promotionRecords(suite.gh, 'staging')
  expect(String(record.record.id)).toBe(job.outputs['deployment-id'])
  expect(record.record.sha).toBe(first.sha)
  expect(record.record.payload).toEqual({
    model: 'fraud',
    version: first.versions.fraud,
    digest: first.digests.fraud,
    run_id: first.runId,
    sha: first.sha,
    metrics: { accuracy: expect.any(Number), 'test.log_loss': expect.any(Number) },
    // The job runner's GITHUB_TRIGGERING_ACTOR: the person, not the token's bot.
    promoted_by: 'octocat'
  })
  expect(record.states).toEqual(['success'])
  const { owner, repo } = exampleRepository()
  expect(record.record.statuses[0].log_url).toBe(`${suite.gh.serverUrl}/${owner}/${repo}/actions/runs/${job.runId}`)

  expect(job.summary).toContain('## model-ci: `fraud` promoted to staging')
  expect(job.summary).toContain(`latest on main \\(the ledger of run ${first.runId}\\)`)
  expect(job.summary).toContain(`[run ${first.runId}](`)
  expect(job.summary).toContain('### History of `fraud` in staging')
  expect(job.summary).toMatch(new RegExp(`\\| staging \\| \`${first.versions.fraud}\` \\|.*\\| octocat \\|.*\\| \\*\\*live\\*\\* \\|`))
})

test('promotes the version live in staging to production, and refuses one never in staging, naming the rule', async () => {
  const promoted = await runPromote(suite, { model: 'fraud', environment: 'production' })
  expectPromoted(promoted)
  expect(promoted.outputs.version).toBe(first.versions.fraud)

  const second = await pushAndTrain(suite)
  const refused = await runPromote(suite, { model: 'fraud', environment: 'production' })
  expect(expectRefused(refused)).toBe(
    `model-ci promote: fraud ${second.versions.fraud} was not promoted to production: rule "environment order": fraud ${second.digests.fraud} must be live in staging before it is promoted to production, and staging has ${first.digests.fraud} live; promote it to staging first`
  )
  expect(promotionRecords(suite.gh, 'production').map((record) => record.version)).toEqual([first.versions.fraud])

  const staged = await runPromote(suite, { model: 'fraud', environment: 'staging', version: second.versions.fraud })
  expectPromoted(staged)
  expect(staged.outputs['previous-version']).toBe(first.versions.fraud)
  const produced = await runPromote(suite, { model: 'fraud', environment: 'production', version: String(second.runId) })
  expectPromoted(produced)
  expect(produced.outputs).toMatchObject({ version: second.versions.fraud, 'previous-version': first.versions.fraud })
}, 120_000)

test('keeps two models live in one environment: promoting churn leaves fraud success', async () => {
  const job = await runPromote(suite, { model: 'churn', environment: 'production', version: 'latest' })
  // churn was never in staging: the order rule holds for every model.
  expect(expectRefused(job)).toContain('rule "environment order"')
  expectPromoted(await runPromote(suite, { model: 'churn', environment: 'staging' }))
  expectPromoted(await runPromote(suite, { model: 'churn', environment: 'production' }))
  const production = promotionRecords(suite.gh, 'production')
  expect(production.map((record) => [record.model, record.states])).toEqual([
    ['fraud', ['success']],
    ['fraud', ['success']],
    ['churn', ['success']]
  ])
  // Staging is not a production environment, where GitHub's auto_inactive would reach.
  expect(promotionRecords(suite.gh, 'staging').every((record) => record.states.join() === 'success')).toBe(true)
}, 60_000)

test('rolls production back with previous, which skips the order rule and says so', async () => {
  const job = await runPromote(suite, { model: 'fraud', environment: 'production', version: 'previous' })
  expectPromoted(job)
  expect(job.outputs.version).toBe(first.versions.fraud)
  expect(job.outputs['previous-version']).not.toBe(first.versions.fraud)
  expect(job.summary).toContain('This is a rollback')
  expect(job.summary).toMatch(new RegExp(`\\| production \\| \`${first.versions.fraud}\` \\|.*\\| \\*\\*live\\*\\* \\|`))

  // Rolled back once, previous goes forward again: it is the version live before the current one.
  const again = await runPromote(suite, { model: 'fraud', environment: 'production', version: 'previous' })
  expectPromoted(again)
  expect(again.outputs.version).toBe(job.outputs['previous-version'])
}, 60_000)

test('names the versions that exist when the version does not resolve', async () => {
  const job = await runPromote(suite, { model: 'fraud', environment: 'staging', version: '2026.01.01-000000-0000000-r1' })
  const message = expectRefused(job)
  expect(message).toMatch(/^version "2026\.01\.01-000000-0000000-r1" does not resolve to a training of fraud: there is no workflow run 1 in this repository; the newest versions of fraud: /)
  expect(message).toContain(`${first.versions.fraud} (`)
})
