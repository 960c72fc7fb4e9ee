/** The GitLab API client the adapters share: retries, Retry-After, pagination and token-free errors, against the emulator. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import * as z from 'zod/mini'
import { GitLabApi, GitLabApiError } from '../../src/adapters/gitlab/gitlab-api.js'
import { UserError } from '../../src/errors.js'
import { startGitLabEmulator, type GitLabEmulator } from '../gitlab-emulator/index.js'

let gl: GitLabEmulator
const told: string[] = []
beforeAll(async () => {
  gl = await startGitLabEmulator({ projectId: 7, projectPath: 'acme/models' })
})
afterAll(() => gl.close())
afterEach(() => gl.clearFaults())

const client = (apiUrl = gl.apiUrl, retries?: number) =>
  new GitLabApi({ apiUrl, projectId: 'acme/models', token: { header: 'PRIVATE-TOKEN', value: gl.projectToken, variable: 'MODEL_CI_GITLAB_TOKEN' }, logger: { info: (line) => told.push(line) }, retryDelayMs: 5, retries })
const PIPELINES = '/api/v4/projects/acme%2Fmodels/pipelines'

describe('GitLabApi', () => {
  it('waits as long as a 429\'s Retry-After asks, and refuses a wait longer than it allows, at once', async () => {
    gl.addPipeline({ sha: 'a'.repeat(40), ref: 'main' })
    gl.inject({ path: PIPELINES, times: 1, fault: { status: 429, retryAfter: 1 } })
    const started = Date.now()
    await client().json('GET', client().projectPath('/pipelines'), z.array(z.object({ id: z.number() })))
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    expect(told.at(-1)).toMatch(/answered 429; retry 1 of 4 in 1000 ms/)

    const rule = gl.inject({ path: PIPELINES, fault: { status: 429, retryAfter: 3600 } })
    const error = await client().request('GET', client().projectPath('/pipelines')).catch((caught: unknown) => caught)
    expect(rule.hits).toBe(1)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toBe(
      'GitLab answered GET /api/v4/projects/acme%2Fmodels/pipelines with 429 and asked to wait 3600 s, longer than model-ci waits (600 s); re-run the job once the limit has lifted'
    )
  })

  it('does not retry a 4xx, and says what GitLab said', async () => {
    const error = await client().request('GET', client().projectPath('/pipelines/31337')).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(GitLabApiError)
    expect((error as Error).message).toBe('GitLab answered GET /api/v4/projects/acme%2Fmodels/pipelines/31337 with 404 (404 Not found)')
    expect(gl.requests.filter((request) => request.path.endsWith('/pipelines/31337'))).toHaveLength(1)
  })

  it('gives up on a server that cannot be reached after its bounded retries, in one line without the token', async () => {
    const closed = await startGitLabEmulator()
    const url = closed.apiUrl
    await closed.close()
    const error = await client(url, 2).request('GET', '/user').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toMatch(/^GitLab could not be reached for GET \/api\/v4\/user after 3 tries \(ECONNREFUSED\); check CI_API_V4_URL/)
    expect((error as Error).message).not.toContain(gl.projectToken)
  })
})
