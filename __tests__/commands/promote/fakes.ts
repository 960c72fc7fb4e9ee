// In-memory ports for the promote command's unit tests: runs, artifacts (files held as text and
// written out on download, or read one by one) and deployment records with their statuses.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { buildManifest, serializeManifest } from '../../../src/core/manifest.js'
import type { Manifest } from '../../../src/core/manifest.js'
import { LEDGER_ARTIFACT, serializeLedger } from '../../../src/core/ledger.js'
import type { Ledger } from '../../../src/core/ledger.js'
import type { ArtifactStore, ListedArtifact, StoredArtifact } from '../../../src/ports/artifact-store.js'
import type { BranchHistory } from '../../../src/ports/branch-history.js'
import type { Deployments, PromotionPayload, PromotionRecord } from '../../../src/ports/deployments.js'
import type { Logger } from '../../../src/ports/logger.js'
import type { WorkflowRun, WorkflowRuns } from '../../../src/ports/workflow-runs.js'
import { createHash } from 'node:crypto'

export const silentLogger: Logger = { info: () => undefined, debug: () => undefined, warning: () => undefined, group: (_title, work) => work() }

export class FakeRuns implements WorkflowRuns {
  readonly runs: WorkflowRun[] = []
  private nextId = 800

  add(overrides: Partial<WorkflowRun> = {}): WorkflowRun {
    const id = overrides.id ?? this.nextId++
    const run: WorkflowRun = {
      id,
      workflowId: 1,
      headSha: 'c'.repeat(40),
      headBranch: 'main',
      event: 'push',
      status: 'completed',
      conclusion: 'success',
      createdAt: '2026-11-27T10:00:00Z',
      url: `https://github.com/acme/models/actions/runs/${id}`,
      ...overrides
    }
    this.runs.unshift(run)
    return run
  }

  async get(runId: number): Promise<WorkflowRun | undefined> {
    return this.runs.find((run) => run.id === runId)
  }

  async listCompleted(filter: { workflowId?: number; branch?: string; event?: string; headSha?: string; limit: number }): Promise<WorkflowRun[]> {
    return this.runs
      .filter((run) => run.status === 'completed')
      .filter((run) => filter.branch === undefined || run.headBranch === filter.branch)
      .filter((run) => filter.event === undefined || run.event === filter.event)
      .filter((run) => filter.headSha === undefined || run.headSha === filter.headSha)
      .slice(0, filter.limit)
  }
}

/** Every commit is in the branch's history except those in `outside`; `asked` records each question. */
export class FakeBranchHistory implements BranchHistory {
  readonly outside = new Set<string>()
  readonly asked: Array<[string, string]> = []

  async contains(branch: string, sha: string): Promise<boolean> {
    this.asked.push([branch, sha])
    return !this.outside.has(sha)
  }
}

interface HeldArtifact extends StoredArtifact {
  runId: number
  files: Record<string, string>
}

export class FakeArtifacts implements ArtifactStore {
  readonly held: HeldArtifact[] = []
  private nextId = 3000

  /** Holds `files` as artifact `name` of run `runId`; the digest is of the files as given. */
  add(runId: number, name: string, files: Record<string, string>): HeldArtifact {
    const digest = `sha256:${createHash('sha256').update(JSON.stringify(files)).digest('hex')}`
    const artifact = { id: this.nextId++, name, size: 1, digest, runId, files }
    this.held.push(artifact)
    return artifact
  }

  async upload(): Promise<StoredArtifact> {
    throw new Error('promote uploads nothing')
  }

  async list(runId?: number, options: { name?: string } = {}): Promise<ListedArtifact[]> {
    return this.held
      .filter((artifact) => artifact.runId === runId && (options.name === undefined || artifact.name === options.name))
      .map(({ id, name, size, digest }) => ({ id, name, size, digest }))
  }

  async download(artifactId: number, destination: string, options: { runId?: number; expectedDigest?: string } = {}): Promise<void> {
    const artifact = this.held.find((held) => held.id === artifactId && held.runId === options.runId)
    if (!artifact) throw new Error(`no artifact ${artifactId} in run ${options.runId}`)
    if (options.expectedDigest !== undefined && options.expectedDigest !== artifact.digest) throw new Error('digest mismatch')
    for (const [path, content] of Object.entries(artifact.files)) {
      mkdirSync(dirname(join(destination, path)), { recursive: true })
      writeFileSync(join(destination, path), content)
    }
  }

  async readFile(listed: ListedArtifact, path: string, options: { runId?: number; maxBytes: number }): Promise<string | undefined> {
    const artifact = this.held.find((held) => held.id === listed.id && held.runId === options.runId)
    if (!artifact) throw new Error(`no artifact ${listed.id} in run ${options.runId}`)
    return artifact.files[path]
  }
}

