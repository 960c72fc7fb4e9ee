// `report` end to end, chaining whole workflows through the bundle: a push to main trains every
// model and writes the ledger; a pull request's run compares against it (improved, regressed
// within and beyond tolerance, new, removed, failed and missing models) and posts the comment; a
// second push to the pull request updates that same comment; and a late re-run of the older
// commit's report leaves the newer report in place.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { ZERO_SHA } from '../../__fixtures__/events.js'
import { LEDGER_ARTIFACT, parseLedger } from '../../src/core/ledger.js'
import { git } from '../harness/git-repo.js'
import { mermaidBlocks, parseMermaid } from '../harness/mermaid.js'
import type { ReportSuite } from './report-helpers.js'
import {
  commitFiles,
  expectExit,
  manifestFor,
  metricsModel,
  pullRequestJobEvent,
  pushJobEvent,
  readArtifactFile,
  reportComments,
  runReport,
  runTrain,
  seedManifests,
  startReportSuite
} from './report-helpers.js'
import { artifactRecord, cleanCheckout, expectTrained } from './train-helpers.js'

const CONFIG = `models: models/*
metrics:
  accuracy: { goal: maximize, tolerance: 0.01, gate: true }
  "*loss*": { goal: minimize, tolerance: 5% }
`

/** model.yml's own, looser tolerance comes before model-ci.yml's rule. */
const LEGACY_YML = 'metrics-file: metrics.json\n'
const WITHIN_RULE = 'metrics:\n  accuracy: { goal: maximize, tolerance: 0.05, gate: true }\n'

let suite: ReportSuite
let mainSha: string
let mainRunId: number
let workflowId: number

beforeAll(async () => {
  suite = await startReportSuite('report-pr')
  mainSha = await commitFiles(suite.workspace, {
    'model-ci.yml': CONFIG,
    ...metricsModel('steady', { accuracy: 0.9, 'val.loss': 0.3 }),
    ...metricsModel('better', { accuracy: 0.8 }),
    ...metricsModel('within', { accuracy: 0.9 }, WITHIN_RULE),
    ...metricsModel('worse', { accuracy: 0.9, 'val.loss': 0.2 }),
    ...metricsModel('doomed', { accuracy: 0.7 }),
    ...metricsModel('flaky', { accuracy: 0.6 }),
    // Never trained on main, so not in the ledger: its committed metrics file is the baseline.
    ...metricsModel('legacy', { accuracy: 0.76 }, LEGACY_YML),
    'models/legacy/metrics.json': '{"accuracy": 0.75}\n'
  })
  const run = suite.gh.addWorkflowRun({ head_sha: mainSha, head_branch: 'main', event: 'push', status: 'in_progress' })
  mainRunId = run.id
  workflowId = run.workflow_id
}, 60_000)

afterAll(async () => {
  await suite?.close()
})

const ALL = ['steady', 'better', 'within', 'worse', 'doomed', 'flaky']

test('a push to main trains every model and writes the ledger, without a comment', async () => {
  for (const model of ALL) expectTrained(await runTrain(suite, { model, sha: mainSha, runId: mainRunId }))
  const job = await runReport(suite, {
    runId: mainRunId,
    event: pushJobEvent(ZERO_SHA, mainSha),
    sha: mainSha,
    inputs: { models: JSON.stringify(ALL) }
  })
  expectExit(job, 0)
  expect(job.outputs.status).toBe('pass')
  expect(job.outputs.regressions).toBe('0')
  expect(job.outputs['comment-url']).toBe('')
  expect(readFileSync(job.outputs.report, 'utf8')).toBe(job.summary)
  for (const model of ALL) expect(job.summary).toContain(model)
  expect(suite.gh.state.comments).toEqual([])

  const record = artifactRecord(suite.gh, mainRunId, LEDGER_ARTIFACT)
  const downloaded = parseLedger(await readArtifactFile(suite, mainRunId, record.id, record.digest as string, 'ledger.json'), 'the test')
  expect(downloaded.run_id).toBe(mainRunId)
  expect(downloaded.sha).toBe(mainSha)
  expect(Object.keys(downloaded.models).sort()).toEqual([...ALL].sort())
  expect(downloaded.models.worse.metrics).toEqual({ accuracy: 0.9, 'val.loss': 0.2 })
  suite.gh.updateWorkflowRun(mainRunId, { status: 'completed', conclusion: 'success' })
}, 90_000)

let prRunId: number
let prSha: string
let commentId: number

