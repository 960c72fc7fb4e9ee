/**
 * The GitLab emulator's world: one project and what GitLab keeps about it that model-ci uses.
 * Records use GitLab's own field names (snake_case), as its REST API spells them.
 */
import { createHash } from 'node:crypto'

export interface GitLabUser {
  id: number
  username: string
  name: string
}

/**
 * Who a token acts as. `personal` and `project` tokens (sent as `PRIVATE-TOKEN` or
 * `Authorization: Bearer`) may do everything the emulator serves; a `job` token (CI_JOB_TOKEN,
 * sent as `JOB-TOKEN`) belongs to a pipeline, may read and write generic packages and read
 * pipelines, and gets 403 everywhere else (notes, `GET /user`).
 */
export interface TokenRecord {
  kind: 'personal' | 'project' | 'job'
  user: GitLabUser
  /** The job's pipeline, for a job token: packages it uploads record it. */
  pipeline_id?: number
}

export type PipelineStatus = 'created' | 'waiting_for_resource' | 'preparing' | 'pending' | 'running' | 'success' | 'failed' | 'canceled' | 'skipped' | 'manual' | 'scheduled'

export interface PipelineRecord {
  id: number
  iid: number
  project_id: number
  sha: string
  ref: string
  status: PipelineStatus
  source: string
  created_at: string
  updated_at: string
  web_url: string
  user: GitLabUser
  /** A child pipeline's parent: its trigger (bridge) job made this pipeline. Not in GitLab's pipeline payload. */
  parent_id?: number
}

export interface MergeRequestRecord {
  id: number
  iid: number
  title: string
  state: 'opened' | 'closed' | 'merged'
  /** The head commit. */
  sha: string
  source_branch: string
  target_branch: string
  /** The merge-base the diff starts from (`diff_refs.base_sha`). */
  base_sha: string
  /** The project the source branch is in: another id for a fork's merge request. */
  source_project_id: number
}

export interface NoteRecord {
  id: number
  noteable_id: number
  noteable_iid: number
  body: string
  author: GitLabUser
  created_at: string
  updated_at: string
  system: boolean
}

export interface PackageFileRecord {
  id: number
  package_id: number
  file_name: string
  size: number
  file_sha256: string
  file_md5: string
  file_sha1: string
  created_at: string
  /** The pipeline whose job token uploaded the file; undefined for other tokens. */
  pipeline_id?: number
  content: Buffer
}

export interface PackageRecord {
  id: number
  name: string
  version: string
  package_type: 'generic'
  status: 'default' | 'hidden'
  created_at: string
  files: PackageFileRecord[]
}

export class GitLabState {
  readonly users = new Map<string, GitLabUser>()
  readonly tokens = new Map<string, TokenRecord>()
  readonly pipelines: PipelineRecord[] = []
  readonly mergeRequests: MergeRequestRecord[] = []
  readonly notes: NoteRecord[] = []
  readonly packages: PackageRecord[] = []
  private readonly counters = new Map<string, number>()

  constructor(
    readonly project: { id: number; path_with_namespace: string; web_url: string },
    readonly now: () => Date
  ) {}

  nextId(kind: string): number {
    const next = (this.counters.get(kind) ?? 0) + 1
    this.counters.set(kind, next)
    return next
  }

  timestamp(): string {
    return this.now().toISOString()
  }

  user(username: string): GitLabUser {
    let user = this.users.get(username)
    if (!user) {
      user = { id: this.nextId('user'), username, name: username }
      this.users.set(username, user)
    }
    return user
  }

  pipeline(id: number): PipelineRecord | undefined {
    return this.pipelines.find(pipeline => pipeline.id === id)
  }

  mergeRequest(iid: number): MergeRequestRecord | undefined {
    return this.mergeRequests.find(mr => mr.iid === iid)
  }

  package(id: number): PackageRecord | undefined {
    return this.packages.find(pkg => pkg.id === id)
  }

  /** Adds a file to package `name`/`version` (created when new), as the generic upload does. */
  putPackageFile(name: string, version: string, fileName: string, content: Buffer, pipelineId?: number): PackageFileRecord {
    let pkg = this.packages.find(candidate => candidate.name === name && candidate.version === version)
    if (!pkg) {
      pkg = { id: this.nextId('package'), name, version, package_type: 'generic', status: 'default', created_at: this.timestamp(), files: [] }
      this.packages.push(pkg)
    }
    const digest = (algorithm: string) => createHash(algorithm).update(content).digest('hex')
    const file: PackageFileRecord = {
      id: this.nextId('package_file'),
      package_id: pkg.id,
      file_name: fileName,
      size: content.length,
      file_sha256: digest('sha256'),
      file_md5: digest('md5'),
      file_sha1: digest('sha1'),
      created_at: this.timestamp(),
      pipeline_id: pipelineId,
      content
    }
    pkg.files.push(file)
    return file
  }
}
