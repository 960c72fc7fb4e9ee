/**
 * GitHubArtifactStore against the emulator, through the real @actions/artifact client. The store
 * loads the client on first use, after beforeAll has set the runner environment (@actions/github
 * reads GITHUB_API_URL when it loads). Retries wait 50 ms here instead of 1 s.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { GitHubArtifactStore } from '../../src/adapters/github/artifact-store.js'
import type { StoredArtifact } from '../../src/ports/artifact-store.js'
import type { Logger } from '../../src/ports/logger.js'
import { startEmulator, type Emulator, type WorkflowRunRecord } from '../emulator/index.js'
import { applyEnv, sha, sha256, tempDir, type TempDir } from '../emulator/test-support.js'
import { makeZip } from '../harness/zip.js'

const ARTIFACTS = '/twirp/github.actions.results.api.v1.ArtifactService'

let gh: Emulator
let restoreEnv: () => void
let temp: TempDir
let producer: WorkflowRunRecord
let consumer: WorkflowRunRecord
let modelDir: string
let weights: Buffer

beforeAll(async () => {
  gh = await startEmulator({ owner: 'acme', repo: 'models' })
  producer = gh.addWorkflowRun({ head_sha: sha(1) })
  consumer = gh.addWorkflowRun({ head_sha: sha(2) })
  temp = await tempDir('artifact-store')
  const { env } = gh.runnerEnv({ runId: producer.id, jobId: 'train-fraud' })
  restoreEnv = applyEnv({ ...env, RUNNER_TEMP: join(temp.path, 'runner-temp'), GITHUB_WORKSPACE: temp.path })
  modelDir = join(temp.path, 'model')
  await mkdir(join(modelDir, 'outputs', 'plots'), { recursive: true })
  weights = randomBytes(3 * 1024 * 1024)
  await writeModel(weights)
  await writeFile(join(modelDir, 'outputs', 'plots', 'roc.svg'), '<svg/>')
})

afterAll(async () => {
  restoreEnv()
  await gh.close()
  await temp.remove()
})

function recordingLogger(): Logger & { infos: string[] } {
  const infos: string[] = []
  return { infos, info: message => void infos.push(message), debug: () => {}, warning: () => {}, group: (_title, work) => work() }
}

/** A store as the job `job` of `run` (at the run's current attempt) would build it. */
function storeFor(run: WorkflowRunRecord, job: string, logger: Logger = recordingLogger()): GitHubArtifactStore {
  process.env.ACTIONS_RUNTIME_TOKEN = gh.mintRuntimeToken(run.id, job)
  return new GitHubArtifactStore({
    runId: run.id,
    runAttempt: run.run_attempt,
    token: gh.defaultToken,
    repository: { owner: 'acme', repo: 'models' },
    logger,
    retryDelayMs: 50
  })
}

async function writeModel(content: Buffer | string): Promise<string[]> {
  await writeFile(join(modelDir, 'outputs', 'model.bin'), content)
  await writeFile(join(modelDir, 'manifest.json'), '{"schema":1}')
  return [join(modelDir, 'manifest.json'), join(modelDir, 'outputs', 'model.bin'), join(modelDir, 'outputs', 'plots', 'roc.svg')]
}

async function expectModelIn(directory: string, content: Buffer | string): Promise<void> {
  expect((await readFile(join(directory, 'outputs', 'model.bin'))).equals(Buffer.from(content))).toBe(true)
  expect(await readFile(join(directory, 'outputs', 'plots', 'roc.svg'), 'utf8')).toBe('<svg/>')
  expect(await readFile(join(directory, 'manifest.json'), 'utf8')).toBe('{"schema":1}')
}

const blobOf = (artifact: StoredArtifact) => gh.blob(gh.state.artifacts.find(record => record.id === artifact.id)?.blob ?? '') ?? Buffer.alloc(0)
const statusesOf = (path: string) => gh.requests.filter(request => request.path === path).map(request => request.status)
const zipPath = (artifact: StoredArtifact) => `/repos/acme/models/actions/artifacts/${artifact.id}/zip`

