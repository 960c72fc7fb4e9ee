// `report`'s "Job log" links: a failed or missing model links to its own train job, found among the
// run's jobs by the name GitHub gives a matrix job (`train (<model>, ...)`), and to the run page
// only when no job is the model's. The jobs are listed once per report, and not at all when
// every model trained.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { git } from '../harness/git-repo.js'
import type { MainBranch, ReportSuite } from './report-helpers.js'
import { commitFiles, expectExit, mainWithLedger, manifestFor, metricsModel, pullRequestJobEvent, reportComments, runReport, seedManifests, startReportSuite } from './report-helpers.js'

const FAILURE = { phase: 'train' as const, exit_code: 3, signal: null, message: 'the data is gone', log_tail: 'Traceback ...' }

let suite: ReportSuite
let main: MainBranch

beforeAll(async () => {
  suite = await startReportSuite('report-job-links')
  main = await mainWithLedger(suite, { alpha: { accuracy: 0.8 }, beta: { accuracy: 0.7 }, gamma: { accuracy: 0.6 }, delta: { accuracy: 0.5 } })
  await git(suite.workspace, ['checkout', '--quiet', '-b', 'feature'])
}, 60_000)

afterAll(async () => {
  await suite?.close()
})

/** A pull request's run of `sha` (a new pull request `number`). */
function pullRequestRun(number: number, sha: string): number {
  suite.gh.addPullRequest({ number, head: { sha, ref: 'feature' }, base: { sha: main.sha, ref: 'main' } })
  return suite.gh.addWorkflowRun({ head_sha: sha, head_branch: 'feature', event: 'pull_request', status: 'in_progress', pull_requests: [number] }).id
}

/** The name GitHub gives the shipped workflow's train job for `model`: the job, then every matrix value. */
const trainJobName = (model: string) => `train (${model}, models/${model}, ubuntu-latest, 3.11, 60, sha256:${'ab'.repeat(32)})`

/** The comment's section of `model`: from its heading to the next one. */
function sectionOf(body: string, model: string): string {
  const section = body.split(/^### /m).find((part) => part.includes(`\`${model}\` —`))
  if (section === undefined) throw new Error(`the comment has no section for ${model}:\n${body}`)
  return section
}

test('a failed or missing model links to its own train job; one without a job links to the run', async () => {
  const sha = await commitFiles(suite.workspace, {
    ...metricsModel('alpha', { accuracy: 0.81 }),
    ...metricsModel('beta', { accuracy: 0.71 }),
    ...metricsModel('gamma', { accuracy: 0.61 }),
    ...metricsModel('delta', { accuracy: 0.51 })
  })
  const runId = pullRequestRun(1, sha)
  await seedManifests(suite, runId, [
    manifestFor({ model: 'alpha', sha, runId, failure: FAILURE }),
    manifestFor({ model: 'gamma', metrics: { accuracy: 0.61 }, sha, runId }),
    manifestFor({ model: 'delta', sha, runId, failure: FAILURE })
  ])
  // The run's jobs as GitHub lists them: more than a page, beta's cancelled before it uploaded,
  // delta's under a name of the user's own that says nothing about the matrix.
  suite.gh.addWorkflowJob({ run_id: runId, name: 'detect' })
  const alphaJob = suite.gh.addWorkflowJob({ run_id: runId, name: trainJobName('alpha'), conclusion: 'failure' })
  const betaJob = suite.gh.addWorkflowJob({ run_id: runId, name: trainJobName('beta'), conclusion: 'cancelled' })
  suite.gh.addWorkflowJob({ run_id: runId, name: trainJobName('gamma') })
  suite.gh.addWorkflowJob({ run_id: runId, name: 'Train delta', conclusion: 'failure' })
  for (let n = 0; n < 110; n += 1) suite.gh.addWorkflowJob({ run_id: runId, name: trainJobName(`other-${n}`) })
  suite.gh.addWorkflowJob({ run_id: runId, name: 'report', status: 'in_progress' })

  const job = await runReport(suite, {
    runId,
    event: pullRequestJobEvent(1, main.sha, sha),
    sha,
    inputs: { models: JSON.stringify(['alpha', 'beta', 'gamma', 'delta']), 'fail-on-regression': 'false' }
  })
  expectExit(job, 0)
  const [comment] = reportComments(suite.gh, 1, main.workflowId)
  const { owner, name } = suite.gh.state.repository
  const runPage = `${suite.gh.serverUrl}/${owner.login}/${name}/actions/runs/${runId}`
  const jobPage = (id: number) => `${runPage}/job/${id}`
  expect(sectionOf(comment.body, 'alpha')).toContain(`[Job log](${jobPage(alphaJob.id)})`)
  expect(sectionOf(comment.body, 'beta')).toContain('no result')
  expect(sectionOf(comment.body, 'beta')).toContain(`[Job log](${jobPage(betaJob.id)})`)
  expect(sectionOf(comment.body, 'delta')).toContain(`[Job log](${runPage})`)
  expect(sectionOf(comment.body, 'gamma')).not.toContain('Job log')
  // The job summary links the same way.
  expect(job.summary).toContain(`[Job log](${jobPage(alphaJob.id)})`)

  // One listing of the run's jobs, read page by page.
  const listings = suite.gh.requests.filter((request) => request.path.endsWith(`/actions/runs/${runId}/jobs`))
  expect(listings.map((request) => [request.query.filter, request.query.page ?? '1'])).toEqual([
    ['latest', '1'],
    ['latest', '2']
  ])
}, 60_000)

test('a report where every model trained does not list the jobs', async () => {
  const sha = await commitFiles(suite.workspace, metricsModel('alpha', { accuracy: 0.82 }))
  const runId = pullRequestRun(2, sha)
  await seedManifests(suite, runId, [manifestFor({ model: 'alpha', metrics: { accuracy: 0.82 }, sha, runId })])
  suite.gh.addWorkflowJob({ run_id: runId, name: trainJobName('alpha') })
  const job = await runReport(suite, { runId, event: pullRequestJobEvent(2, main.sha, sha), sha, inputs: { models: '["alpha"]' } })
  expectExit(job, 0)
  expect(reportComments(suite.gh, 2, main.workflowId)).toHaveLength(1)
  expect(suite.gh.requests.filter((request) => request.path.endsWith(`/actions/runs/${runId}/jobs`))).toEqual([])
}, 60_000)
