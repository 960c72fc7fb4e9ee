import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { startEmulator, type Emulator, type WorkflowRunRecord } from './index.js'
import { sha } from './test-support.js'

let gh: Emulator
let octokit: ReturnType<typeof getOctokit>
const repo = { owner: 'acme', repo: 'models' }
let mainRuns: WorkflowRunRecord[]
let prRun: WorkflowRunRecord
let failed: WorkflowRunRecord
let running: WorkflowRunRecord

beforeAll(async () => {
  gh = await startEmulator({ owner: 'acme', repo: 'models' })
  octokit = getOctokit(gh.defaultToken, { baseUrl: gh.apiUrl })
  gh.addPullRequest({ number: 5, head: { sha: sha(50), ref: 'feature' }, base: { sha: sha(1), ref: 'main' } })
  mainRuns = Array.from({ length: 35 }, (_, index) =>
    gh.addWorkflowRun({ head_sha: sha(100 + index), created_at: `2026-01-01T00:${String(index).padStart(2, '0')}:00Z` })
  )
  prRun = gh.addWorkflowRun({ head_sha: sha(50), head_branch: 'feature', event: 'pull_request', pull_requests: [5], created_at: '2026-01-02T00:00:00Z' })
  failed = gh.addWorkflowRun({ head_sha: sha(200), conclusion: 'failure', created_at: '2026-01-02T01:00:00Z' })
  running = gh.addWorkflowRun({ head_sha: sha(201), status: 'in_progress', created_at: '2026-01-02T02:00:00Z' })
  gh.addWorkflowRun({ head_sha: sha(300), path: '.github/workflows/promote.yml', name: 'Promote', event: 'workflow_dispatch' })
})

afterAll(() => gh.close())

const ids = (runs: Array<{ id: number | bigint }>) => runs.map(run => Number(run.id))

describe('workflow runs', () => {
  it('lists runs newest first with total_count and the fields clients read', async () => {
    const { data } = await octokit.rest.actions.listWorkflowRunsForRepo({ ...repo, per_page: 3 })
    expect(data.total_count).toBe(39)
    expect(data.workflow_runs[0]).toMatchObject({ name: 'Promote', path: '.github/workflows/promote.yml', event: 'workflow_dispatch' })
    expect(ids(data.workflow_runs.slice(1))).toEqual([running.id, failed.id])
    const run = data.workflow_runs[2]
    expect(run).toMatchObject({ head_sha: sha(200), head_branch: 'main', status: 'completed', conclusion: 'failure', run_attempt: 1 })
    expect(run?.html_url).toBe(`${gh.serverUrl}/acme/models/actions/runs/${failed.id}`)
  })

  it('filters by branch, event, head_sha, and status as a status or a conclusion', async () => {
    const list = async (query: Record<string, string>) => ids((await octokit.rest.actions.listWorkflowRunsForRepo({ ...repo, per_page: 100, ...query })).data.workflow_runs)
    expect(await list({ branch: 'feature' })).toEqual([prRun.id])
    expect(await list({ event: 'pull_request' })).toEqual([prRun.id])
    expect(await list({ head_sha: sha(110) })).toEqual([mainRuns[10]?.id])
    expect(await list({ status: 'in_progress' })).toEqual([running.id])
    expect(await list({ status: 'failure' })).toEqual([failed.id])
    expect(await list({ branch: 'main', event: 'push', status: 'success' })).toEqual(ids(mainRuns).reverse())
    expect(await list({ status: 'completed', branch: 'main', event: 'push' })).toEqual([failed.id, ...ids(mainRuns).reverse()])
  })

  it('paginates with Link headers', async () => {
    const all = await octokit.paginate(octokit.rest.actions.listWorkflowRunsForRepo, { ...repo, branch: 'main', event: 'push', status: 'success', per_page: 10 })
    expect(ids(all)).toEqual(ids(mainRuns).reverse())
    const pages = gh.requests.filter(request => request.path === '/repos/acme/models/actions/runs' && request.query.per_page === '10')
    expect(pages.map(request => request.query.page ?? '1')).toEqual(['1', '2', '3', '4'])
  })

  it('lists the runs of one workflow by file name or id', async () => {
    const byFile = await octokit.rest.actions.listWorkflowRuns({ ...repo, workflow_id: 'promote.yml' })
    expect(byFile.data.workflow_runs.map(run => run.name)).toEqual(['Promote'])
    const workflowId = byFile.data.workflow_runs[0]?.workflow_id ?? 0
    const byId = await octokit.rest.actions.listWorkflowRuns({ ...repo, workflow_id: workflowId })
    expect(byId.data.total_count).toBe(1)
    const ci = await octokit.rest.actions.listWorkflowRuns({ ...repo, workflow_id: 'ci.yml', status: 'success', branch: 'main' })
    expect(ci.data.total_count).toBe(35)
    await expect(octokit.rest.actions.listWorkflowRuns({ ...repo, workflow_id: 'nope.yml' })).rejects.toMatchObject({ status: 404 })
  })

  it('gets one run, with its pull requests unless excluded', async () => {
    const { data } = await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: prRun.id })
    expect(data.pull_requests).toEqual([expect.objectContaining({ number: 5, head: expect.objectContaining({ sha: sha(50), ref: 'feature' }) })])
    const excluded = await octokit.rest.actions.listWorkflowRunsForRepo({ ...repo, event: 'pull_request', exclude_pull_requests: true })
    expect(excluded.data.workflow_runs[0]?.pull_requests).toEqual([])
    await expect(octokit.rest.actions.getWorkflowRun({ ...repo, run_id: 1 })).rejects.toMatchObject({ status: 404 })
  })

  it('shows updates the test makes to a run', async () => {
    gh.updateWorkflowRun(running.id, { status: 'completed', conclusion: 'success' })
    const { data } = await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: running.id })
    expect(data).toMatchObject({ status: 'completed', conclusion: 'success' })
  })
})

