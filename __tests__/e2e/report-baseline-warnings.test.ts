// `report` end to end when a model's baseline cannot be had: a baseline that is given up is told in
// one warning naming the file and why, never dropped in silence.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import type { ReportSuite } from './report-helpers.js'
import { commitFiles, expectExit, manifestFor, metricsModel, pullRequestJobEvent, runReport, seedManifests, startReportSuite } from './report-helpers.js'

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
