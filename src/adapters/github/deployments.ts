import { parsePromotionPayload, PROMOTION_TASK } from '../../core/promotion-record.js'
import { showUntrusted } from '../../core/untrusted-text.js'
import { UserError } from '../../errors.js'
import type { Deployments, PromotionPayload, PromotionRecord } from '../../ports/deployments.js'
import type { GitHubClient } from './octokit.js'
import { gitHubMessage, requestStatus } from './request-status.js'

type Rest = GitHubClient['rest']
type DeploymentPayload = Awaited<ReturnType<Rest['repos']['getDeployment']>>['data']

/** GitHub's largest page. */
const PER_PAGE = 100

/** GitHub refuses a status description longer than this (`maxLength` in its OpenAPI description). */
const STATUS_DESCRIPTION_LIMIT = 140

/** Environments whose deployments GitHub should show as production ones. */
const PRODUCTION_NAMES = /^(?:production|prod)$/i

/** GitHub's largest page of deployment statuses: the newest trusted one is looked for among them. */
const STATUSES_LOOKED_AT = 100

/**
 * model-ci's promotion records as GitHub deployments (DESIGN.md section 4). Anyone with
 * `deployments: write` can create a deployment with model-ci's task and payload, or add a status to
 * one, so a record counts only when created by `tokenLogin` (the identity model-ci's own token
 * writes as) or one of the `creators` list() is given, and its state is the newest status one of
 * them set.
 */
export class GitHubDeployments implements Deployments {
  constructor(
    private readonly client: GitHubClient,
    private readonly repository: { owner: string; repo: string },
    private readonly tokenLogin: () => Promise<string>
  ) {}

  async list(environment: string, options: { limit: number; creators: readonly string[] }): Promise<PromotionRecord[]> {
    if (options.limit <= 0) return []
    // Logins are compared as GitHub does, without regard to case.
    const trusted = new Set([await this.tokenLogin(), ...options.creators].map((login) => login.toLowerCase()))
    const isTrusted = (user: { login: string } | null | undefined) => user !== null && user !== undefined && trusted.has(user.login.toLowerCase())
    const records: PromotionRecord[] = []
    // GitHub lists deployments newest first; pages are read until `limit` records parse.
    const pages = this.client.paginate.iterator(this.client.rest.repos.listDeployments, {
      ...this.repository,
      environment,
      task: PROMOTION_TASK,
      per_page: PER_PAGE
    })
    for await (const page of pages) {
      const promotions = page.data.flatMap((deployment) => {
        const payload = deployment.task === PROMOTION_TASK && isTrusted(deployment.creator) ? parsePromotionPayload(deployment.payload) : undefined
        return payload ? [{ deployment, payload }] : []
      })
      const wanted = promotions.slice(0, options.limit - records.length)
      records.push(...(await Promise.all(wanted.map(({ deployment, payload }) => this.withNewestStatus(deployment, payload, isTrusted)))))
      if (records.length >= options.limit) break
    }
    return records
  }

  private async withNewestStatus(deployment: DeploymentPayload, payload: PromotionPayload, isTrusted: (user: { login: string } | null | undefined) => boolean): Promise<PromotionRecord> {
    // GitHub lists statuses newest first.
    const { data } = await this.client.rest.repos.listDeploymentStatuses({ ...this.repository, deployment_id: deployment.id, per_page: STATUSES_LOOKED_AT })
    const newest = data.find((status) => isTrusted(status.creator))
    return {
      deploymentId: deployment.id,
      environment: deployment.environment,
      payload,
      creator: deployment.creator?.login ?? 'ghost',
      createdAt: deployment.created_at,
      state: newest?.state ?? null,
      stateAt: newest?.created_at ?? null,
      logUrl: newest?.log_url || newest?.target_url || null
    }
  }

  async create(environment: string, payload: PromotionPayload, description: string): Promise<number> {
    const what = `a deployment of ${payload.model} ${payload.version} (commit ${payload.sha}) in environment ${showUntrusted(environment, 100)}`
    try {
      const { data } = await this.client.rest.repos.createDeployment({
        ...this.repository,
        ref: payload.sha,
        task: PROMOTION_TASK,
        environment,
        // Sent as an object (copied: the client's type wants an index signature), so GitHub hands
        // it back as one; list() parses it as untrusted all the same.
        payload: { ...payload },
        // GitHub documents no limit for a deployment's description; it gets the status's.
        description: capped(description),
        // The commit is deployed as it was trained: GitHub must not merge the default branch into it,
        auto_merge: false,
        // nor refuse it because some commit status of the trained commit (any CI check) is not success.
        required_contexts: [],
        transient_environment: false,
        production_environment: PRODUCTION_NAMES.test(environment)
      })
      // 202 is GitHub's answer when it auto-merged instead of deploying, which auto_merge: false rules out.
      if (!('id' in data)) throw new Error(`GitHub created no deployment for ${what}: ${data.message ?? 'no message'}`)
      return data.id
    } catch (error) {
      throw explainRefusal(error, `create ${what}`)
    }
  }

  async setStatus(
    deploymentId: number,
    state: 'in_progress' | 'success' | 'failure' | 'error' | 'inactive',
    options: { logUrl?: string; description?: string }
  ): Promise<void> {
    try {
      await this.client.rest.repos.createDeploymentStatus({
        ...this.repository,
        deployment_id: deploymentId,
        state,
        log_url: options.logUrl,
        description: options.description === undefined ? undefined : capped(options.description),
        // One environment holds many models, each its own deployment. GitHub's default (true) marks
        // every earlier successful deployment of the environment inactive on a new `success`: a
        // promotion of model A would take model B's live deployment down with it.
        auto_inactive: false
      })
    } catch (error) {
      throw explainRefusal(error, `set the status of deployment ${deploymentId} to ${state}`)
    }
  }
}

/** At most GitHub's 140 characters (code points, so no surrogate pair is split), marked as cut. */
function capped(text: string): string {
  const characters = Array.from(text)
  return characters.length <= STATUS_DESCRIPTION_LIMIT ? text : `${characters.slice(0, STATUS_DESCRIPTION_LIMIT - 1).join('')}…`
}

/** GitHub's refusals a user can act on, as one-line UserErrors; anything else as it came. */
function explainRefusal(error: unknown, action: string): unknown {
  const status = requestStatus(error)
  const said = gitHubMessage(error)
  const github = said ? `GitHub answered ${status}: ${said}` : `GitHub answered ${status}`
  switch (status) {
    case 403:
      return new UserError(`could not ${action} (${github}); give the workflow's token the permission \`deployments: write\``, { cause: error })
    case 404:
      return new UserError(`could not ${action} (${github}); the repository or deployment is not visible to the token, which needs \`deployments: write\``, { cause: error })
    case 409:
      return new UserError(
        `could not ${action} (${github}); GitHub answers 409 for a merge conflict or failed commit status checks, and model-ci asks for neither (auto_merge: false, required_contexts: []), so check the environment's protection rules in the repository's settings and run the promotion again`,
        { cause: error }
      )
    case 422:
      return /no ref found/i.test(said)
        ? new UserError(`could not ${action} (${github}); the trained commit is not in this repository: promote a version trained from a commit pushed here`, { cause: error })
        : new UserError(`could not ${action} (${github})`, { cause: error })
    default:
      return error
  }
}
