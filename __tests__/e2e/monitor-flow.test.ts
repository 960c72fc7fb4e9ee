// `monitor` end to end through dist/ and the GitHub emulator: the quick-start models trained on
// main and live in production, measured by scheduled runs on their monitoring data. Healthy data
// opens no issue; the example's drifted data set opens exactly one issue, for churn only, and
// fails the job on churn's gated accuracy; a second drifted run updates that issue; a healthy run
// closes it; two runs at once leave one open issue; a monitor command that fails for one model
// leaves the other's result and issue as they are; the issues API's faults are retried.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { exampleRepository } from '../../__fixtures__/events.js'
import type { PromoteSuite, TrainedRun } from './promote-helpers.js'
import { expectOneLineError } from './job-checks.js'
import type { MonitorJob } from './monitor-helpers.js'
import { DRIFTED_CHURN, HEALTHY_CHURN, commentsOf, monitorIssues, monitorRecord, runMonitor, setChurnData, startMonitorSuite } from './monitor-helpers.js'
import { commitFiles, cleanCheckout } from './train-helpers.js'

let suite: PromoteSuite
let trained: TrainedRun

beforeAll(async () => {
  ;({ suite, trained } = await startMonitorSuite('monitor-flow'))
}, 180_000)
afterAll(async () => {
  await suite.close()
})

function expectPassed(job: MonitorJob): void {
  const errors = job.annotations.filter((annotation) => annotation.level === 'error')
  if (job.exitCode !== 0 || errors.length > 0) throw new Error(`the monitor job failed\n${job.stdout}\n${job.stderr}`)
}

test('a healthy run measures both live models in production (the last environment), keeps monitor.json and opens no issue', async () => {
  const job = await runMonitor(suite)
  expectPassed(job)
  expect(job.outputs).toMatchObject({ status: 'pass', degraded: '[]' })
  expect(suite.gh.state.issues).toEqual([])

  const record = await monitorRecord(suite, job.runId)
  expect(record).toMatchObject({ schema: 1, environment: 'production', run_id: job.runId, sha: expect.stringMatching(/^[0-9a-f]{40}$/) })
  expect(Object.keys(record.models)).toEqual(['churn', 'fraud'])
  expect(record.models.churn).toEqual({
    version: trained.versions.churn,
    digest: trained.digests.churn,
    verdict: 'healthy',
    metrics: { accuracy: 0.975 },
    promoted_metrics: { accuracy: expect.any(Number), 'test.log_loss': expect.any(Number) },
    regressed: [],
    gate_failed: false,
    failure: null
  })
  expect(record.models.fraud.verdict).toBe('healthy')
  expect(job.summary).toContain('## model-ci monitor: production')
  expect(job.summary).toContain('2 live models monitored')
  expect(job.summary).toContain('2 healthy, 0 degraded, 0 failed')
  expect(job.summary).toMatch(/\| .* `accuracy` 🔒 \| 0\.9625 \| 0\.975 \|/)
})

test('a run on drifted data opens exactly one issue, for churn only, and fails the job on its gated accuracy', async () => {
  await setChurnData(suite, DRIFTED_CHURN)
  const job = await runMonitor(suite)
  expect(job.exitCode).toBe(1)
  expect(job.outputs).toMatchObject({ status: 'fail', degraded: '["churn"]' })
  expect(expectOneLineError(job)).toBe(
    `model-ci monitor: churn ${trained.versions.churn} is degraded in production: gated metric(s) worse than at promotion beyond tolerance (accuracy)`
  )
  expect(suite.gh.state.issues).toHaveLength(1)
  expect(monitorIssues(suite, 'fraud')).toEqual([])
  const [issue] = monitorIssues(suite, 'churn')
  expect(issue).toMatchObject({ state: 'open', title: 'model-ci: churn is degraded in production', user: { login: 'github-actions[bot]' } })
  const { owner, repo } = exampleRepository()
  expect(issue.body).toContain(`[run ${job.runId}](${suite.gh.serverUrl}/${owner}/${repo}/actions/runs/${job.runId})`)
  expect(issue.body).toMatch(/\| ❌ `accuracy` 🔒 \| 0\.9625 \| 0\.7125 \| -0\.25 \| -26% \| worse, gate failed \|/)
  expect(job.summary).toContain(`Monitoring issue [#${issue.number}](${suite.gh.serverUrl}/${owner}/${repo}/issues/${issue.number}): opened.`)
  const record = await monitorRecord(suite, job.runId)
  expect(record.models.churn).toMatchObject({ verdict: 'degraded', regressed: ['accuracy'], gate_failed: true, metrics: { accuracy: 0.7125 } })
  expect(record.models.fraud.verdict).toBe('healthy')
})

