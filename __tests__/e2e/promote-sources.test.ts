// What `promote` takes as the default branch's own, end to end: a push named like the default
// branch (a tag `main`) is not it unless its commit is in main's history; a workflow dispatched on
// another branch cannot bring its own model-ci.yml; a promotion record someone else created
// proves nothing.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { PROMOTION_TASK } from '../../src/core/promotion-record.js'
import { git } from '../harness/git-repo.js'
import type { PromoteSuite, TrainedRun } from './promote-helpers.js'
import { expectPromoted, expectRefused, promotionRecords, pushAndTrain, runPromote, startPromoteSuite } from './promote-helpers.js'
import { commitFiles } from './train-helpers.js'

const MALLORY_TOKEN = 'ghp_malloryHasDeploymentsWrite0000000000'

let suite: PromoteSuite
let trained: TrainedRun
let tagged: TrainedRun

beforeAll(async () => {
  suite = await startPromoteSuite('promote-sources')
  trained = await pushAndTrain(suite)
  const mainLedger = suite.ledger
  // A writer who cannot merge to the protected main pushes an unreviewed commit as the tag
  // refs/tags/main: GitHub lists that push run with head_branch "main", like a push of the branch,
  // and the tag's workflow trains and uploads a ledger as main's would.
  await git(suite.workspace, ['checkout', '--quiet', '-b', 'unreviewed'])
  tagged = await pushAndTrain(suite, { branch: 'main' })
  await git(suite.workspace, ['checkout', '--quiet', 'main'])
  suite.ledger = mainLedger
}, 180_000)
afterAll(async () => {
  await suite.close()
})

test("latest is the newest ledger of main's own history: a tag named main is skipped, with a warning naming its run", async () => {
  const job = await runPromote(suite, { model: 'fraud', environment: 'staging' })
  expectPromoted(job)
  expect(job.outputs.version).toBe(trained.versions.fraud)
  expect(job.outputs.digest).toBe(trained.digests.fraud)
  expect(job.annotations.filter((annotation) => annotation.level === 'warning').map((annotation) => annotation.message)).toEqual([
    `The ledger of run ${tagged.runId} was skipped: artifact "model-ci-ledger" of run ${tagged.runId} is not a ledger of main: run ${tagged.runId} is a push named main, but its commit ${tagged.sha} is not in the history of branch main (a tag named like the branch, or a commit since removed from it)`
  ])
}, 60_000)

test.each([
  ['its run id', () => String(tagged.runId)],
  ['its commit', () => tagged.sha]
])("a model of the tag's run, asked for by %s, is refused by the default-branch source rule", async (_how, version) => {
  const job = await runPromote(suite, { model: 'churn', environment: 'staging', version: version() })
  expect(expectRefused(job)).toBe(
    `model-ci promote: churn of run ${tagged.runId} was not promoted to staging: rule "default-branch source": run ${tagged.runId} is a push named main, but its commit ${tagged.sha} is not in the history of branch main (a tag named like the branch, or a commit since removed from it); only models trained by a push to main are promoted`
  )
  expect(promotionRecords(suite.gh, 'staging').filter((record) => record.model === 'churn')).toEqual([])
}, 60_000)

test("a promote job dispatched on another branch is refused before it reads that branch's model-ci.yml", async () => {
  // The branch's model-ci.yml would let a pull request's model go straight to production.
  await git(suite.workspace, ['checkout', '--quiet', '-b', 'lenient'])
  await commitFiles(suite.workspace, { 'model-ci.yml': 'environments: [production]\npromotion: { allow-pull-request-sources: true }\n' })
  const pullRequest = await pushAndTrain(suite, { event: 'pull_request', branch: 'lenient', models: ['fraud'] })
  try {
    const job = await runPromote(suite, { model: 'fraud', environment: 'production', version: String(pullRequest.runId) }, { branch: 'lenient' })
    expect(expectRefused(job)).toBe(
      'model-ci promote runs only on the default branch, and GITHUB_REF is "refs/heads/lenient": the promotion policy in model-ci.yml is the default branch\'s to set; run the workflow from main ("Use workflow from: main" when you dispatch it)'
    )
    expect(promotionRecords(suite.gh, 'production')).toEqual([])
  } finally {
    await git(suite.workspace, ['checkout', '--quiet', 'main'])
  }
}, 120_000)

test('a promotion record someone else created does not make a version live', async () => {
  // Anyone with deployments: write can create a deployment with model-ci's task and payload.
  suite.gh.addToken(MALLORY_TOKEN, { login: 'mallory', type: 'User' })
  const mallory = getOctokit(MALLORY_TOKEN, { baseUrl: suite.gh.apiUrl })
  const repository = { owner: suite.gh.state.repository.owner.login, repo: suite.gh.state.repository.name }
  const payload = { model: 'churn', version: trained.versions.churn, digest: trained.digests.churn, run_id: trained.runId, sha: trained.sha, metrics: {} }
  const { data } = await mallory.rest.repos.createDeployment({ ...repository, ref: trained.sha, task: PROMOTION_TASK, environment: 'staging', payload, required_contexts: [] })
  if (!('id' in data)) throw new Error('the forged deployment was not created')
  await mallory.rest.repos.createDeploymentStatus({ ...repository, deployment_id: data.id, state: 'success', auto_inactive: false })

  // Production wants churn's digest live in staging first, and only the forged record says it is.
  const job = await runPromote(suite, { model: 'churn', environment: 'production', version: String(trained.runId) })
  expect(expectRefused(job)).toBe(
    `model-ci promote: churn of run ${trained.runId} was not promoted to production: rule "environment order": churn ${trained.digests.churn} must be live in staging before it is promoted to production, and nothing of churn is live there; promote it to staging first`
  )
  expect(promotionRecords(suite.gh, 'production')).toEqual([])
}, 60_000)
