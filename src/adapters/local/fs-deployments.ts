import { join } from 'node:path'
import { PROMOTION_TASK, parsePromotionPayload } from '../../core/promotion-record.js'
import type { Deployments, PromotionPayload, PromotionRecord } from '../../ports/deployments.js'
import { createRecord, readRecord, recordIds, replaceRecord } from './json-records.js'
import { LOCAL_STATE_DIR } from './state-dir.js'

type DeploymentState = Parameters<Deployments['setStatus']>[1]

/** One deployment on disk, in the words of GitHub's deployments API. */
interface DeploymentFile {
  schema: 1
  id: number
  environment: string
  task: string
  /** The commit deployed (GitHub's `sha`; its `ref` is the same commit here). */
  sha: string
  payload: PromotionPayload
  description: string
  creator: string
  created_at: string
  /** Oldest first; the last one is the deployment's state. */
  statuses: Array<{ state: DeploymentState; description: string | null; log_url: string | null; created_at: string }>
}

/**
 * The Deployments port over `<repo>/.model-ci/deployments/<id>.json`: one file per promotion record,
 * holding the deployment and its statuses, replaced whole (in one rename) when a status is added.
 * As on GitHub, a `success` status leaves every other record as it was (`auto_inactive: false`).
 * Records are read back as untrusted, like GitHub's: a file whose payload does not parse is skipped.
 */
export class FsDeployments implements Deployments {
  private readonly directory: string

  /** `creator` is who promotes: the CLI passes git's user.name, or the OS user. */
  constructor(
    repositoryRoot: string,
    private readonly creator: string,
    private readonly now: () => Date = () => new Date()
  ) {
    this.directory = join(repositoryRoot, LOCAL_STATE_DIR, 'deployments')
  }

  async list(environment: string, options: { limit: number }): Promise<PromotionRecord[]> {
    const records: PromotionRecord[] = []
    for (const id of await recordIds(this.directory)) {
      if (records.length >= options.limit) break
      const file = await this.read(id)
      if (!file || file.environment !== environment || file.task !== PROMOTION_TASK) continue
      const payload = parsePromotionPayload(file.payload)
      if (!payload) continue
      const newest = file.statuses.at(-1)
      records.push({
        deploymentId: id,
        environment: file.environment,
        payload,
        creator: file.creator,
        createdAt: file.created_at,
        state: newest?.state ?? null,
        stateAt: newest?.created_at ?? null,
        logUrl: [...file.statuses].reverse().find((status) => status.log_url !== null)?.log_url ?? null
      })
    }
    return records
  }

  async create(environment: string, payload: PromotionPayload, description: string): Promise<number> {
    const createdAt = this.now().toISOString()
    return createRecord(this.directory, (id): DeploymentFile => ({
      schema: 1,
      id,
      environment,
      task: PROMOTION_TASK,
      sha: payload.sha,
      payload,
      description,
      creator: this.creator,
      created_at: createdAt,
      statuses: []
    }))
  }

  async setStatus(deploymentId: number, state: DeploymentState, options: { logUrl?: string; description?: string }): Promise<void> {
    const file = await this.read(deploymentId)
    if (!file) throw new Error(`deployment ${deploymentId} is not in ${this.directory}`)
    file.statuses.push({ state, description: options.description ?? null, log_url: options.logUrl ?? null, created_at: this.now().toISOString() })
    await replaceRecord(this.directory, deploymentId, file)
  }

  /** Record `id`, or undefined when it is missing or not a deployment record (its payload is checked by the caller). */
  private async read(id: number): Promise<DeploymentFile | undefined> {
    const value = (await readRecord(this.directory, id).catch(() => undefined)) as Partial<DeploymentFile> | undefined
    const wellFormed =
      typeof value === 'object' &&
      value !== null &&
      value.id === id &&
      typeof value.environment === 'string' &&
      typeof value.task === 'string' &&
      typeof value.creator === 'string' &&
      typeof value.created_at === 'string' &&
      Array.isArray(value.statuses) &&
      value.statuses.every((status) => typeof status?.state === 'string' && typeof status.created_at === 'string')
    return wellFormed ? (value as DeploymentFile) : undefined
  }
}
