// `report` for pull requests from forks. The pull_request run gets a read-only token: its report
// says how to set up the fork-safe workflow, writes the job summary and passes. The workflow_run
// run then reports on it with `run-id`, treating every artifact as untrusted, finds the pull
// request by the run's head commit, head repository and head branch, and posts the comment.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { serializeManifest } from '../../src/core/manifest.js'
import { git } from '../harness/git-repo.js'
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
  seedArtifacts,
  seedManifests,
  startReportSuite,
  workflowRunJobEvent
} from './report-helpers.js'

const READ_ONLY_TOKEN = 'ghs_forkPullRequestReadOnly000000000000'
const PR = 9

let suite: ReportSuite
let main: MainBranch
let forkSha: string
let forkRunId: number

beforeAll(async () => {
  suite = await startReportSuite('report-forks')
  suite.gh.addToken(READ_ONLY_TOKEN, { permissions: 'read' })
  main = await mainWithLedger(suite, { alpha: { accuracy: 0.8 }, beta: { 'val.loss': 0.4 } }, { 'model-ci.yml': 'metrics:\n  accuracy: { gate: true }\n' })
  await git(suite.workspace, ['checkout', '--quiet', '-b', 'fork-feature'])
  forkSha = await commitFiles(suite.workspace, { ...metricsModel('alpha', { accuracy: 0.9 }), ...metricsModel('beta', { 'val.loss': 0.3 }) })
  suite.gh.addPullRequest({ number: PR, head: { sha: forkSha, ref: 'fork-feature', owner: 'forker' }, base: { sha: main.sha, ref: 'main' } })
  // GitHub lists no pull request on a fork's run; its head repository is the fork.
  forkRunId = suite.gh.addWorkflowRun({ head_sha: forkSha, head_branch: 'fork-feature', head_owner: 'forker', event: 'pull_request' }).id
  await seedManifests(suite, forkRunId, [
    manifestFor({ model: 'alpha', metrics: { accuracy: 0.9 }, sha: forkSha, runId: forkRunId }),
    manifestFor({ model: 'beta', metrics: { 'val.loss': 0.3 }, sha: forkSha, runId: forkRunId })
  ])
  // What a hostile fork's jobs can upload: a manifest under another model's name, and junk.
  await seedArtifacts(suite, forkRunId, [
    { name: 'model-ci-sneaky', files: { 'manifest.json': serializeManifest(manifestFor({ model: 'alpha', metrics: { accuracy: 1 }, sha: forkSha, runId: forkRunId })) } },
    { name: 'model-ci-junk', files: { 'manifest.json': '{"schema": 1, "model": "junk", "metrics": {"accuracy": "1; DROP TABLE"}}' } },
    { name: 'model-ci-empty', files: { 'notes.txt': 'no manifest here' } }
  ])
}, 60_000)

afterAll(async () => {
  await suite?.close()
})

