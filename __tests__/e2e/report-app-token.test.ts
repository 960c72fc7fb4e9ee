// `report` with a GitHub App's installation token (`token: ${{ steps.app.outputs.token }}`), which
// writes as `<app>[bot]` and may not read `GET /user`: the next run finds the comment the App
// wrote and updates it instead of adding one per run, and comments that carry the marker but were
// written by a person or by another app are never taken for model-ci's.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { commentHeader } from '../../src/commands/report/sticky-comment.js'
import { git } from '../harness/git-repo.js'
import type { MainBranch, ReportSuite } from './report-helpers.js'
import { commitFiles, expectExit, mainWithLedger, manifestFor, metricsModel, pullRequestJobEvent, reportComments, runReport, seedManifests, startReportSuite } from './report-helpers.js'

const APP_TOKEN = 'ghs_installationTokenOfTheTeamsApp000000'
const APP_LOGIN = 'model-ci-app[bot]'
const PR = 4

let suite: ReportSuite
let main: MainBranch

beforeAll(async () => {
  suite = await startReportSuite('report-app-token')
  suite.gh.addToken(APP_TOKEN, { login: APP_LOGIN, type: 'Bot' })
  main = await mainWithLedger(suite, { alpha: { accuracy: 0.8 } })
  await git(suite.workspace, ['checkout', '--quiet', '-b', 'feature'])
  suite.gh.addPullRequest({ number: PR, head: { sha: main.sha, ref: 'feature' }, base: { sha: main.sha, ref: 'main' } })
}, 60_000)

afterAll(async () => {
  await suite?.close()
})

/** A new head of the pull request with alpha at `accuracy`, and its run's report job with the App's token. */
async function reportWithAppToken(accuracy: number): Promise<number> {
  const sha = await commitFiles(suite.workspace, metricsModel('alpha', { accuracy }))
  suite.gh.state.pull(PR)!.head.sha = sha
  const runId = suite.gh.addWorkflowRun({ head_sha: sha, head_branch: 'feature', event: 'pull_request', pull_requests: [PR] }).id
  await seedManifests(suite, runId, [manifestFor({ model: 'alpha', metrics: { accuracy }, sha, runId })])
  const job = await runReport(suite, { runId, event: pullRequestJobEvent(PR, main.sha, sha), sha, token: APP_TOKEN, inputs: { models: '["alpha"]' } })
  expectExit(job, 0)
  return runId
}

test("the App's comment is found and updated on the next run; a person's or another app's copy is left alone", async () => {
  // Both start the way model-ci's comment starts: a person who pasted a report, and another
  // app that mirrors comments.
  const copied = `${commentHeader(main.workflowId, 999_999_999_999)}\nA report someone pasted`
  const human = suite.gh.addComment({ issue_number: PR, body: copied, user: { login: 'octocat' } })
  const otherApp = suite.gh.addComment({ issue_number: PR, body: copied, user: { login: 'mirror-app[bot]', type: 'Bot' } })

  const firstRun = await reportWithAppToken(0.81)
  const ours = () => reportComments(suite.gh, PR, main.workflowId).filter((comment) => comment.user.login === APP_LOGIN)
  const [created] = ours()
  expect(ours()).toHaveLength(1)
  expect(created.body).toContain(`<!-- model-ci:run ${firstRun} -->`)

  const secondRun = await reportWithAppToken(0.83)
  expect(ours().map((comment) => comment.id)).toEqual([created.id])
  expect(ours()[0].body).toContain(`<!-- model-ci:run ${secondRun} -->`)
  expect(ours()[0].body).toContain('0.83')
  // The copies stay as they were: a newer run id in them did not stop the update either.
  for (const comment of [human, otherApp]) expect(suite.gh.state.comments.find((candidate) => candidate.id === comment.id)?.body).toBe(copied)
  expect(reportComments(suite.gh, PR, main.workflowId)).toHaveLength(3)
}, 90_000)
