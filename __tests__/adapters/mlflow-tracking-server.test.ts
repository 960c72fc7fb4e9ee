/**
 * The MLflow adapter against a real `mlflow server` (3.17, from the test venv) and the real
 * Python MLflow client logging into a run it created; then its retries, errors and auth headers
 * against tiny node:http servers.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { authFromEnv, connectTrackingServer, trackingUri } from '../../src/adapters/mlflow/connect.js'
import { filterString, splitBatch } from '../../src/adapters/mlflow/mlflow-tracking-server.js'
import { TrackingServerError, type TrackedRun, type TrackingServer } from '../../src/ports/tracking-server.js'
import { startMlflowServer, type MlflowTestServer } from '../harness/mlflow-server.js'
import { TEST_PYTHON } from '../harness/python.js'

const FAST = [5, 10, 20]

/** The error `promise` rejects with, which must be a TrackingServerError. */
async function failure(promise: Promise<unknown>): Promise<TrackingServerError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught
  )
  if (!(error instanceof TrackingServerError)) throw new Error(`expected a TrackingServerError, got ${String(error)}`)
  return error
}

/** Runs an inline Python script with the venv, the server's environment and `env`; its stdout. */
function python(server: MlflowTestServer, script: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      TEST_PYTHON,
      ['-c', script, ...args],
      { encoding: 'utf8', env: { ...server.env, MLFLOW_TRACKING_URI: server.uri, ...env }, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`python failed: ${error.message}\n${stderr.slice(-3000)}`)) : resolve(stdout))
    )
  })
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(dir, entry))
    .filter((path) => statSync(path).isFile())
}

async function* chunks(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size)
}

const TRAIN = `
import sys, mlflow, mlflow.sklearn
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
X, y = load_iris(return_X_y=True)
with mlflow.start_run():
    mlflow.sklearn.autolog(log_models=False)
    m = LogisticRegression(max_iter=300).fit(X, y)
    mlflow.log_metric("accuracy", float(m.score(X, y)))
    mlflow.sklearn.log_model(m, name="model")
    mlflow.sklearn.save_model(m, sys.argv[1])
`

/** Loads each `models:/<name>/<version>` given with pyfunc and predicts: prints one line per model. */
const LOAD = `
import sys, mlflow, mlflow.pyfunc
from sklearn.datasets import load_iris
X, _ = load_iris(return_X_y=True)
for uri in sys.argv[1:]:
    model = mlflow.pyfunc.load_model(uri)
    print(uri, len(model.predict(X[:5])))
`

