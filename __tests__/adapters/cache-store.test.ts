/**
 * GitHubCacheStore against the emulator, through the real @actions/cache client (cache service
 * v2). The client swallows its failures and writes them to stdout itself; the store must turn
 * each into one warning through the Logger and a miss or `false`, and never throw.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { GitHubCacheStore } from '../../src/adapters/github/cache-store.js'
import type { Logger } from '../../src/ports/logger.js'
import { startEmulator, type Emulator } from '../emulator/index.js'
import { applyEnv, sha, tempDir, type TempDir } from '../emulator/test-support.js'

const CACHES = '/twirp/github.actions.results.api.v1.CacheService'

let gh: Emulator
let restoreEnv: () => void
let temp: TempDir
let venv: string
let logger: Logger & { warnings: string[] }
/** process.stdout.write, spied on: what reaches the job log. */
let stdout: { mock: { calls: unknown[][] }; mockRestore(): void }
let cache: GitHubCacheStore

beforeAll(async () => {
  gh = await startEmulator({ owner: 'acme', repo: 'models' })
  const run = gh.addWorkflowRun({ head_sha: sha(1), head_branch: 'main' })
  temp = await tempDir('cache-store')
  const { env } = gh.runnerEnv({ runId: run.id, jobId: 'train' })
  restoreEnv = applyEnv({ ...env, RUNNER_TEMP: join(temp.path, 'runner-temp'), GITHUB_WORKSPACE: temp.path })
  venv = join(temp.path, 'venv')
})

afterAll(async () => {
  restoreEnv()
  await gh.close()
  await temp.remove()
})

beforeEach(() => {
  const warnings: string[] = []
  logger = { warnings, info: () => {}, debug: () => {}, warning: message => void warnings.push(message), group: (_title, work) => work() }
  cache = new GitHubCacheStore(logger)
  stdout = jest.spyOn(process.stdout, 'write')
})

afterEach(() => {
  stdout.mockRestore()
  gh.clearFaults()
})

async function fillVenv(content: string): Promise<void> {
  await rm(venv, { recursive: true, force: true })
  await mkdir(join(venv, 'lib'), { recursive: true })
  await writeFile(join(venv, 'lib', 'marker.txt'), content)
}

const marker = () => readFile(join(venv, 'lib', 'marker.txt'), 'utf8')

/** Annotations that reached the job log other than through the Logger. */
const clientAnnotations = () => stdout.mock.calls.map(call => String(call[0])).filter(line => /^::(warning|error)/.test(line))

const statusesOf = (path: string) => gh.requests.filter(request => request.path === path).map(request => request.status)

/**
 * The cache client waits 3 s, then 4.5 s and more, between its five tries of a 5xx. Those waits
 * (and only those: other timers are under 3 s or at 30 s and over) are shortened to 10 ms, so a
 * test of exhausted retries takes a moment instead of half a minute.
 */
async function withShortRetryWaits<T>(work: () => Promise<T>): Promise<T> {
  const realSetTimeout = globalThis.setTimeout
  globalThis.setTimeout = ((callback: () => void, ms?: number) => realSetTimeout(callback, ms !== undefined && ms >= 3000 && ms < 30_000 ? 10 : ms)) as typeof setTimeout
  try {
    return await work()
  } finally {
    globalThis.setTimeout = realSetTimeout
  }
}

/** A results-service URL nothing listens on: the service is down. */
async function closedPortUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise(resolve => server.close(resolve))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return `http://127.0.0.1:${address.port}/`
}

