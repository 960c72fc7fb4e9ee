// `report` for pull requests from forks. The pull_request run gets a read-only token: its report
// says how to set up the fork-safe workflow, writes the job summary and passes. The workflow_run
// run then reports on it with `run-id`, treating every artifact as untrusted, finds the pull
// request by head sha and posts the comment.
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
  forkRunId = suite.gh.addWorkflowRun({ head_sha: forkSha, head_branch: 'fork-feature', event: 'pull_request', pull_requests: [PR] }).id
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

test('the workflow_run report reads the fork run as untrusted and comments on the pull request it finds by head sha', async () => {
  // The fork-safe workflow runs on the default branch, with a token that may write.
  await git(suite.workspace, ['checkout', '--quiet', 'main'])
  const reportRun = suite.gh.addWorkflowRun({ head_sha: main.sha, head_branch: 'main', event: 'workflow_run', path: '.github/workflows/report.yml', name: 'Report' })
  const job = await runReport(suite, {
    runId: reportRun.id,
    event: workflowRunJobEvent({ id: forkRunId, head_sha: forkSha }),
    sha: main.sha,
    inputs: { 'run-id': String(forkRunId) }
  })
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
