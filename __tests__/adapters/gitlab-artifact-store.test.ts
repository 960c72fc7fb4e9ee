/** The ArtifactStore port over GitLab's generic package registry, against the GitLab emulator over real HTTP. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { GitLabPackageArtifactStore, ARCHIVE_FILE } from '../../src/adapters/gitlab/package-artifact-store.js'
import { UserError } from '../../src/errors.js'
import { startGitLabEmulator, type GitLabEmulator } from '../gitlab-emulator/index.js'
import { tempDir, type TempDir } from '../emulator/test-support.js'

let gl: GitLabEmulator
let temp: TempDir
const infos: string[] = []

beforeAll(async () => {
  gl = await startGitLabEmulator({ projectId: 7, projectPath: 'acme/models' })
  temp = await tempDir('gl-artifacts')
})
afterAll(async () => {
  await gl.close()
  await temp.remove()
})
afterEach(() => gl.clearFaults())

function storeFor(pipelineId: number, token = gl.addJobToken(pipelineId)) {
  return new GitLabPackageArtifactStore({
    apiUrl: gl.apiUrl,
    projectId: '7',
    token: { header: 'JOB-TOKEN', value: token, variable: 'CI_JOB_TOKEN' },
    // GitLab does not let a job token read the pipelines that list() reads.
    pipelinesToken: { header: 'PRIVATE-TOKEN', value: gl.projectToken, variable: 'MODEL_CI_GITLAB_TOKEN' },
    pipelineId,
    logger: { info: (message) => infos.push(message) },
    retryDelayMs: 5
  })
}

const LONG_PATH = `outputs/${'deep/'.repeat(25)}weights.bin`

/** A trained model's folder: manifest.json at the root, the model under outputs/ (one file past ustar's 100-byte names). */
async function modelFolder(name: string, pipelineId: number, modelBytes: Buffer): Promise<{ root: string; files: string[] }> {
  const root = join(temp.path, name)
  await mkdir(join(root, 'outputs', ...'deep/'.repeat(25).split('/').filter(Boolean)), { recursive: true })
  const manifest = { schema: 1, model: name, status: 'success', version: `2026.12.05-075500-abcdef0-r${pipelineId}` }
  await writeFile(join(root, 'manifest.json'), JSON.stringify(manifest))
  await writeFile(join(root, 'outputs', 'model.bin'), modelBytes)
  await writeFile(join(root, LONG_PATH), 'long')
  return { root, files: [join(root, 'manifest.json'), join(root, 'outputs', 'model.bin'), join(root, LONG_PATH)] }
}

const archiveGets = () => gl.requests.filter((request) => request.method === 'GET' && request.path.endsWith(`/${ARCHIVE_FILE}`))