test('a pull request compares with the ledger at its merge-base and posts one comment', async () => {
  await freshCheckout()
  await git(suite.workspace, ['checkout', '--quiet', '-b', 'feature-1'])
  prSha = await commitFiles(suite.workspace, {
    ...metricsModel('better', { accuracy: 0.85 }),
    ...metricsModel('within', { accuracy: 0.87 }, WITHIN_RULE),
    ...metricsModel('worse', { accuracy: 0.8, 'val.loss': 0.25 }),
    ...metricsModel('fresh', { accuracy: 0.5 }),
    ...metricsModel('flaky', 'fail'),
    'models/doomed': null
  })
  suite.gh.addPullRequest({ number: 1, head: { sha: prSha, ref: 'feature-1' }, base: { sha: mainSha, ref: 'main' } })
  prRunId = suite.gh.addWorkflowRun({ head_sha: prSha, head_branch: 'feature-1', event: 'pull_request', status: 'in_progress', pull_requests: [1] }).id
  for (const model of ['better', 'within', 'worse', 'fresh', 'legacy']) expectTrained(await runTrain(suite, { model, sha: prSha, runId: prRunId }))
  expect((await runTrain(suite, { model: 'flaky', sha: prSha, runId: prRunId })).exitCode).toBe(1)

  // `steady` is expected but reported nothing: its job was cancelled.
  const job = await runReport(suite, {
    runId: prRunId,
    event: pullRequestJobEvent(1, mainSha, prSha),
    sha: prSha,
    inputs: { models: JSON.stringify(['better', 'within', 'worse', 'fresh', 'flaky', 'steady', 'legacy']) }
  })
  expectExit(job, 1)
  expect(job.errors).toHaveLength(1)
  expect(job.errors[0].message).toMatch(/worse \("accuracy"\)/)
  expect(job.errors[0].message).not.toContain('within')
  expect(job.outputs.status).toBe('fail')
  // worse: accuracy (gated) and val.loss (beyond 5%) regressed.
  expect(job.outputs.regressions).toBe('2')

  const comments = reportComments(suite.gh, 1, workflowId)
  expect(comments).toHaveLength(1)
  commentId = comments[0].id
  expect(job.outputs['comment-url']).toContain(`#issuecomment-${commentId}`)
  const body = comments[0].body
  expect(body).toContain(`<!-- model-ci:run ${prRunId} -->`)
  for (const model of ['better', 'within', 'worse', 'fresh', 'flaky', 'steady', 'doomed']) expect(body).toContain(model)
  expect(body).toContain(`the ledger of the merge-base [\`${mainSha.slice(0, 7)}\``)
  expect(body).toMatch(/🟡 `accuracy` 🔒 \| 0\.9 \| 0\.87 /)
  expect(body).toMatch(/❌ `accuracy` 🔒 \| 0\.9 \| 0\.8 /)
  expect(body).toMatch(/🟢 `accuracy` 🔒 \| 0\.8 \| 0\.85 /)
  expect(body).toContain('`fresh` — new model')
  expect(body).toContain('`doomed` — removed')
  expect(body).toContain('`flaky` — training failed')
  expect(body).toContain('`steady` — no result')
  expect(body).toMatch(/🟢 `accuracy` 🔒 \| 0\.75 \| 0\.76 /)
  expect(body).toContain('models/legacy/metrics.json')
  expect(body).toContain('the data is gone')
  expect(job.summary).toContain('worse')

  // Each trained model's gated metric over main's trainings (one ledger so far), this pull request last, folded.
  expect(body).toContain('<details><summary>Trend of 1 headline metric</summary>')
  const charts = mermaidBlocks(body)
  expect(charts).toEqual(
    expect.arrayContaining([
      expect.stringMatching(new RegExp(`title "accuracy"\nx-axis \\["${mainSha.slice(0, 7)}", "PR"\\]\ny-axis [\\d.]+ --> [\\d.]+\nline \\[0\\.9, 0\\.8\\]`)),
      expect.stringMatching(/line \[0\.8, 0\.85\]/)
    ])
  )
  expect(body).not.toContain('Change in percent')
  expect(parseMermaid(charts)).toEqual(charts.map(() => ({ type: 'xychart' })))
}, 90_000)

