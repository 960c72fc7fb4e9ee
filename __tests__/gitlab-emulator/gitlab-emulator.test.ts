/** The GitLab emulator driven by a real GitLab client, @gitbeaker/rest, and by plain fetch where the wire matters. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { Gitlab } from '@gitbeaker/rest'
import { createHash } from 'node:crypto'
import { startGitLabEmulator, type GitLabEmulator } from './index.js'

let gl: GitLabEmulator
const origin = () => new URL(gl.apiUrl).origin
const api = () => new Gitlab({ host: origin(), token: gl.projectToken })

beforeAll(async () => {
  gl = await startGitLabEmulator({ projectId: 7, projectPath: 'acme/models' })
})
afterAll(() => gl.close())
afterEach(() => gl.clearFaults())

const put = (path: string, body: string, headers: Record<string, string>) => fetch(`${gl.apiUrl}${path}`, { method: 'PUT', body, headers })

describe('generic packages', () => {
  it('stores the bytes of a PUT, computes their sha256, lists the package with its pipeline, and serves the newest upload of a name', async () => {
    const pipeline = gl.addPipeline({ sha: 'a'.repeat(40), ref: 'main', user: 'carol' })
    const jobToken = gl.addJobToken(pipeline.id)
    const first = await put('/projects/7/packages/generic/model-ci-fraud/2026.12.05-r1/model.bin', 'one', { 'JOB-TOKEN': jobToken })
    expect(first.status).toBe(201)
    expect(await first.json()).toEqual({ message: '201 Created' })
    const second = await put('/projects/acme%2Fmodels/packages/generic/model-ci-fraud/2026.12.05-r1/model.bin?select=package_file', 'two', { 'JOB-TOKEN': jobToken })
    expect(second.status).toBe(200)
    expect(await second.json()).toMatchObject({ file_name: 'model.bin', size: 3, file_sha256: createHash('sha256').update('two').digest('hex') })

    const packages = await api().Packages.all({ projectId: 7, packageName: 'fraud' })
    expect(packages).toEqual([expect.objectContaining({ name: 'model-ci-fraud', version: '2026.12.05-r1', package_type: 'generic', pipeline: expect.objectContaining({ id: pipeline.id, ref: 'main' }) })])
    const files = await api().Packages.allFiles(7, packages[0].id)
    expect(files.map(file => file.file_name)).toEqual(['model.bin', 'model.bin'])
    const download = await fetch(`${gl.apiUrl}/projects/7/packages/generic/model-ci-fraud/2026.12.05-r1/model.bin`, { headers: { 'PRIVATE-TOKEN': gl.projectToken } })
    expect(await download.text()).toBe('two')
    const missing = await fetch(`${gl.apiUrl}/projects/7/packages/generic/model-ci-fraud/2026.12.05-r1/nothing.bin`, { headers: { 'PRIVATE-TOKEN': gl.projectToken } })
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ message: '404 Package Not Found' })
  })

  it('refuses names GitLab refuses, and requests without a known token', async () => {
    const bad = await put('/projects/7/packages/generic/model%20ci/1.0/a.bin', 'x', { 'PRIVATE-TOKEN': gl.projectToken })
    expect(bad.status).toBe(400)
    const anonymous = await put('/projects/7/packages/generic/ok/1.0/a.bin', 'x', {})
    expect(anonymous.status).toBe(401)
    expect(await anonymous.json()).toEqual({ message: '401 Unauthorized' })
  })
})

describe('merge request notes', () => {
  it('pages past one page with x-next-page, x-total-pages and Link, as gitbeaker follows them', async () => {
    gl.addMergeRequest(3)
    for (let index = 0; index < 45; index += 1) gl.addNote({ iid: 3, body: `note ${index}` })
    const response = await fetch(`${gl.apiUrl}/projects/7/merge_requests/3/notes?per_page=20&sort=asc`, { headers: { Authorization: `Bearer ${gl.projectToken}` } })
    expect(response.headers.get('x-next-page')).toBe('2')
    expect(response.headers.get('x-total-pages')).toBe('3')
    expect(response.headers.get('x-total')).toBe('45')
    expect(response.headers.get('link')).toContain('rel="next"')
    const notes = await api().MergeRequestNotes.all(7, 3, { sort: 'asc', perPage: 20 })
    expect(notes).toHaveLength(45)
    expect(notes[0].body).toBe('note 0')
    expect(notes[44].body).toBe('note 44')
  })

  it('creates, edits and deletes a note as the token\'s user; the job token gets 403', async () => {
    gl.addMergeRequest(4)
    const client = api()
    const me = await client.Users.showCurrentUser()
    const note = await client.MergeRequestNotes.create(7, 4, 'hello')
    expect(note.author.username).toBe(me.username)
    const edited = await client.MergeRequestNotes.edit(7, 4, note.id, { body: 'hello again' })
    expect(edited.body).toBe('hello again')
    await client.MergeRequestNotes.remove(7, 4, note.id)
    expect(gl.state.notes.filter(candidate => candidate.noteable_iid === 4)).toEqual([])

    const pipeline = gl.addPipeline({ sha: 'b'.repeat(40), ref: 'feature', source: 'merge_request_event' })
    const jobClient = new Gitlab({ host: origin(), jobToken: gl.addJobToken(pipeline.id) })
    await expect(jobClient.MergeRequestNotes.create(7, 4, 'from a job')).rejects.toThrow('403 Forbidden')
    await expect(jobClient.Users.showCurrentUser()).rejects.toThrow('403 Forbidden')
    // GitLab's "Job token access" table lets a job token read merge requests and their notes.
    expect(await jobClient.MergeRequestNotes.all(7, 4)).toEqual([])
    expect(await jobClient.MergeRequests.show(7, 4)).toMatchObject({ iid: 4 })
    // Someone else's note cannot be edited.
    const theirs = gl.addNote({ iid: 4, body: 'mine', author: 'dave' })
    await expect(client.MergeRequestNotes.edit(7, 4, theirs.id, { body: 'x' })).rejects.toThrow('403')
  })
})

describe('pipelines', () => {
  it('filters by ref, sha, status and source, newest first, and shows one', async () => {
    const shaC = 'c'.repeat(40)
    const old = gl.addPipeline({ sha: shaC, ref: 'release', status: 'failed' })
    const newer = gl.addPipeline({ sha: shaC, ref: 'release', status: 'success', source: 'web' })
    const listed = await api().Pipelines.all(7, { ref: 'release' })
    expect(listed.map(pipeline => pipeline.id)).toEqual([newer.id, old.id])
    expect(await api().Pipelines.all(7, { ref: 'release', status: 'failed' })).toEqual([expect.objectContaining({ id: old.id })])
    expect(await api().Pipelines.all(7, { ref: 'release', source: 'web' })).toEqual([expect.objectContaining({ id: newer.id, web_url: `${gl.projectUrl}/-/pipelines/${newer.id}` })])
    expect(await api().Pipelines.show(7, newer.id)).toMatchObject({ id: newer.id, sha: shaC, ref: 'release', status: 'success', source: 'web' })
  })

  it("refuses them to a job token, as GitLab does; the job token reads its own job's pipeline from GET /job", async () => {
    const pipeline = gl.addPipeline({ sha: 'd'.repeat(40), ref: 'refs/merge-requests/5/head', source: 'merge_request_event' })
    const jobToken = gl.addJobToken(pipeline.id)
    const jobClient = new Gitlab({ host: origin(), jobToken })
    await expect(jobClient.Pipelines.all(7)).rejects.toThrow('403 Forbidden')
    await expect(jobClient.Pipelines.show(7, pipeline.id)).rejects.toThrow('403 Forbidden')
    // gitbeaker's showConnectedJob looks for a lower-case header its own jobToken option does not set: fetch it is.
    const job = await fetch(`${gl.apiUrl}/job`, { headers: { 'JOB-TOKEN': jobToken } })
    expect(job.status).toBe(200)
    expect(await job.json()).toMatchObject({ pipeline: { id: pipeline.id, ref: 'refs/merge-requests/5/head', sha: 'd'.repeat(40) } })
  })
})

describe('faults', () => {
  it('fails the next N requests of a route with 502 (gitbeaker retries) and 429 with Retry-After', async () => {
    const path = '/api/v4/projects/7/pipelines'
    const fault = gl.inject({ method: 'GET', path, times: 2, fault: { status: 502 } })
    await api().Pipelines.all(7)
    expect(fault.hits).toBe(2)
    gl.inject({ path, times: 1, fault: { status: 429, retryAfter: 3 } })
    const limited = await fetch(`${gl.apiUrl}/projects/7/pipelines`, { headers: { 'PRIVATE-TOKEN': gl.projectToken } })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('3')
    gl.inject({ path, times: 1, fault: { drop: true } })
    await expect(fetch(`${gl.apiUrl}/projects/7/pipelines`, { headers: { 'PRIVATE-TOKEN': gl.projectToken } })).rejects.toThrow()
    // Tokens are not recorded.
    expect(JSON.stringify(gl.requests)).not.toContain(gl.projectToken)
  })
})
