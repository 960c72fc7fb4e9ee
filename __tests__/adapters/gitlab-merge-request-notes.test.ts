/** The report's sticky note through GitLab's merge request notes API, against the GitLab emulator over real HTTP. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { GitLabMergeRequestNotes } from '../../src/adapters/gitlab/merge-request-notes.js'
import { PermissionDeniedError } from '../../src/ports/comment-thread.js'
import { startGitLabEmulator, type GitLabEmulator } from '../gitlab-emulator/index.js'

let gl: GitLabEmulator
const MARKER = '<!-- model-ci:report -->'

beforeAll(async () => {
  gl = await startGitLabEmulator({ projectId: 7, projectPath: 'acme/models' })
})
afterAll(() => gl.close())
afterEach(() => gl.clearFaults())

function notes(token: { header: 'PRIVATE-TOKEN' | 'JOB-TOKEN'; value: string; variable: string }, mergeRequestIid?: number) {
  return new GitLabMergeRequestNotes({ apiUrl: gl.apiUrl, projectId: 'acme/models', projectUrl: gl.projectUrl, token, logger: { info: () => undefined }, retryDelayMs: 5, mergeRequestIid })
}
const projectToken = () => ({ header: 'PRIVATE-TOKEN' as const, value: gl.projectToken, variable: 'MODEL_CI_GITLAB_TOKEN' })

describe('GitLabMergeRequestNotes', () => {
  it('finds the marked notes on every page, oldest first, and writes, edits and deletes its own note', async () => {
    gl.addMergeRequest(12)
    for (let index = 0; index < 230; index += 1) {
      gl.addNote({ iid: 12, body: index === 5 || index === 210 ? `${MARKER} old ${index}` : `chatter ${index}` })
    }
    gl.addNote({ iid: 12, body: `${MARKER} system`, system: true })
    const thread = notes(projectToken())
    const found = await thread.listCommentsWith(12, MARKER)
    expect(found.map((comment) => comment.body)).toEqual([`${MARKER} old 5`, `${MARKER} old 210`])
    expect(found[0]).toMatchObject({ author: 'alice', url: `${gl.projectUrl}/-/merge_requests/12#note_${found[0].id}` })
    expect(gl.requests.some((request) => request.path.endsWith('/merge_requests/12/notes') && request.query.page === '3')).toBe(true)

    const login = await thread.ownLogin()
    expect(login).toBe('project_7_bot_0123456789abcdef')
    const created = await thread.createComment(12, `${MARKER} new`)
    expect(created.author).toBe(login)
    const updated = await thread.updateComment(created.id, `${MARKER} newer`)
    expect(updated).toMatchObject({ id: created.id, body: `${MARKER} newer` })
    await thread.deleteComment(created.id)
    await thread.deleteComment(created.id) // already gone: not an error
    expect(gl.state.notes.some((note) => note.id === created.id)).toBe(false)

    // A new client of the pipeline's merge request (CI_MERGE_REQUEST_IID) edits a note it did not list.
    const mine = await thread.createComment(12, `${MARKER} again`)
    await notes(projectToken(), 12).updateComment(mine.id, `${MARKER} edited by the next pipeline`)
    expect(gl.state.notes.find((note) => note.id === mine.id)?.body).toBe(`${MARKER} edited by the next pipeline`)
  })

  it('finds the open merge requests whose head is a commit, with their merge-base, past one page', async () => {
    const head = 'f'.repeat(40)
    for (let iid = 100; iid < 205; iid += 1) gl.addMergeRequest(iid, { sha: head, state: iid === 204 ? 'opened' : 'merged' })
    gl.addMergeRequest(205, { sha: head, source_branch: 'fix', target_branch: 'main', base_sha: 'c'.repeat(40) })
    gl.addMergeRequest(206, { sha: 'd'.repeat(40) })
    const found = await notes(projectToken()).findByHeadSha(head)
    expect(found.map((info) => info.number)).toEqual([204, 205])
    expect(found[1]).toEqual({ number: 205, baseSha: 'c'.repeat(40), baseRef: 'main', headSha: head, headRef: 'fix', headRepository: null, url: `${gl.projectUrl}/-/merge_requests/205` })
  })

  it('retries a 500 and a 429 on writes', async () => {
    gl.addMergeRequest(13)
    const path = '/api/v4/projects/acme%2Fmodels/merge_requests/13/notes'
    const failing = gl.inject({ method: 'POST', path, times: 2, fault: { status: 500 } })
    const limited = gl.inject({ method: 'GET', path, times: 1, fault: { status: 429, retryAfter: 0 } })
    const thread = notes(projectToken())
    await thread.createComment(13, `${MARKER} once`)
    expect(failing.hits).toBe(2)
    expect(await thread.listCommentsWith(13, MARKER)).toHaveLength(1)
    expect(limited.hits).toBe(1)
    expect(gl.state.notes.filter((note) => note.noteable_iid === 13)).toHaveLength(1)
  })

  it('turns the job token\'s 403 into a PermissionDeniedError that names MODEL_CI_GITLAB_TOKEN and not the token', async () => {
    gl.addMergeRequest(14)
    const pipeline = gl.addPipeline({ sha: 'a'.repeat(40), ref: 'refs/merge-requests/14/head', source: 'merge_request_event' })
    const jobToken = gl.addJobToken(pipeline.id)
    const thread = notes({ header: 'JOB-TOKEN', value: jobToken, variable: 'CI_JOB_TOKEN' })
    const error = await thread.createComment(14, `${MARKER} x`).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(PermissionDeniedError)
    expect((error as Error).message).toMatch(/^GitLab refused to comment on merge request !14 \(403\): CI_JOB_TOKEN cannot write merge request notes; set the masked CI\/CD variable MODEL_CI_GITLAB_TOKEN/)
    expect((error as Error).message).not.toContain(jobToken)
    await expect(thread.ownLogin()).rejects.toBeInstanceOf(PermissionDeniedError)

    const revoked = notes({ header: 'PRIVATE-TOKEN', value: 'glpat-revoked-token-000', variable: 'MODEL_CI_GITLAB_TOKEN' })
    const refused = await revoked.listCommentsWith(14, MARKER).catch((caught: unknown) => caught)
    expect(refused).toBeInstanceOf(PermissionDeniedError)
    expect((refused as Error).message).toContain('the token in MODEL_CI_GITLAB_TOKEN was not accepted')
    expect((refused as Error).message).not.toContain('glpat-revoked-token-000')
  })
})
