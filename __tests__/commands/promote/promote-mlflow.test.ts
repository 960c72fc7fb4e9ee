// promote with MLflow against a real `mlflow server` (its registry, aliases and artifact proxy)
// and in-memory deployment records that can fail on cue: the alias and the record move together
// or not at all, `required` decides between a refusal and a warning, and the files model-ci
// uploads for a run that logged no model are the verified ones.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connectTrackingServer, trackingConnector } from '../../../src/adapters/mlflow/connect.js'
import { listFilesWithoutGit } from '../../../src/adapters/node/fs-listing.js'
import { FsWorkspace } from '../../../src/adapters/node/fs-workspace.js'
import { hashTree } from '../../../src/adapters/node/hash-files.js'
import { NodeFileSystem } from '../../../src/adapters/node/node-file-system.js'
import type { PromotePorts, PromoteRequest } from '../../../src/commands/promote/promote.js'
import { promote } from '../../../src/commands/promote/promote.js'
import type { Logger } from '../../../src/ports/logger.js'
import type { TrackingServer } from '../../../src/ports/tracking-server.js'
import type { MlflowTestServer } from '../../harness/mlflow-server.js'
import { startMlflowServer } from '../../harness/mlflow-server.js'
import { FakeArtifacts, FakeBranchHistory, FakeDeployments, FakeRuns, addLedger, trainedArtifact } from './fakes.js'

const root = mkdtempSync(join(tmpdir(), 'model-ci-promote-mlflow-'))
let server: MlflowTestServer
let client: TrackingServer

beforeAll(async () => {
  server = await startMlflowServer()
  client = connectTrackingServer({ uri: server.uri, env: {}, retryDelaysMs: [10, 10] })
}, 180_000)
afterAll(async () => {
  await server?.dispose()
  rmSync(root, { recursive: true, force: true })
})

let runs: FakeRuns
let artifacts: FakeArtifacts
let deployments: FakeDeployments
let workspace: string
let warnings: string[]
let model: string

beforeEach(() => {
  runs = new FakeRuns()
  artifacts = new FakeArtifacts()
  deployments = new FakeDeployments()
  warnings = []
  workspace = mkdtempSync(join(root, 'repo-'))
  // A registered model of its own per test: the server is shared.
  model = `m${Math.random().toString(36).slice(2, 10)}`
  configure({ required: false })
  mkdirSync(join(workspace, 'models', model, 'src'), { recursive: true })
  writeFileSync(join(workspace, 'models', model, 'src', 'train.py'), 'print(1)\n')
})

function configure(mlflow: { required: boolean }): void {
  writeFileSync(join(workspace, 'model-ci.yml'), `models: models/*\nenvironments: [staging, production]\nmlflow: { required: ${mlflow.required} }\n`)
}

const logger: Logger = { info: () => undefined, debug: () => undefined, warning: (message) => void warnings.push(message), group: (_title, work) => work() }

function ports(): PromotePorts {
  return {
    git: undefined,
    workspace: new FsWorkspace(workspace),
    logger,
    listFilesWithoutGit: () => listFilesWithoutGit(workspace),
    artifacts,
    runs,
    deployments,
    history: new FakeBranchHistory(),
    hashTree,
    files: new NodeFileSystem(),
    now: () => new Date('2026-11-27T12:00:00Z'),
    // The job's environment names the server, as MLFLOW_TRACKING_URI does in a workflow.
    tracking: trackingConnector({ MLFLOW_TRACKING_URI: server.uri })
  }
}

function request(overrides: Partial<PromoteRequest> = {}): PromoteRequest {
  return {
    configFile: 'model-ci.yml',
    model,
    version: 'latest',
    environment: 'staging',
    defaultBranch: 'main',
    run: { id: 900, url: 'https://github.com/acme/models/actions/runs/900' },
    destination: join(mkdtempSync(join(root, 'temp-')), 'promoted'),
    ...overrides
  }
}

/** A push run on main whose training of the model had an MLflow run (which logged no model). */
async function pushRun(outputs: Record<string, string> = { 'weights.txt': 'w1' }): Promise<{ version: string; runId: string }> {
  const experimentId = await client.experimentId(model)
  const tracked = await client.createRun({ experimentId, runName: 'training', startTime: new Date(), tags: {} })
  const run = runs.add({ headSha: String(runs.runs.length + 1).repeat(40) })
  const trained = trainedArtifact({ model, run, outputs, mlflow: { run_id: tracked.runId, experiment_id: experimentId, url: client.runUrl(experimentId, tracked.runId) } })
  const held = artifacts.add(run.id, `model-ci-${model}`, trained.files)
  addLedger(artifacts, run, { [model]: { manifest: trained.manifest, artifact: held } })
  return { version: trained.manifest.version, runId: tracked.runId }
}

