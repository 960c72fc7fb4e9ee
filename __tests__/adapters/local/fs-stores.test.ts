/** The local twins of the artifact and cache stores, over `.model-ci/` in a temporary repository. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { lstat, mkdir, mkdtemp, readFile, readlink, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FsArtifactStore } from '../../../src/adapters/local/fs-artifact-store.js'
import { FsCacheStore } from '../../../src/adapters/local/fs-cache-store.js'
import type { Logger } from '../../../src/ports/logger.js'
import { literally } from '../../harness/patterns.js'

let temp: string
let repo: string

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'model-ci-fs-stores-'))
  repo = join(temp, 'repo')
  await mkdir(repo)
})

afterAll(() => rm(temp, { recursive: true, force: true }))

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = []
  return { warnings, info: () => {}, debug: () => {}, warning: message => void warnings.push(message), group: (_title, work) => work() }
}

const silent = recordingLogger()

/** The digest FsArtifactStore documents, computed here independently from a path → content map. */
function documentedDigest(files: Record<string, Buffer | string>): string {
  const hash = createHash('sha256')
  for (const path of Object.keys(files).sort()) {
    const content = Buffer.from(files[path] ?? '')
    hash.update(`${path}\0${content.length}\0`).update(content)
  }
  return `sha256:${hash.digest('hex')}`
}

async function writeTree(root: string, files: Record<string, Buffer | string>): Promise<string[]> {
  const written: string[] = []
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true })
    await writeFile(join(root, path), content)
    written.push(join(root, path))
  }
  return written
}

