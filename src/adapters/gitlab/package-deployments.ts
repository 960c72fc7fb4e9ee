import { randomBytes } from 'node:crypto'
import * as z from 'zod/mini'
import { parsePromotionPayload, PROMOTION_TASK } from '../../core/promotion-record.js'
import { showUntrusted } from '../../core/untrusted-text.js'
import { UserError } from '../../errors.js'
import type { Deployments, PromotionPayload, PromotionRecord } from '../../ports/deployments.js'
import { GitLabApi, gitLabStatus, type GitLabApiOptions } from './gitlab-api.js'

type DeploymentState = Parameters<Deployments['setStatus']>[1]

export interface GitLabPackageDeploymentsOptions extends GitLabApiOptions {
  /**
   * Refs whose pipelines write promotion records: a record or status counts only when GitLab says
   * a job of a pipeline on one of these refs uploaded it (CI_DEFAULT_BRANCH: the shipped promotion
   * jobs run there), or one run by a user in list()'s `creators`.
   */
  trustedRefs: readonly string[]
  now?: () => Date
}

/** The package file that holds a record; written once, when the record is created. */
export const RECORD_FILE = 'record.json'
/**
 * A record's package name, before the environment: not `model-ci-<…>`, which is the artifact of a
 * model (a model may be named `promotion-staging`), nor found by the artifacts' name filter.
 */
export const PROMOTION_PACKAGE_PREFIX = 'model-ci_promotion-'
/** Records read at once by list(). */
const PARALLEL_READS = 8
/** The largest record.json read. */
const MAX_RECORD_BYTES = 1024 * 1024
const STATES: readonly DeploymentState[] = ['in_progress', 'success', 'failure', 'error', 'inactive']
const STATUS_FILE = /^status-(in_progress|success|failure|error|inactive)\.json$/

const pipelineOfFile = z.object({ id: z.number(), ref: z.nullable(z.string()), web_url: z.string(), user: z.optional(z.object({ username: z.string() })) })
const packageFileSchema = z.object({
  id: z.number(),
  package_id: z.optional(z.number()),
  file_name: z.string(),
  size: z.number(),
  created_at: z.string(),
  pipelines: z.optional(z.nullable(z.array(pipelineOfFile)))
})
type PackageFile = z.infer<typeof packageFileSchema>
const packageSchema = z.object({ id: z.number(), name: z.string(), version: z.string(), created_at: z.string() })

/** The record file's content: GitLab's deployment fields, as the local and GitHub records have them. */
interface RecordFile {
  schema: 1
  environment: string
  task: string
  sha: string
  payload: PromotionPayload
  description: string
  created_at: string
}

/**
 * The Deployments port over the generic package registry (DESIGN.md section 9: CI_JOB_TOKEN can
 * write it; GitLab's own deployments API cannot hold model-ci's payload and wants more rights).
 * A promotion record is a package `model-ci_promotion-<environment>` (the environment's name with
 * every character outside `A-Za-z0-9.-` as `_<hex byte>`) of its own version
 * (`<UTC time>-<random>`), whose id is the record's id. It holds `record.json` (environment, task,
 * commit, payload, description), and one `status-<state>.json` per status set; the newest status
 * file (GitLab's largest package file id) is the record's state, and GitLab's time for it the
 * state's time. State and time are read from the file listing, so list() downloads only the
 * records' own small files.
 *
 * Anyone who can run a pipeline can upload packages, so only what model-ci wrote counts: a file
 * counts when GitLab records that a job of a pipeline on a trusted ref (the default branch) or one
 * run by a listed creator uploaded it. The record's creator is the user who ran that pipeline, and
 * the state's log URL is the page of the pipeline that set it.
 */
export class GitLabPackageDeployments implements Deployments {
  private readonly api: GitLabApi
  private readonly now: () => Date

  constructor(private readonly options: GitLabPackageDeploymentsOptions) {
    this.api = new GitLabApi(options)
    this.now = options.now ?? (() => new Date())
  }

  async list(environment: string, options: { limit: number; creators: readonly string[] }): Promise<PromotionRecord[]> {
    if (options.limit <= 0) return []
    const name = packageName(environment)
    const creators = new Set(options.creators.map((login) => login.toLowerCase()))
    const trusted = (file: PackageFile) => {
      const pipeline = file.pipelines?.[0]
      if (!pipeline) return false
      return (pipeline.ref !== null && this.options.trustedRefs.includes(pipeline.ref)) || creators.has((pipeline.user?.username ?? '').toLowerCase())
    }
    const query = { package_type: 'generic', package_name: name, order_by: 'created_at', sort: 'desc' }
    const records: PromotionRecord[] = []
    // Page by page, newest first, a few records at once, until `limit` records are read.
    for (let page: number | undefined = 1; page !== undefined && records.length < options.limit; ) {
      const listed: { items: Array<z.infer<typeof packageSchema>>; nextPage?: number } = await this.api.page(this.api.projectPath('/packages'), query, packageSchema, page)
      const packages = listed.items.filter((pkg) => pkg.name === name)
      for (let start = 0; start < packages.length && records.length < options.limit; start += PARALLEL_READS) {
        const read = await Promise.all(packages.slice(start, start + PARALLEL_READS).map((pkg) => this.readPromotion(pkg, environment, trusted)))
        for (const record of read) if (record && records.length < options.limit) records.push(record)
      }
      page = listed.nextPage
    }
    return records
  }

