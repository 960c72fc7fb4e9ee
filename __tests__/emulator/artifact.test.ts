/**
 * The real @actions/artifact client against the results service, the blob store and the REST
 * artifact endpoints. @actions/github (which the artifact client uses for `findBy`) reads
 * GITHUB_API_URL when it loads, so both are imported only after the runner environment is set:
 * a static import would point `findBy` at api.github.com.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { DefaultArtifactClient } from '@actions/artifact'
import { startEmulator, type Emulator, type WorkflowRunRecord } from './index.js'
import { applyEnv, sha, sha256, tempDir, type TempDir } from './test-support.js'

let gh: Emulator
let client: DefaultArtifactClient
let getOctokit: typeof import('@actions/github').getOctokit
let restoreEnv: () => void
let temp: TempDir
let producer: WorkflowRunRecord
let consumer: WorkflowRunRecord
let modelDir: string
let bigFile: Buffer
const repo = { owner: 'acme', repo: 'models' }

beforeAll(async () => {
  gh = await startEmulator({ owner: 'acme', repo: 'models' })
  producer = gh.addWorkflowRun({ head_sha: sha(1) })
  consumer = gh.addWorkflowRun({ head_sha: sha(2) })
  temp = await tempDir('emulator-artifact')
  const { env } = gh.runnerEnv({ runId: producer.id, jobId: 'train-fraud' })
  restoreEnv = applyEnv({ ...env, RUNNER_TEMP: temp.path, GITHUB_WORKSPACE: temp.path })
  const artifact = await import('@actions/artifact')
  client = new artifact.DefaultArtifactClient()
  getOctokit = (await import('@actions/github')).getOctokit

  modelDir = join(temp.path, 'model')
  await mkdir(join(modelDir, 'outputs'), { recursive: true })
  // Random bytes do not compress: the zip stays over the client's 8 MB block size.
  bigFile = randomBytes(10 * 1024 * 1024)
  await writeFile(join(modelDir, 'outputs', 'model.bin'), bigFile)
  await writeFile(join(modelDir, 'manifest.json'), '{"schema":1}')
})

afterAll(async () => {
  restoreEnv()
  await gh.close()
  await temp.remove()
})

const useRun = (run: WorkflowRunRecord, job: string) => {
  process.env.ACTIONS_RUNTIME_TOKEN = gh.mintRuntimeToken(run.id, job)
}

describe('artifacts through the real @actions/artifact client', () => {
  let uploaded: { id: number; size: number; digest: string }

  it('uploads a multi-block artifact and records the digest the client computed', async () => {
    useRun(producer, 'train-fraud')
    const files = [join(modelDir, 'manifest.json'), join(modelDir, 'outputs', 'model.bin')]
    const result = await client.uploadArtifact('model-ci-fraud', files, modelDir)
    uploaded = { id: result.id ?? 0, size: result.size ?? 0, digest: result.digest ?? '' }
    expect(uploaded.size).toBeGreaterThan(10 * 1024 * 1024)

    const blockPuts = gh.requests.filter(request => request.surface === 'blob' && request.query.comp === 'block')
    expect(blockPuts.length).toBeGreaterThanOrEqual(2)
    expect(gh.requests.filter(request => request.query.comp === 'blocklist')).toHaveLength(1)

    const record = gh.state.artifacts.find(artifact => artifact.id === uploaded.id)
    expect(record).toMatchObject({ name: 'model-ci-fraud', finalized: true, workflow_run_id: producer.id, digest: `sha256:${uploaded.digest}` })
    expect(sha256(gh.blob(record?.blob ?? '') ?? Buffer.alloc(0))).toBe(uploaded.digest)

    const octokit = getOctokit(gh.defaultToken, { baseUrl: gh.apiUrl })
    const { data } = await octokit.rest.actions.getArtifact({ ...repo, artifact_id: uploaded.id })
    expect(data).toMatchObject({ name: 'model-ci-fraud', size_in_bytes: uploaded.size, digest: `sha256:${uploaded.digest}`, workflow_run: { id: producer.id, head_sha: sha(1) } })
    const byName = await octokit.rest.actions.listArtifactsForRepo({ ...repo, name: 'model-ci-fraud' })
    expect(byName.data.artifacts.map(artifact => artifact.id)).toEqual([uploaded.id])
    expect((await octokit.rest.actions.listArtifactsForRepo({ ...repo, name: 'other' })).data.total_count).toBe(0)
  })

  it('lists and gets the artifact from its own run', async () => {
    const { artifacts } = await client.listArtifacts({ latest: true })
    expect(artifacts).toEqual([expect.objectContaining({ id: uploaded.id, name: 'model-ci-fraud', size: uploaded.size, digest: `sha256:${uploaded.digest}` })])
    const { artifact } = await client.getArtifact('model-ci-fraud')
    expect(artifact.id).toBe(uploaded.id)
  })

  it('downloads and unzips it, and the client\'s digest check passes — and fails on a wrong digest', async () => {
    const out = join(temp.path, 'download-own')
    const good = await client.downloadArtifact(uploaded.id, { path: out, expectedHash: `sha256:${uploaded.digest}` })
    expect(good.digestMismatch).toBe(false)
    expect((await readFile(join(out, 'outputs', 'model.bin'))).equals(bigFile)).toBe(true)
    expect(await readFile(join(out, 'manifest.json'), 'utf8')).toBe('{"schema":1}')

    const bad = await client.downloadArtifact(uploaded.id, { path: join(temp.path, 'download-bad'), expectedHash: `sha256:${'0'.repeat(64)}` })
    expect(bad.digestMismatch).toBe(true)
  })

  it('downloads it from another run through findBy (REST list, 302 to the blob store)', async () => {
    useRun(consumer, 'report')
    expect((await client.listArtifacts()).artifacts).toEqual([])
    const findBy = { token: gh.defaultToken, workflowRunId: producer.id, repositoryOwner: 'acme', repositoryName: 'models' }

    const { artifacts } = await client.listArtifacts({ findBy })
    expect(artifacts.map(artifact => artifact.digest)).toEqual([`sha256:${uploaded.digest}`])
    const { artifact } = await client.getArtifact('model-ci-fraud', { findBy })
    const out = join(temp.path, 'download-other')
    const result = await client.downloadArtifact(artifact.id, { path: out, findBy, expectedHash: artifact.digest })
    expect(result.digestMismatch).toBe(false)
    expect((await readFile(join(out, 'outputs', 'model.bin'))).equals(bigFile)).toBe(true)
    const redirect = gh.requests.find(request => request.path === `/repos/acme/models/actions/artifacts/${uploaded.id}/zip`)
    expect(redirect?.status).toBe(302)
  })

  it('refuses a second artifact of the same name in one run', async () => {
    useRun(producer, 'train-fraud')
    await expect(client.uploadArtifact('model-ci-fraud', [join(modelDir, 'manifest.json')], modelDir)).rejects.toThrow(/already exists/)
  })

  it('deletes an artifact of its own run, and one of another run through findBy', async () => {
    useRun(consumer, 'report')
    const small = await client.uploadArtifact('model-ci-ledger', [join(modelDir, 'manifest.json')], modelDir)
    const deleted = await client.deleteArtifact('model-ci-ledger')
    expect(deleted.id).toBe(small.id)
    expect(gh.state.artifacts.some(artifact => artifact.id === small.id)).toBe(false)

    const findBy = { token: gh.defaultToken, workflowRunId: producer.id, repositoryOwner: 'acme', repositoryName: 'models' }
    const record = gh.state.artifacts.find(artifact => artifact.id === uploaded.id)
    await client.deleteArtifact('model-ci-fraud', { findBy })
    expect(gh.blob(record?.blob ?? '')).toBeUndefined()
    const octokit = getOctokit(gh.defaultToken, { baseUrl: gh.apiUrl })
    await expect(octokit.rest.actions.getArtifact({ ...repo, artifact_id: uploaded.id })).rejects.toMatchObject({ status: 404 })
  })

  it('commits blocks as Azure does: Content-MD5 of a block list is that of the list, of a one-shot upload that of the blob', async () => {
    useRun(producer, 'train-fraud')
    const twirp = await fetch(`${gh.apiUrl}/twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact`, {
      method: 'POST',
      headers: { authorization: `Bearer ${process.env.ACTIONS_RUNTIME_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ workflow_run_backend_id: String(producer.id), workflow_job_run_backend_id: 'train-fraud', name: 'raw-blocks', version: 4 })
    })
    const { signed_upload_url: signedUrl } = (await twirp.json()) as { signed_upload_url: string }
    const md5 = (data: Buffer | string) => createHash('md5').update(data).digest('base64')
    const put = (query: string, body: Buffer | string, headers: Record<string, string> = {}) => fetch(`${signedUrl}${query}`, { method: 'PUT', headers, body })

    const blocks = [randomBytes(300_000), randomBytes(5)]
    const ids = ['YmxvY2stMQ==', 'YmxvY2stMg==']
    for (const [index, block] of blocks.entries()) expect((await put(`&comp=block&blockid=${encodeURIComponent(ids[index] ?? '')}`, block)).status).toBe(201)
    const list = `<?xml version="1.0" encoding="utf-8"?><BlockList>${ids.map(id => `<Latest>${id}</Latest>`).join('')}</BlockList>`
    const committed = await put('&comp=blocklist', list, { 'content-type': 'application/xml' })
    expect(committed.status).toBe(201)
    expect(committed.headers.get('content-md5')).toBe(md5(list))
    const record = gh.state.artifacts.find(artifact => artifact.name === 'raw-blocks')
    expect(gh.blob(record?.blob ?? '')?.equals(Buffer.concat(blocks))).toBe(true)

    const whole = randomBytes(1000)
    const oneShot = await put('', whole, { 'x-ms-blob-type': 'BlockBlob' })
    expect(oneShot.status).toBe(201)
    expect(oneShot.headers.get('content-md5')).toBe(md5(whole))
    expect(gh.blob(record?.blob ?? '')?.equals(whole)).toBe(true)
  })

  it('keeps a job out of another run\'s artifacts', async () => {
    useRun(consumer, 'report')
    const response = await fetch(`${gh.apiUrl}/twirp/github.actions.results.api.v1.ArtifactService/ListArtifacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${process.env.ACTIONS_RUNTIME_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ workflow_run_backend_id: String(producer.id), workflow_job_run_backend_id: 'report' })
    })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ code: 'permission_denied' })
  })
})

describe('byte ranges of an artifact, as Azure serves them', () => {
  let url: string
  let content: Buffer
  let seeded: { id: number; digest: string | null; size_in_bytes: number }

  beforeAll(async () => {
    content = randomBytes(1000)
    seeded = gh.addArtifact({ runId: producer.id, name: 'model-ci-ranges', content })
    const octokit = getOctokit(gh.defaultToken, { baseUrl: gh.apiUrl })
    const redirect = await octokit.rest.actions.downloadArtifact({ ...repo, artifact_id: seeded.id, archive_format: 'zip', request: { redirect: 'manual' } })
    url = String(redirect.headers.location)
  })

  const get = (headers: Record<string, string>) => fetch(url, { headers })
  const lastBlobGet = () => gh.requests.filter(request => request.surface === 'blob' && request.method === 'GET').at(-1)

  it('holds seeded bytes as they are, with their sha256 as digest', () => {
    expect(seeded).toMatchObject({ size_in_bytes: 1000, digest: `sha256:${sha256(content)}` })
  })

  it('serves bytes=a-b and bytes=a- with 206 and Content-Range, and counts the bytes sent', async () => {
    const middle = await get({ range: 'bytes=10-19' })
    expect(middle.status).toBe(206)
    expect(middle.headers.get('content-range')).toBe('bytes 10-19/1000')
    expect(Buffer.from(await middle.arrayBuffer()).equals(content.subarray(10, 20))).toBe(true)
    expect(lastBlobGet()?.responseBytes).toBe(10)

    const rest = await get({ range: 'bytes=990-' })
    expect(rest.headers.get('content-range')).toBe('bytes 990-999/1000')
    expect(Buffer.from(await rest.arrayBuffer()).equals(content.subarray(990))).toBe(true)
    const beyond = await get({ range: 'bytes=990-5000' })
    expect(beyond.headers.get('content-range')).toBe('bytes 990-999/1000')
    await beyond.arrayBuffer()
  })

  it('prefers x-ms-range, answers 416 past the end, and ignores other forms (200, the whole blob)', async () => {
    const preferred = await get({ range: 'bytes=0-0', 'x-ms-range': 'bytes=5-6' })
    expect(preferred.headers.get('content-range')).toBe('bytes 5-6/1000')
    await preferred.arrayBuffer()
    const past = await get({ range: 'bytes=1000-1001' })
    expect(past.status).toBe(416)
    expect(past.headers.get('content-range')).toBe('bytes */1000')
    await past.arrayBuffer()
    const suffix = await get({ range: 'bytes=-10' })
    expect(suffix.status).toBe(200)
    expect((await suffix.arrayBuffer()).byteLength).toBe(1000)
    expect(lastBlobGet()?.responseBytes).toBe(1000)
  })

  it('serves no ranges while an ignoreRange fault is on', async () => {
    const fault = gh.inject({ path: /^\/devstoreaccount1\//, times: 1, fault: { ignoreRange: true } })
    const ignored = await get({ range: 'bytes=10-19' })
    expect(ignored.status).toBe(200)
    expect((await ignored.arrayBuffer()).byteLength).toBe(1000)
    expect(fault.hits).toBe(1)
    expect((await get({ range: 'bytes=10-19' })).status).toBe(206)
  })
})
