/**
 * GitHubDeployments against the emulator, through the real octokit client with its retry and
 * throttling plugins. Records that the adapter did not write are seeded with a plain client
 * (no throttling, so seeding many is quick), as another tool or person would create them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { GitHubDeployments } from '../../../src/adapters/github/deployments.js'
import { createGitHubClient } from '../../../src/adapters/github/octokit.js'
import { PROMOTION_TASK } from '../../../src/core/promotion-record.js'
import { UserError } from '../../../src/errors.js'
import type { PromotionPayload } from '../../../src/ports/deployments.js'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { applyEnv, sha, sha256 } from '../../emulator/test-support.js'

const repository = { owner: 'acme', repo: 'models' }
const READ_ONLY_TOKEN = 'ghs_readOnlyTokenWithoutDeployments00000'
const MALLORY_TOKEN = 'ghp_malloryCanWriteDeployments000000000'
const APP_TOKEN = 'ghs_deployAppInstallationToken0000000000'
const DEPLOYMENTS = '/repos/acme/models/deployments'

let gh: Emulator
let restoreEnv: () => void
let deployments: GitHubDeployments
let seeder: ReturnType<typeof getOctokit>

beforeAll(async () => {
  gh = await startEmulator({ owner: 'acme', repo: 'models' })
  restoreEnv = applyEnv({ GITHUB_API_URL: gh.apiUrl })
  gh.addToken(READ_ONLY_TOKEN, { permissions: 'read' })
  gh.addToken(MALLORY_TOKEN, { login: 'mallory' })
  gh.addToken(APP_TOKEN, { login: 'deploy-app[bot]' })
  deployments = new GitHubDeployments(createGitHubClient(gh.defaultToken), repository, async () => 'github-actions[bot]')
  seeder = getOctokit(gh.defaultToken, { baseUrl: gh.apiUrl })
})

afterAll(async () => {
  restoreEnv()
  await gh.close()
})

function promotion(model: string, n: number, metrics: Record<string, number> = { accuracy: 0.9 }): PromotionPayload {
  return { model, version: `2026.11.27-${n}`, digest: `sha256:${sha256(`${model} ${n}`)}`, run_id: 800 + n, sha: sha(n), metrics }
}

async function seed(environment: string, payload: unknown, task = PROMOTION_TASK, client = seeder): Promise<number> {
  const { data } = await client.rest.repos.createDeployment({
    ...repository,
    ref: sha(1),
    task,
    environment,
    payload: payload as Record<string, unknown>,
    required_contexts: []
  })
  if (!('id' in data)) throw new Error('not created')
  return data.id
}

const bodiesOf = (method: string, path: RegExp) => gh.requests.filter((request) => request.method === method && path.test(request.path)).map((request) => request.body)

describe('recording a promotion', () => {
  it('creates a deployment of the trained commit that GitHub neither merges nor gates on commit statuses', async () => {
    const payload = promotion('fraud', 1)
    const id = await deployments.create('staging', payload, 'fraud 2026.11.27-1 from run 801')
    const record = gh.state.deployments.find((deployment) => deployment.id === id)
    expect(record).toMatchObject({
      sha: sha(1),
      ref: sha(1),
      task: 'model-ci:promote',
      environment: 'staging',
      payload,
      description: 'fraud 2026.11.27-1 from run 801',
      transient_environment: false,
      production_environment: false
    })
    expect(bodiesOf('POST', /\/deployments$/).at(-1)).toMatchObject({ auto_merge: false, required_contexts: [] })
  })

  it('marks production and prod environments as production ones', async () => {
    for (const environment of ['production', 'prod', 'Production']) {
      const id = await deployments.create(environment, promotion('fraud', 2), 'promote')
      expect(gh.state.deployments.find((deployment) => deployment.id === id)?.production_environment).toBe(true)
    }
  })

  it('sets statuses with the run as log and a description cut to GitHub\'s 140 characters', async () => {
    const id = await deployments.create('qa', promotion('churn', 3), 'promote')
    await deployments.setStatus(id, 'in_progress', { logUrl: 'https://github.localhost/acme/models/actions/runs/803' })
    await deployments.setStatus(id, 'success', { logUrl: 'https://github.localhost/acme/models/actions/runs/803', description: 'é'.repeat(200) })
    const statuses = gh.state.deployments.find((deployment) => deployment.id === id)?.statuses ?? []
    expect(statuses.map((status) => [status.state, status.log_url])).toEqual([
      ['in_progress', 'https://github.localhost/acme/models/actions/runs/803'],
      ['success', 'https://github.localhost/acme/models/actions/runs/803']
    ])
    expect(Array.from(statuses[1]?.description ?? '')).toHaveLength(140)
    expect(statuses[1]?.description.endsWith('é…')).toBe(true)
    expect(bodiesOf('POST', /\/statuses$/).every((body) => (body as { auto_inactive?: unknown }).auto_inactive === false)).toBe(true)
  })

  it('keeps two models live in one environment (auto_inactive: false), where GitHub\'s default would not', async () => {
    const fraud = await deployments.create('canary', promotion('fraud', 4), 'promote fraud')
    await deployments.setStatus(fraud, 'success', {})
    const churn = await deployments.create('canary', promotion('churn', 5), 'promote churn')
    await deployments.setStatus(churn, 'success', {})
    const listed = await deployments.list('canary', { limit: 10, creators: [] })
    expect(listed.map((record) => [record.payload.model, record.state])).toEqual([
      ['churn', 'success'],
      ['fraud', 'success']
    ])
    // The same two steps with GitHub's default take the first model down: the rule the flag avoids.
    const other = await seed('canary', promotion('other', 6))
    await seeder.rest.repos.createDeploymentStatus({ ...repository, deployment_id: other, state: 'success' })
    expect((await deployments.list('canary', { limit: 10, creators: [] })).map((record) => [record.payload.model, record.state])).toEqual([
      ['other', 'success'],
      ['churn', 'inactive'],
      ['fraud', 'inactive']
    ])
  })
})

describe('listing promotions', () => {
  it('lists promotion records newest first with their newest status, skipping garbage and other tasks', async () => {
    const environment = 'listing'
    const first = await seed(environment, promotion('fraud', 10))
    await seeder.rest.repos.createDeploymentStatus({ ...repository, deployment_id: first, state: 'success', log_url: 'https://example.test/run/810', auto_inactive: false })
    await seeder.rest.repos.createDeploymentStatus({ ...repository, deployment_id: first, state: 'inactive', auto_inactive: false })
    await seed(environment, { deploy: 'job' }, 'deploy')
    await seed(environment, 'not json at all')
    await seed(environment, { ...promotion('fraud', 11), model: '../../etc' })
    await seed(environment, { ...promotion('fraud', 12), metrics: { accuracy: '0.9' } })
    await seed(environment, { ...promotion('fraud', 13), digest: 'md5:abc' })
    await seed(environment, { ...promotion('fraud', 14), run_id: -1 })
    const asText = await seed(environment, JSON.stringify(promotion('churn', 15)))
    const noStatus = await seed(environment, promotion('fraud', 16))

    const listed = await deployments.list(environment, { limit: 10, creators: [] })
    expect(listed.map((record) => record.deploymentId)).toEqual([noStatus, asText, first])
    expect(listed[0]).toEqual({
      deploymentId: noStatus,
      environment,
      payload: promotion('fraud', 16),
      creator: 'github-actions[bot]',
      createdAt: expect.any(String),
      state: null,
      stateAt: null,
      logUrl: null
    })
    expect(listed[1]?.payload).toEqual(promotion('churn', 15))
    expect(listed[2]).toMatchObject({ state: 'inactive', logUrl: null })
    expect(await deployments.list(environment, { limit: 2, creators: [] })).toHaveLength(2)
  })

  it('reads pages beyond 100 until the limit, and no further', async () => {
    const environment = 'busy'
    const ids: number[] = []
    for (let n = 0; n < 230; n += 1) ids.push(await seed(environment, n % 3 === 0 ? { garbage: n } : promotion('fraud', 100 + n)))
    const valid = ids.filter((_, n) => n % 3 !== 0).reverse()
    gh.requests.length = 0
    const listed = await deployments.list(environment, { limit: 120, creators: [] })
    expect(listed.map((record) => record.deploymentId)).toEqual(valid.slice(0, 120))
    const pages = gh.requests.filter((request) => request.path === DEPLOYMENTS).map((request) => request.query)
    expect(pages).toEqual([
      expect.objectContaining({ environment, task: 'model-ci:promote', per_page: '100' }),
      expect.objectContaining({ page: '2' })
    ])
    expect(gh.requests.filter((request) => request.path.endsWith('/statuses'))).toHaveLength(120)
    expect((await deployments.list(environment, { limit: 1000, creators: [] })).length).toBe(valid.length)
  })

  it('rides out 502s and a secondary rate limit on the deployments API', async () => {
    const environment = 'flaky'
    const id = await seed(environment, promotion('fraud', 20))
    await seeder.rest.repos.createDeploymentStatus({ ...repository, deployment_id: id, state: 'success', auto_inactive: false })
    gh.inject({ method: 'GET', path: DEPLOYMENTS, times: 1, fault: { status: 502 } })
    gh.inject({ method: 'GET', path: `${DEPLOYMENTS}/${id}/statuses`, times: 1, fault: { status: 429, retryAfter: 1 } })
    const listed = await deployments.list(environment, { limit: 5, creators: [] })
    expect(listed.map((record) => [record.deploymentId, record.state])).toEqual([[id, 'success']])

    gh.inject({ method: 'POST', path: DEPLOYMENTS, times: 1, fault: { status: 502 } })
    const created = await deployments.create(environment, promotion('fraud', 21), 'promote')
    expect(gh.state.deployments.filter((deployment) => deployment.environment === environment).map((deployment) => deployment.id)).toEqual([id, created])
  })
})

describe('records model-ci did not write', () => {
  it("lists only deployments the token's identity or a configured creator made, each with the newest status one of them set", async () => {
    const environment = 'guarded'
    const mallory = getOctokit(MALLORY_TOKEN, { baseUrl: gh.apiUrl })
    const app = getOctokit(APP_TOKEN, { baseUrl: gh.apiUrl })
    const own = await seed(environment, promotion('fraud', 40))
    await seeder.rest.repos.createDeploymentStatus({ ...repository, deployment_id: own, state: 'error', auto_inactive: false })
    // Someone with deployments: write marks model-ci's failed promotion a success, and records one of their own.
    await mallory.rest.repos.createDeploymentStatus({ ...repository, deployment_id: own, state: 'success', auto_inactive: false })
    const forged = await seed(environment, promotion('fraud', 41), PROMOTION_TASK, mallory)
    await mallory.rest.repos.createDeploymentStatus({ ...repository, deployment_id: forged, state: 'success', auto_inactive: false })
    const byApp = await seed(environment, promotion('fraud', 42), PROMOTION_TASK, app)
    await app.rest.repos.createDeploymentStatus({ ...repository, deployment_id: byApp, state: 'success', auto_inactive: false })

    const listed = await deployments.list(environment, { limit: 10, creators: [] })
    expect(listed.map((record) => [record.deploymentId, record.state])).toEqual([[own, 'error']])
    const withApp = await deployments.list(environment, { limit: 10, creators: ['Deploy-App[bot]'] })
    expect(withApp.map((record) => [record.deploymentId, record.creator, record.state])).toEqual([
      [byApp, 'deploy-app[bot]', 'success'],
      [own, 'github-actions[bot]', 'error']
    ])
  })
})

describe('refusals a user can act on', () => {
  it('names the permission a read-only token lacks', async () => {
    const reader = new GitHubDeployments(createGitHubClient(READ_ONLY_TOKEN), repository, async () => 'github-actions[bot]')
    const error = await reader.create('staging', promotion('fraud', 30), 'promote').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toMatch(/^could not create a deployment of fraud 2026\.11\.27-30 .* in environment "staging" \(GitHub answered 403: Resource not accessible by integration\); .*`deployments: write`/)
    const status = await reader.setStatus(gh.state.deployments[0]!.id, 'success', {}).catch((caught: unknown) => caught)
    expect((status as Error).message).toContain('`deployments: write`')
  })

  it('says when the trained commit is not in the repository', async () => {
    const unknown = 'a'.repeat(64)
    const error = await deployments.create('staging', { ...promotion('fraud', 31), sha: unknown }, 'promote').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toBe(
      `could not create a deployment of fraud 2026.11.27-31 (commit ${unknown}) in environment "staging" (GitHub answered 422: No ref found for: ${unknown}); the trained commit is not in this repository: promote a version trained from a commit pushed here`
    )
  })
})
