import { afterAll, beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { listFilesWithoutGit } from '../../../src/adapters/node/fs-listing.js'
import { FsWorkspace } from '../../../src/adapters/node/fs-workspace.js'
import { hashTree } from '../../../src/adapters/node/hash-files.js'
import type { PromotePorts, PromoteRequest } from '../../../src/commands/promote/promote.js'
import { promote } from '../../../src/commands/promote/promote.js'
import { promotionHistory, renderHistory } from '../../../src/commands/promote/history.js'
import { FakeArtifacts, FakeBranchHistory, FakeDeployments, FakeRuns, addLedger, silentLogger, trainedArtifact } from './fakes.js'
import { NodeFileSystem } from '../../../src/adapters/node/node-file-system.js'

const root = mkdtempSync(join(tmpdir(), 'model-ci-promote-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const CONFIG = `models: models/*
environments: [staging, production]
metrics:
  accuracy: { min: 0.5 }
`

let runs: FakeRuns
let artifacts: FakeArtifacts
let deployments: FakeDeployments
let branchHistory: FakeBranchHistory
let workspace: string
let destination: string

beforeEach(() => {
  runs = new FakeRuns()
  artifacts = new FakeArtifacts()
  deployments = new FakeDeployments()
  branchHistory = new FakeBranchHistory()
  workspace = mkdtempSync(join(root, 'repo-'))
  destination = join(mkdtempSync(join(root, 'temp-')), 'promoted')
  writeFileSync(join(workspace, 'model-ci.yml'), CONFIG)
  for (const model of ['fraud', 'churn']) {
    mkdirSync(join(workspace, 'models', model, 'src'), { recursive: true })
    writeFileSync(join(workspace, 'models', model, 'src', 'train.py'), 'print(1)\n')
  }
})

function ports(): PromotePorts {
  return {
    git: undefined,
    workspace: new FsWorkspace(workspace),
    logger: silentLogger,
    listFilesWithoutGit: () => listFilesWithoutGit(workspace),
    artifacts,
    runs,
    deployments,
    history: branchHistory,
    hashTree,
    files: new NodeFileSystem(),
    now: () => new Date('2026-11-27T12:00:00Z')
  }
}

function request(overrides: Partial<PromoteRequest> = {}): PromoteRequest {
  return {
    configFile: 'model-ci.yml',
    model: 'fraud',
    version: 'latest',
    environment: 'staging',
    defaultBranch: 'main',
    run: { id: 900, url: 'https://github.com/acme/models/actions/runs/900' },
    destination,
    ...overrides
  }
}

/** A push run on main that trained `models`, with their artifacts and the run's ledger. */
function pushRun(models: Record<string, { outputs?: Record<string, string>; metrics?: Record<string, number> }> = { fraud: {} }) {
  const run = runs.add({ headSha: String(runs.runs.length + 1).repeat(40) })
  const entries: Parameters<typeof addLedger>[2] = {}
  const held: Record<string, ReturnType<FakeArtifacts['add']>> = {}
  for (const [model, options] of Object.entries(models)) {
    const trained = trainedArtifact({ model, run, ...options })
    held[model] = artifacts.add(run.id, `model-ci-${model}`, trained.files)
    entries[model] = { manifest: trained.manifest, artifact: held[model] }
  }
  addLedger(artifacts, run, entries)
  return { run, held, version: (model: string) => entries[model].manifest.version }
}

const states = () => deployments.records.map((record) => `${record.environment} ${record.payload.model} ${record.statuses.join(',') || 'none'}`)

describe('promote', () => {
  it('promotes latest to staging, hands over the verified files and records a successful deployment', async () => {
    const { run, held, version } = pushRun({ fraud: { outputs: { 'model.json': 'weights', 'sub/vocab.txt': 'a b' } } })
    const result = await promote(ports(), request())
    expect(result).toMatchObject({ version: version('fraud'), digest: held.fraud.digest, previousVersion: null, modelDir: join(destination, 'outputs') })
    expect(readFileSync(join(result.modelDir, 'sub', 'vocab.txt'), 'utf8')).toBe('a b')
    expect(deployments.records).toEqual([
      expect.objectContaining({
        environment: 'staging',
        payload: { model: 'fraud', version: version('fraud'), digest: held.fraud.digest, run_id: run.id, sha: run.headSha, metrics: { accuracy: 0.9 } },
        statuses: ['success']
      })
    ])
    expect(result.summary).toContain('## model-ci: `fraud` promoted to staging')
    expect(result.summary).toContain(`[run ${run.id}](${run.url})`)
    expect(result.summary).toContain(`[${run.headSha.slice(0, 7)}](https://github.com/acme/models/commit/${run.headSha})`)
    expect(result.summary).toMatch(/\| staging \| `[^`]+` \| `sha256:[0-9a-f]{12}…` \| 2026-11-27 10:00 \| github\\-actions\\\[bot\\\] \| manual \| \[log\]\(https:\/\/github\.com\/acme\/models\/actions\/runs\/900\) \| \*\*live\*\* \|/)
  })

  it('an automatic promotion records "automatic": true with the pusher, and checks the version the report judged', async () => {
    const { run, held, version } = pushRun()
    const result = await promote(ports(), request({ version: String(run.id), automatic: true, actor: 'mona', expectedVersion: version('fraud') }))
    expect(deployments.records).toEqual([
      expect.objectContaining({
        payload: { model: 'fraud', version: version('fraud'), digest: held.fraud.digest, run_id: run.id, sha: run.headSha, metrics: { accuracy: 0.9 }, promoted_by: 'mona', automatic: true },
        statuses: ['success']
      })
    ])
    expect(result.summary).toContain('| How | automatically, by the push to main')
    expect(result.summary).toMatch(/\| mona \| automatic \| /)
    // Another version than the one judged is refused, and nothing more is recorded.
    await expect(promote(ports(), request({ version: String(run.id), automatic: true, expectedVersion: '2026.01.01-000000-0000000-r1' }))).rejects.toThrow('not "2026.01.01-000000-0000000-r1"')
    expect(deployments.records).toHaveLength(1)
  })

  it('then promotes it to production, naming the version that was live there before', async () => {
    const first = pushRun()
    await promote(ports(), request())
    await promote(ports(), request({ environment: 'production' }))
    const second = pushRun()
    await promote(ports(), request())
    const result = await promote(ports(), request({ environment: 'production' }))
    expect(result.previousVersion).toBe(first.version('fraud'))
    expect(result.version).toBe(second.version('fraud'))
  })

  it('refuses production for a version never live in staging, and records nothing', async () => {
    pushRun()
    await expect(promote(ports(), request({ environment: 'production' }))).rejects.toThrow(
      /^model-ci promote: fraud \S+ was not promoted to production: rule "environment order": fraud sha256:\w+ must be live in staging before it is promoted to production, and nothing of fraud is live there; promote it to staging first$/
    )
    expect(deployments.records).toEqual([])
    expect(existsSync(destination)).toBe(false)
  })

  it('refuses an artifact whose file differs from its manifest, naming the file', async () => {
    const { held } = pushRun()
    held.fraud.files['outputs/model.json'] = '{"weights":[6,6,6]}'
    await expect(promote(ports(), request())).rejects.toThrow(
      /^artifact model-ci-fraud \(id \d+\) of run \d+ failed verification and was not promoted: "outputs\/model.json" has sha256 \w+, but the manifest says \w+: it changed after the training$/
    )
    expect(deployments.records).toEqual([])
    expect(existsSync(destination)).toBe(false)
  })

  it('refuses extra and missing files', async () => {
    const { held } = pushRun()
    held.fraud.files['outputs/backdoor.py'] = 'import os'
    await expect(promote(ports(), request())).rejects.toThrow('"outputs/backdoor.py" is not listed in its manifest')
    delete held.fraud.files['outputs/backdoor.py']
    delete held.fraud.files['outputs/model.json']
    await expect(promote(ports(), request())).rejects.toThrow('"outputs/model.json" is listed in its manifest but missing')
    expect(deployments.records).toEqual([])
  })

  it('refuses a model whose metric is outside the bounds of model-ci.yml', async () => {
    pushRun({ fraud: { metrics: { accuracy: 0.4 } } })
    await expect(promote(ports(), request())).rejects.toThrow('rule "metric bounds": metric "accuracy" of fraud is 0.4, below its "min" of 0.5')
    expect(deployments.records).toEqual([])
  })

  it('takes the bounds of model.yml before those of model-ci.yml', async () => {
    writeFileSync(join(workspace, 'models', 'fraud', 'model.yml'), 'metrics:\n  accuracy: { min: 0.95 }\n')
    pushRun()
    await expect(promote(ports(), request())).rejects.toThrow('below its "min" of 0.95')
  })

  it('refuses an environment model-ci.yml does not list, before reading anything else', async () => {
    await expect(promote(ports(), request({ environment: 'qa' }))).rejects.toThrow(
      'model-ci promote fraud: rule "listed environment": environment "qa" is not one of the environments in model-ci.yml (staging, production); promote to one of them or add it to "environments"'
    )
  })

  it('rolls back with previous, waiving the order rule, and says so', async () => {
    const first = pushRun()
    await promote(ports(), request())
    await promote(ports(), request({ environment: 'production' }))
    pushRun()
    await promote(ports(), request())
    await promote(ports(), request({ environment: 'production' }))
    // staging moves on, so the first version is no longer live there.
    pushRun()
    await promote(ports(), request())
    const result = await promote(ports(), request({ environment: 'production', version: 'previous' }))
    expect(result.version).toBe(first.version('fraud'))
    expect(result.summary).toContain('This is a rollback')
    const history = await promotionHistory(deployments, 'fraud', ['production'], { creators: [] })
    expect(history.map((entry) => [entry.version, entry.live])).toEqual([
      [first.version('fraud'), true],
      [expect.any(String), false],
      [first.version('fraud'), false]
    ])
  })

  it('keeps two models live in one environment', async () => {
    const { version } = pushRun({ fraud: {}, churn: {} })
    await promote(ports(), request())
    await promote(ports(), request({ model: 'churn' }))
    const history = [...(await promotionHistory(deployments, 'fraud', ['staging'], { creators: [] })), ...(await promotionHistory(deployments, 'churn', ['staging'], { creators: [] }))]
    expect(history.map((entry) => [entry.version, entry.live])).toEqual([
      [version('fraud'), true],
      [version('churn'), true]
    ])
  })

  it('records nothing when the deployment cannot be created', async () => {
    pushRun()
    deployments.failCreate = true
    await expect(promote(ports(), request())).rejects.toThrow(
      /^the promotion of fraud \S+ to staging was not recorded: HttpError: Server Error \(500\); nothing was promoted, so run the promotion again$/
    )
    expect(deployments.records).toEqual([])
  })

  it('marks the deployment as an error when its success status cannot be set, so it is never live', async () => {
    pushRun()
    deployments.failingStates.add('success')
    await expect(promote(ports(), request())).rejects.toThrow(
      /^the promotion of fraud \S+ to staging was not recorded: deployment 1500 was created, but its success status could not be set \(HttpError: Server Error \(502\) setting success\); it is marked as an error and is not live, so run the promotion again$/
    )
    expect(states()).toEqual(['staging fraud error'])
    expect(await promotionHistory(deployments, 'fraud', ['staging'], { creators: [] })).toEqual([])
    deployments.failingStates.add('error')
    await expect(promote(ports(), request())).rejects.toThrow('it has no status and is not live')
    expect(states()).toEqual(['staging fraud error', 'staging fraud none'])
  })
})

describe('renderHistory', () => {
  it('prints aligned columns for a terminal, escaping untrusted text', () => {
    const text = renderHistory(
      [
        {
          environment: 'production',
          version: '2026.11.27-100000-3f2a9c1-r812',
          digest: `sha256:${'a'.repeat(64)}`,
          runId: 812,
          sha: 'c'.repeat(40),
          promotedAt: '2026-11-27T10:00:05Z',
          promotedBy: 'mona\u001b[31m',
          automatic: false,
          live: true,
          deploymentId: 1,
          logUrl: null
        },
        {
          environment: 'staging',
          version: '2026.11.27-100000-3f2a9c1-r812',
          digest: `sha256:${'a'.repeat(64)}`,
          runId: 812,
          sha: 'c'.repeat(40),
          promotedAt: '2026-11-27T09:58:00Z',
          promotedBy: 'mona',
          automatic: true,
          live: true,
          deploymentId: 2,
          logUrl: 'https://github.com/o/r/actions/runs/812'
        }
      ],
      'text'
    )
    expect(text).toBe(
      [
        'ENVIRONMENT  VERSION                         DIGEST                PROMOTED (UTC)    BY              HOW        LIVE',
        'production   2026.11.27-100000-3f2a9c1-r812  sha256:aaaaaaaaaaaa…  2026-11-27 10:00  mona\\u001b[31m  manual     yes',
        'staging      2026.11.27-100000-3f2a9c1-r812  sha256:aaaaaaaaaaaa…  2026-11-27 09:58  mona            automatic  yes',
        ''
      ].join('\n')
    )
    expect(renderHistory([], 'markdown')).toBe('_No promotions recorded yet._\n')
  })
})
