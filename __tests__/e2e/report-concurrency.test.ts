// `report` end to end under pressure: two report jobs of one pull request at once leave exactly
// one comment, the newer run's; with 30% of GitHub's API calls failing (server errors and rate
// limits) the report still comes out right, with one comment; a bare 429 from a proxy or GitHub
// Enterprise Server is waited out as its retry-after asks, and one that asks for hours fails the
// job at once with one line.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { exampleRepository } from '../../__fixtures__/events.js'
import { MAX_RATE_LIMIT_WAIT_S } from '../../src/adapters/github/octokit.js'
import { git } from '../harness/git-repo.js'
import { expectOneLineError } from './job-checks.js'
import type { MainBranch, ReportSuite } from './report-helpers.js'
import {
  commitFiles,
  expectExit,
  mainWithLedger,
  manifestFor,
  metricsModel,
  pullRequestJobEvent,
  reportComments,
  runReport,
  seedManifests,
  startReportSuite
} from './report-helpers.js'

let suite: ReportSuite
let main: MainBranch

beforeAll(async () => {
  suite = await startReportSuite('report-concurrency')
  main = await mainWithLedger(suite, { alpha: { accuracy: 0.8 }, beta: { 'val.loss': 0.4 } }, { 'model-ci.yml': 'metrics:\n  accuracy: { gate: true }\n' })
  await git(suite.workspace, ['checkout', '--quiet', '-b', 'feature'])
}, 60_000)

afterAll(async () => {
  await suite?.close()
})

/** A commit of the pull request and a run of it with alpha's manifest seeded (accuracy as given). */
async function pullRequestRun(number: number, accuracy: number): Promise<{ sha: string; runId: number }> {
  const sha = await commitFiles(suite.workspace, metricsModel('alpha', { accuracy }))
  if (!suite.gh.state.pull(number)) suite.gh.addPullRequest({ number, head: { sha, ref: 'feature' }, base: { sha: main.sha, ref: 'main' } })
  const runId = suite.gh.addWorkflowRun({ head_sha: sha, head_branch: 'feature', event: 'pull_request', pull_requests: [number] }).id
  await seedManifests(suite, runId, [manifestFor({ model: 'alpha', metrics: { accuracy }, sha, runId })])
  return { sha, runId }
}

test('two reports of one pull request at once leave exactly one comment, with the newer run', async () => {
  const older = await pullRequestRun(2, 0.81)
  const newer = await pullRequestRun(2, 0.82)
  // Creating a comment is slow enough that both runs find none and both create one: the race.
  const { owner, repo } = exampleRepository()
  const slowCreate = suite.gh.inject({ method: 'POST', path: `/repos/${owner}/${repo}/issues/2/comments`, fault: { delayMs: 1500 } })
  const [first, second] = await Promise.all(
    [older, newer].map((run) =>
      runReport(suite, { runId: run.runId, event: pullRequestJobEvent(2, main.sha, run.sha), sha: run.sha, inputs: { models: '["alpha"]' } })
    )
  )
  slowCreate.remove()
  expectExit(first, 0)
  expectExit(second, 0)
  expect(slowCreate.hits).toBe(2)
  const deletes = suite.gh.requests.filter((request) => request.method === 'DELETE' && request.path.includes('/issues/comments/'))
  expect(deletes.length).toBeGreaterThanOrEqual(1)
  const comments = reportComments(suite.gh, 2, main.workflowId)
  expect(comments).toHaveLength(1)
  expect(comments[0].body).toContain(`<!-- model-ci:run ${newer.runId} -->`)
  expect(comments[0].body).toContain('0.82')
  expect(first.outputs['comment-url']).toBe(second.outputs['comment-url'])
  expect(second.outputs['comment-url']).toContain(`#issuecomment-${comments[0].id}`)
}, 60_000)