describe('FsArtifactStore', () => {
  const modelFiles = { 'manifest.json': '{"schema":1}', 'outputs/model.bin': Buffer.from([0, 1, 2, 255, 254]), 'outputs/z/notes.txt': 'hello\n' }
  let outputs: string
  let uploaded: { id: number; digest: string; size: number }

  beforeAll(async () => {
    outputs = join(temp, 'train-output')
  })

  it('uploads, lists and downloads byte for byte, with the documented digest', async () => {
    const files = await writeTree(outputs, modelFiles)
    const store = new FsArtifactStore(repo, 812, silent)
    uploaded = await store.upload('model-ci-fraud', outputs, files, { compressionLevel: 0 })
    expect(uploaded).toEqual({ id: 1, name: 'model-ci-fraud', size: 12 + 5 + 6, digest: documentedDigest(modelFiles) })
    expect(await store.list()).toEqual([uploaded])
    expect(await new FsArtifactStore(repo, 999, silent).list(812)).toEqual([uploaded])
    expect(await store.list(7)).toEqual([])

    const destination = join(temp, 'download-1')
    await new FsArtifactStore(repo, 999, silent).download(uploaded.id, destination, { runId: 812, expectedDigest: uploaded.digest })
    expect((await readFile(join(destination, 'outputs', 'model.bin'))).equals(modelFiles['outputs/model.bin'])).toBe(true)
    expect(await readFile(join(destination, 'outputs', 'z', 'notes.txt'), 'utf8')).toBe('hello\n')
    expect(await readFile(join(destination, 'manifest.json'), 'utf8')).toBe('{"schema":1}')
  })

  it('finds an artifact by id only in its own run', async () => {
    await expect(new FsArtifactStore(repo, 999, silent).download(uploaded.id, join(temp, 'nowhere'))).rejects.toThrow(`Artifact ${uploaded.id} of run 999 is not in`)
  })

  it('replaces an artifact of the same name uploaded earlier in the run', async () => {
    const store = new FsArtifactStore(repo, 812, silent)
    const changed = { ...modelFiles, 'outputs/model.bin': Buffer.from('retrained') }
    const files = await writeTree(outputs, changed)
    const second = await store.upload('model-ci-fraud', outputs, files, { compressionLevel: 0 })
    expect(second.id).toBe(2)
    expect(second.digest).toBe(documentedDigest(changed))
    expect(await store.list()).toEqual([second])
    await expect(store.download(uploaded.id, join(temp, 'old'))).rejects.toThrow(/not in/)
    const destination = join(temp, 'download-2')
    await store.download(second.id, destination, { expectedDigest: second.digest })
    expect(await readFile(join(destination, 'outputs', 'model.bin'), 'utf8')).toBe('retrained')
    uploaded = second
  })

  it('reads one file of an artifact, from its own run or another, and nothing for a file it lacks', async () => {
    const listed = { id: uploaded.id, name: 'model-ci-fraud', size: uploaded.size }
    expect(await new FsArtifactStore(repo, 812, silent).readFile(listed, 'manifest.json', { maxBytes: 100 })).toBe('{"schema":1}')
    expect(await new FsArtifactStore(repo, 999, silent).readFile(listed, 'outputs/z/notes.txt', { runId: 812, maxBytes: 100 })).toBe('hello\n')
    expect(await new FsArtifactStore(repo, 812, silent).readFile(listed, 'ledger.json', { maxBytes: 100 })).toBeUndefined()
    await expect(new FsArtifactStore(repo, 999, silent).readFile(listed, 'manifest.json', { maxBytes: 100 })).rejects.toThrow(`Artifact ${uploaded.id} of run 999 is not in`)
  })

  it('refuses a file larger than asked for, or one that is not a regular file, naming the artifact', async () => {
    const store = new FsArtifactStore(repo, 812, silent)
    const listed = { id: uploaded.id, name: 'model-ci-fraud', size: uploaded.size }
    await expect(store.readFile(listed, 'manifest.json', { maxBytes: 5 })).rejects.toMatchObject({
      name: 'UserError',
      message: `artifact "model-ci-fraud" (id ${uploaded.id}) of run 812: manifest.json is 12 bytes, more than the 5 model-ci reads`
    })
    await expect(store.readFile(listed, 'outputs/z', { maxBytes: 100 })).rejects.toThrow(`artifact "model-ci-fraud" (id ${uploaded.id}) of run 812: `)
    await expect(store.readFile(listed, '../artifact.json', { maxBytes: 100 })).rejects.toThrow('"../artifact.json" is not a path inside an artifact')
  })

  it('refuses a tampered artifact, naming it, and copies nothing', async () => {
    await writeFile(join(repo, '.model-ci', 'artifacts', '812', 'model-ci-fraud', 'files', 'outputs', 'model.bin'), 'tampered!')
    const destination = join(temp, 'download-tampered')
    const store = new FsArtifactStore(repo, 812, silent)
    await expect(store.download(uploaded.id, destination, { expectedDigest: uploaded.digest })).rejects.toMatchObject({
      name: 'UserError',
      message: expect.stringContaining(`Artifact "model-ci-fraud" (id ${uploaded.id}) of run 812 does not match its digest ${uploaded.digest}`)
    })
    await expect(lstat(destination)).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('refuses a file outside the root and a name GitHub would refuse', async () => {
    const store = new FsArtifactStore(repo, 812, silent)
    await expect(store.upload('x', outputs, [join(temp, 'elsewhere.txt')], { compressionLevel: 0 })).rejects.toThrow(/is not inside the artifact's root/)
    await expect(store.upload('a/b', outputs, [], { compressionLevel: 0 })).rejects.toThrow('"a/b" is not a valid artifact name')
  })

  it('leaves a record that cannot be read out of the list, warned about once naming its file; a download of it names the file; an upload replaces it', async () => {
    const logger = recordingLogger()
    const store = new FsArtifactStore(repo, 814, logger)
    const files = await writeTree(join(temp, 'corrupt'), { 'a.txt': 'a' })
    const good = await store.upload('model-ci-good', join(temp, 'corrupt'), files, { compressionLevel: 0 })
    const broken = await store.upload('model-ci-broken', join(temp, 'corrupt'), files, { compressionLevel: 0 })
    const folder = join(repo, '.model-ci', 'artifacts', '814', 'model-ci-broken')
    await writeFile(join(folder, 'artifact.json'), '{"id": ')
    await mkdir(join(repo, '.model-ci', 'artifacts', '814', 'stray'))

    expect(await store.list()).toEqual([good])
    expect(await store.list()).toEqual([good])
    expect(logger.warnings).toEqual([
      expect.stringMatching(new RegExp(`^${literally(join(folder, 'artifact.json'))}: it is not valid JSON \\(.+\\), so ${literally(folder)} is left out of the artifacts of run 814; delete that folder, or run the training again$`)),
      `${join(repo, '.model-ci', 'artifacts', '814', 'stray', 'artifact.json')}: it does not exist, so ${join(repo, '.model-ci', 'artifacts', '814', 'stray')} is left out of the artifacts of run 814; delete that folder, or run the training again`
    ])
    await expect(store.download(broken.id, join(temp, 'corrupt-download'))).rejects.toMatchObject({
      name: 'UserError',
      message: expect.stringMatching(new RegExp(`^${literally(join(folder, 'artifact.json'))}: it is not valid JSON \\(.+\\), so artifact ${broken.id} of run 814 cannot be used; delete ${literally(folder)}, or run the training again$`))
    })

    const again = await store.upload('model-ci-broken', join(temp, 'corrupt'), files, { compressionLevel: 0 })
    expect((await store.list()).map(artifact => artifact.name)).toEqual(['model-ci-broken', 'model-ci-good'])
    await store.download(again.id, join(temp, 'corrupt-download'), { expectedDigest: again.digest })
  })

  it('gives distinct ids to uploads made at the same time', async () => {
    const store = new FsArtifactStore(repo, 813, silent)
    const files = await writeTree(join(temp, 'parallel'), { 'a.txt': 'a' })
    const results = await Promise.all(['one', 'two', 'three', 'four'].map(name => store.upload(name, join(temp, 'parallel'), files, { compressionLevel: 0 })))
    expect(new Set(results.map(result => result.id)).size).toBe(4)
    expect((await store.list()).map(artifact => artifact.name)).toEqual(['four', 'one', 'three', 'two'])
  })
})

describe('FsCacheStore', () => {
  let venv: string

  beforeAll(async () => {
    venv = join(temp, 'venv')
  })

  async function fillVenv(marker: string): Promise<void> {
    await rm(venv, { recursive: true, force: true })
    await writeTree(venv, { 'lib/marker.txt': marker })
    await mkdir(join(venv, 'bin'))
    await symlink('/opt/python/bin/python3', join(venv, 'bin', 'python'))
  }

  const marker = () => readFile(join(venv, 'lib', 'marker.txt'), 'utf8')

  it('saves an entry and restores it by exact key, symbolic links kept', async () => {
    const logger = recordingLogger()
    const cache = new FsCacheStore(repo, logger)
    await fillVenv('first')
    expect(await cache.save([venv], 'deps-linux-1')).toBe(true)
    await rm(venv, { recursive: true })
    expect(await cache.restore([venv], 'deps-linux-1', ['deps-linux-'])).toBe('deps-linux-1')
    expect(await marker()).toBe('first')
    expect(await readlink(join(venv, 'bin', 'python'))).toBe('/opt/python/bin/python3')
    expect(logger.warnings).toEqual([])
  })

  it('restores the newest entry matching a restore key, in the order of the restore keys', async () => {
    const cache = new FsCacheStore(repo, recordingLogger())
    await fillVenv('second')
    expect(await cache.save([venv], 'deps-linux-2')).toBe(true)
    await fillVenv('old')
    expect(await cache.save([venv], 'deps-linux-0')).toBe(true)
    // Make deps-linux-0 the oldest whatever the file system's clock resolution.
    const entries = await readdir(join(repo, '.model-ci', 'cache'))
    for (const entry of entries) {
      const keyFile = join(repo, '.model-ci', 'cache', entry, 'key')
      const key = await readFile(keyFile, 'utf8')
      const age = { 'deps-linux-0': 3000, 'deps-linux-1': 2000, 'deps-linux-2': 1000 }[key] ?? 0
      await utimes(keyFile, new Date(Date.now() - age * 1000), new Date(Date.now() - age * 1000))
    }
    await rm(venv, { recursive: true })
    expect(await cache.restore([venv], 'deps-linux-9', ['deps-windows-', 'deps-linux-'])).toBe('deps-linux-2')
    expect(await marker()).toBe('second')
    expect(await cache.restore([venv], 'deps-linux-9', ['deps-linux-0', 'deps-'])).toBe('deps-linux-0')
    expect(await marker()).toBe('old')
  })

  it('misses on an unknown key and on other paths', async () => {
    const logger = recordingLogger()
    const cache = new FsCacheStore(repo, logger)
    expect(await cache.restore([venv], 'pip-linux-1', ['pip-'])).toBeUndefined()
    expect(await cache.restore([join(temp, 'elsewhere')], 'deps-linux-1')).toBeUndefined()
    expect(await new FsCacheStore(join(temp, 'empty-repo'), logger).restore([venv], 'deps-linux-1')).toBeUndefined()
    expect(logger.warnings).toEqual([])
  })

  it('never overwrites an entry, and says so', async () => {
    const logger = recordingLogger()
    const cache = new FsCacheStore(repo, logger)
    await fillVenv('third')
    expect(await cache.save([venv], 'deps-linux-1')).toBe(false)
    expect(logger.warnings).toEqual(['Cache entry "deps-linux-1" was not saved: an entry with this key already exists'])
    await rm(venv, { recursive: true })
    await cache.restore([venv], 'deps-linux-1')
    expect(await marker()).toBe('first')
  })

  it('warns and returns false when none of the paths exist', async () => {
    const logger = recordingLogger()
    expect(await new FsCacheStore(repo, logger).save([join(temp, 'missing')], 'deps-missing')).toBe(false)
    expect(logger.warnings).toEqual([expect.stringMatching(/^Cache entry "deps-missing" was not saved: none of its paths exist/)])
  })

  it('throws on a key GitHub would refuse: that is a bug of the caller', async () => {
    const cache = new FsCacheStore(repo, recordingLogger())
    await expect(cache.save([venv], 'a,b')).rejects.toThrow('The cache key "a,b" contains a comma')
    await expect(cache.restore([venv], 'k'.repeat(513))).rejects.toThrow('is 513 characters long; GitHub allows at most 512')
  })
})