describe('GitLabPackageArtifactStore', () => {
  it('uploads a model as package model-ci-<model> at its version label, with GitLab\'s sha256 as digest, lists it, reads the manifest without the model, and downloads it whole', async () => {
    const pipeline = gl.addPipeline({ sha: 'a'.repeat(40), ref: 'main' })
    const store = storeFor(pipeline.id)
    const model = Buffer.alloc(300_000, 7)
    const { root, files } = await modelFolder('fraud', pipeline.id, model)
    const stored = await store.upload('model-ci-fraud', root, files, { compressionLevel: 0 })

    const pkg = gl.state.package(stored.id)
    expect(pkg).toMatchObject({ name: 'model-ci-fraud', version: `2026.12.05-075500-abcdef0-r${pipeline.id}` })
    const archive = pkg!.files.find((file) => file.file_name === ARCHIVE_FILE)!
    expect(stored.digest).toBe(`sha256:${archive.file_sha256}`)
    expect(pkg!.files.map((file) => file.file_name).sort()).toEqual(['manifest.json', ARCHIVE_FILE])
    // The archive is a tar that tar itself reads, long path included.
    await writeFile(join(temp.path, 'stored.tar'), archive.content)
    const { stdout } = await promisify(execFile)('tar', ['-tf', join(temp.path, 'stored.tar')])
    expect(stdout.trim().split('\n').sort()).toEqual(['manifest.json', LONG_PATH, 'outputs/model.bin'].sort())

    // The ledger's package has the pipeline id as version; another pipeline's package is not listed.
    const ledgerRoot = join(temp.path, 'ledger')
    await mkdir(ledgerRoot, { recursive: true })
    await writeFile(join(ledgerRoot, 'ledger.json'), '{"schema":1}')
    await store.upload('model-ci-ledger', ledgerRoot, [join(ledgerRoot, 'ledger.json')], { compressionLevel: 0 })
    const other = gl.addPipeline({ sha: 'b'.repeat(40), ref: 'feature' })
    const otherFolder = await modelFolder('churn', other.id, Buffer.from('x'))
    await storeFor(other.id).upload('model-ci-churn', otherFolder.root, otherFolder.files, { compressionLevel: 0 })

    const listed = await store.list()
    expect(listed).toEqual([
      { id: stored.id, name: 'model-ci-fraud', size: stored.size, digest: stored.digest },
      expect.objectContaining({ name: 'model-ci-ledger' })
    ])
    expect(gl.state.packages.find((candidate) => candidate.name === 'model-ci-ledger')?.version).toBe(String(pipeline.id))

    const before = archiveGets().length
    const manifest = await store.readFile(listed[0], 'manifest.json', { maxBytes: 10_000 })
    expect(JSON.parse(manifest!)).toMatchObject({ model: 'fraud' })
    expect(archiveGets().length).toBe(before)
    await expect(store.readFile(listed[0], 'manifest.json', { maxBytes: 10 })).rejects.toThrow(/more than the 10/)
    // A path only the archive holds is read from it.
    expect(await store.readFile(listed[0], LONG_PATH, { maxBytes: 100 })).toBe('long')
    expect(await store.readFile(listed[0], 'outputs/none.bin', { maxBytes: 100 })).toBeUndefined()

    const destination = join(temp.path, 'downloaded')
    await store.download(stored.id, destination, { expectedDigest: stored.digest })
    expect(await readFile(join(destination, 'outputs', 'model.bin'))).toEqual(model)
    expect(await readFile(join(destination, LONG_PATH), 'utf8')).toBe('long')
  })

  it('lists for a pipeline the packages its child pipelines uploaded for its run, and no other pipeline\'s that names it', async () => {
    const parent = gl.addPipeline({ sha: 'e'.repeat(40), ref: 'main', source: 'push', status: 'running' })
    const child = gl.addPipeline({ sha: 'e'.repeat(40), ref: 'main', source: 'parent_pipeline', status: 'running', parent: parent.id })
    const stranger = gl.addPipeline({ sha: 'f'.repeat(40), ref: 'feature', source: 'merge_request_event', status: 'running' })
    // The child's jobs run for the parent's run: version -r<parent>, ledger version <parent>, uploaded with the child's job token.
    const childStore = storeFor(parent.id, gl.addJobToken(child.id))
    const folder = await modelFolder('child-model', parent.id, Buffer.from('trained'))
    const stored = await childStore.upload('model-ci-churn', folder.root, folder.files, { compressionLevel: 0 })
    expect(gl.state.package(stored.id)?.version).toMatch(new RegExp(`-r${parent.id}$`))
    const ledgerRoot = join(temp.path, 'child-ledger')
    await mkdir(ledgerRoot, { recursive: true })
    await writeFile(join(ledgerRoot, 'ledger.json'), '{"schema":1}')
    await childStore.upload('model-ci-ledger', ledgerRoot, [join(ledgerRoot, 'ledger.json')], { compressionLevel: 0 })
    expect(gl.state.packages.filter((pkg) => pkg.name === 'model-ci-ledger').map((pkg) => pkg.version)).toContain(String(parent.id))
    // Another pipeline's package naming the parent's run does not count (it is newer, so it would win by name).
    const forged = await modelFolder('forged', parent.id, Buffer.from('forged'))
    await writeFile(join(forged.root, 'manifest.json'), JSON.stringify({ schema: 1, model: 'fraud', status: 'success', version: `2026.12.05-080000-abcdef0-r${parent.id}` }))
    await storeFor(parent.id, gl.addJobToken(stranger.id)).upload('model-ci-fraud', forged.root, forged.files, { compressionLevel: 0 })

    const listed = await storeFor(parent.id).list(parent.id)
    expect(listed.map((artifact) => artifact.name)).toEqual(['model-ci-churn', 'model-ci-ledger'])
    expect(listed[0]).toMatchObject({ id: stored.id, digest: stored.digest })
    expect(gl.requests.some((request) => request.path.endsWith(`/pipelines/${parent.id}/bridges`))).toBe(true)

    // Where the token may not read the bridges: a parent_pipeline pipeline of the parent's ref and commit.
    gl.inject({ path: `/api/v4/projects/7/pipelines/${parent.id}/bridges`, fault: { status: 403 } })
    const fallback = await storeFor(parent.id).list(parent.id)
    expect(fallback.map((artifact) => artifact.name)).toEqual(['model-ci-churn', 'model-ci-ledger'])
  })

  it('finds a pipeline\'s packages past one page of the package list', async () => {
    const pipeline = gl.addPipeline({ sha: 'c'.repeat(40), ref: 'main' })
    gl.addJobToken(pipeline.id)
    for (let index = 0; index < 130; index += 1) {
      gl.state.putPackageFile(`model-ci-m${String(index).padStart(3, '0')}`, `2026.12.05-000000-abcdef0-r${pipeline.id}`, ARCHIVE_FILE, Buffer.from(`m${index}`), pipeline.id)
    }
    const listed = await storeFor(pipeline.id).list(pipeline.id)
    expect(listed).toHaveLength(130)
    expect(listed[129]).toMatchObject({ name: 'model-ci-m129', digest: `sha256:${createHash('sha256').update('m129').digest('hex')}` })
    const pages = gl.requests.filter((request) => request.path === '/api/v4/projects/7/packages' && request.query.page === '2')
    expect(pages.length).toBeGreaterThan(0)
    expect(await storeFor(pipeline.id).list(999_999)).toEqual([])
  })

  it('finds an old pipeline\'s packages in a few requests however many packages came after them', async () => {
    let tick = Date.parse('2026-12-01T00:00:00Z')
    const clocked = await startGitLabEmulator({ now: () => new Date((tick += 1000)) })
    try {
      const old = clocked.addPipeline({ sha: 'a'.repeat(40), ref: 'main', status: 'running' })
      for (const name of ['model-ci-a', 'model-ci-b']) clocked.state.putPackageFile(name, `2026.12.01-000000-aaaaaaa-r${old.id}`, ARCHIVE_FILE, Buffer.from(name), old.id)
      clocked.state.putPackageFile('model-ci-ledger', String(old.id), ARCHIVE_FILE, Buffer.from('ledger'), old.id)
      clocked.setPipelineStatus(old.id, 'success')
      const later = clocked.addPipeline({ sha: 'b'.repeat(40), ref: 'main' })
      for (let index = 0; index < 2000; index += 1) clocked.state.putPackageFile(`model-ci-x${index}`, `1.0-r${later.id}`, ARCHIVE_FILE, Buffer.from('x'), later.id)
      const store = new GitLabPackageArtifactStore({
        apiUrl: clocked.apiUrl,
        projectId: '7',
        token: { header: 'JOB-TOKEN', value: clocked.addJobToken(later.id), variable: 'CI_JOB_TOKEN' },
        pipelinesToken: { header: 'PRIVATE-TOKEN', value: clocked.projectToken, variable: 'MODEL_CI_GITLAB_TOKEN' },
        pipelineId: later.id,
        logger: { info: () => undefined }
      })
      expect((await store.list(old.id)).map((artifact) => artifact.name)).toEqual(['model-ci-a', 'model-ci-b', 'model-ci-ledger'])
      const listings = clocked.requests.filter((request) => request.path === '/api/v4/projects/7/packages')
      // 21 pages in all: a binary search reads about log2(21) of them, then the pipeline's own.
      expect(listings.length).toBeLessThanOrEqual(8)
    } finally {
      await clocked.close()
    }
  })

  it('retries 502s, a 429 with Retry-After and a dropped connection, within bounds', async () => {
    const pipeline = gl.addPipeline({ sha: 'd'.repeat(40), ref: 'main' })
    const store = storeFor(pipeline.id)
    const { root, files } = await modelFolder('retry', pipeline.id, Buffer.from('model'))
    const uploads = gl.inject({ method: 'PUT', path: new RegExp(`/${ARCHIVE_FILE}$`), times: 2, fault: { status: 502 } })
    const stored = await store.upload('model-ci-retry', root, files, { compressionLevel: 0 })
    expect(uploads.hits).toBe(2)
    const limited = gl.inject({ path: '/api/v4/projects/7/packages', times: 1, fault: { status: 429, retryAfter: 0 } })
    expect((await store.list()).map((artifact) => artifact.name)).toEqual(['model-ci-retry'])
    expect(limited.hits).toBe(1)
    const dropped = gl.inject({ method: 'GET', path: new RegExp(`/${ARCHIVE_FILE}$`), times: 1, fault: { drop: true } })
    await store.download(stored.id, join(temp.path, 'retried'), { expectedDigest: stored.digest })
    expect(dropped.hits).toBe(1)
    // A download that breaks off half way is tried again, whole.
    const cut = gl.inject({ method: 'GET', path: new RegExp(`/${ARCHIVE_FILE}$`), times: 2, fault: { cutAfterBytes: 700 } })
    await store.download(stored.id, join(temp.path, 'cut'), { expectedDigest: stored.digest })
    expect(cut.hits).toBe(2)
    gl.inject({ method: 'GET', path: new RegExp(`/${ARCHIVE_FILE}$`), times: 3, fault: { cutAfterBytes: 700 } })
    await expect(store.download(stored.id, join(temp.path, 'cut-thrice'))).rejects.toThrow(/^The download of artifact package "model-ci-retry" version ".*" broke off 3 times; re-run the job/)
    expect(await readFile(join(temp.path, 'cut', 'outputs', 'model.bin'), 'utf8')).toBe('model')
    expect(infos.some((line) => /retry 1 of 4/.test(line))).toBe(true)

    // A server that stays down fails after the bounded retries, in one line, without the token.
    gl.inject({ method: 'GET', path: new RegExp(`/${ARCHIVE_FILE}$`), fault: { status: 503 } })
    const error = await store.download(stored.id, join(temp.path, 'down'), {}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toMatch(/answered GET \/api\/v4\/projects\/7\/packages\/generic\/model-ci-retry\/.* with 503 .*5 times/)
    expect((error as Error).message).not.toContain('\n')
    for (const token of gl.state.tokens.keys()) expect((error as Error).message).not.toContain(token)
  })

  it('refuses content that does not match its digest, naming the package, and puts nothing in the destination', async () => {
    const pipeline = gl.addPipeline({ sha: 'e'.repeat(40), ref: 'main' })
    const store = storeFor(pipeline.id)
    const { root, files } = await modelFolder('tampered', pipeline.id, Buffer.from('honest model'))
    const stored = await store.upload('model-ci-tampered', root, files, { compressionLevel: 0 })
    const archive = gl.state.package(stored.id)!.files.find((file) => file.file_name === ARCHIVE_FILE)!
    archive.content = Buffer.from(archive.content.toString('latin1').replace('honest model', 'hostile mode'), 'latin1')
    const destination = join(temp.path, 'tampered-out')
    const error = await store.download(stored.id, destination, { expectedDigest: stored.digest }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toContain('model-ci-tampered')
    expect((error as Error).message).toContain(`does not match its digest ${stored.digest}`)
    expect(await readdir(destination).catch(() => [])).toEqual([])
    // Without an expected digest, GitLab's own sha256 is checked.
    await expect(store.download(stored.id, destination)).rejects.toThrow(/does not match its digest/)
  })

  it('refuses an archive with a link or a path that leaves the destination', async () => {
    const pipeline = gl.addPipeline({ sha: 'f'.repeat(40), ref: 'main' })
    const store = storeFor(pipeline.id)
    const header = (name: string, type: string, size: number) => {
      const block = Buffer.alloc(512)
      block.write(name, 0)
      block.write('0000644\0', 100)
      block.write(`${size.toString(8).padStart(11, '0')}\0`, 124)
      block.write(type, 156)
      block.write('ustar\0', 257)
      block.fill(' ', 148, 156)
      let sum = 0
      for (const byte of block) sum += byte
      block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148)
      return block
    }
    for (const [name, type] of [['../escape.txt', '0'], ['outputs/link', '2']] as const) {
      const tar = Buffer.concat([header(name, type, 0), Buffer.alloc(1024)])
      const file = gl.state.putPackageFile(`model-ci-hostile${type}`, `1.0-r${pipeline.id}`, ARCHIVE_FILE, tar, pipeline.id)
      await expect(store.download(file.package_id, join(temp.path, `hostile${type}`))).rejects.toThrow(/not an archive model-ci can use/)
    }
  })
})
