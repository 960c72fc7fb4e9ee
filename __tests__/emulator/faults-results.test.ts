/**
 * Recovery of the real artifact and cache clients from injected faults. Each client retry costs
 * real time (the results-service clients wait 3 s before their first retry), so every fault here
 * fires once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { DefaultArtifactClient } from '@actions/artifact'
import { startEmulator, type Emulator } from './index.js'
import { applyEnv, sha, tempDir, type TempDir } from './test-support.js'

const ARTIFACTS = '/twirp/github.actions.results.api.v1.ArtifactService'
const CACHES = '/twirp/github.actions.results.api.v1.CacheService'

let gh: Emulator
let artifacts: DefaultArtifactClient
let cache: typeof import('@actions/cache')
let restoreEnv: () => void
let temp: TempDir
let files: string[]

beforeAll(async () => {
  gh = await startEmulator({ owner: 'acme', repo: 'models' })
  const run = gh.addWorkflowRun({ head_sha: sha(1) })
  temp = await tempDir('emulator-faults')
  const { env } = gh.runnerEnv({ runId: run.id, jobId: 'train' })
  restoreEnv = applyEnv({ ...env, RUNNER_TEMP: join(temp.path, 'runner-temp'), GITHUB_WORKSPACE: temp.path })
  artifacts = new (await import('@actions/artifact')).DefaultArtifactClient()
  cache = await import('@actions/cache')
  await mkdir(join(temp.path, 'out'))
  files = [join(temp.path, 'out', 'metrics.json')]
  await writeFile(files[0] ?? '', '{"accuracy":0.9}')
})

afterAll(async () => {
  restoreEnv()
  await gh.close()
  await temp.remove()
})

const statusesOf = (path: string) => gh.requests.filter(request => request.path === path).map(request => request.status)

describe('the artifact client recovers', () => {
  it('from a 503 and a 429 of the results service, by retrying', async () => {
    gh.inject({ path: `${ARTIFACTS}/CreateArtifact`, times: 1, fault: { status: 503 } })
    gh.inject({ path: `${ARTIFACTS}/FinalizeArtifact`, times: 1, fault: { status: 429, retryAfter: 1 } })
    const { id } = await artifacts.uploadArtifact('retried', files, join(temp.path, 'out'))
    expect(statusesOf(`${ARTIFACTS}/CreateArtifact`)).toEqual([503, 200])
    expect(statusesOf(`${ARTIFACTS}/FinalizeArtifact`)).toEqual([429, 200])
    expect(gh.state.artifacts.find(artifact => artifact.id === id)?.finalized).toBe(true)
  }, 30_000)

  it('from a dropped blob upload, which the storage SDK retries', async () => {
    const drop = gh.inject({ method: 'PUT', path: /^\/devstoreaccount1\//, times: 1, fault: { drop: true } })
    const { id } = await artifacts.uploadArtifact('after-drop', files, join(temp.path, 'out'))
    expect(drop.hits).toBe(1)
    const record = gh.state.artifacts.find(artifact => artifact.id === id)
    expect(gh.blob(record?.blob ?? '')?.length).toBe(record?.size_in_bytes)
  })

  it('fails only the upload whose request body a rule with `body` matches', async () => {
    const rule = gh.inject({ path: `${ARTIFACTS}/CreateArtifact`, body: body => (body as { name?: string }).name === 'doomed', fault: { drop: true } })
    await expect(artifacts.uploadArtifact('doomed', files, join(temp.path, 'out'))).rejects.toThrow(/ECONNRESET|network/i)
    const { id } = await artifacts.uploadArtifact('spared', files, join(temp.path, 'out'))
    rule.remove()
    expect(rule.hits).toBe(1)
    expect(gh.state.artifacts.find(artifact => artifact.id === id)?.finalized).toBe(true)
    expect(gh.state.artifacts.some(artifact => artifact.name === 'doomed')).toBe(false)
  })

  it('but not from a dropped connection to the results service: the client gives up at once', async () => {
    gh.inject({ path: `${ARTIFACTS}/CreateArtifact`, times: 1, fault: { drop: true } })
    await expect(artifacts.uploadArtifact('dropped', files, join(temp.path, 'out'))).rejects.toThrow(/ECONNRESET|network/i)
    expect(statusesOf(`${ARTIFACTS}/CreateArtifact`).at(-1)).toBeUndefined()
  })
})

describe('the cache client', () => {
  it('retries a 502 of the results service and restores', async () => {
    await mkdir(join(temp.path, 'venv'))
    await writeFile(join(temp.path, 'venv', 'pip.txt'), 'numpy')
    expect(await cache.saveCache([join(temp.path, 'venv')], 'deps-1')).toBeGreaterThan(0)
    gh.inject({ path: `${CACHES}/GetCacheEntryDownloadURL`, times: 1, fault: { status: 502 } })
    expect(await cache.restoreCache([join(temp.path, 'venv')], 'deps-1')).toBe('deps-1')
    expect(statusesOf(`${CACHES}/GetCacheEntryDownloadURL`)).toEqual([502, 200])
  }, 30_000)

  it('treats a 429 as final: the save is skipped (-1) without a retry', async () => {
    gh.inject({ path: `${CACHES}/CreateCacheEntry`, times: 1, fault: { status: 429, retryAfter: 1 } })
    expect(await cache.saveCache([join(temp.path, 'venv')], 'deps-2')).toBe(-1)
    expect(statusesOf(`${CACHES}/CreateCacheEntry`)).toEqual([200, 429])
    expect(gh.state.caches.map(entry => entry.key)).toEqual(['deps-1'])
  })
})
