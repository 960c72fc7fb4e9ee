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
