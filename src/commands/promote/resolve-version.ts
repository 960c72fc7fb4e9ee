// Finds the artifact that `promote`'s `version` input names: the run that holds it, and the digest
// GitHub lists for it, which is the one trusted (ledgers, manifests and deployment payloads are
// written by workflows and read as untrusted).
import { completedPromotions, rollbackTarget } from '../../core/promotion-policy.js'
import { showUntrusted } from '../../core/untrusted-text.js'
import { UserError } from '../../errors.js'
import type { ArtifactStore } from '../../ports/artifact-store.js'
import type { BranchHistory } from '../../ports/branch-history.js'
import type { PromotionRecord } from '../../ports/deployments.js'
import type { Logger } from '../../ports/logger.js'
import type { WorkflowRun, WorkflowRuns } from '../../ports/workflow-runs.js'
import type { LedgerEntry } from '../../core/ledger.js'
import type { FoundLedger } from '../../records/ledger-history.js'
import { newestLedger } from '../../records/ledger-history.js'
import { artifactName } from '../../records/model-artifact.js'
import type { VersionRequest } from './version-request.js'
import { VERSION_FORMS, parseVersionRequest } from './version-request.js'

export interface ResolvePorts {
  runs: WorkflowRuns
  artifacts: ArtifactStore
  logger: Logger
  history: BranchHistory
}

export interface ResolveContext {
  model: string
  /** The `version` input as given. */
  version: string
  environment: string
  defaultBranch: string
  /** Promotion records already read, by environment (newest first): for `previous` and for errors. */
  records: ReadonlyMap<string, readonly PromotionRecord[]>
}

/** The artifact to promote, found. */
export interface ResolvedSource {
  /** The run that uploaded the artifact, as GitHub describes it. */
  run: WorkflowRun
  artifact: { id: number; name: string; digest: string }
  /** The version the artifact's manifest must have, when the request named one. */
  expectedVersion?: string
  /** How the version was found, for the summary ("latest on main: the ledger of run 812"). */
  foundAs: string
  /** `previous`: the version was live in the environment before the current one. */
  rollback: boolean
}

/** Runs looked through for a commit sha given short, and runs of one commit, newest first. */
const RUNS_LOOKED_AT = 100
const RUNS_OF_A_COMMIT = 20
/** Versions named in an error. */
const VERSIONS_NAMED = 5

/** Resolves `context.version` to an artifact; anything that does not resolve is a one-line UserError saying what exists. */
export async function resolveVersion(ports: ResolvePorts, context: ResolveContext): Promise<ResolvedSource> {
  const request = parseVersionRequest(context.version)
  const resolver = new Resolver(ports, context)
  if (!request) throw await resolver.unresolved(`it is not ${VERSION_FORMS}`)
  return resolver.resolve(request)
}

class Resolver {
  private ledger: Promise<FoundLedger | undefined> | undefined

  constructor(
    private readonly ports: ResolvePorts,
    private readonly context: ResolveContext
  ) {}

  private get artifactName(): string {
    return artifactName(this.context.model)
  }

  async resolve(request: VersionRequest): Promise<ResolvedSource> {
    switch (request.kind) {
      case 'latest':
        return this.latest()
      case 'previous':
        return this.previous()
      case 'label':
        return this.fromRun(request.runId, { expectedVersion: request.label, foundAs: `version ${request.label}` })
      case 'run': {
        const run = await this.ports.runs.get(request.runId)
        if (run || request.orCommit === undefined) return this.fromRun(request.runId, { foundAs: `run ${request.runId}`, run })
        return this.fromCommit(request.orCommit)
      }
      case 'commit':
        return this.fromCommit(request.sha)
    }
  }

