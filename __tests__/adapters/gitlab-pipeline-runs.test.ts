/** The WorkflowRuns port over GitLab pipelines, against the GitLab emulator over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { GitLabPipelineRuns } from '../../src/adapters/gitlab/pipeline-runs.js'
import { startGitLabEmulator, type GitLabEmulator } from '../gitlab-emulator/index.js'

let gl: GitLabEmulator
let runs: GitLabPipelineRuns

beforeAll(async () => {
  gl = await startGitLabEmulator({ projectId: 7, projectPath: 'acme/models' })
  gl.addPipeline({ sha: '0'.repeat(40), ref: 'main', status: 'running' })
  runs = new GitLabPipelineRuns({ apiUrl: gl.apiUrl, projectId: '7', token: { header: 'PRIVATE-TOKEN', value: gl.projectToken, variable: 'MODEL_CI_GITLAB_TOKEN' }, logger: { info: () => undefined }, retryDelayMs: 5 })
})
afterAll(() => gl.close())

describe('GitLabPipelineRuns', () => {
  it('maps a pipeline: source to event, status to status and conclusion, web_url to url', async () => {
    const mr = gl.addPipeline({ sha: '1'.repeat(40), ref: 'refs/merge-requests/3/head', source: 'merge_request_event', status: 'failed' })
    expect(await runs.get(mr.id)).toEqual({
      id: mr.id,
      workflowId: 7,
      headSha: '1'.repeat(40),
      headBranch: null,
      event: 'pull_request',
      status: 'completed',
      conclusion: 'failure',
      createdAt: mr.created_at,
      url: `${gl.projectUrl}/-/pipelines/${mr.id}`
    })
    const web = gl.addPipeline({ sha: '2'.repeat(40), ref: 'main', source: 'web', status: 'running' })
    expect(await runs.get(web.id)).toMatchObject({ event: 'manual', status: 'in_progress', conclusion: null, headBranch: 'main' })
    expect(await runs.get(424242)).toBeUndefined()
  })

  it('lists finished pipelines newest first past one page, filtered by branch, event and commit, up to the limit', async () => {
    const ids: number[] = []
    for (let index = 0; index < 150; index += 1) {
      ids.push(gl.addPipeline({ sha: index % 2 === 0 ? 'a'.repeat(40) : 'b'.repeat(40), ref: 'release', source: index % 3 === 0 ? 'schedule' : 'push', status: index % 5 === 0 ? 'canceled' : 'success' }).id)
    }
    gl.addPipeline({ sha: 'a'.repeat(40), ref: 'release', status: 'running' })
    const all = await runs.listCompleted({ branch: 'release', limit: 1000 })
    expect(all.map((run) => run.id)).toEqual([...ids].reverse())
    expect(all.find((run) => run.id === ids[5])?.conclusion).toBe('cancelled')
    const pushes = await runs.listCompleted({ branch: 'release', event: 'push', headSha: 'a'.repeat(40), limit: 1000 })
    expect(pushes.map((run) => run.id)).toEqual(ids.filter((_, index) => index % 3 !== 0 && index % 2 === 0).reverse())
    const manual = await runs.listCompleted({ branch: 'release', event: 'manual', limit: 3 })
    expect(manual.map((run) => run.id)).toEqual(ids.filter((_, index) => index % 3 === 0).reverse().slice(0, 3))
  })
})