describe('against a real mlflow server', () => {
  let server: MlflowTestServer
  let client: TrackingServer

  beforeAll(async () => {
    server = await startMlflowServer()
    client = connectTrackingServer({ uri: `${server.uri}/`, env: {}, retryDelaysMs: FAST, pollMs: 50 })
  }, 180_000)

  afterAll(async () => {
    await server?.dispose()
  }, 60_000)

  async function newRun(experiment: string, tags: Record<string, string> = {}): Promise<TrackedRun> {
    const experimentId = await client.experimentId(experiment)
    return client.createRun({ experimentId, runName: 'model-ci test', startTime: new Date(), tags })
  }

  it('strips the trailing slash of the URI and links runs to the UI', () => {
    expect(client.uri).toBe(server.uri)
    expect(client.runUrl('3', 'abc')).toBe(`${server.uri}/#/experiments/3/runs/abc`)
  })

  it('gets or creates an experiment by name, the same id every time, also when two ask at once', async () => {
    const first = await client.experimentId('iris')
    expect(first).toMatch(/^\d+$/)
    expect(await client.experimentId('iris')).toBe(first)
    const [a, b, c] = await Promise.all([client.experimentId("it's new"), client.experimentId("it's new"), client.experimentId("it's new")])
    expect(new Set([a, b, c]).size).toBe(1)
    expect(a).not.toBe(first)
  })

  it('creates a run, logs more metrics and tags than one log-batch takes, and ends it', async () => {
    const start = new Date('2026-01-02T03:04:05.678Z')
    const experimentId = await client.experimentId('batches')
    const run = await client.createRun({ experimentId, runName: 'r', startTime: start, tags: { 'model_ci.model': 'iris' } })
    expect(run).toMatchObject({ experimentId, status: 'RUNNING', metrics: {}, tags: { 'model_ci.model': 'iris', 'mlflow.runName': 'r' } })
    expect(run.artifactUri).toBe(`mlflow-artifacts:/${experimentId}/${run.runId}/artifacts`)

    const metrics = Object.fromEntries(Array.from({ length: 1501 }, (_, i) => [`m${i}`, i / 7]))
    const tags = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`t${i}`, `v${i}`]))
    await client.logBatch(run.runId, { metrics, tags, timestamp: new Date(1_000) })
    await client.logBatch(run.runId, { metrics: { m0: 42, odd: Number.NaN, up: Infinity }, timestamp: new Date(2_000) })
    // An older value logged later does not win.
    await client.logBatch(run.runId, { metrics: { m1: -1 }, timestamp: new Date(500) })

    const got = await client.getRun(run.runId)
    expect(Object.keys(got.metrics)).toHaveLength(1503)
    expect(got.metrics).toMatchObject({ m0: 42, m1: 1 / 7, m1500: 1500 / 7 })
    expect(got.metrics.odd).toBeNaN()
    // MLflow's SQL store keeps infinity as the largest double.
    expect(got.metrics.up).toBeGreaterThanOrEqual(Number.MAX_VALUE)
    expect(got.tags).toMatchObject({ t0: 'v0', t149: 'v149', 'model_ci.model': 'iris' })

    await client.endRun(run.runId, 'FAILED', new Date())
    expect((await client.getRun(run.runId)).status).toBe('FAILED')
  })

  it('splits log-batch calls at MLflow limits (1000 metrics, 100 tags, 1000 entries)', () => {
    const sizes = (m: number, t: number) => splitBatch(Array(m).fill(0), Array(t).fill(0)).map((call) => [call.metrics.length, call.tags.length])
    expect(sizes(0, 0)).toEqual([])
    expect(sizes(1000, 0)).toEqual([[1000, 0]])
    expect(sizes(1001, 0)).toEqual([
      [1000, 0],
      [1, 0]
    ])
    expect(sizes(1000, 100)).toEqual([
      [900, 100],
      [100, 0]
    ])
    expect(sizes(5, 250)).toEqual([
      [5, 100],
      [0, 100],
      [0, 50]
    ])
  })

  it('quotes filter values as MLflow reads them', () => {
    expect(filterString('iris')).toBe("'iris'")
    expect(filterString("it's")).toBe('"it\'s"')
    expect(() => filterString(`it's "x"`)).toThrow(TrackingServerError)
  })

  it('reads a run the Python client logged into, finds its logged model, uploads files, registers versions from both and loads them', async () => {
    const name = "iris's classifier"
    const run = await newRun('python client')
    const local = mkdtempSync(join(tmpdir(), 'model-ci-mlflow-model-'))
    try {
      const saved = join(local, 'model')
      await python(server, TRAIN, [saved], { MLFLOW_RUN_ID: run.runId })

      const after = await client.getRun(run.runId)
      expect(after.status).toBe('FINISHED')
      expect(after.metrics.accuracy).toBeGreaterThan(0.9)
      expect(Object.keys(after.metrics)).toEqual(expect.arrayContaining(['training_accuracy_score', 'accuracy']))

      const logged = await client.loggedModels(run.experimentId, run.runId)
      expect(logged).toHaveLength(1)
      expect(logged[0]).toEqual({ modelId: expect.stringMatching(/^m-/), name: 'model', uri: `models:/${logged[0]!.modelId}` })
      // Another run of the same experiment has none.
      const other = await client.createRun({ experimentId: run.experimentId, runName: 'other', startTime: new Date(), tags: {} })
      expect(await client.loggedModels(run.experimentId, other.runId)).toEqual([])

      // The saved model's files, into the run's artifacts under model-ci/: small ones as bytes,
      // one as a stream of chunks.
      const files = filesUnder(saved)
      expect(files.length).toBeGreaterThan(2)
      for (const [i, file] of files.entries()) {
        const bytes = readFileSync(file)
        const path = `model-ci/${relative(saved, file).split('\\').join('/')}`
        await client.uploadArtifact(after, path, i === 0 ? chunks(bytes, 7) : bytes, bytes.length)
      }
      const mlmodel = await fetch(`${server.uri}/api/2.0/mlflow-artifacts/artifacts/${run.experimentId}/${run.runId}/artifacts/model-ci/MLmodel`)
      expect(mlmodel.status).toBe(200)
      expect(Buffer.from(await mlmodel.arrayBuffer())).toEqual(readFileSync(join(saved, 'MLmodel')))

      await client.ensureRegisteredModel(name)
      await client.ensureRegisteredModel(name)
      expect(await client.modelVersions(name)).toEqual([])

      const fromLogged = await client.createModelVersion({ name, source: logged[0]!.uri, runId: run.runId, tags: { 'model_ci.version': 'v1' } })
      expect(fromLogged).toEqual({ name, version: '1', runId: run.runId, source: logged[0]!.uri, status: 'READY', tags: { 'model_ci.version': 'v1' }, aliases: [] })
      const fromRunsUri = await client.createModelVersion({ name, source: `runs:/${run.runId}/model-ci`, runId: run.runId, tags: {} })
      expect(fromRunsUri).toMatchObject({ version: '2', status: 'READY', source: `runs:/${run.runId}/model-ci` })
      const fromArtifactUri = await client.createModelVersion({ name, source: `${after.artifactUri}/model-ci`, runId: run.runId, tags: {} })
      expect(fromArtifactUri).toMatchObject({ version: '3', status: 'READY', source: `${after.artifactUri}/model-ci` })

      await client.setModelVersionTag(name, '2', 'model_ci.digest', 'sha256:abc')
      const versions = await client.modelVersions(name)
      expect(versions.map((v) => v.version)).toEqual(['3', '2', '1'])
      expect(versions[1]!.tags).toEqual({ 'model_ci.digest': 'sha256:abc' })

      const loaded = await python(server, LOAD, [`models:/${name}/1`, `models:/${name}/2`, `models:/${name}/3`], {})
      expect(loaded.trim().split('\n')).toEqual([`models:/${name}/1 5`, `models:/${name}/2 5`, `models:/${name}/3 5`])
    } finally {
      rmSync(local, { recursive: true, force: true })
    }
  }, 300_000)

  it('refuses to upload where the server does not serve the artifacts, and paths that climb out', async () => {
    const run = await newRun('uploads')
    const elsewhere = { ...run, artifactUri: 's3://bucket/1/abc/artifacts' }
    const refused = await failure(client.uploadArtifact(elsewhere, 'model-ci/a.txt', Buffer.from('a'), 1))
    expect(refused.code).toBe('ARTIFACTS_NOT_PROXIED')
    expect(refused.message).toMatch(/must serve artifacts/)
    for (const path of ['../x', '/x', 'a//b', 'a/./b', 'a/#1', 'a\\b']) {
      expect((await failure(client.uploadArtifact(run, path, Buffer.from('a'), 1))).code).toBe('INVALID_PARAMETER_VALUE')
    }
    expect((await failure(client.uploadArtifact(run, 'a', Buffer.from('ab'), 1))).message).toMatch(/2 bytes, not the 1/)
    await client.uploadArtifact(run, 'model-ci/name with spaces & +%.txt', Buffer.from('spaced'), 6)
    const got = await fetch(`${server.uri}/api/2.0/mlflow-artifacts/artifacts/${run.experimentId}/${run.runId}/artifacts/model-ci/${encodeURIComponent('name with spaces & +%.txt')}`)
    expect(await got.text()).toBe('spaced')

    // Past 16 MiB the content streams through once, unbuffered.
    const big = Buffer.alloc(17 * 1024 * 1024 + 3, 'x')
    await client.uploadArtifact(run, 'model-ci/big.bin', chunks(big, 1024 * 1024), big.length)
    const downloaded = await fetch(`${server.uri}/api/2.0/mlflow-artifacts/artifacts/${run.experimentId}/${run.runId}/artifacts/model-ci/big.bin`)
    expect((await downloaded.arrayBuffer()).byteLength).toBe(big.length)
  })

  it('sets, reads, moves and deletes aliases; a missing alias or model has none', async () => {
    const name = 'aliased'
    const run = await newRun('aliases')
    await client.uploadArtifact(run, 'model-ci/model.txt', Buffer.from('m'), 1)
    await client.ensureRegisteredModel(name)
    for (let i = 0; i < 2; i++) await client.createModelVersion({ name, source: `runs:/${run.runId}/model-ci`, runId: run.runId, tags: {} })

    expect(await client.alias(name, 'staging')).toBeUndefined()
    expect(await client.alias('no such model', 'staging')).toBeUndefined()
    await client.setAlias(name, 'staging', '1')
    await client.setAlias(name, 'production', '1')
    expect(await client.alias(name, 'staging')).toBe('1')
    await client.setAlias(name, 'staging', '2')
    expect(await client.alias(name, 'staging')).toBe('2')
    const versions = await client.modelVersions(name)
    expect(versions.map((v) => [v.version, v.aliases])).toEqual([
      ['2', ['staging']],
      ['1', ['production']]
    ])
    await client.deleteAlias(name, 'staging')
    expect(await client.alias(name, 'staging')).toBeUndefined()
    expect(await client.alias(name, 'production')).toBe('1')
    const missing = await failure(client.setAlias('no such model', 'staging', '1'))
    expect(missing.code).toBe('RESOURCE_DOES_NOT_EXIST')
    expect(missing.message).toContain('POST registered-models/alias')
  })

  it('names the endpoint and MLflow error_code in one line when the server refuses', async () => {
    const error = await failure(client.getRun('0123456789abcdef0123456789abcdef'))
    expect(error.code).toBe('RESOURCE_DOES_NOT_EXIST')
    expect(error.message).toMatch(/^MLflow at http:\/\/127\.0\.0\.1:\d+: GET runs\/get answered RESOURCE_DOES_NOT_EXIST \(HTTP 404\): /)
    expect(error.message).not.toContain('\n')
  })

  it('is UNREACHABLE after its retries while the server is down, and works again once it is back', async () => {
    const id = await client.experimentId('survives restarts')
    await server.stop()
    const started = Date.now()
    const error = await failure(client.experimentId('survives restarts'))
    expect(error.code).toBe('UNREACHABLE')
    expect(error.message).toBe(`MLflow at ${server.uri} is unreachable: GET experiments/get-by-name failed after 4 attempts (ECONNREFUSED)`)
    expect(Date.now() - started).toBeLessThan(5_000)
    await server.start()
    expect(await client.experimentId('survives restarts')).toBe(id)
  }, 180_000)
})