const states = () => deployments.records.map((record) => record.statuses.join(',') || 'none')

describe('promote with MLflow', () => {
  it('registers the verified files uploaded to the run, and points the alias at that version', async () => {
    const { version, runId } = await pushRun({ 'weights.txt': 'w1', 'sub/vocab.txt': 'a b' })
    const result = await promote(ports(), request())
    expect(result.mlflow).toEqual({ registeredModel: model, version: '1', alias: 'staging', previous: null })
    const [registered] = await client.modelVersions(model)
    expect(registered).toMatchObject({
      version: '1',
      runId,
      source: `runs:/${runId}/model-ci`,
      aliases: ['staging'],
      tags: { 'model_ci.version': version, 'model_ci.deployment_id': String(result.deploymentId), 'model_ci.digest': result.digest }
    })
    const proxied = await fetch(`${server.uri}/api/2.0/mlflow-artifacts/artifacts/${(await client.getRun(runId)).artifactUri.replace(/^mlflow-artifacts:\//, '')}/model-ci/sub/vocab.txt`)
    expect(await proxied.text()).toBe('a b')
    expect(result.summary).toContain(`| MLflow | \`models:/${model}@staging\` is version 1 (not set before) |`)
    expect(result.summary).toMatch(/\| Environment \| Version \| Digest \| MLflow version \|/)
  })

  it('puts the alias back where it was when the success status cannot be set, and leaves the record an error', async () => {
    await pushRun()
    await promote(ports(), request())
    await pushRun({ 'weights.txt': 'w2' })
    deployments.failingStates.add('success')
    await expect(promote(ports(), request())).rejects.toThrow(/its success status could not be set/)
    expect(await client.alias(model, 'staging')).toBe('1')
    expect(states()).toEqual(['success', 'error'])
  })

  it('removes an alias it set for the first time when the record fails after it', async () => {
    await pushRun()
    deployments.failingStates.add('success')
    await expect(promote(ports(), request())).rejects.toThrow(/not recorded/)
    expect(await client.alias(model, 'staging')).toBeUndefined()
  })

  it('moves no alias when the deployment cannot be created', async () => {
    await pushRun()
    deployments.failCreate = true
    await expect(promote(ports(), request())).rejects.toThrow(/was not recorded/)
    expect(await client.alias(model, 'staging')).toBeUndefined()
  })

  it('with required: true and the server down, refuses before anything is recorded', async () => {
    configure({ required: true })
    await pushRun()
    await server.stop()
    try {
      await expect(promote(ports(), request())).rejects.toThrow(
        new RegExp(`^model-ci promote: ${model} \\S+ was not promoted to staging: the MLflow registry could not be used: .*; model-ci.yml's mlflow block says required: true, so nothing was recorded$`)
      )
      expect(deployments.records).toEqual([])
    } finally {
      await server.start()
    }
  })

  it('without required, a server that is down is a warning and the promotion is recorded without the alias', async () => {
    await pushRun()
    await server.stop()
    try {
      const result = await promote(ports(), request())
      expect(result.mlflow).toBeUndefined()
      expect(states()).toEqual(['success'])
      expect(warnings).toEqual([expect.stringMatching(new RegExp(`^model-ci promote ${model} \\S+: MLflow skipped: the MLflow registry could not be used: .*the promotion is recorded without moving the staging alias$`))])
    } finally {
      await server.start()
    }
    expect(await client.alias(model, 'staging')).toBeUndefined()
  })

  it('refuses, with required: true, a training that had no MLflow run', async () => {
    configure({ required: true })
    const run = runs.add({ headSha: '9'.repeat(40) })
    const trained = trainedArtifact({ model, run, mlflow: { skipped: 'the server was down' } })
    addLedger(artifacts, run, { [model]: { manifest: trained.manifest, artifact: artifacts.add(run.id, `model-ci-${model}`, trained.files) } })
    await expect(promote(ports(), request())).rejects.toThrow(/its training has no MLflow run \(MLflow was skipped: the server was down\)/)
    expect(deployments.records).toEqual([])
  })
})
