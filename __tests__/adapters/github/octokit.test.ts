/**
 * createGitHubClient's waits for rate limits, against the emulator: GitHub's own limits (by
 * plugin-throttling), a bare 429 such as a proxy or GitHub Enterprise Server sends (by model-ci's
 * own plugin), and the bound on every wait: past it, or past the retries, one line that says what
 * to do, with no wait.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { MAX_RATE_LIMIT_WAIT_S, createGitHubClient, type GitHubClient } from '../../../src/adapters/github/octokit.js'
import { UserError } from '../../../src/errors.js'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { applyEnv } from '../../emulator/test-support.js'

const REPO_PATH = '/repos/acme/models'

let gh: Emulator
let restoreEnv: () => void
let client: GitHubClient
/** process.stdout.write, spied on (it still writes): the warnings @actions/core prints. */
let stdout: { mock: { calls: unknown[][] }; mockRestore(): void }

beforeAll(async () => {
  gh = await startEmulator({ owner: 'acme', repo: 'models' })
  restoreEnv = applyEnv({ GITHUB_API_URL: gh.apiUrl })
  client = createGitHubClient(gh.defaultToken)
})

afterAll(async () => {
  restoreEnv()
  await gh.close()
})

beforeEach(() => {
  stdout = jest.spyOn(process.stdout, 'write')
})

afterEach(() => {
  stdout.mockRestore()
  gh.clearFaults()
})

const getRepository = () => client.rest.repos.get({ owner: 'acme', repo: 'models' })
const repoRequests = () => gh.requests.filter((request) => request.path === REPO_PATH)
const warnings = () => stdout.mock.calls.map((call) => String(call[0])).filter((line) => line.startsWith('::warning::'))

/** The error `work` fails with, and how long it took to fail. */
async function failure(work: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now()
  const error = await work().then(
    () => undefined,
    (caught: unknown) => caught
  )
  return { error, ms: Date.now() - started }
}

describe('a bare 429 (no rate-limit words or headers)', () => {
  it('is waited out for its retry-after in seconds, with a warning', async () => {
    const before = repoRequests().length
    const limit = gh.inject({ path: REPO_PATH, times: 1, fault: { status: 429, tooManyRequests: true, retryAfter: 1 } })
    expect((await getRepository()).status).toBe(200)
    expect(limit.hits).toBe(1)
    const [limited, retried] = repoRequests().slice(before)
    expect([limited?.status, retried?.status]).toEqual([429, 200])
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950)
    expect(warnings()).toEqual([
      expect.stringMatching(/^::warning::A limit on requests \(429 Too Many Requests\) was hit by GET \/repos\/acme\/models; retrying after 1 s/)
    ])
  })

  it('is waited out for its retry-after as an HTTP date', async () => {
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString()
    gh.inject({ path: REPO_PATH, times: 1, fault: { status: 429, tooManyRequests: true, retryAfter: inTwoSeconds } })
    const before = repoRequests().length
    expect((await getRepository()).status).toBe(200)
    const [limited, retried] = repoRequests().slice(before)
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(500)
  })

  it('asking for longer than model-ci waits fails at once with one line that says what to do', async () => {
    gh.inject({ path: REPO_PATH, times: 1, fault: { status: 429, tooManyRequests: true, retryAfter: 7200 } })
    const { error, ms } = await failure(getRepository)
    expect(ms).toBeLessThan(5000)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toBe(
      `GitHub answered GET /repos/acme/models with 429 (Too Many Requests) and asked to wait 7200 s, longer than model-ci waits (${MAX_RATE_LIMIT_WAIT_S} s); re-run the job once the limit has lifted`
    )
    expect(warnings()).toEqual([])
  })

  it('that does not lift fails after three waits', async () => {
    const limit = gh.inject({ path: REPO_PATH, fault: { status: 429, tooManyRequests: true, retryAfter: 0 } })
    const { error } = await failure(getRepository)
    expect(limit.hits).toBe(4)
    expect((error as Error).message).toBe('GitHub answered GET /repos/acme/models with 429 (Too Many Requests) again after 3 waits; re-run the job once the limit has lifted')
    expect(warnings()).toHaveLength(3)
  })
})

describe("GitHub's own rate limits", () => {
  it('a secondary limit asking for longer than model-ci waits fails at once with one line', async () => {
    gh.inject({ path: REPO_PATH, times: 1, fault: { status: 403, retryAfter: 3600 } })
    const { error, ms } = await failure(getRepository)
    expect(ms).toBeLessThan(5000)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toMatch(/^GitHub answered GET \/repos\/acme\/models with 403 \(secondary rate limit\) and asked to wait 3600 s, longer than/)
  })

  it('a primary limit that resets soon is waited out', async () => {
    const limit = gh.inject({ path: REPO_PATH, times: 1, fault: { status: 403, rateLimit: true, resetAfter: 1 } })
    expect((await getRepository()).status).toBe(200)
    expect(limit.hits).toBe(1)
    expect(warnings()).toEqual([expect.stringMatching(/^::warning::GitHub's rate limit was hit by GET \/repos\/acme\/models; retrying after \d s/)])
  })
})

it('passes a 403 that is no rate limit through as it came: a missing permission is the caller\'s to explain', async () => {
  gh.addToken('ghs_readOnlyToken', { permissions: 'read' })
  gh.addPullRequest({ number: 1, head: { sha: 'a'.repeat(40), ref: 'topic' }, base: { sha: 'b'.repeat(40), ref: 'main' } })
  const reader = createGitHubClient('ghs_readOnlyToken')
  const { error } = await failure(() => reader.rest.issues.createComment({ owner: 'acme', repo: 'models', issue_number: 1, body: 'x' }))
  expect(error).not.toBeInstanceOf(UserError)
  expect(error).toMatchObject({ status: 403, message: expect.stringContaining('Resource not accessible by integration') })
})