test('with 30% of API calls failing (502s and rate limits) the report still comes out, with one comment', async () => {
  const run = await pullRequestRun(3, 0.7)
  const { owner, repo } = exampleRepository()
  const comments = `/repos/${owner}/${repo}/issues/3/comments`
  // The first matching live rule decides: the sure faults first, then 30% of every call.
  const secondaryLimit = suite.gh.inject({ method: 'POST', path: comments, times: 1, fault: { status: 429, retryAfter: 1 } })
  const primaryLimit = suite.gh.inject({ method: 'GET', path: comments, times: 1, fault: { status: 403, rateLimit: true, resetAfter: 1 } })
  const serverErrors = suite.gh.inject({ path: /^\/(graphql$|repos\/)/, ratio: 0.3, fault: { status: 502 } })
  try {
    const job = await runReport(suite, { runId: run.runId, event: pullRequestJobEvent(3, main.sha, run.sha), sha: run.sha, inputs: { models: '["alpha"]' } })
    expectExit(job, 1)
    expect(job.errors).toHaveLength(1)
    expect(job.errors[0].message).toContain('alpha ("accuracy")')
    expect(job.outputs.status).toBe('fail')
    expect(serverErrors.hits).toBeGreaterThan(0)
    expect([secondaryLimit.hits, primaryLimit.hits]).toEqual([1, 1])
    const posted = reportComments(suite.gh, 3, main.workflowId)
    expect(posted).toHaveLength(1)
    // The baseline was still found: the ledger of main, through the faulted API.
    expect(posted[0].body).toContain(`the ledger of the merge-base [\`${main.sha.slice(0, 7)}\``)
    expect(posted[0].body).toMatch(/❌ `accuracy` 🔒 \| 0\.8 \| 0\.7 /)
  } finally {
    suite.gh.clearFaults()
  }
}, 90_000)

test('a bare 429, without GitHub\'s rate-limit words or headers, is waited out as its retry-after asks', async () => {
  const run = await pullRequestRun(4, 0.85)
  const { owner, repo } = exampleRepository()
  const comments = `/repos/${owner}/${repo}/issues/4/comments`
  const proxyLimits = [
    suite.gh.inject({ method: 'GET', path: comments, times: 1, fault: { status: 429, tooManyRequests: true, retryAfter: 1 } }),
    suite.gh.inject({ method: 'POST', path: comments, times: 1, fault: { status: 429, tooManyRequests: true, retryAfter: 2 } })
  ]
  try {
    const job = await runReport(suite, { runId: run.runId, event: pullRequestJobEvent(4, main.sha, run.sha), sha: run.sha, inputs: { models: '["alpha"]' } })
    expectExit(job, 0)
    expect(proxyLimits.map((limit) => limit.hits)).toEqual([1, 1])
    expect(job.warnings.map((warning) => warning.message)).toEqual([
      `A limit on requests (429 Too Many Requests) was hit by GET ${comments}; retrying after 1 s`,
      `A limit on requests (429 Too Many Requests) was hit by POST ${comments}; retrying after 2 s`
    ])
    const posted = reportComments(suite.gh, 4, main.workflowId)
    expect(posted).toHaveLength(1)
    expect(posted[0].body).toContain(`<!-- model-ci:run ${run.runId} -->`)
  } finally {
    suite.gh.clearFaults()
  }
}, 60_000)

test('a 429 that asks to wait for hours fails the report at once with one line, not a sleep', async () => {
  const run = await pullRequestRun(5, 0.86)
  const { owner, repo } = exampleRepository()
  suite.gh.inject({ method: 'GET', path: `/repos/${owner}/${repo}/issues/5/comments`, fault: { status: 429, tooManyRequests: true, retryAfter: 7200 } })
  try {
    const started = Date.now()
    const job = await runReport(suite, { runId: run.runId, event: pullRequestJobEvent(5, main.sha, run.sha), sha: run.sha, inputs: { models: '["alpha"]' } })
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(expectOneLineError(job)).toBe(
      `GitHub answered GET /repos/${owner}/${repo}/issues/5/comments with 429 (Too Many Requests) and asked to wait 7200 s, longer than model-ci waits (${MAX_RATE_LIMIT_WAIT_S} s); re-run the job once the limit has lifted`
    )
    expect(reportComments(suite.gh, 5, main.workflowId)).toEqual([])
  } finally {
    suite.gh.clearFaults()
  }
}, 60_000)