test('a second push to the pull request updates the same comment', async () => {
  await freshCheckout()
  const secondSha = await commitFiles(suite.workspace, metricsModel('worse', { accuracy: 0.95, 'val.loss': 0.1 }))
  suite.gh.state.pull(1)!.head.sha = secondSha
  const runId = suite.gh.addWorkflowRun({ head_sha: secondSha, head_branch: 'feature-1', event: 'pull_request', pull_requests: [1] }).id
  expectTrained(await runTrain(suite, { model: 'worse', sha: secondSha, runId }))
  const job = await runReport(suite, {
    runId,
    event: pullRequestJobEvent(1, mainSha, secondSha),
    sha: secondSha,
    inputs: { models: JSON.stringify(['worse']) }
  })
  expectExit(job, 0)
  expect(job.outputs.status).toBe('pass')
  const comments = reportComments(suite.gh, 1, workflowId)
  expect(comments.map((comment) => comment.id)).toEqual([commentId])
  expect(comments[0].body).toContain(`<!-- model-ci:run ${runId} -->`)
  expect(job.outputs['comment-url']).toContain(`#issuecomment-${commentId}`)

  // The first commit's report runs again late (a re-run): the newer report stays.
  const late = await runReport(suite, {
    runId: prRunId,
    event: pullRequestJobEvent(1, mainSha, prSha),
    sha: prSha,
    inputs: { models: JSON.stringify(['worse']), 'fail-on-regression': 'false' }
  })
  expectExit(late, 0)
  expect(late.outputs.status).toBe('fail')
  const after = reportComments(suite.gh, 1, workflowId)
  expect(after).toHaveLength(1)
  expect(after[0].body).toBe(comments[0].body)
  expect(late.outputs['comment-url']).toContain(`#issuecomment-${commentId}`)
}, 90_000)

test('merging to main writes the next ledger: retrained models updated, the rest carried forward, deleted ones dropped', async () => {
  await freshCheckout()
  await git(suite.workspace, ['checkout', '--quiet', 'main'])
  await git(suite.workspace, ['merge', '--quiet', '--ff-only', 'feature-1'])
  const mergedSha = (await git(suite.workspace, ['rev-parse', 'HEAD'])).trim()
  const runId = suite.gh.addWorkflowRun({ head_sha: mergedSha, head_branch: 'main', event: 'push', status: 'in_progress' }).id
  expectTrained(await runTrain(suite, { model: 'worse', sha: mergedSha, runId }))
  const job = await runReport(suite, { runId, event: pushJobEvent(mainSha, mergedSha), sha: mergedSha, inputs: { models: '["worse"]' } })
  expectExit(job, 0)
  // The push's `before` is the first main run's commit: its ledger is the baseline.
  expect(job.summary).toMatch(/🟢 `accuracy` 🔒 \| 0\.9 \| 0\.95 /)

  const record = artifactRecord(suite.gh, runId, LEDGER_ARTIFACT)
  const ledger = parseLedger(await readArtifactFile(suite, runId, record.id, record.digest as string, 'ledger.json'), 'the test')
  expect(ledger).toMatchObject({ run_id: runId, sha: mergedSha, branch: 'main' })
  expect(Object.keys(ledger.models).sort()).toEqual(['better', 'flaky', 'steady', 'within', 'worse'])
  expect(ledger.models.worse).toMatchObject({ run_id: runId, metrics: { accuracy: 0.95, 'val.loss': 0.1 } })
  for (const carried of ['better', 'flaky', 'steady', 'within']) expect(ledger.models[carried].run_id).toBe(mainRunId)
}, 60_000)

test('a metric name with zero-width or bidirectional characters shows them escaped, so it cannot pass for another', async () => {
  const base = (await git(suite.workspace, ['rev-parse', 'HEAD'])).trim()
  await git(suite.workspace, ['checkout', '--quiet', '-b', 'spoof'])
  const sha = await commitFiles(suite.workspace, { 'models/steady/notes.txt': 'spoof\n' })
  suite.gh.addPullRequest({ number: 2, head: { sha, ref: 'spoof' }, base: { sha: base, ref: 'main' } })
  const runId = suite.gh.addWorkflowRun({ head_sha: sha, head_branch: 'spoof', event: 'pull_request', pull_requests: [2] }).id
  // "accuracy" beside a look-alike with a zero-width space, and a name the right-to-left override reverses.
  const metrics = { accuracy: 0.9, 'accuracy\u200b': 0.99, 'val.\u202eloss': 0.3, '\u2066@octocat\u2069': 1 }
  await seedManifests(suite, runId, [manifestFor({ model: 'steady', metrics, sha, runId })])
  const job = await runReport(suite, { runId, event: pullRequestJobEvent(2, base, sha), sha, inputs: { models: '["steady"]' } })
  expectExit(job, 0)
  const [comment] = reportComments(suite.gh, 2, workflowId)
  for (const markdown of [comment.body, job.summary]) {
    expect(markdown).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/)
    expect(markdown).toContain('`accuracy\\u200b`')
    expect(markdown).toContain('`val.\\u202eloss`')
    expect(markdown).toContain('`\\u2066@octocat\\u2069`')
  }
  await git(suite.workspace, ['checkout', '--quiet', 'main'])
}, 60_000)

/** The checkout as a new job gets it: what the trainings wrote (outputs, metrics files) is gone. */
async function freshCheckout(): Promise<void> {
  await git(suite.workspace, ['reset', '--hard', '--quiet'])
  await cleanCheckout(suite.workspace)
}
