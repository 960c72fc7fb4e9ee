/** The run-cache of GitLab jobs over the project's generic package registry, against the GitLab emulator over real HTTP. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ARCHIVE_FILE } from '../../src/adapters/gitlab/package-artifact-store.js'
import { GitLabPackageRunCache, RUN_CACHE_PACKAGE } from '../../src/adapters/gitlab/package-run-cache.js'
import { writeTar } from '../../src/adapters/gitlab/tar-archive.js'
import { startGitLabEmulator, type GitLabEmulator } from '../gitlab-emulator/index.js'
import { tempDir, type TempDir } from '../emulator/test-support.js'

let gl: GitLabEmulator
let temp: TempDir
let warnings: string[] = []

beforeAll(async () => {
  gl = await startGitLabEmulator({ projectId: 7, projectPath: 'acme/models' })
  temp = await tempDir('gl-run-cache')
})
afterAll(async () => {
  await gl.close()
  await temp.remove()
})
afterEach(() => {
  gl.clearFaults()
  warnings = []
})

let checkouts = 0

/** A job of a pipeline of `ref`, in a build folder of its own, with a training's outputs and manifest. */
async function job(ref: string, options: { model?: string; manifest?: string } = {}) {
  const pipeline = gl.addPipeline({ sha: 'a'.repeat(40), ref })
  const root = join(temp.path, `checkout-${(checkouts += 1)}`)
  const output = join(root, 'models', 'fraud', 'outputs')
  const manifest = join(root, '.model-ci', 'tmp', 'manifest.json')
  await mkdir(join(output, 'nested'), { recursive: true })
  await mkdir(join(root, '.model-ci', 'tmp'), { recursive: true })
  await writeFile(join(output, 'model.bin'), options.model ?? 'weights')
  await writeFile(join(output, 'nested', 'scaler.json'), '{"mean": 1}')
  await writeFile(manifest, options.manifest ?? '{"schema": 1}')
  const cache = new GitLabPackageRunCache({
    apiUrl: gl.apiUrl,
    projectId: '7',
    token: { header: 'JOB-TOKEN', value: gl.addJobToken(pipeline.id), variable: 'CI_JOB_TOKEN' },
    defaultBranch: 'main',
    repositoryRoot: root,
    logger: { info: () => undefined, warning: (message) => warnings.push(message) },
    retryDelayMs: 5
  })
  return { cache, paths: [output, manifest], output, manifest, pipeline }
}

const KEY = 'model-ci-run-v1-fraud-0123abcd'