  /** The model in the newest ledger of the default branch. */
  private async latest(): Promise<ResolvedSource> {
    const { model, defaultBranch } = this.context
    const found = await this.newestLedger()
    if (!found) {
      throw await this.unresolved(`no push to ${defaultBranch} has recorded a ledger yet (the report job writes it); run the workflow on ${defaultBranch} first`)
    }
    const entry = Object.hasOwn(found.ledger.models, model) ? found.ledger.models[model] : undefined
    if (!entry) {
      const models = Object.keys(found.ledger.models)
      throw await this.unresolved(
        `the newest ledger of ${defaultBranch} (run ${found.run.id}) has no model ${model}; it has ${models.length === 0 ? 'none' : models.slice(0, 20).join(', ')}`
      )
    }
    const foundAs = `latest on ${defaultBranch} (the ledger of run ${found.run.id})`
    const source = await this.ledgerArtifact(found, entry, foundAs)
    if (source.artifact.digest !== entry.digest) {
      throw new UserError(
        `${this.artifactName} of run ${source.run.id} has digest ${source.artifact.digest} on GitHub, but the ledger of run ${found.run.id} records ${entry.digest}; ` +
          'the ledger does not describe this artifact, so it was not promoted; give the run id to promote what GitHub holds'
      )
    }
    return source
  }

  /** The artifact a ledger entry names, in the run that holds it (see LedgerEntry.artifact_run_id). */
  private async ledgerArtifact(found: FoundLedger, entry: LedgerEntry, foundAs: string): Promise<ResolvedSource> {
    const runId = entry.artifact_run_id
    const run = runId === found.run.id ? found.run : await this.ports.runs.get(runId)
    const listing = run && (await this.ports.artifacts.list(run.id, { name: this.artifactName }))
    const artifact = listing?.find((listed) => listed.id === entry.artifact_id)
    if (run && artifact) return this.sourceOf(run, artifact, { expectedVersion: entry.version, foundAs })
    throw await this.unresolved(
      `the ledger of run ${found.run.id} names artifact ${this.artifactName} (id ${entry.artifact_id}) of run ${runId}, which GitHub no longer has (it may have expired or been deleted)`
    )
  }

  /** The version live in the environment before the current one. */
  private async previous(): Promise<ResolvedSource> {
    const { model, environment } = this.context
    const records = this.context.records.get(environment) ?? []
    const target = rollbackTarget(records, model)
    if (!target) {
      const live = completedPromotions(records, model)[0]
      const now = live ? `only ${live.payload.version} has been live there` : 'nothing of it has been live there'
      throw await this.unresolved(`"previous" rolls back to the version live in ${environment} before the current one, and ${now}`)
    }
    const payload = target.payload
    const source = await this.fromRun(payload.run_id, {
      expectedVersion: payload.version,
      foundAs: `previous in ${environment} (deployment ${target.deploymentId})`
    })
    if (source.artifact.digest !== payload.digest) {
      throw new UserError(
        `${this.artifactName} of run ${payload.run_id} has digest ${source.artifact.digest} on GitHub, but deployment ${target.deploymentId} in ${environment} recorded ${payload.digest}; ` +
          'it is not the artifact that was live, so it was not promoted'
      )
    }
    return { ...source, rollback: true }
  }

  /** The runs of commit `sha` (a prefix when short), the default branch's successful push runs first. */
  private async fromCommit(sha: string): Promise<ResolvedSource> {
    const { defaultBranch } = this.context
    const runs =
      sha.length === 40
        ? await this.ports.runs.listCompleted({ headSha: sha, limit: RUNS_OF_A_COMMIT })
        : (await this.ports.runs.listCompleted({ branch: defaultBranch, event: 'push', limit: RUNS_LOOKED_AT })).filter((run) => run.headSha.startsWith(sha))
    const commits = new Set(runs.map((run) => run.headSha))
    if (commits.size > 1) {
      throw await this.unresolved(`commit ${sha} is ambiguous: runs of ${[...commits].slice(0, 5).join(', ')} match it; give more of the sha`)
    }
    const preferred = (run: WorkflowRun) => Number(run.event === 'push' && run.headBranch === defaultBranch && run.conclusion === 'success')
    // A stable sort keeps the listed order (newest first) among equals.
    const ordered = [...runs].sort((a, b) => preferred(b) - preferred(a))
    for (const run of ordered) {
      const [artifact] = await this.ports.artifacts.list(run.id, { name: this.artifactName })
      if (artifact) return this.sourceOf(run, artifact, { foundAs: `commit ${run.headSha.slice(0, 7)} (run ${run.id})` })
    }
    const searched = sha.length === 40 ? 'its completed runs' : `the newest ${RUNS_LOOKED_AT} push runs of ${defaultBranch}`
    throw await this.unresolved(
      runs.length === 0 ? `no completed run of commit ${sha} was found among ${searched}` : `no completed run of commit ${sha} has an artifact ${this.artifactName}`
    )
  }

