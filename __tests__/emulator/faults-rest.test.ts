/** The fault injector itself, and octokit's retry and throttling plugins recovering from it. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { startEmulator, type Emulator } from './index.js'

const REPO_PATH = '/repos/acme/models'
let gh: Emulator

beforeAll(async () => {
  gh = await startEmulator({ owner: 'acme', repo: 'models', seed: 42 })
})

afterAll(() => gh.close())

afterEach(() => gh.clearFaults())

/**
 * Both plugins, as model-ci should combine them: 429 joins plugin-retry's `doNotRetry`, or
 * plugin-retry (the inner wrapper) retries it after its own 1 s backoff and plugin-throttling
 * never sees the `retry-after`.
 */
function resilientOctokit(limits: Array<{ kind: string; retryAfter: number }>) {
  const onLimit = (kind: string) => (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => {
    limits.push({ kind, retryAfter })
    return retryCount < 2
  }
  return getOctokit(
    gh.defaultToken,
    {
      baseUrl: gh.apiUrl,
      retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
      throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') }
    },
    retry,
    throttling
  )
}

const repoRequests = () => gh.requests.filter(request => request.path === REPO_PATH)

async function fetchStatuses(emulator: Emulator, count: number): Promise<number[]> {
  const statuses: number[] = []
  for (let index = 0; index < count; index += 1) {
    const response = await fetch(`${emulator.apiUrl}${REPO_PATH}`, { headers: { authorization: `token ${emulator.defaultToken}` } })
    await response.arrayBuffer()
    statuses.push(response.status)
  }
  return statuses
}

describe('fault injection', () => {
  it('fails the first `times` matching requests, counts its hits, and can be removed', async () => {
    const fault = gh.inject({ method: 'GET', path: REPO_PATH, times: 2, fault: { status: 500 } })
    expect(await fetchStatuses(gh, 3)).toEqual([500, 500, 200])
    expect(fault.hits).toBe(2)
    const forever = gh.inject({ path: /^\/repos\/acme\/models$/, fault: { status: 503 } })
    expect(await fetchStatuses(gh, 2)).toEqual([503, 503])
    forever.remove()
    expect(await fetchStatuses(gh, 1)).toEqual([200])
  })

  it('answers in GitHub\'s rate-limit shapes', async () => {
    gh.inject({ path: REPO_PATH, times: 1, fault: { status: 403, rateLimit: true, resetAfter: 30 } })
    const primary = await fetch(`${gh.apiUrl}${REPO_PATH}`, { headers: { authorization: `token ${gh.defaultToken}` } })
    expect(primary.status).toBe(403)
    expect(primary.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(Number(primary.headers.get('x-ratelimit-reset')) - Date.now() / 1000).toBeGreaterThan(25)
    expect(await primary.json()).toMatchObject({ message: expect.stringContaining('API rate limit exceeded') })

    gh.inject({ path: REPO_PATH, times: 1, fault: { status: 429, retryAfter: 7 } })
    const secondary = await fetch(`${gh.apiUrl}${REPO_PATH}`, { headers: { authorization: `token ${gh.defaultToken}` } })
    expect(secondary.status).toBe(429)
    expect(secondary.headers.get('retry-after')).toBe('7')
    expect(await secondary.json()).toMatchObject({ message: expect.stringContaining('secondary rate limit') })
  })

  it('answers a bare 429, as a proxy or GHES sends it: no rate-limit words or headers, retry-after only when given', async () => {
    const get = () => fetch(`${gh.apiUrl}${REPO_PATH}`, { headers: { authorization: `token ${gh.defaultToken}` } })
    gh.inject({ path: REPO_PATH, times: 1, fault: { status: 429, tooManyRequests: true, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT' } })
    const dated = await get()
    expect(dated.status).toBe(429)
    expect(dated.headers.get('retry-after')).toBe('Wed, 21 Oct 2026 07:28:00 GMT')
    expect(await dated.text()).toBe('Too Many Requests\n')

    gh.inject({ path: REPO_PATH, times: 1, fault: { status: 429, tooManyRequests: true } })
    const bare = await get()
    expect(bare.status).toBe(429)
    expect(bare.headers.get('retry-after')).toBeNull()
    expect(bare.headers.get('x-ratelimit-remaining')).not.toBe('0')
  })

  it('faults a seeded share of requests, the same share on every run with the same seed', async () => {
    const statusesWithSeed = async (seed: number): Promise<number[]> => {
      const emulator = await startEmulator({ owner: 'acme', repo: 'models', seed })
      try {
        emulator.inject({ path: REPO_PATH, ratio: 0.3, fault: { status: 502 } })
        return await fetchStatuses(emulator, 40)
      } finally {
        await emulator.close()
      }
    }
    const first = await statusesWithSeed(42)
    expect(await statusesWithSeed(42)).toEqual(first)
    expect(await statusesWithSeed(7)).not.toEqual(first)
    const failures = first.filter(status => status === 502).length
    expect(failures).toBeGreaterThan(4)
    expect(failures).toBeLessThan(20)
  })

  it('delays a reply', async () => {
    gh.inject({ path: REPO_PATH, times: 1, fault: { delayMs: 400 } })
    const started = Date.now()
    expect(await fetchStatuses(gh, 1)).toEqual([200])
    expect(Date.now() - started).toBeGreaterThanOrEqual(390)
  })
})

describe('octokit with plugin-retry and plugin-throttling recovers', () => {
  it('from a 502', async () => {
    const before = repoRequests().length
    gh.inject({ path: REPO_PATH, times: 1, fault: { status: 502 } })
    const { data } = await resilientOctokit([]).rest.repos.get({ owner: 'acme', repo: 'models' })
    expect(data.default_branch).toBe('main')
    expect(repoRequests().slice(before).map(request => request.status)).toEqual([502, 200])
  })

  it('from a dropped connection', async () => {
    const before = repoRequests().length
    gh.inject({ path: REPO_PATH, times: 1, fault: { drop: true } })
    const { status } = await resilientOctokit([]).rest.repos.get({ owner: 'acme', repo: 'models' })
    expect(status).toBe(200)
    expect(repoRequests().slice(before).map(request => request.status)).toEqual([undefined, 200])
  })

  it('from a 429 with retry-after, waiting as told', async () => {
    const limits: Array<{ kind: string; retryAfter: number }> = []
    const before = repoRequests().length
    gh.inject({ path: REPO_PATH, times: 1, fault: { status: 429, retryAfter: 2 } })
    await resilientOctokit(limits).rest.repos.get({ owner: 'acme', repo: 'models' })
    const [limited, retried] = repoRequests().slice(before)
    expect([limited?.status, retried?.status]).toEqual([429, 200])
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1950)
    expect(limits).toEqual([{ kind: 'secondary', retryAfter: 2 }])
  })

  it('not from a bare 429: plugin-throttling knows only GitHub\'s own limits (model-ci adds its own plugin)', async () => {
    const limits: Array<{ kind: string; retryAfter: number }> = []
    gh.inject({ path: REPO_PATH, times: 1, fault: { status: 429, tooManyRequests: true, retryAfter: 1 } })
    await expect(resilientOctokit(limits).rest.repos.get({ owner: 'acme', repo: 'models' })).rejects.toMatchObject({ status: 429 })
    expect(limits).toEqual([])
  })

  it('from a 403 primary rate limit, waiting for the reset', async () => {
    const limits: Array<{ kind: string; retryAfter: number }> = []
    const before = repoRequests().length
    gh.inject({ path: REPO_PATH, times: 1, fault: { status: 403, rateLimit: true, resetAfter: 1 } })
    await resilientOctokit(limits).rest.repos.get({ owner: 'acme', repo: 'models' })
    const [limited, retried] = repoRequests().slice(before)
    expect([limited?.status, retried?.status]).toEqual([403, 200])
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950)
    expect(limits.map(limit => limit.kind)).toEqual(['primary'])
  })
})