// --- fake servers ---

interface Recorded {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

async function fakeServer(handler: (request: Recorded, response: ServerResponse, index: number) => void): Promise<{ uri: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = []
  const server: Server = createServer((request: IncomingMessage, response) => {
    const parts: Buffer[] = []
    request.on('data', (chunk: Buffer) => parts.push(chunk))
    request.on('end', () => {
      const recorded = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(parts).toString('utf8') }
      requests.push(recorded)
      handler(recorded, response, requests.length - 1)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    uri: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}

const EXPERIMENT = { experiment: { experiment_id: '7', name: 'x', lifecycle_stage: 'active' } }

describe('retries and errors', () => {
  it('retries 503 answers with its backoff, then succeeds', async () => {
    const fake = await fakeServer((_request, response, index) => (index < 2 ? answer(response, 503, { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'busy' }) : answer(response, 200, EXPERIMENT)))
    const waits: number[] = []
    try {
      const client = connectTrackingServer({ uri: fake.uri, env: {}, retryDelaysMs: [11, 22, 33], sleep: async (ms) => void waits.push(ms) })
      expect(await client.experimentId('x')).toBe('7')
      expect(fake.requests).toHaveLength(3)
      expect(waits).toEqual([11, 22])
      expect(fake.requests[0]!.url).toBe('/api/2.0/mlflow/experiments/get-by-name?experiment_name=x')
    } finally {
      await fake.close()
    }
  })

  it('gives up after 4 attempts of 5xx or 429, with the last answer', async () => {
    const fake = await fakeServer((_request, response, index) => (index % 2 === 0 ? answer(response, 429, { error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'slow down' }) : answer(response, 500, 'oops')))
    try {
      const client = connectTrackingServer({ uri: fake.uri, env: {}, retryDelaysMs: FAST })
      const error = await failure(client.getRun('r'))
      expect(fake.requests).toHaveLength(4)
      expect(error.code).toBe('500')
      expect(error.message).toBe(`MLflow at ${fake.uri}: GET runs/get answered HTTP 500: "oops"`)
    } finally {
      await fake.close()
    }
  })

  it('does not retry a 400, and keeps the message to one bounded line', async () => {
    const long = `bad\nvalue ${'x'.repeat(2000)}`
    const fake = await fakeServer((_request, response) => answer(response, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: long }))
    try {
      const client = connectTrackingServer({ uri: fake.uri, env: {}, retryDelaysMs: FAST })
      const error = await failure(client.endRun('r', 'FINISHED', new Date(5)))
      expect(fake.requests).toHaveLength(1)
      expect(JSON.parse(fake.requests[0]!.body)).toEqual({ run_id: 'r', status: 'FINISHED', end_time: 5 })
      expect(error.code).toBe('INVALID_PARAMETER_VALUE')
      expect(error.message).toMatch(/^MLflow at .*: POST runs\/update answered INVALID_PARAMETER_VALUE \(HTTP 400\): bad value x+…$/)
      expect(error.message.length).toBeLessThan(450)
    } finally {
      await fake.close()
    }
  })

  it('times a request out and calls that unreachable', async () => {
    const fake = await fakeServer(() => undefined)
    try {
      const client = connectTrackingServer({ uri: fake.uri, env: {}, retryDelaysMs: [1], timeoutMs: 200 })
      const error = await failure(client.getRun('r'))
      expect(error.code).toBe('UNREACHABLE')
      expect(error.message).toMatch(/failed after 2 attempts \(timed out\)$/)
      expect(fake.requests).toHaveLength(2)
    } finally {
      await fake.close()
    }
  })

  it('reads answers it does not understand as INVALID_RESPONSE', async () => {
    const fake = await fakeServer((_request, response, index) => (index === 0 ? answer(response, 200, { run: { info: { run_id: 3 } } }) : response.end('<html>')))
    try {
      const client = connectTrackingServer({ uri: fake.uri, env: {}, retryDelaysMs: FAST })
      expect((await failure(client.getRun('r'))).message).toMatch(/GET runs\/get answered an unexpected response at run\.info\.run_id/)
      expect((await failure(client.getRun('r'))).code).toBe('INVALID_RESPONSE')
    } finally {
      await fake.close()
    }
  })

  it('never shows a credential, wherever the server or the URI puts it', async () => {
    const token = 'tok-SECRET-123'
    const password = 'pw-SECRET-456'
    // A server that echoes what it was sent.
    const fake = await fakeServer((request, response) => answer(response, 401, { error_code: 'UNAUTHENTICATED', message: `bad credentials ${request.headers.authorization}` }))
    try {
      for (const env of [{ MLFLOW_TRACKING_TOKEN: token }, { MLFLOW_TRACKING_USERNAME: 'ci', MLFLOW_TRACKING_PASSWORD: password }]) {
        const client = connectTrackingServer({ uri: fake.uri, env, retryDelaysMs: FAST })
        const error = await failure(client.getRun('r'))
        expect(error.code).toBe('UNAUTHENTICATED')
        expect(error.message).toContain('bad credentials')
        expect(error.message).not.toMatch(/SECRET/)
        expect(error.message).not.toContain(authFromEnv(env).headers.authorization!.split(' ')[1])
      }
      const down = connectTrackingServer({ uri: 'http://127.0.0.1:1', env: { MLFLOW_TRACKING_TOKEN: token }, retryDelaysMs: [1] })
      expect((await failure(down.getRun('r'))).message).not.toMatch(/SECRET/)
    } finally {
      await fake.close()
    }
    const inUri = await failure(Promise.resolve().then(() => connectTrackingServer({ uri: `https://ci:${password}@mlflow.example.com`, env: {} })))
    expect(inUri.message).toBe('the MLflow tracking URI holds credentials: remove them from it and set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (or MLFLOW_TRACKING_TOKEN) instead')
    const broken = await failure(Promise.resolve().then(() => trackingUri(`ht tp://ci:${password}@x`)))
    expect(broken.message).not.toMatch(/SECRET/)
  })

  it('reads the experiment another job created between its get and its create', async () => {
    const fake = await fakeServer((request, response, index) => {
      if (index === 1) return answer(response, 400, { error_code: 'RESOURCE_ALREADY_EXISTS', message: 'Experiment(name=x) already exists.' })
      if (index === 0) return answer(response, 404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'no x' })
      answer(response, 200, request.url.includes('lost') ? { experiment: { experiment_id: '9', lifecycle_stage: 'deleted' } } : EXPERIMENT)
    })
    try {
      const client = connectTrackingServer({ uri: fake.uri, env: {}, retryDelaysMs: FAST })
      expect(await client.experimentId('x')).toBe('7')
      expect(fake.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
        'GET /api/2.0/mlflow/experiments/get-by-name?experiment_name=x',
        'POST /api/2.0/mlflow/experiments/create',
        'GET /api/2.0/mlflow/experiments/get-by-name?experiment_name=x'
      ])
      const deleted = await failure(client.experimentId('lost'))
      expect(deleted.code).toBe('INVALID_STATE')
      expect(deleted.message).toMatch(/the experiment "lost" \(id 9\) is deleted: restore it/)
    } finally {
      await fake.close()
    }
  })

  it('waits while a version is PENDING_REGISTRATION, and fails on FAILED_REGISTRATION', async () => {
    const version = (status: string, extra: object = {}) => ({ model_version: { name: 'm', version: '4', run_id: 'r', source: 'runs:/r/model-ci', status, ...extra } })
    const statuses = ['PENDING_REGISTRATION', 'PENDING_REGISTRATION', 'READY', 'PENDING_REGISTRATION', 'FAILED_REGISTRATION']
    const fake = await fakeServer((_request, response, index) =>
      answer(response, 200, version(statuses[index]!, statuses[index] === 'FAILED_REGISTRATION' ? { status_message: 'copy failed\nbadly' } : {}))
    )
    const waits: number[] = []
    try {
      const client = connectTrackingServer({ uri: fake.uri, env: {}, pollMs: 3, sleep: async (ms) => void waits.push(ms) })
      const ready = await client.createModelVersion({ name: 'm', source: 'runs:/r/model-ci', runId: 'r', tags: { a: 'b' } })
      expect(ready).toMatchObject({ version: '4', status: 'READY' })
      expect(waits).toEqual([3, 3])
      expect(fake.requests[1]!.url).toBe('/api/2.0/mlflow/model-versions/get?name=m&version=4')
      expect(JSON.parse(fake.requests[0]!.body)).toEqual({ name: 'm', source: 'runs:/r/model-ci', run_id: 'r', tags: [{ key: 'a', value: 'b' }] })
      const failed = await failure(client.createModelVersion({ name: 'm', source: 'models:/m-abc', runId: 'r', tags: {} }))
      expect(failed.code).toBe('FAILED_REGISTRATION')
      expect(failed.message).toMatch(/version 4 of "m" is FAILED_REGISTRATION: copy failed badly$/)
      // The model id of a models:/ source goes along: the server requires it.
      expect(JSON.parse(fake.requests[3]!.body)).toMatchObject({ source: 'models:/m-abc', model_id: 'm-abc' })
    } finally {
      await fake.close()
    }
  })

  it('takes http(s) URIs only, without a trailing slash', () => {
    expect(trackingUri('https://mlflow.example.com/prefix/')).toBe('https://mlflow.example.com/prefix')
    expect(trackingUri('http://127.0.0.1:5000')).toBe('http://127.0.0.1:5000')
    expect(() => trackingUri('file:///tmp/mlruns')).toThrow(/http\(s\)/)
    expect(() => trackingUri('databricks')).toThrow(TrackingServerError)
  })
})

describe('auth headers', () => {
  let fake: Awaited<ReturnType<typeof fakeServer>>

  beforeAll(async () => {
    fake = await fakeServer((_request, response) => answer(response, 200, EXPERIMENT))
  })

  afterAll(async () => {
    await fake.close()
  })

  async function authorization(env: Record<string, string>): Promise<string | undefined> {
    const client = connectTrackingServer({ uri: fake.uri, env })
    await client.experimentId('x')
    return fake.requests.at(-1)!.headers.authorization
  }

  it('sends MLFLOW_TRACKING_TOKEN as a bearer token, first of all', async () => {
    expect(await authorization({ MLFLOW_TRACKING_TOKEN: 't0k' })).toBe('Bearer t0k')
    expect(await authorization({ MLFLOW_TRACKING_TOKEN: 't0k', MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_PASSWORD: 'p' })).toBe('Bearer t0k')
  })

  it('sends MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD as basic auth', async () => {
    expect(await authorization({ MLFLOW_TRACKING_USERNAME: 'ci', MLFLOW_TRACKING_PASSWORD: 'p:ss wörd' })).toBe(`Basic ${Buffer.from('ci:p:ss wörd').toString('base64')}`)
  })

  it('sends nothing without both, or with neither', async () => {
    expect(await authorization({ MLFLOW_TRACKING_USERNAME: 'ci' })).toBeUndefined()
    expect(await authorization({})).toBeUndefined()
  })
})