  /** The model's artifact in run `runId`. */
  private async fromRun(
    runId: number,
    options: { expectedVersion?: string; foundAs: string; run?: WorkflowRun }
  ): Promise<ResolvedSource> {
    const run = options.run ?? (await this.ports.runs.get(runId))
    if (!run) throw await this.unresolved(`there is no workflow run ${runId} in this repository`)
    const [artifact] = await this.ports.artifacts.list(run.id, { name: this.artifactName })
    if (!artifact) throw await this.unresolved(`run ${run.id} has no artifact ${this.artifactName} (it may have expired or been deleted)`)
    return this.sourceOf(run, artifact, options)
  }

  private sourceOf(
    run: WorkflowRun,
    artifact: { id: number; name: string; digest?: string },
    options: { expectedVersion?: string; foundAs: string }
  ): ResolvedSource {
    if (artifact.digest === undefined) {
      throw new UserError(
        `${artifact.name} of run ${run.id} has no digest on GitHub (it was uploaded by an older tool), so its content cannot be verified and it is not promoted; train the model again`
      )
    }
    return {
      run,
      artifact: { id: artifact.id, name: artifact.name, digest: artifact.digest },
      expectedVersion: options.expectedVersion,
      foundAs: options.foundAs,
      rollback: false
    }
  }

  private newestLedger(): Promise<FoundLedger | undefined> {
    this.ledger ??= newestLedger(this.ports, { branch: this.context.defaultBranch })
    return this.ledger
  }

  /** The error for a version that does not resolve: why, and the newest versions of the model that exist. */
  async unresolved(reason: string): Promise<UserError> {
    const { model, version } = this.context
    const known = await this.knownVersions()
    const exists = known.length === 0 ? `no version of ${model} is known yet` : `the newest versions of ${model}: ${known.join(', ')}`
    return new UserError(`version ${showUntrusted(version, 60)} does not resolve to a training of ${model}: ${reason}; ${exists}`)
  }

  /** The newest versions named by the default branch's ledger and the promotion records read. */
  private async knownVersions(): Promise<string[]> {
    const { model, defaultBranch } = this.context
    const notes = new Map<string, string[]>()
    const note = (version: string, where: string) => notes.set(version, [...(notes.get(version) ?? []), where])
    let found: FoundLedger | undefined
    try {
      found = await this.newestLedger()
    } catch (error) {
      // Naming what exists only helps the message; the refusal stands without it.
      this.ports.logger.debug(`The ledger could not be read to name the versions of ${model}: ${error instanceof Error ? error.message : String(error)}`)
    }
    const entry = found && Object.hasOwn(found.ledger.models, model) ? found.ledger.models[model] : undefined
    if (entry) note(entry.version, `latest on ${defaultBranch}`)
    for (const [environment, records] of this.context.records) {
      completedPromotions(records, model).forEach((record, index) => note(record.payload.version, index === 0 ? `live in ${environment}` : `was in ${environment}`))
    }
    // Labels start with the time of the training, so sorting them as text sorts them by time.
    return [...notes.keys()]
      .sort()
      .reverse()
      .slice(0, VERSIONS_NAMED)
      .map((version) => `${version} (${(notes.get(version) as string[]).join(', ')})`)
  }
}