test('with a read-only token and no run-id, report explains the fork-safe setup, writes the summary and passes', async () => {
  const job = await runReport(suite, {
    runId: forkRunId,
    event: pullRequestJobEvent(PR, main.sha, forkSha),
    sha: forkSha,
    token: READ_ONLY_TOKEN,
    inputs: { models: 'alpha beta' }
  })
  expectExit(job, 0)
  expect(job.errors).toEqual([])
  expect(job.warnings).toHaveLength(1)
  expect(job.warnings[0].message).toContain('pull-requests: write')
  expect(job.warnings[0].message).toContain('run-id: ${{ github.event.workflow_run.id }}')
  expect(job.warnings[0].message).toContain('"Fork pull requests"')
  expect(job.outputs['comment-url']).toBe('')
  // Failed: the junk artifacts are models that failed; no gate regressed, so the step passes.
  expect(job.outputs.status).toBe('fail')
  expect(job.summary).toMatch(/🟢 `accuracy` 🔒 \| 0\.8 \| 0\.9 /)
  expect(job.summary).toMatch(/### 💥 `empty` — training failed\n\nIts artifact could not be read: artifact model\\-ci\\-empty [^\n]*holds no manifest\\.json · \[Job log\]/)
  expect(suite.gh.state.comments).toEqual([])
}, 60_000)

/** The fork-safe workflow's report job on the default branch, with a token that may write, reporting on run `sourceRunId`. */
async function reportForkRun(sourceRunId: number) {
  await git(suite.workspace, ['checkout', '--quiet', 'main'])
  const reportRun = suite.gh.addWorkflowRun({ head_sha: main.sha, head_branch: 'main', event: 'workflow_run', path: '.github/workflows/report.yml', name: 'Report' })
  return runReport(suite, {
    runId: reportRun.id,
    event: workflowRunJobEvent({ id: sourceRunId, head_sha: forkSha }),
    sha: main.sha,
    inputs: { 'run-id': String(sourceRunId) }
  })
}

test('the workflow_run report reads the fork run as untrusted and comments on the pull request of its head commit, fork and branch', async () => {
  const job = await reportForkRun(forkRunId)
  expectExit(job, 0)
  expect(job.warnings).toEqual([])
  // The comment belongs to the pull request's workflow, whose ledgers were the baseline.
  const comments = reportComments(suite.gh, PR, main.workflowId)
  expect(comments).toHaveLength(1)
  const body = comments[0].body
  expect(job.outputs['comment-url']).toContain(`#issuecomment-${comments[0].id}`)
  expect(body).toContain(`<!-- model-ci:run ${forkRunId} -->`)
  expect(body).toMatch(/🟢 `accuracy` 🔒 \| 0\.8 \| 0\.9 /)
  expect(body).toMatch(/🟢 `val\.loss` \| 0\.4 \| 0\.3 /)
  expect(body).toContain('the ledger of the merge-base')
  // Each untrusted artifact is one failed model with its reason, escaped as Markdown, in its own
  // section (not in a note at the top); none hides the others.
  const reason = (model: string) => new RegExp(`### 💥 \`${model}\` — training failed\\n\\nIts artifact could not be read: artifact model\\\\-ci\\\\-${model} of run ${forkRunId}([^\\n]*)`).exec(body)?.[1]
  expect(reason('sneaky')).toMatch(/^&#58; the manifest is of model &quot;alpha&quot;, not sneaky, so it was not used · \[Job log\]/)
  expect(reason('junk')).toMatch(/&quot;status&quot; is missing.* · \[Job log\]/)
  expect(reason('empty')).toMatch(/^ holds no manifest\\.json · \[Job log\]/)
  expect(body).not.toMatch(/^> .*model\\-ci\\-/m)
  expect(job.outputs.status).toBe('fail')
}, 60_000)

test('a run-id that is not a number is refused with one line naming the input', async () => {
  const job = await runReport(suite, {
    runId: forkRunId,
    event: workflowRunJobEvent({ id: forkRunId, head_sha: forkSha }),
    sha: main.sha,
    inputs: { 'run-id': '12; rm -rf /' }
  })
  expectExit(job, 1)
  expect(job.errors).toHaveLength(1)
  expect(job.errors[0].message).toMatch(/^input "run-id" is "12; rm -rf \/", not a workflow run id/)
}, 30_000)

test('a report job whose own run the API does not show is refused with one line asking for actions: read', async () => {
  // What a token without `actions: read` sees: the run is not there.
  const unseenRunId = forkRunId + 1000
  const comments = [...suite.gh.state.comments]
  const job = await runReport(suite, {
    runId: forkRunId,
    env: { GITHUB_RUN_ID: String(unseenRunId) },
    event: pullRequestJobEvent(PR, main.sha, forkSha),
    sha: forkSha,
    inputs: { models: 'alpha beta' }
  })
  expectExit(job, 1)
  expect(job.errors).toHaveLength(1)
  expect(job.errors[0].message).toBe(`run ${unseenRunId} (GITHUB_RUN_ID) was not found in ${suite.gh.state.repository.owner.login}/${suite.gh.state.repository.name}; the token needs \`actions: read\``)
  expect(job.outputs.status).toBeUndefined()
  expect(suite.gh.state.comments).toEqual(comments)
}, 30_000)

test("a pull request from another fork with the same commit gets its own report, never the other's comment", async () => {
  // Anyone can open a pull request with a commit another one has: same sha, their fork, their branch.
  const COPY = 11
  suite.gh.addPullRequest({ number: COPY, head: { sha: forkSha, ref: 'copy', owner: 'copycat' }, base: { sha: main.sha, ref: 'main' } })
  const copyRunId = suite.gh.addWorkflowRun({ head_sha: forkSha, head_branch: 'copy', head_owner: 'copycat', event: 'pull_request' }).id
  await seedManifests(suite, copyRunId, [
    manifestFor({ model: 'alpha', metrics: { accuracy: 0.1 }, sha: forkSha, runId: copyRunId }),
    manifestFor({ model: 'beta', metrics: { 'val.loss': 0.9 }, sha: forkSha, runId: copyRunId })
  ])
  const before = reportComments(suite.gh, PR, main.workflowId).map((comment) => comment.body)

  const job = await reportForkRun(copyRunId)
  expectExit(job, 1)
  expect(job.warnings).toEqual([])
  const comments = reportComments(suite.gh, COPY, main.workflowId)
  expect(comments).toHaveLength(1)
  expect(comments[0].body).toContain(`<!-- model-ci:run ${copyRunId} -->`)
  expect(comments[0].body).toMatch(/❌ `accuracy` 🔒 \| 0\.8 \| 0\.1 /)
  // The first fork's pull request keeps its own report.
  expect(reportComments(suite.gh, PR, main.workflowId).map((comment) => comment.body)).toEqual(before)
}, 60_000)

test('a fork branch proposed to two base branches: which pull request is meant cannot be told, so a warning and no comment', async () => {
  const TWIN = 12
  suite.gh.addPullRequest({ number: TWIN, head: { sha: forkSha, ref: 'fork-feature', owner: 'forker' }, base: { sha: main.sha, ref: 'release' } })
  const comments = [...suite.gh.state.comments]

  const job = await reportForkRun(forkRunId)
  expectExit(job, 0)
  expect(job.warnings.map((warning) => warning.message)).toEqual([
    `Pull requests #${PR}, #${TWIN} all come from "forker/Hello-World:fork-feature" at ${forkSha}, so which one run ${forkRunId} reports on cannot be told; no comment was posted, the report is in the job summary`
  ])
  expect(job.outputs['comment-url']).toBe('')
  expect(job.summary).toMatch(/🟢 `accuracy` 🔒 \| 0\.8 \| 0\.9 /)
  expect(suite.gh.state.comments).toEqual(comments)
}, 60_000)
