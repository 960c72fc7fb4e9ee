/** What a promotion records about the model it promoted (DESIGN.md section 4, the deployment's payload). */
export interface PromotionPayload {
  model: string
  version: string
  digest: string
  run_id: number
  sha: string
  metrics: Record<string, number>
  /**
   * Who started the promotion (the run's triggering actor). The deployment's creator is the
   * token's identity, `github-actions[bot]` for a workflow's token, which answers nothing.
   */
  promoted_by?: string
  /**
   * True when a push to the default branch promoted the model on its own (an environment marked
   * `auto: true`, DESIGN.md section 9); absent for a promotion a person asked for.
   */
  automatic?: boolean
}

/**
 * A deployment model-ci created (task `model-ci:promote`), with its newest status. Payloads are
 * read as untrusted: anyone with `deployments: write` can create one; adapters skip records
 * whose payload does not parse (see parsePromotionPayload) rather than fail.
 */
export interface PromotionRecord {
  deploymentId: number
  environment: string
  payload: PromotionPayload
  /** Who created the deployment (the person who started the promotion's run, or the token's user). */
  creator: string
  createdAt: string
  /** The newest status's state (`success`, `failure`, `inactive`, `in_progress`, ...), or null when it has none. */
  state: string | null
  /** When the newest status was set; null when it has none. */
  stateAt: string | null
  /** The promotion run's page, from the status's log URL, when known. */
  logUrl: string | null
}

/** Deployment records: GitHub's deployments API on a runner, `.model-ci/deployments/` locally. */
export interface Deployments {
  /**
   * model-ci's promotion records in `environment`, newest first (at most `limit`), each with its
   * newest status. Deployments of other tasks (GitHub's own per-job ones) are not listed. Where
   * others can create deployments too (GitHub: anyone with `deployments: write`), only those model-ci
   * wrote count: created by the token's own identity or one of `creators` (model-ci.yml's
   * `promotion.record-creators`), with the newest status such a creator set.
   */
  list(environment: string, options: { limit: number; creators: readonly string[] }): Promise<PromotionRecord[]>
  /** Creates a deployment of commit `payload.sha` in `environment`, task `model-ci:promote`; returns its id. */
  create(environment: string, payload: PromotionPayload, description: string): Promise<number>
  /**
   * Adds a status. `success` statuses are created with `auto_inactive: false`, so that a promotion
   * of one model never marks another model's deployment inactive.
   */
  setStatus(deploymentId: number, state: 'in_progress' | 'success' | 'failure' | 'error' | 'inactive', options: { logUrl?: string; description?: string }): Promise<void>
}