test('a second drifted run updates the same issue and comments on it', async () => {
  const job = await runMonitor(suite)
  expect(job.exitCode).toBe(1)
  const issues = monitorIssues(suite, 'churn')
  expect(issues).toHaveLength(1)
  expect(issues[0].state).toBe('open')
  expect(issues[0].body).toContain(`[run ${job.runId}](`)
  const comments = commentsOf(suite, issues[0])
  expect(comments).toHaveLength(1)
  expect(comments[0].body).toContain(`Still degraded: [run ${job.runId}](`)
  expect(comments[0].body).toContain('`accuracy` 0.9625 → 0.7125')
})

test('a healthy run comments that churn recovered and closes its issue', async () => {
  await setChurnData(suite, HEALTHY_CHURN)
  const job = await runMonitor(suite)
  expectPassed(job)
  const [issue] = monitorIssues(suite, 'churn')
  expect(issue).toMatchObject({ state: 'closed', state_reason: 'completed' })
  expect(commentsOf(suite, issue).at(-1)?.body).toContain(`Recovered: [run ${job.runId}](`)
  expect(suite.gh.state.issues).toHaveLength(1)
  expect(job.summary).toContain(`Monitoring issue [#${issue.number}]`)
})

test('two drifted runs at once leave one open issue, the other closed as its duplicate', async () => {
  await setChurnData(suite, DRIFTED_CHURN)
  const { owner, repo } = exampleRepository()
  // Both runs list before either has opened one, so both open one.
  const slowCreate = suite.gh.inject({ method: 'POST', path: `/repos/${owner}/${repo}/issues`, fault: { delayMs: 1500 } })
  const jobs = await Promise.all([runMonitor(suite), runMonitor(suite)])
  slowCreate.remove()
  expect(slowCreate.hits).toBe(2)
  for (const job of jobs) expect(job.outputs.degraded).toBe('["churn"]')
  const issues = monitorIssues(suite, 'churn').filter((issue) => issue.state === 'open')
  expect(issues).toHaveLength(1)
  const duplicates = monitorIssues(suite, 'churn').filter((issue) => issue.state_reason === 'not_planned')
  expect(duplicates).toHaveLength(1)
  expect(duplicates[0].number).toBeGreaterThan(issues[0].number)
  expect(commentsOf(suite, duplicates[0]).map((comment) => comment.body)).toEqual([`Duplicate of #${issues[0].number}: two monitoring runs opened an issue at once; #${issues[0].number} is kept.\n`])
})

test("a monitor command that fails for fraud does not hide churn's result, and the issues API's faults are retried", async () => {
  await cleanCheckout(suite.workspace)
  await commitFiles(suite.workspace, { 'models/fraud/model.yml': 'monitor: ["python", "-c", "raise SystemExit(\'no monitoring data today\')"]\n' })
  const { owner, repo } = exampleRepository()
  const faults = [
    suite.gh.inject({ method: 'GET', path: `/repos/${owner}/${repo}/issues`, times: 1, fault: { status: 502 } }),
    suite.gh.inject({ method: 'PATCH', path: /\/issues\/\d+$/, times: 1, fault: { status: 429, retryAfter: 1 } }),
    suite.gh.inject({ method: 'POST', path: /\/issues\/\d+\/comments$/, times: 1, fault: { status: 503 } })
  ]
  const before = monitorIssues(suite, 'churn').filter((issue) => issue.state === 'open')
  const job = await runMonitor(suite)
  expect(faults.map((fault) => fault.hits)).toEqual([1, 1, 1])
  expect(job.exitCode).toBe(1)
  expect(job.outputs).toMatchObject({ status: 'fail', degraded: '["churn"]' })
  const message = expectOneLineError(job)
  expect(message).toContain(`churn ${trained.versions.churn} is degraded in production`)
  expect(message).toContain(`fraud ${trained.versions.fraud} could not be monitored in production: the monitor phase failed: python -c raise SystemExit('no monitoring data today') exited with code 1; the output ended with: no monitoring data today`)
  const record = await monitorRecord(suite, job.runId)
  expect(record.models.churn.verdict).toBe('degraded')
  expect(record.models.fraud).toMatchObject({ verdict: 'failed', metrics: {}, failure: { phase: 'monitor' } })
  // The faults cost retries, not results: the same issue, updated and commented on.
  const after = monitorIssues(suite, 'churn').filter((issue) => issue.state === 'open')
  expect(after.map((issue) => issue.number)).toEqual(before.map((issue) => issue.number))
  expect(after[0].body).toContain(`[run ${job.runId}](`)
  expect(commentsOf(suite, after[0]).at(-1)?.body).toContain(`Still degraded: [run ${job.runId}](`)
  expect(monitorIssues(suite, 'fraud')).toEqual([])
  expect(job.summary).toContain('💥 `fraud`')
})