  /** Package `pkg` as a promotion record in `environment`, or undefined when it is not one model-ci wrote. */
  private async readPromotion(pkg: z.infer<typeof packageSchema>, environment: string, trusted: (file: PackageFile) => boolean): Promise<PromotionRecord | undefined> {
    const files = await this.files(pkg.id)
    // A download serves the newest upload of a name: a record counts only while it has the one record.json model-ci wrote.
    const recordFiles = files.filter((file) => file.file_name === RECORD_FILE)
    const recordFile = recordFiles[0]
    if (recordFiles.length !== 1 || !recordFile || !trusted(recordFile) || recordFile.size > MAX_RECORD_BYTES) return undefined
    const record = await this.readRecord(pkg)
    if (!record || record.environment !== environment || record.task !== PROMOTION_TASK) return undefined
    const payload = parsePromotionPayload(record.payload)
    if (!payload) return undefined
    const newest = files.filter((file) => STATUS_FILE.test(file.file_name) && trusted(file)).sort((a, b) => b.id - a.id)[0]
    return {
      deploymentId: pkg.id,
      environment,
      payload,
      creator: recordFile.pipelines?.[0]?.user?.username ?? 'unknown',
      createdAt: recordFile.created_at,
      state: newest ? (STATUS_FILE.exec(newest.file_name)?.[1] ?? null) : null,
      stateAt: newest?.created_at ?? null,
      logUrl: newest?.pipelines?.[0]?.web_url ?? null
    }
  }

  async create(environment: string, payload: PromotionPayload, description: string): Promise<number> {
    const createdAt = this.now()
    const version = `${createdAt.toISOString().replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}`
    const record: RecordFile = { schema: 1, environment, task: PROMOTION_TASK, sha: payload.sha, payload, description, created_at: createdAt.toISOString() }
    const what = `the promotion record of ${payload.model} ${payload.version} in environment ${showUntrusted(environment, 100)}`
    const file = await this.put(packageName(environment), version, RECORD_FILE, record, what)
    if (file.package_id === undefined) throw new Error(`GitLab did not say which package holds ${what}`)
    return file.package_id
  }

  async setStatus(deploymentId: number, state: DeploymentState, options: { logUrl?: string; description?: string }): Promise<void> {
    if (!STATES.includes(state)) throw new Error(`"${state}" is not a deployment state`)
    const what = `the ${state} status of promotion record ${deploymentId}`
    let pkg: z.infer<typeof packageSchema>
    try {
      pkg = await this.api.json('GET', this.api.projectPath(`/packages/${deploymentId}`), packageSchema)
    } catch (error) {
      if (gitLabStatus(error) === 404) throw new UserError(`could not record ${what}: the record's package is gone from the package registry (deleted by hand or by a cleanup policy)`)
      throw error
    }
    const status = { schema: 1, state, description: options.description ?? null, log_url: options.logUrl ?? null, created_at: this.now().toISOString() }
    await this.put(pkg.name, pkg.version, `status-${state}.json`, status, what)
  }

  private async put(name: string, version: string, fileName: string, content: unknown, what: string): Promise<PackageFile> {
    try {
      const path = `/packages/generic/${encodeURIComponent(name)}/${encodeURIComponent(version)}/${fileName}`
      return await this.api.json('PUT', this.api.projectPath(path), packageFileSchema, {
        query: { select: 'package_file' },
        bytes: () => Buffer.from(`${JSON.stringify(content, null, 2)}\n`)
      })
    } catch (error) {
      const status = gitLabStatus(error)
      if (status === 401 || status === 403) {
        throw new UserError(`could not write ${what}: GitLab refused the token in ${this.api.tokenVariable} (${status}); the job needs CI_JOB_TOKEN with the package registry enabled for the project`, { cause: error })
      }
      throw error
    }
  }

  private async files(packageId: number): Promise<PackageFile[]> {
    const files: PackageFile[] = []
    await this.api.paginate(this.api.projectPath(`/packages/${packageId}/package_files`), {}, packageFileSchema, (page) => {
      files.push(...page)
    })
    return files
  }

  /** The package's record.json, or undefined when it is not a record. */
  private async readRecord(pkg: z.infer<typeof packageSchema>): Promise<Partial<RecordFile> | undefined> {
    const path = `/packages/generic/${encodeURIComponent(pkg.name)}/${encodeURIComponent(pkg.version)}/${RECORD_FILE}`
    const text = await (await this.api.request('GET', this.api.projectPath(path))).text()
    if (text.length > MAX_RECORD_BYTES) return undefined
    try {
      const value = JSON.parse(text) as unknown
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Partial<RecordFile>) : undefined
    } catch {
      return undefined
    }
  }
}

/** `model-ci_promotion-<environment>`, the environment's characters outside `A-Za-z0-9.-` as `_<hex byte>`. */
export function packageName(environment: string): string {
  let encoded = ''
  for (const byte of Buffer.from(environment, 'utf8')) {
    const character = String.fromCharCode(byte)
    encoded += /[A-Za-z0-9.-]/.test(character) ? character : `_${byte.toString(16).padStart(2, '0')}`
  }
  return `${PROMOTION_PACKAGE_PREFIX}${encoded}`
}
