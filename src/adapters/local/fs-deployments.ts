import { join } from 'node:path'
import { PROMOTION_TASK, parsePromotionPayload } from '../../core/promotion-record.js'
import { UserError } from '../../errors.js'
import type { Deployments, PromotionPayload, PromotionRecord } from '../../ports/deployments.js'
import type { Logger } from '../../ports/logger.js'
import { createRecord, readRecord, recordIds, recordPath, replaceRecord } from './json-records.js'
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

/** A record read back: the file, or why the file there is not a promotion record. */
type ReadRecord = { file: DeploymentFile } | { problem: string }

/**
 * The Deployments port over `<repo>/.model-ci/deployments/<id>.json`: one file per promotion record,
 * holding the deployment and its statuses, replaced whole (in one rename) when a status is added.
 * As on GitHub, a `success` status leaves every other record as it was (`auto_inactive: false`).
 * Records are read back as untrusted, like GitHub's. A file that is not a promotion record (not
 * JSON, a field missing, a payload that does not parse) is left out of `list` with a warning that
 * names it: the history and the live and previous versions are then worked out without it.
 */
export class FsDeployments implements Deployments {
  private readonly directory: string
  /** Records already warned about, so that each is told once however often it is listed. */
  private readonly warned = new Set<number>()

  /** `creator` is who promotes: the CLI passes git's user.name, or the OS user. */
  constructor(
    repositoryRoot: string,
    private readonly creator: string,
    private readonly logger: Pick<Logger, 'warning'>,
    private readonly now: () => Date = () => new Date()
  ) {
    this.directory = join(repositoryRoot, LOCAL_STATE_DIR, 'deployments')
  }

  /** Every record in `.model-ci/deployments/` is this checkout's own, whoever's name it carries: `creators` is not needed. */
  async list(environment: string, options: { limit: number; creators: readonly string[] }): Promise<PromotionRecord[]> {
    const records: PromotionRecord[] = []
    for (const id of await recordIds(this.directory)) {
      if (records.length >= options.limit) break
      const read = await this.read(id)
      // Gone since the folder was listed: another CLI does not delete records, a person may.
      if (read === undefined) continue
      if ('problem' in read) {
        this.warnOnce(id, read.problem)
        continue
      }
      const { file } = read
      if (file.environment !== environment || file.task !== PROMOTION_TASK) continue
      const payload = parsePromotionPayload(file.payload)
      if (!payload) {
        this.warnOnce(id, 'its payload is not one model-ci writes (a field is missing or not valid)')
        continue
      }
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
    const read = await this.read(deploymentId)
    if (read === undefined) throw new Error(`deployment ${deploymentId} is not in ${this.directory}`)
    if ('problem' in read) {
      throw new UserError(`${recordPath(this.directory, deploymentId)}: ${read.problem}, so the ${state} status of deployment ${deploymentId} was not recorded; delete the file or restore it`)
    }
    const { file } = read
    file.statuses.push({ state, description: options.description ?? null, log_url: options.logUrl ?? null, created_at: this.now().toISOString() })
    await replaceRecord(this.directory, deploymentId, file)
  }

  private warnOnce(id: number, problem: string): void {
    if (this.warned.has(id)) return
    this.warned.add(id)
    this.logger.warning(
      `${recordPath(this.directory, id)}: ${problem}, so it is left out of the promotion records (the history, and the live and previous versions are worked out without it); delete the file or restore it`
    )
  }

  /**
   * Record `id`, undefined when there is none, or why the file is not a deployment record (its
   * payload is checked by the caller).
   */
  private async read(id: number): Promise<ReadRecord | undefined> {
    let value: Partial<DeploymentFile> | undefined
    try {
      value = (await readRecord(this.directory, id)) as Partial<DeploymentFile> | undefined
    } catch (error) {
      const message = (error as Error).message
      return { problem: error instanceof SyntaxError ? `it is not valid JSON (${message})` : `it cannot be read (${message})` }
    }
    if (value === undefined) return undefined
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
    return wellFormed ? { file: value as DeploymentFile } : { problem: 'it is not a deployment record of this version of model-ci (a field is missing or not valid)' }
  }
}
