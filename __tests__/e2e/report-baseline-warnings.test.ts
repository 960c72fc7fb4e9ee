// `report` end to end when a model's baseline cannot be had: a baseline that is given up is told in
// one warning naming the file and why, never dropped in silence.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { ZERO_SHA } from '../../__fixtures__/events.js'
import type { Ledger } from '../../src/core/ledger.js'
import { LEDGER_ARTIFACT, LEDGER_FILE, nextLedger, serializeLedger } from '../../src/core/ledger.js'
import { git } from '../harness/git-repo.js'
import type { ReportSuite } from './report-helpers.js'
import {
  commitFiles,
  expectExit,
  mainWithLedger,
  manifestFor,
  metricsModel,
  pullRequestJobEvent,
  pushJobEvent,
  readArtifactFile,
  runReport,
  seedArtifacts,
  seedManifests,
  startReportSuite
} from './report-helpers.js'

let suite: ReportSuite

beforeAll(async () => {
  suite = await startReportSuite('report-baseline-warnings')
})
afterAll(async () => {
  await suite?.close()
})

test("a model.yml that does not parse at head: one warning on it saying the model has neither its rules nor its committed metrics file's baseline", async () => {
  // No push of main has run: the metrics files committed at the base are the baselines.
  const mainSha = await commitFiles(suite.workspace, {
    'model-ci.yml': 'models: models/*\n',
    ...metricsModel('steady', { accuracy: 0.9 }, 'metrics-file: metrics.json\n'),
    'models/steady/metrics.json': '{"accuracy": 0.88}\n',
    ...metricsModel('legacy', { accuracy: 0.8 }, 'metrics-file: metrics.json\n'),
    'models/legacy/metrics.json': '{"accuracy": 0.75}\n'
  })
  // The pull request breaks legacy's model.yml, so its training fails before it starts (no artifact).
  const prSha = await commitFiles(suite.workspace, { 'models/legacy/model.yml': 'venv: false\nmetrics-file: metrics.json\ncolour: blue\n' })
  suite.gh.addPullRequest({ number: 7, head: { sha: prSha, ref: 'feature-7' }, base: { sha: mainSha, ref: 'main' } })
  const runId = suite.gh.addWorkflowRun({ head_sha: prSha, head_branch: 'feature-7', event: 'pull_request', status: 'in_progress', pull_requests: [7] }).id
  await seedManifests(suite, runId, [manifestFor({ model: 'steady', metrics: { accuracy: 0.9 }, sha: prSha, runId })])

  const job = await runReport(suite, { runId, event: pullRequestJobEvent(7, mainSha, prSha), sha: prSha, inputs: { models: '["steady", "legacy"]' } })

  expectExit(job, 0)
  expect(job.warnings).toEqual([
    expect.objectContaining({
      file: 'models/legacy/model.yml',
      message: expect.stringMatching(
        /^models\/legacy\/model\.yml: .*"colour".*; legacy is compared under the rules of model-ci\.yml, and without a baseline from its committed metrics file$/
      )
    })
  ])
  // steady's committed file is its baseline, as before.
  expect(job.summary).toMatch(/`accuracy` \| 0\.88 \| 0\.9 /)
}, 60_000)

test("the ledger of a push named main whose commit is not in main's history (a tag named main) is skipped with a warning, never built on", async () => {
  const main = await mainWithLedger(suite, { alpha: { accuracy: 0.8 } })
  // A writer who cannot merge to main pushes an unreviewed commit as the tag refs/tags/main: GitHub
  // lists that run with head_branch "main", and the tag's workflow uploads a ledger of its choosing.
  await git(suite.workspace, ['checkout', '--quiet', '-b', 'unreviewed'])
  const tagged = await commitFiles(suite.workspace, metricsModel('alpha', { accuracy: 0.99 }))
  const tagRun = suite.gh.addWorkflowRun({ head_sha: tagged, head_branch: 'main', event: 'push' })
  const manifest = manifestFor({ model: 'alpha', metrics: { accuracy: 0.99 }, sha: tagged, runId: tagRun.id })
  const [artifactId] = await seedManifests(suite, tagRun.id, [manifest])
  const artifact = suite.gh.state.artifacts.find((record) => record.id === artifactId)
  const forged = nextLedger(undefined, { branch: 'main', sha: tagged, runId: tagRun.id }, [{ manifest, artifact: { id: artifactId, name: 'model-ci-alpha', digest: artifact?.digest ?? '' } }], new Set(['alpha']))
  await seedArtifacts(suite, tagRun.id, [{ name: LEDGER_ARTIFACT, files: { [LEDGER_FILE]: serializeLedger(forged) } }])
  await git(suite.workspace, ['checkout', '--quiet', 'main'])

  // The next push to main trains beta only; alpha is carried forward from the newest ledger of main.
  const next = await commitFiles(suite.workspace, metricsModel('beta', { 'val.loss': 0.3 }))
  const run = suite.gh.addWorkflowRun({ head_sha: next, head_branch: 'main', event: 'push', status: 'in_progress' })
  await seedManifests(suite, run.id, [manifestFor({ model: 'beta', metrics: { 'val.loss': 0.3 }, sha: next, runId: run.id })])
  const job = await runReport(suite, { runId: run.id, event: pushJobEvent(ZERO_SHA, next), sha: next, inputs: { models: '["beta"]' } })

  expectExit(job, 0)
  expect(job.warnings.map((warning) => warning.message)).toEqual([
    `The ledger of run ${tagRun.id} was skipped: artifact "model-ci-ledger" of run ${tagRun.id} is not a ledger of main: run ${tagRun.id} is a push named main, but its commit ${tagged} is not in the history of branch main (a tag named like the branch, or a commit since removed from it)`
  ])
  const written = suite.gh.state.artifacts.find((record) => record.workflow_run_id === run.id && record.name === LEDGER_ARTIFACT && record.finalized)
  if (!written?.digest) throw new Error(`run ${run.id} wrote no ledger\n${job.stdout}`)
  const ledger = JSON.parse(await readArtifactFile(suite, run.id, written.id, written.digest, LEDGER_FILE)) as Ledger
  // alpha comes from main's own push, not from the tag's ledger.
  expect(ledger.models.alpha).toMatchObject({ run_id: main.runId, metrics: { accuracy: 0.8 } })
  expect(ledger.models.beta).toMatchObject({ run_id: run.id })
}, 60_000)
