/**
 * The emulator's world: one repository and everything GitHub keeps about it. Records use
 * GitHub's own field names (snake_case) so a test reads `run.head_sha` the way the REST payload
 * spells it; the REST, results-service and blob surfaces build their payloads from these records.
 */
import type { components } from '@octokit/openapi-types'

export type DiffEntryStatus = components['schemas']['diff-entry']['status']
export type DeploymentState = components['schemas']['deployment-status']['state']
export type Permission = 'read' | 'write'

/** A GitHub account: a person (`User`) or an app's bot (`Bot`, login ending in `[bot]`). */
export interface UserRecord {
  login: string
  id: number
  type: 'User' | 'Bot'
}

/** Who a token acts as, and whether it may write (a fork pull request's token may not). */
export interface Identity extends UserRecord {
  permissions: Permission
}

export interface RepositoryRecord {
  id: number
  owner: UserRecord
  name: string
  default_branch: string
  private: boolean
  created_at: string
}

export interface DiffEntryRecord {
  sha: string
  filename: string
  status: DiffEntryStatus
  additions: number
  deletions: number
  changes: number
  patch?: string
  previous_filename?: string
}

export interface PullRequestRecord {
  id: number
  number: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  draft: boolean
  merged: boolean
  merge_commit_sha: string | null
  user: UserRecord
  /** `owner` is the login owning the head repository: a fork's owner, or the base repository's. */
  head: { sha: string; ref: string; owner: string }
  base: { sha: string; ref: string }
  files: DiffEntryRecord[]
  commits: number
  created_at: string
  updated_at: string
  closed_at: string | null
  merged_at: string | null
}

export interface IssueCommentRecord {
  id: number
  issue_number: number
  body: string
  user: UserRecord
  created_at: string
  updated_at: string
}

/** An issue that is not a pull request (pull requests are issues too, and share its numbers). */
export interface IssueRecord {
  id: number
  number: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  state_reason: 'completed' | 'not_planned' | 'reopened' | null
  labels: string[]
  user: UserRecord
  created_at: string
  updated_at: string
  closed_at: string | null
  closed_by: UserRecord | null
}

export interface WorkflowRunRecord {
  id: number
  /** The workflow's name, as its `name:` says. */
  name: string
  /** The workflow file, e.g. `.github/workflows/ci.yml`. */
  path: string
  workflow_id: number
  event: string
  head_branch: string | null
  head_sha: string
  /** Login owning the head repository: a fork's owner for a fork pull request's run, else the repository's owner. */
  head_owner: string
  status: string
  conclusion: string | null
  run_number: number
  run_attempt: number
  /** Numbers of the pull requests the run belongs to (they must have been added). */
  pull_requests: number[]
  actor: UserRecord
  display_title: string
  created_at: string
  updated_at: string
  run_started_at: string
}

export interface WorkflowJobRecord {
  id: number
  run_id: number
  /** The attempt of the run the job ran in. */
  run_attempt: number
  /** As GitHub shows it: a matrix job is `<job> (<values>)`, e.g. `train (fraud, models/fraud)`. */
  name: string
  status: string
  conclusion: string | null
  created_at: string
  started_at: string
  completed_at: string | null
}

export interface ArtifactRecord {
  id: number
  name: string
  workflow_run_id: number
  /** The job backend id from the uploading job's runtime token. */
  workflow_job_backend_id: string
  mime_type: string
  size_in_bytes: number
  /** `sha256:<hex>` as the client reported it at finalize, or null when it sent none. */
  digest: string | null
  /** False between CreateArtifact and FinalizeArtifact: such artifacts are not listed anywhere. */
  finalized: boolean
  /** Key of the content in the blob store. */
  blob: string
  created_at: string
  updated_at: string
  expires_at: string
}

export interface CacheEntryRecord {
  id: number
  key: string
  version: string
  /** The git ref whose runs may read the entry first (see results/cache.ts for the lookup order). */
  scope: string
  size_bytes: number
  finalized: boolean
  blob: string
  created_at: string
}

export interface DeploymentStatusRecord {
  id: number
  state: DeploymentState
  description: string
  environment: string
  target_url: string
  log_url: string
  environment_url: string
  creator: UserRecord
  created_at: string
  updated_at: string
}

export interface DeploymentRecord {
  id: number
  sha: string
  ref: string
  task: string
  payload: Record<string, unknown> | string
  environment: string
  original_environment: string
  description: string | null
  creator: UserRecord
  transient_environment: boolean
  production_environment: boolean
  /** Oldest first. */
  statuses: DeploymentStatusRecord[]
  created_at: string
  updated_at: string
}

