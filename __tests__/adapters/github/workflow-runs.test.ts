/**
 * GitHubWorkflowRuns against the emulator, through the real octokit client with its retry and
 * throttling plugins (createGitHubClient reads GITHUB_API_URL when it builds the client).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createGitHubClient } from '../../../src/adapters/github/octokit.js'
import { GitHubWorkflowRuns } from '../../../src/adapters/github/workflow-runs.js'
import { startEmulator, type Emulator, type WorkflowRunRecord } from '../../emulator/index.js'
import { applyEnv, sha } from '../../emulator/test-support.js'

const repository = { owner: 'acme', repo: 'models' }
const RUNS = '/repos/acme/models/actions/runs'

let gh: Emulator
let restoreEnv: () => void
let runs: GitHubWorkflowRuns
/** Completed push runs of ci.yml on main, oldest first. */
let mainRuns: WorkflowRunRecord[]
let ciWorkflowId: number

beforeAll(async () => {
  gh = await startEmulator({ owner: 'acme', repo: 'models' })
  restoreEnv = applyEnv({ GITHUB_API_URL: gh.apiUrl })
  runs = new GitHubWorkflowRuns(createGitHubClient(gh.defaultToken), repository)
  // Interleaved so that every filter has something to leave out on every page.
  mainRuns = []
  for (let n = 0; n < 230; n += 1) {
    mainRuns.push(gh.addWorkflowRun({ head_sha: sha(n), conclusion: n % 10 === 0 ? 'failure' : 'success' }))
    if (n % 20 === 0) {
      gh.addWorkflowRun({ head_sha: sha(n), status: 'in_progress' })
      gh.addWorkflowRun({ head_sha: sha(1000 + n), head_branch: 'feature', event: 'pull_request' })
      gh.addWorkflowRun({ head_sha: sha(n), path: '.github/workflows/nightly.yml', name: 'Nightly', event: 'schedule' })
    }
  }
  ciWorkflowId = mainRuns[0]!.workflow_id
})

afterAll(async () => {
  restoreEnv()
  await gh.close()
})

const newestFirst = (records: WorkflowRunRecord[]) => [...records].reverse().map((run) => run.id)
const listRequests = () => gh.requests.filter((request) => request.path.startsWith('/repos/acme/models/actions/'))

describe('GitHubWorkflowRuns.get', () => {
  it('maps a run: its page, workflow, head and conclusion', async () => {
    const run = mainRuns[10]!
    expect(await runs.get(run.id)).toEqual({
      id: run.id,
      workflowId: ciWorkflowId,
      headSha: sha(10),
      headBranch: 'main',
      headRepository: 'acme/models',
      event: 'push',
      status: 'completed',
      conclusion: 'failure',
      createdAt: run.created_at,
      url: `${gh.serverUrl}/acme/models/actions/runs/${run.id}`
    })
  })

  it("gives a fork's run the fork as its head repository", async () => {
    const fork = gh.addWorkflowRun({ head_sha: sha(60), head_branch: 'main', head_owner: 'forker', event: 'pull_request' })
    expect(await runs.get(fork.id)).toMatchObject({ headBranch: 'main', headRepository: 'forker/models' })
  })

  it('answers undefined for a run that does not exist', async () => {
    expect(await runs.get(12345)).toBeUndefined()
  })
})