describe('GitHubArtifactStore', () => {
  let uploaded: StoredArtifact

  it('uploads with the digest GitHub records, and lists and downloads it byte for byte in the same run', async () => {
    const store = storeFor(producer, 'train-fraud')
    uploaded = await store.upload('model-ci-fraud', modelDir, await writeModel(weights), { compressionLevel: 0, retentionDays: 5 })
    expect(uploaded.digest).toBe(`sha256:${sha256(blobOf(uploaded))}`)
    expect(gh.state.artifacts.find(record => record.id === uploaded.id)).toMatchObject({ name: 'model-ci-fraud', digest: uploaded.digest, size_in_bytes: uploaded.size })
    expect(await store.list()).toEqual([uploaded])

    const destination = join(temp.path, 'own-run')
    await store.download(uploaded.id, destination, { expectedDigest: uploaded.digest })
    await expectModelIn(destination, weights)
  })

  it('lists and downloads the artifact from another run (REST and the blob redirect)', async () => {
    const store = storeFor(consumer, 'report')
    expect(await store.list()).toEqual([])
    expect(await store.list(producer.id)).toEqual([uploaded])
    const destination = join(temp.path, 'other-run')
    await store.download(uploaded.id, destination, { runId: producer.id, expectedDigest: uploaded.digest })
    await expectModelIn(destination, weights)
    expect(statusesOf(zipPath(uploaded))).toEqual([302])
  })

  it("finds another run's artifact by name in one request, and lists all of a run of 1,200 models (past @actions/artifact's 1,000)", async () => {
    const many = gh.addWorkflowRun({ head_sha: sha(7) })
    const names = Array.from({ length: 1200 }, (_, index) => `model-ci-m${String(index).padStart(4, '0')}`)
    for (const name of names) gh.addArtifact({ runId: many.id, name, content: Buffer.from(name) })
    const rerun = gh.addArtifact({ runId: many.id, name: 'model-ci-m0007', content: Buffer.from('re-run') })
    const store = storeFor(consumer, 'detect')
    const listPath = `/repos/acme/models/actions/runs/${many.id}/artifacts`
    const before = gh.requests.length

    expect(await store.list(many.id, { name: 'model-ci-m0007' })).toEqual([{ id: rerun.id, name: 'model-ci-m0007', size: rerun.size_in_bytes, digest: rerun.digest }])
    expect(gh.requests.slice(before).filter(request => request.path === listPath)).toHaveLength(1)
    expect(await store.list(many.id, { name: 'model-ci-none' })).toEqual([])

    const all = await store.list(many.id)
    expect(all.map(artifact => artifact.name).sort()).toEqual(names)
    expect(all.find(artifact => artifact.name === 'model-ci-m0007')?.id).toBe(rerun.id)
    expect(await store.list(999_999)).toEqual([])
  })

  it('replaces the artifact of an earlier attempt when a job is re-run', async () => {
    gh.updateWorkflowRun(producer.id, { run_attempt: 2 })
    const logger = recordingLogger()
    const store = storeFor(producer, 'train-fraud-attempt-2', logger)
    const retrained = await store.upload('model-ci-fraud', modelDir, await writeModel('retrained'), { compressionLevel: 6 })
    expect(retrained.id).not.toBe(uploaded.id)
    expect(gh.state.artifacts.filter(record => record.name === 'model-ci-fraud').map(record => record.id)).toEqual([retrained.id])
    expect(logger.infos).toContain(`Deleted artifact "model-ci-fraud" (id ${uploaded.id}) left by an earlier attempt of this run`)
    expect(await store.list()).toEqual([retrained])
    const destination = join(temp.path, 'attempt-2')
    await store.download(retrained.id, destination, { expectedDigest: retrained.digest })
    await expectModelIn(destination, 'retrained')
    uploaded = retrained
  })

  it('replaces an artifact whose name is taken even in a first attempt (GitHub answers 409)', async () => {
    const run = gh.addWorkflowRun({ head_sha: sha(3) })
    const logger = recordingLogger()
    const store = storeFor(run, 'train-fraud', logger)
    const first = await store.upload('model-ci-fraud', modelDir, await writeModel('first'), { compressionLevel: 6 })
    const second = await store.upload('model-ci-fraud', modelDir, await writeModel('second'), { compressionLevel: 6 })
    expect(statusesOf(`${ARTIFACTS}/CreateArtifact`).slice(-3)).toEqual([200, 409, 200])
    expect(logger.infos).toContain('Artifact "model-ci-fraud" already exists in this run; replacing it')
    expect(gh.state.artifacts.filter(record => record.workflow_run_id === run.id).map(record => record.id)).toEqual([second.id])
    expect(second.id).not.toBe(first.id)
  })

  describe('a blob changed after upload', () => {
    const leftovers = async () => (await readdir(temp.path)).filter(name => name.startsWith('.tampered'))

    let tampered: StoredArtifact
    let churnRun: WorkflowRunRecord

    beforeAll(async () => {
      churnRun = gh.addWorkflowRun({ head_sha: sha(4) })
      const store = storeFor(churnRun, 'train-churn')
      // Stored without compression, so the file's bytes appear as they are inside the zip.
      tampered = await store.upload('model-ci-churn', modelDir, await writeModel('ORIGINAL-WEIGHTS'), { compressionLevel: 0 })
      const blob = blobOf(tampered)
      const at = blob.indexOf('ORIGINAL-WEIGHTS')
      expect(at).toBeGreaterThan(0)
      blob.write('X', at)
    })

    it('is refused with a message naming the artifact, and nothing reaches the destination (same run)', async () => {
      const destination = join(temp.path, 'tampered-own')
      await expect(storeFor(churnRun, 'train-churn').download(tampered.id, destination, { expectedDigest: tampered.digest })).rejects.toMatchObject({
        name: 'UserError',
        message: `Artifact "model-ci-churn" (id ${tampered.id}) does not match its digest ${tampered.digest}: its content changed after it was uploaded, so it was not used. Run the training that produced it again.`
      })
      await expect(lstat(destination)).rejects.toMatchObject({ code: 'ENOENT' })
      expect(await leftovers()).toEqual([])
    })

    it('is refused from another run too', async () => {
      const destination = join(temp.path, 'tampered-other')
      await expect(storeFor(consumer, 'promote').download(tampered.id, destination, { runId: churnRun.id, expectedDigest: tampered.digest })).rejects.toThrow(
        `Artifact "model-ci-churn" (id ${tampered.id}) of run ${churnRun.id} does not match its digest`
      )
      await expect(lstat(destination)).rejects.toMatchObject({ code: 'ENOENT' })
      expect(await leftovers()).toEqual([])
    })
  })

  describe('a download', () => {
    it('recovers from 502s of the redirect to blob storage, which the client does not retry', async () => {
      gh.inject({ method: 'GET', path: zipPath(uploaded), times: 2, fault: { status: 502 } })
      const logger = recordingLogger()
      const destination = join(temp.path, 'after-502')
      await storeFor(consumer, 'promote', logger).download(uploaded.id, destination, { runId: producer.id, expectedDigest: uploaded.digest })
      await expectModelIn(destination, 'retrained')
      expect(statusesOf(zipPath(uploaded)).slice(-3)).toEqual([502, 502, 302])
      expect(logger.infos.filter(line => line.startsWith(`Download of artifact ${uploaded.id} failed`))).toHaveLength(2)
    })

    it('recovers from a dropped connection to the results service', async () => {
      const drop = gh.inject({ path: `${ARTIFACTS}/ListArtifacts`, times: 1, fault: { drop: true } })
      const logger = recordingLogger()
      const destination = join(temp.path, 'after-drop')
      await storeFor(producer, 'evaluate', logger).download(uploaded.id, destination, { expectedDigest: uploaded.digest })
      expect(drop.hits).toBe(1)
      expect(logger.infos).toEqual([expect.stringMatching(new RegExp(`^Download of artifact ${uploaded.id} failed \\(.*ECONNRESET.*\\); retry 1 of 3 in 50 ms$`, 's'))])
      await expectModelIn(destination, 'retrained')
    })

    it('gives up after three retries', async () => {
      gh.inject({ method: 'GET', path: zipPath(uploaded), times: 4, fault: { status: 503 } })
      const before = statusesOf(zipPath(uploaded)).length
      await expect(storeFor(consumer, 'promote').download(uploaded.id, join(temp.path, 'never'), { runId: producer.id })).rejects.toMatchObject({ status: 503 })
      expect(statusesOf(zipPath(uploaded)).length - before).toBe(4)
    })

    it('does not retry what a retry cannot fix: an unknown artifact', async () => {
      const unknown = { ...uploaded, id: 424242 }
      await expect(storeFor(consumer, 'promote').download(unknown.id, join(temp.path, 'unknown'), { runId: producer.id })).rejects.toMatchObject({ status: 404 })
      expect(statusesOf(zipPath(unknown))).toEqual([404])
    })

    it('refuses an expected digest that is not in sha256:<hex> form', async () => {
      await expect(storeFor(consumer, 'promote').download(uploaded.id, join(temp.path, 'bad-digest'), { expectedDigest: 'abc' })).rejects.toThrow(
        'An expected artifact digest has the form sha256:<64 hex digits>, not "abc"'
      )
    })
  })
})

