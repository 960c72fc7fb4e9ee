/** The real @actions/cache client (cache service v2) against the results service and blob store. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startEmulator, type Emulator, type WorkflowRunRecord } from './index.js'
import { applyEnv, sha, tempDir, type TempDir } from './test-support.js'

let gh: Emulator
let cache: typeof import('@actions/cache')
let restoreEnv: () => void
let temp: TempDir
let mainRun: WorkflowRunRecord
let prRun: WorkflowRunRecord
let venv: string

beforeAll(async () => {
  gh = await startEmulator({ owner: 'acme', repo: 'models', defaultBranch: 'main' })
  gh.addPullRequest({ number: 4, head: { sha: sha(4), ref: 'feature' }, base: { sha: sha(1), ref: 'main' } })
  mainRun = gh.addWorkflowRun({ head_sha: sha(1), head_branch: 'main' })
  prRun = gh.addWorkflowRun({ head_sha: sha(4), head_branch: 'feature', event: 'pull_request', pull_requests: [4] })
  temp = await tempDir('emulator-cache')
  const { env } = gh.runnerEnv({ runId: mainRun.id, jobId: 'train' })
  restoreEnv = applyEnv({ ...env, RUNNER_TEMP: join(temp.path, 'runner-temp'), GITHUB_WORKSPACE: temp.path })
  cache = await import('@actions/cache')
  venv = join(temp.path, 'venv')
})

afterAll(async () => {
  restoreEnv()
  await gh.close()
  await temp.remove()
})

const useRun = (run: WorkflowRunRecord) => {
  process.env.ACTIONS_RUNTIME_TOKEN = gh.mintRuntimeToken(run.id, 'train')
}

async function fillVenv(content: string): Promise<void> {
  await rm(venv, { recursive: true, force: true })
  await mkdir(join(venv, 'lib'), { recursive: true })
  await writeFile(join(venv, 'lib', 'marker.txt'), content)
}

const marker = () => readFile(join(venv, 'lib', 'marker.txt'), 'utf8')

describe('cache through the real @actions/cache client', () => {
  it('is available in this environment', () => {
    expect(cache.isFeatureAvailable()).toBe(true)
  })

  it('saves an entry (one-shot blob upload) and restores it by exact key', async () => {
    useRun(mainRun)
    await fillVenv('first')
    const id = await cache.saveCache([venv], 'deps-linux-1')
    expect(id).toBeGreaterThan(0)
    expect(gh.state.caches).toEqual([expect.objectContaining({ id, key: 'deps-linux-1', scope: 'refs/heads/main', finalized: true })])
    const upload = gh.requests.find(request => request.surface === 'blob' && request.method === 'PUT')
    expect(upload?.headers['x-ms-blob-type']).toBe('BlockBlob')

    await rm(venv, { recursive: true })
    expect(await cache.restoreCache([venv], 'deps-linux-1')).toBe('deps-linux-1')
    expect(await marker()).toBe('first')
  })

  it('restores the newest entry matching a restore-key prefix', async () => {
    await fillVenv('second')
    expect(await cache.saveCache([venv], 'deps-linux-2')).toBeGreaterThan(0)
    await rm(venv, { recursive: true })
    expect(await cache.restoreCache([venv], 'deps-linux-3', ['deps-windows-', 'deps-linux-'])).toBe('deps-linux-2')
    expect(await marker()).toBe('second')
  })

  it('prefers an exact match to a newer prefix match', async () => {
    await rm(venv, { recursive: true })
    expect(await cache.restoreCache([venv], 'deps-linux-1', ['deps-linux-'])).toBe('deps-linux-1')
    expect(await marker()).toBe('first')
  })

  it('misses on an unknown key and on other paths (the version differs)', async () => {
    expect(await cache.restoreCache([venv], 'pip-linux-1', ['pip-'])).toBeUndefined()
    expect(await cache.restoreCache([join(temp.path, 'elsewhere')], 'deps-linux-1')).toBeUndefined()
  })

  it('does not overwrite an entry: a second save of a key returns -1', async () => {
    await fillVenv('third')
    expect(await cache.saveCache([venv], 'deps-linux-1')).toBe(-1)
    expect(gh.requests.at(-1)).toMatchObject({ path: '/twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry', status: 409 })
  })

  it('lets a pull request read the default branch, and keeps its own entries from it', async () => {
    useRun(prRun)
    await rm(venv, { recursive: true })
    expect(await cache.restoreCache([venv], 'deps-linux-1')).toBe('deps-linux-1')
    await fillVenv('from the pull request')
    const id = await cache.saveCache([venv], 'deps-linux-pr')
    expect(gh.state.caches.find(entry => entry.id === id)?.scope).toBe('refs/pull/4/merge')

    useRun(mainRun)
    expect(await cache.restoreCache([venv], 'deps-linux-pr')).toBeUndefined()
  })
})