export class FakeDeployments implements Deployments {
  readonly records: Array<PromotionRecord & { statuses: string[] }> = []
  private nextId = 1500
  failCreate = false
  /** States whose setStatus throws. */
  readonly failingStates = new Set<string>()

  async list(environment: string, options: { limit: number; creators: readonly string[] }): Promise<PromotionRecord[]> {
    return this.records
      .filter((record) => record.environment === environment)
      .reverse()
      .slice(0, options.limit)
      .map(({ statuses, ...record }) => ({ ...record, state: statuses.at(-1) ?? null }))
  }

  async create(environment: string, payload: PromotionPayload): Promise<number> {
    if (this.failCreate) throw new Error('HttpError: Server Error (500)')
    const deploymentId = this.nextId++
    this.records.push({
      deploymentId,
      environment,
      payload,
      creator: 'github-actions[bot]',
      createdAt: `2026-11-27T10:${String(this.records.length).padStart(2, '0')}:00Z`,
      state: null,
      stateAt: null,
      logUrl: 'https://github.com/acme/models/actions/runs/900',
      statuses: []
    })
    return deploymentId
  }

  async setStatus(deploymentId: number, state: 'in_progress' | 'success' | 'failure' | 'error' | 'inactive'): Promise<void> {
    if (this.failingStates.has(state)) throw new Error(`HttpError: Server Error (502) setting ${state}`)
    const record = this.records.find((candidate) => candidate.deploymentId === deploymentId)
    if (!record) throw new Error(`no deployment ${deploymentId}`)
    record.statuses.push(state)
  }

  /** A completed promotion recorded directly, as an earlier promote would have. */
  seed(environment: string, payload: PromotionPayload, state = 'success'): void {
    this.records.push({
      deploymentId: this.nextId++,
      environment,
      payload,
      creator: 'octocat',
      createdAt: `2026-11-26T09:${String(this.records.length).padStart(2, '0')}:00Z`,
      state: null,
      stateAt: null,
      logUrl: null,
      statuses: [state]
    })
  }
}

/** A successful training's manifest and the artifact files that hold it with its outputs. */
export function trainedArtifact(options: { model: string; run: WorkflowRun; outputs?: Record<string, string>; metrics?: Record<string, number>; mlflow?: Manifest['mlflow'] }): {
  manifest: Manifest
  files: Record<string, string>
} {
  const outputs = options.outputs ?? { 'model.json': '{"weights":[1,2,3]}' }
  const manifest = buildManifest({
    model: options.model,
    fingerprint: `sha256:${'f'.repeat(64)}`,
    sha: options.run.headSha,
    ref: 'refs/heads/main',
    event: options.run.event,
    runId: options.run.id,
    runAttempt: 1,
    createdAt: new Date(options.run.createdAt),
    metrics: options.metrics ?? { accuracy: 0.9 },
    files: Object.entries(outputs).map(([path, content]) => ({ path, size: Buffer.byteLength(content), sha256: createHash('sha256').update(content).digest('hex') })),
    python: '3.11.7',
    runnerOs: 'Linux',
    timings: { install_s: 0, train_s: 1, evaluate_s: null },
    cache: { dependencies: 'none', run: 'miss' },
    failure: null,
    mlflow: options.mlflow ?? null
  })
  const files: Record<string, string> = { 'manifest.json': serializeManifest(manifest) }
  for (const [path, content] of Object.entries(outputs)) files[`outputs/${path}`] = content
  return { manifest, files }
}

/**
 * Adds the ledger artifact of `run` naming `entries` (model → the artifact held for it, in
 * `artifactRunId`, by default `run` itself).
 */
export function addLedger(
  artifacts: FakeArtifacts,
  run: WorkflowRun,
  entries: Record<string, { manifest: Manifest; artifact: StoredArtifact; artifactRunId?: number }>
): Ledger {
  const models: Ledger['models'] = Object.create(null)
  for (const [model, { manifest, artifact, artifactRunId }] of Object.entries(entries)) {
    models[model] = {
      version: manifest.version,
      fingerprint: manifest.fingerprint,
      sha: manifest.sha,
      run_id: manifest.run_id,
      artifact_run_id: artifactRunId ?? run.id,
      artifact_id: artifact.id,
      artifact_name: artifact.name,
      digest: artifact.digest,
      metrics: manifest.metrics,
      created_at: manifest.created_at
    }
  }
  const ledger: Ledger = { schema: 1, branch: 'main', sha: run.headSha, run_id: run.id, models }
  artifacts.add(run.id, LEDGER_ARTIFACT, { 'ledger.json': serializeLedger(ledger) })
  return ledger
}
