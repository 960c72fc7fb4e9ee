/**
 * GitHubCacheStore against the emulator, through the real @actions/cache client (cache service
 * v2). The store learns hit, miss and saved from the client's return values only; the client
 * reports its own failures in the job log (stdout), and the store neither hides nor repeats them.
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
let logger: Logger & { warnings: string[]; infos: string[] }
/** process.stdout.write, spied on (it still writes): what reaches the job log. */
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
  const infos: string[] = []
  logger = { warnings, infos, info: message => void infos.push(message), debug: () => {}, warning: message => void warnings.push(message), group: (_title, work) => work() }
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

/** The annotations the cache client wrote to the job log itself, as `level: message`. */
const clientAnnotations = () =>
  stdout.mock.calls.flatMap(call => {
    const command = /^::(warning|error)::(.*)$/s.exec(String(call[0]).trimEnd())
    return command ? [`${command[1]}: ${command[2]}`] : []
  })

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

  it('leaves a key another job holds to the client, which says so on an info line, and returns false', async () => {
    expect(await cache.save([venv], 'deps-linux-1')).toBe(false)
    expect(clientAnnotations()).toEqual([])
    expect(logger.warnings).toEqual([])
    expect(logger.infos).toEqual(['Cache entry "deps-linux-1" was not saved (the cache client\'s lines above say why)'])
    expect(stdout.mock.calls.map(call => String(call[0]))).toContainEqual(expect.stringMatching(/^Failed to save: Unable to reserve cache with key deps-linux-1/))
  })

  it('leaves a 429, which the client does not retry, to the client\'s warnings, and misses or returns false', async () => {
    gh.inject({ path: `${CACHES}/GetCacheEntryDownloadURL`, times: 1, fault: { status: 429, retryAfter: 30 } })
    expect(await cache.restore([venv], 'deps-linux-1')).toBeUndefined()
    gh.inject({ path: `${CACHES}/CreateCacheEntry`, times: 1, fault: { status: 429, retryAfter: 30 } })
    expect(await cache.save([venv], 'deps-linux-429')).toBe(false)
    expect(clientAnnotations()).toEqual([
      'warning: You\'ve hit a rate limit, your rate limit will reset in 30 seconds',
      expect.stringMatching(/^warning: Failed to restore: Failed to GetCacheEntryDownloadURL: Rate limited: Failed request: \(429\)/),
      'warning: You\'ve hit a rate limit, your rate limit will reset in 30 seconds'
    ])
    expect(logger.warnings).toEqual([])
  })

  it('leaves a dropped connection to the client\'s warning, one for the restore, and misses or returns false', async () => {
    gh.inject({ path: `${CACHES}/GetCacheEntryDownloadURL`, times: 1, fault: { drop: true } })
    expect(await cache.restore([venv], 'deps-linux-1')).toBeUndefined()
    gh.inject({ path: `${CACHES}/CreateCacheEntry`, times: 1, fault: { drop: true } })
    expect(await cache.save([venv], 'deps-linux-dropped')).toBe(false)
    expect(clientAnnotations()).toEqual([expect.stringMatching(/^warning: Failed to restore: .*ECONNRESET/)])
    expect(logger.warnings).toEqual([])
  })

  it('leaves a 500 that outlasts the client\'s retries to its one warning, and misses', async () => {
    gh.inject({ path: `${CACHES}/GetCacheEntryDownloadURL`, fault: { status: 500 } })
    const before = statusesOf(`${CACHES}/GetCacheEntryDownloadURL`).length
    expect(await withShortRetryWaits(() => cache.restore([venv], 'deps-linux-1'))).toBeUndefined()
    expect(statusesOf(`${CACHES}/GetCacheEntryDownloadURL`).slice(before)).toEqual([500, 500, 500, 500, 500])
    expect(clientAnnotations()).toEqual([expect.stringMatching(/^warning: Failed to restore: .*after 5 attempts.*\(500\)/)])
    expect(logger.warnings).toEqual([])
  })

  it('leaves a service that is down to the client\'s warning, and misses or returns false', async () => {
    const restore = applyEnv({ ACTIONS_RESULTS_URL: await closedPortUrl() })
    try {
      expect(await cache.restore([venv], 'deps-linux-1')).toBeUndefined()
      expect(await cache.save([venv], 'deps-linux-down')).toBe(false)
    } finally {
      restore()
    }
    expect(clientAnnotations()).toEqual([expect.stringMatching(/^warning: Failed to restore: .*ECONNREFUSED/)])
    expect(logger.infos).toEqual(['Cache entry "deps-linux-down" was not saved (the cache client\'s lines above say why)'])
  })

  it('does not save when the run may not write to the cache (a read-only cache mode), as the client says', async () => {
    const restore = applyEnv({ ACTIONS_CACHE_MODE: 'read' })
    try {
      expect(await cache.save([venv], 'deps-linux-readonly')).toBe(false)
    } finally {
      restore()
    }
    expect(stdout.mock.calls.map(call => String(call[0]))).toContainEqual(expect.stringMatching(/^Cache save skipped: the effective cache-mode 'read' does not permit writes/))
    expect(logger.warnings).toEqual([])
  })

  it('warns, naming the key, when the client cannot start at all', async () => {
    expect(await cache.save([join(temp.path, 'no-such-folder')], 'deps-linux-nothing')).toBe(false)
    expect(logger.warnings).toEqual([expect.stringMatching(/^Cache entry "deps-linux-nothing" was not saved: Path Validation Error: /)])
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