describe('GitHubCacheStore', () => {
  it('saves, restores by exact key and by restore-key prefix, and misses quietly', async () => {
    await fillVenv('first')
    expect(await cache.save([venv], 'deps-linux-1')).toBe(true)
    await fillVenv('second')
    expect(await cache.save([venv], 'deps-linux-2')).toBe(true)

    await rm(venv, { recursive: true })
    expect(await cache.restore([venv], 'deps-linux-1', ['deps-linux-'])).toBe('deps-linux-1')
    expect(await marker()).toBe('first')
    await rm(venv, { recursive: true })
    expect(await cache.restore([venv], 'deps-linux-9', ['deps-windows-', 'deps-linux-'])).toBe('deps-linux-2')
    expect(await marker()).toBe('second')
    expect(await cache.restore([venv], 'pip-linux-1', ['pip-'])).toBeUndefined()
    expect(logger.warnings).toEqual([])
    // The client's other lines still reach the log.
    expect(stdout.mock.calls.filter(call => String(call[0]).startsWith('Cache restored successfully'))).toHaveLength(2)
  })

  it('warns once when the key is taken, and returns false', async () => {
    expect(await cache.save([venv], 'deps-linux-1')).toBe(false)
    expect(logger.warnings).toEqual([
      'Cache entry "deps-linux-1" was not saved: Failed to reserve cache: Failed to CreateCacheEntry: Received non-retryable error: ' +
        'Failed request: (409) Conflict: cache entry with the same key, version, and scope already exists'
    ])
  })

  it('turns a 429, which the client does not retry, into one warning and a miss or false', async () => {
    gh.inject({ path: `${CACHES}/GetCacheEntryDownloadURL`, times: 1, fault: { status: 429, retryAfter: 30 } })
    expect(await cache.restore([venv], 'deps-linux-1')).toBeUndefined()
    gh.inject({ path: `${CACHES}/CreateCacheEntry`, times: 1, fault: { status: 429, retryAfter: 30 } })
    expect(await cache.save([venv], 'deps-linux-429')).toBe(false)
    expect(logger.warnings).toEqual([
      expect.stringMatching(/^Cache restore for key "deps-linux-1" failed; continuing without the cache: You've hit a rate limit, your rate limit will reset in 30 seconds; Failed to restore: .*\(429\)/),
      expect.stringMatching(/^Cache entry "deps-linux-429" was not saved: You've hit a rate limit.*; Failed to reserve cache: Failed to CreateCacheEntry: Rate limited: Failed request: \(429\)/)
    ])
    expect(clientAnnotations()).toEqual([])
  })

  it('turns a dropped connection into one warning and a miss or false', async () => {
    gh.inject({ path: `${CACHES}/GetCacheEntryDownloadURL`, times: 1, fault: { drop: true } })
    expect(await cache.restore([venv], 'deps-linux-1')).toBeUndefined()
    gh.inject({ path: `${CACHES}/CreateCacheEntry`, times: 1, fault: { drop: true } })
    expect(await cache.save([venv], 'deps-linux-dropped')).toBe(false)
    expect(logger.warnings).toEqual([
      expect.stringMatching(/^Cache restore for key "deps-linux-1" failed; continuing without the cache: Failed to restore: .*ECONNRESET/),
      expect.stringMatching(/^Cache entry "deps-linux-dropped" was not saved: Failed to reserve cache: Failed to CreateCacheEntry: .*ECONNRESET/)
    ])
    expect(clientAnnotations()).toEqual([])
  })

  it('turns a 500 that outlasts the client\'s retries into one warning and a miss', async () => {
    gh.inject({ path: `${CACHES}/GetCacheEntryDownloadURL`, fault: { status: 500 } })
    const before = statusesOf(`${CACHES}/GetCacheEntryDownloadURL`).length
    expect(await withShortRetryWaits(() => cache.restore([venv], 'deps-linux-1'))).toBeUndefined()
    expect(statusesOf(`${CACHES}/GetCacheEntryDownloadURL`).slice(before)).toEqual([500, 500, 500, 500, 500])
    expect(logger.warnings).toEqual([expect.stringMatching(/^Cache restore for key "deps-linux-1" failed; continuing without the cache: Failed to restore: .*after 5 attempts.*\(500\)/)])
    expect(clientAnnotations()).toEqual([])
  })

  it('turns a service that is down into a warning and a miss or false', async () => {
    const restore = applyEnv({ ACTIONS_RESULTS_URL: await closedPortUrl() })
    try {
      expect(await cache.restore([venv], 'deps-linux-1')).toBeUndefined()
      expect(await cache.save([venv], 'deps-linux-down')).toBe(false)
    } finally {
      restore()
    }
    expect(logger.warnings).toEqual([
      expect.stringMatching(/^Cache restore for key "deps-linux-1" failed; continuing without the cache: .*ECONNREFUSED/),
      expect.stringMatching(/^Cache entry "deps-linux-down" was not saved: .*ECONNREFUSED/)
    ])
  })

  it('warns when the run may not write to the cache (a read-only cache mode)', async () => {
    const restore = applyEnv({ ACTIONS_CACHE_MODE: 'read' })
    try {
      expect(await cache.save([venv], 'deps-linux-readonly')).toBe(false)
    } finally {
      restore()
    }
    expect(logger.warnings).toEqual([
      'Cache entry "deps-linux-readonly" was not saved: Cache save skipped: the effective cache-mode \'read\' does not permit writes.'
    ])
  })

  it('throws on a key GitHub would refuse: model-ci built it, so it is a bug', async () => {
    await expect(cache.save([venv], 'deps,linux')).rejects.toThrow('The cache key "deps,linux" contains a comma, which GitHub does not allow')
    await expect(cache.restore([venv], 'x'.repeat(513))).rejects.toThrow('is 513 characters long; GitHub allows at most 512')
    const restoreKeys = Array.from({ length: 10 }, (_, index) => `deps-${index}-`)
    await expect(cache.restore([venv], 'deps', restoreKeys)).rejects.toThrow("GitHub's cache looks up at most 10 keys (a key and 9 restore keys), not 11")
    await expect(cache.save([], 'deps')).rejects.toThrow('A cache entry needs at least one path')
    expect(gh.requests.filter(request => request.body !== undefined && JSON.stringify(request.body).includes('deps,linux'))).toEqual([])
  })
})