describe('GitHubWorkflowRuns.listCompleted', () => {
  it('reads pages of 100 until the limit, newest first, and stops there', async () => {
    gh.requests.length = 0
    const listed = await runs.listCompleted({ workflowId: ciWorkflowId, branch: 'main', event: 'push', limit: 150 })
    expect(listed.map((run) => run.id)).toEqual(newestFirst(mainRuns).slice(0, 150))
    expect(listed.every((run) => run.status === 'completed' && run.workflowId === ciWorkflowId)).toBe(true)
    const pages = listRequests().map((request) => request.query)
    expect(pages).toEqual([
      expect.objectContaining({ status: 'completed', branch: 'main', event: 'push', per_page: '100' }),
      expect.objectContaining({ page: '2', per_page: '100' })
    ])
    expect(listRequests()[0]?.path).toBe(`/repos/acme/models/actions/workflows/${ciWorkflowId}/runs`)
  })

  it('reads every page when the limit is beyond what exists', async () => {
    const listed = await runs.listCompleted({ workflowId: ciWorkflowId, branch: 'main', event: 'push', limit: 1000 })
    expect(listed.map((run) => run.id)).toEqual(newestFirst(mainRuns))
    expect(listed.filter((run) => run.conclusion === 'failure')).toHaveLength(23)
  })

  it('lists every workflow of the repository without a workflow id, completed runs only', async () => {
    gh.requests.length = 0
    const listed = await runs.listCompleted({ headSha: sha(40), limit: 10 })
    expect(listRequests()[0]?.path).toBe(RUNS)
    expect(listed.map((run) => [run.workflowId === ciWorkflowId ? 'ci' : 'other', run.event, run.status])).toEqual([
      ['other', 'schedule', 'completed'],
      ['ci', 'push', 'completed']
    ])
  })

  it('filters by branch and event', async () => {
    const listed = await runs.listCompleted({ workflowId: ciWorkflowId, branch: 'feature', event: 'pull_request', limit: 100 })
    expect(listed).toHaveLength(12)
    expect(listed.every((run) => run.headBranch === 'feature' && run.event === 'pull_request')).toBe(true)
  })

  it('asks nothing for a limit of 0', async () => {
    gh.requests.length = 0
    expect(await runs.listCompleted({ limit: 0 })).toEqual([])
    expect(listRequests()).toEqual([])
  })

  it('rides out a 502 and a secondary rate limit with retry-after', async () => {
    const path = `/repos/acme/models/actions/workflows/${ciWorkflowId}/runs`
    const serverError = gh.inject({ method: 'GET', path, times: 1, fault: { status: 502 } })
    const rateLimit = gh.inject({ method: 'GET', path, times: 1, fault: { status: 429, retryAfter: 1 } })
    gh.requests.length = 0
    const started = Date.now()
    const listed = await runs.listCompleted({ workflowId: ciWorkflowId, branch: 'main', event: 'push', limit: 3 })
    expect(listed.map((run) => run.id)).toEqual(newestFirst(mainRuns).slice(0, 3))
    expect([serverError.hits, rateLimit.hits]).toEqual([1, 1])
    expect(listRequests().map((request) => request.status)).toEqual([502, 429, 200])
    // The throttling plugin waited as retry-after asked rather than retrying at once.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
  })
})

describe('GitHubWorkflowRuns.listJobs', () => {
  it('lists every page of the latest attempt\'s jobs: name, conclusion and page', async () => {
    const run = gh.addWorkflowRun({ head_sha: sha(7000), status: 'in_progress' })
    gh.addWorkflowJob({ run_id: run.id, name: 'train (stale, models/stale)', conclusion: 'failure' })
    gh.updateWorkflowRun(run.id, { run_attempt: 2 })
    const jobs = Array.from({ length: 130 }, (_, index) =>
      gh.addWorkflowJob({ run_id: run.id, name: `train (m${index}, models/m${index})`, conclusion: index === 7 ? 'failure' : 'success' })
    )
    gh.requests.length = 0
    const listed = await runs.listJobs(run.id)
    expect(listed).toHaveLength(130)
    expect(listed[7]).toEqual({ name: 'train (m7, models/m7)', conclusion: 'failure', url: `${gh.serverUrl}/acme/models/actions/runs/${run.id}/job/${jobs[7]!.id}` })
    expect(listRequests().map((request) => [request.query.filter, request.query.page ?? '1'])).toEqual([
      ['latest', '1'],
      ['latest', '2']
    ])
  })
})