describe('GitLabPackageRunCache', () => {
  it('gives a merge request the entry a default-branch pipeline saved, in another build folder, with every file in place', async () => {
    const main = await job('main', { model: 'trained on main', manifest: '{"version": "r1"}' })
    expect(await main.cache.save(main.paths, KEY)).toBe(true)
    const saved = gl.state.packages.filter((pkg) => pkg.name === RUN_CACHE_PACKAGE)
    expect(saved).toHaveLength(1)
    expect(saved[0].files.map((file) => file.file_name)).toEqual([ARCHIVE_FILE])

    const mr = await job('refs/merge-requests/3/head', { model: 'stale', manifest: 'stale' })
    await writeFile(join(mr.output, 'leftover.bin'), 'not of the entry')
    expect(await mr.cache.restore(mr.paths, KEY)).toBe(KEY)
    expect(await readFile(join(mr.output, 'model.bin'), 'utf8')).toBe('trained on main')
    expect(await readFile(join(mr.output, 'nested', 'scaler.json'), 'utf8')).toBe('{"mean": 1}')
    expect(await readFile(mr.manifest, 'utf8')).toBe('{"version": "r1"}')
    // The path is the entry's: what was there before is gone.
    await expect(readFile(join(mr.output, 'leftover.bin'))).rejects.toThrow()
    expect(warnings).toEqual([])
  })

  it("keeps a merge request's entries to that merge request: the default branch and other merge requests miss them", async () => {
    const key = `${KEY}-mr-only`
    const mr = await job('refs/merge-requests/4/head', { model: 'from the merge request' })
    expect(await mr.cache.save(mr.paths, key)).toBe(true)

    const main = await job('main')
    expect(await main.cache.restore(main.paths, key)).toBeUndefined()
    expect(await readFile(join(main.output, 'model.bin'), 'utf8')).toBe('weights')
    const otherMr = await job('refs/merge-requests/5/head')
    expect(await otherMr.cache.restore(otherMr.paths, key)).toBeUndefined()
    const sameMr = await job('refs/merge-requests/4/head')
    expect(await sameMr.cache.restore(sameMr.paths, key)).toBe(key)
    expect(await readFile(join(sameMr.output, 'model.bin'), 'utf8')).toBe('from the merge request')
  })

  it("passes over a default-branch entry that a merge request's pipeline wrote into", async () => {
    const key = `${KEY}-poisoned`
    const main = await job('main', { model: 'good' })
    expect(await main.cache.save(main.paths, key)).toBe(true)
    const entry = gl.state.packages.find((pkg) => pkg.name === RUN_CACHE_PACKAGE && pkg.version.startsWith(`r${key}.`))!
    // A merge request's job puts a well-formed archive of its own into the default branch's package version.
    const poison = join(temp.path, 'poison')
    await mkdir(join(poison, '0'), { recursive: true })
    await writeFile(join(poison, '0', 'model.bin'), 'poisoned')
    await writeFile(join(poison, '1'), '{}')
    await writeTar(poison, ['0/model.bin', '1'], join(temp.path, 'poison.tar'))
    const attacker = gl.addPipeline({ sha: 'b'.repeat(40), ref: 'refs/merge-requests/6/head' })
    const response = await fetch(`${gl.apiUrl}/projects/7/packages/generic/${RUN_CACHE_PACKAGE}/${entry.version}/${ARCHIVE_FILE}`, {
      method: 'PUT',
      headers: { 'JOB-TOKEN': gl.addJobToken(attacker.id) },
      body: await readFile(join(temp.path, 'poison.tar'))
    })
    expect(response.status).toBe(201)

    const later = await job('main')
    expect(await later.cache.restore(later.paths, key)).toBeUndefined()
    expect(await readFile(join(later.output, 'model.bin'), 'utf8')).toBe('weights')
    expect(warnings).toEqual([])
  })

  it('is a miss with a warning when the stored archive does not match its digest, and leaves the paths as they were', async () => {
    const key = `${KEY}-tampered`
    const main = await job('main')
    expect(await main.cache.save(main.paths, key)).toBe(true)
    const entry = gl.state.packages.find((pkg) => pkg.name === RUN_CACHE_PACKAGE && pkg.version.startsWith(`r${key}.`))!
    const archive = entry.files.find((file) => file.file_name === ARCHIVE_FILE)!
    archive.content = Buffer.from(archive.content.toString('latin1').replace('weights', 'WEIGHTS'), 'latin1')

    const later = await job('main', { model: 'mine' })
    expect(await later.cache.restore(later.paths, key)).toBeUndefined()
    expect(warnings.join('\n')).toMatch(/does not match its digest/)
    expect(await readFile(join(later.output, 'model.bin'), 'utf8')).toBe('mine')
  })

  it('finds the newest entry of a restore key, and an entry only with the same paths', async () => {
    const older = await job('main', { model: 'older' })
    expect(await older.cache.save(older.paths, 'model-ci-deps-v1-fraud-Linux-py3.11-aaaa')).toBe(true)
    const newer = await job('main', { model: 'newer' })
    expect(await newer.cache.save(newer.paths, 'model-ci-deps-v1-fraud-Linux-py3.11-bbbb')).toBe(true)

    const reader = await job('feature')
    expect(await reader.cache.restore(reader.paths, 'model-ci-deps-v1-fraud-Linux-py3.11-cccc', ['model-ci-deps-v1-fraud-Linux-py3.11-'])).toBe('model-ci-deps-v1-fraud-Linux-py3.11-bbbb')
    expect(await readFile(join(reader.output, 'model.bin'), 'utf8')).toBe('newer')
    expect(await reader.cache.restore([reader.output], 'model-ci-deps-v1-fraud-Linux-py3.11-bbbb')).toBeUndefined()
  })

  it('does not save a folder holding a symbolic link, and says so', async () => {
    const main = await job('main')
    await symlink('/etc/hostname', join(main.output, 'link'))
    expect(await main.cache.save(main.paths, `${KEY}-link`)).toBe(false)
    expect(warnings).toEqual([expect.stringContaining('holds a symbolic link or a special file')])
  })

  it('retries the registry through server errors, and a registry that stays down is a miss with a warning, never an error', async () => {
    const main = await job('main', { model: 'through faults' })
    gl.inject({ method: 'PUT', path: /\/packages\/generic\//, times: 2, fault: { status: 503 } })
    expect(await main.cache.save(main.paths, `${KEY}-faults`)).toBe(true)
    const later = await job('main')
    gl.inject({ method: 'GET', path: /\/packages$/, times: 1, fault: { status: 502 } })
    expect(await later.cache.restore(later.paths, `${KEY}-faults`)).toBe(`${KEY}-faults`)

    gl.inject({ method: 'GET', path: /\/packages$/, times: 50, fault: { status: 500 } })
    const down = await job('main')
    expect(await down.cache.restore(down.paths, `${KEY}-faults`)).toBeUndefined()
    expect(warnings).toEqual([expect.stringMatching(/^Run-cache restore for key "model-ci-run-v1-fraud-0123abcd-faults" from the package registry failed; continuing without it: GitLab answered GET .* with 500/)])
  })
})