describe('jobs of a run', () => {
  it('lists the latest attempt\'s jobs, paginated, with each job\'s page; filter=all adds earlier attempts', async () => {
    const run = gh.addWorkflowRun({ head_sha: sha(400), status: 'in_progress' })
    gh.addWorkflowJob({ run_id: run.id, name: 'train (old, models/old)', conclusion: 'failure' })
    gh.updateWorkflowRun(run.id, { run_attempt: 2 })
    const detect = gh.addWorkflowJob({ run_id: run.id, name: 'detect' })
    const trains = Array.from({ length: 3 }, (_, index) => gh.addWorkflowJob({ run_id: run.id, name: `train (m${index}, models/m${index})`, conclusion: index === 1 ? 'failure' : 'success' }))
    const running = gh.addWorkflowJob({ run_id: run.id, name: 'report', status: 'in_progress' })

    const latest = await octokit.paginate(octokit.rest.actions.listJobsForWorkflowRun, { ...repo, run_id: run.id, per_page: 2 })
    expect(latest.map(job => job.name)).toEqual(['detect', 'train (m0, models/m0)', 'train (m1, models/m1)', 'train (m2, models/m2)', 'report'])
    expect(latest[0]).toMatchObject({ id: detect.id, run_id: run.id, run_attempt: 2, status: 'completed', conclusion: 'success', head_sha: sha(400), workflow_name: 'CI' })
    expect(latest[2]).toMatchObject({ conclusion: 'failure', html_url: `${gh.serverUrl}/acme/models/actions/runs/${run.id}/job/${trains[1]?.id}` })
    expect(latest[4]).toMatchObject({ id: running.id, status: 'in_progress', conclusion: null, completed_at: null })
    const pages = gh.requests.filter(request => request.path === `/repos/acme/models/actions/runs/${run.id}/jobs`)
    expect(pages.map(request => request.query.page ?? '1')).toEqual(['1', '2', '3'])

    const { data } = await octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: run.id, filter: 'all', per_page: 100 })
    expect(data.total_count).toBe(6)
    expect(data.jobs[0]).toMatchObject({ name: 'train (old, models/old)', run_attempt: 1 })
    await expect(octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: 1 })).rejects.toMatchObject({ status: 404 })
  })
})