describe('GitHubArtifactStore.readFile', () => {
  let run: WorkflowRunRecord
  let large: StoredArtifact
  let small: StoredArtifact
  const blobGets = (artifact: { id: number }) => {
    const key = gh.state.artifacts.find(record => record.id === artifact.id)?.blob
    return gh.requests.filter(request => request.surface === 'blob' && request.method === 'GET' && request.path.endsWith(`/${key}`))
  }
  const bytesServed = (artifact: { id: number }) => blobGets(artifact).reduce((sum, request) => sum + (request.responseBytes ?? 0), 0)

  beforeAll(async () => {
    run = gh.addWorkflowRun({ head_sha: sha(5) })
    const store = storeFor(run, 'train-big')
    large = await store.upload('model-ci-big', modelDir, await writeModel(weights), { compressionLevel: 0 })
    expect(large.size).toBeGreaterThan(3 * 1024 * 1024)
    await writeFile(join(temp.path, 'manifest.json'), '{"schema":1,"small":true}')
    small = await store.upload('model-ci-small', temp.path, [join(temp.path, 'manifest.json')], { compressionLevel: 6 })
  })

  it("reads one file of this run's artifact with a few byte ranges, not the model beside it", async () => {
    const store = storeFor(run, 'report')
    expect(await store.readFile(large, 'manifest.json', { maxBytes: 1024 })).toBe('{"schema":1}')
    expect(bytesServed(large)).toBeLessThan(20 * 1024)
    // The tail (the central directory), then the file's own range unless the tail held it too:
    // where the zip puts manifest.json beside the model is the artifact client's choice.
    const ranges = blobGets(large).map(request => request.status)
    expect(ranges.length === 1 || ranges.length === 2).toBe(true)
    expect(new Set(ranges)).toEqual(new Set([206]))
    expect(await store.readFile(large, 'ledger.json', { maxBytes: 1024 })).toBeUndefined()
    expect(await store.readFile(large, 'outputs/plots/roc.svg', { maxBytes: 1024 })).toBe('<svg/>')
  })

  it("reads one file of another run's artifact through the REST API's redirect", async () => {
    const before = bytesServed(large)
    expect(await storeFor(consumer, 'report').readFile(large, 'manifest.json', { runId: run.id, maxBytes: 1024 })).toBe('{"schema":1}')
    expect(statusesOf(zipPath(large))).toEqual([302])
    expect(bytesServed(large) - before).toBeLessThan(20 * 1024)
  })

  it('finds the true end of the artifact when the listing gives a wrong size', async () => {
    const store = storeFor(run, 'report')
    expect(await store.readFile({ ...large, size: 100 }, 'manifest.json', { maxBytes: 1024 })).toBe('{"schema":1}')
    expect(await store.readFile({ ...large, size: large.size * 2 }, 'manifest.json', { maxBytes: 1024 })).toBe('{"schema":1}')
  })

  it('refuses a file larger than asked for, naming the artifact', async () => {
    await expect(storeFor(run, 'report').readFile(large, 'outputs/model.bin', { maxBytes: 1024 })).rejects.toMatchObject({
      name: 'UserError',
      message: `artifact "model-ci-big" (id ${large.id}): outputs/model.bin is ${weights.length} bytes, more than the 1024 model-ci reads`
    })
  })

  it('recovers from server errors of blob storage and dropped connections to the results service', async () => {
    const key = gh.state.artifacts.find(record => record.id === large.id)?.blob as string
    const blobFault = gh.inject({ method: 'GET', path: new RegExp(`/${key}$`), times: 1, fault: { status: 503 } })
    const drop = gh.inject({ path: `${ARTIFACTS}/GetSignedArtifactURL`, times: 1, fault: { drop: true } })
    const logger = recordingLogger()
    expect(await storeFor(run, 'report', logger).readFile(large, 'manifest.json', { maxBytes: 1024 })).toBe('{"schema":1}')
    expect([blobFault.hits, drop.hits]).toEqual([1, 1])
    expect(logger.infos).toHaveLength(2)
    expect(logger.infos.every(line => line.startsWith(`Reading manifest.json from artifact "model-ci-big" (id ${large.id}) failed (`))).toBe(true)
  })

  it('reads a small artifact from storage that ignores byte ranges, and refuses a large one without downloading it', async () => {
    const ignoring = gh.inject({ path: /^\/devstoreaccount1\//, fault: { ignoreRange: true } })
    try {
      const store = storeFor(run, 'report')
      expect(await store.readFile(small, 'manifest.json', { maxBytes: 1024 })).toBe('{"schema":1,"small":true}')
      await expect(store.readFile(large, 'manifest.json', { maxBytes: 1024 })).rejects.toMatchObject({
        name: 'UserError',
        message: expect.stringContaining(`artifact "model-ci-big" (id ${large.id}): the storage ignored the byte range asked for and sends the whole artifact`)
      })
    } finally {
      ignoring.remove()
    }
  })

  it('says so when the artifact is gone', async () => {
    const gone = { ...small, id: 515151 }
    await expect(storeFor(run, 'report').readFile(gone, 'manifest.json', { maxBytes: 1024 })).rejects.toThrow(`artifact "model-ci-small" (id 515151) was not found`)
    await expect(storeFor(consumer, 'report').readFile(gone, 'manifest.json', { runId: run.id, maxBytes: 1024 })).rejects.toThrow(
      `artifact "model-ci-small" (id 515151) of run ${run.id} was not found`
    )
  })

  it('refuses a hostile archive with the reason, without retrying', async () => {
    const hostile = gh.addArtifact({ runId: run.id, name: 'model-ci-hostile', content: makeZip([{ name: Buffer.from('a\0b'), content: 'x' }]) })
    const listed = { id: hostile.id, name: hostile.name, size: hostile.size_in_bytes }
    const logger = recordingLogger()
    await expect(storeFor(run, 'report', logger).readFile(listed, 'manifest.json', { maxBytes: 1024 })).rejects.toThrow(
      `artifact "model-ci-hostile" (id ${hostile.id}) is not a zip archive model-ci can read: an entry's name holds a NUL byte: "a\\u0000b"`
    )
    expect(logger.infos).toEqual([])
  })
})