/**
 * Ids start from a different base per kind, so that code passing a run id where an artifact id
 * belongs gets a 404 instead of an accidental match.
 */
const ID_BASES = {
  user: 1_000,
  pull: 1_900_000_000,
  issue: 1_950_000_000,
  comment: 2_100_000_000,
  run: 8_800_000_000,
  job: 5_500_000_000,
  workflow: 61_000_000,
  artifact: 3_300_000_000,
  cache: 4_400_000_000,
  deployment: 1_500_000_000,
  deploymentStatus: 2_700_000_000
} as const
export type IdKind = keyof typeof ID_BASES

/** The GitHub Actions bot that owns the default job token (its real id on github.com). */
export const ACTIONS_BOT: UserRecord = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' }

export interface StateOptions {
  owner: string
  repo: string
  defaultBranch: string
  private: boolean
  now: () => Date
  /** A git repository holding the commits GitHub knows (see rest/commits.ts); none when absent. */
  gitDir?: string
}

export class EmulatorState {
  readonly repository: RepositoryRecord
  /** The git repository standing in for GitHub's copy of the repository: branches and commit history. */
  readonly gitDir: string | undefined
  /** Token → identity. Tokens not in this map get 401 Bad credentials. */
  readonly tokens = new Map<string, Identity>()
  /** Branch name → head sha, for resolving a deployment's `ref`. */
  readonly branches = new Map<string, string>()
  readonly pulls: PullRequestRecord[] = []
  readonly comments: IssueCommentRecord[] = []
  /** Issues that are not pull requests, oldest first. */
  readonly issues: IssueRecord[] = []
  readonly runs: WorkflowRunRecord[] = []
  readonly jobs: WorkflowJobRecord[] = []
  readonly artifacts: ArtifactRecord[] = []
  readonly caches: CacheEntryRecord[] = []
  readonly deployments: DeploymentRecord[] = []
  /** Workflow file path → workflow id. */
  readonly workflows = new Map<string, number>()

  private readonly users = new Map<string, UserRecord>([[ACTIONS_BOT.login, ACTIONS_BOT]])
  private readonly counters = new Map<IdKind, number>()
  private readonly clock: () => Date

  constructor(options: StateOptions) {
    this.clock = options.now
    this.gitDir = options.gitDir
    this.repository = {
      id: 700_000_001,
      owner: this.user(options.owner, 'User'),
      name: options.repo,
      default_branch: options.defaultBranch,
      private: options.private,
      created_at: this.timestamp()
    }
  }

  nextId(kind: IdKind): number {
    const next = (this.counters.get(kind) ?? 0) + 1
    this.counters.set(kind, next)
    return ID_BASES[kind] + next
  }

  now(): Date {
    return this.clock()
  }

  /** GitHub's timestamp format: ISO 8601 in UTC, whole seconds. */
  timestamp(date: Date = this.clock()): string {
    return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  }

  /** The account with this login, created on first use with a stable id. */
  user(login: string, type: 'User' | 'Bot' = login.endsWith('[bot]') ? 'Bot' : 'User'): UserRecord {
    let user = this.users.get(login)
    if (!user) {
      user = { login, id: this.nextId('user'), type }
      this.users.set(login, user)
    }
    return user
  }

  workflowId(path: string): number {
    let id = this.workflows.get(path)
    if (id === undefined) {
      id = this.nextId('workflow')
      this.workflows.set(path, id)
    }
    return id
  }

  pull(number: number): PullRequestRecord | undefined {
    return this.pulls.find(pull => pull.number === number)
  }

  issue(number: number): IssueRecord | undefined {
    return this.issues.find(issue => issue.number === number)
  }

  /** Whether `number` is an issue or a pull request: both take comments. */
  hasIssueNumber(number: number): boolean {
    return this.pull(number) !== undefined || this.issue(number) !== undefined
  }

  /** The number a new issue gets: after every issue's and pull request's, which share one sequence. */
  nextIssueNumber(): number {
    return Math.max(0, ...this.pulls.map(pull => pull.number), ...this.issues.map(issue => issue.number)) + 1
  }

  run(id: number): WorkflowRunRecord | undefined {
    return this.runs.find(run => run.id === id)
  }

  /** Artifacts a client can see: finalized ones. */
  visibleArtifacts(): ArtifactRecord[] {
    return this.artifacts.filter(artifact => artifact.finalized)
  }
}
