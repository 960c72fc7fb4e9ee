import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { startEmulator, type Emulator } from './index.js'
import { sha } from './test-support.js'

let gh: Emulator
let octokit: ReturnType<typeof getOctokit>
const repo = { owner: 'acme', repo: 'models' }

beforeAll(async () => {
  gh = await startEmulator({ owner: 'acme', repo: 'models' })
  octokit = getOctokit(gh.defaultToken, { baseUrl: gh.apiUrl })
  gh.setBranch('main', sha(1))
})

afterAll(() => gh.close())

async function deploy(environment: string, extra: Record<string, unknown> = {}) {
  const { data } = await octokit.rest.repos.createDeployment({ ...repo, ref: sha(2), environment, required_contexts: [], auto_merge: false, ...extra })
  if (!('id' in data)) throw new Error('deployment was not created')
  return data
}

async function latestState(id: number): Promise<string | undefined> {
  const { data } = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: id })
  return data[0]?.state
}

describe('deployments', () => {
  it('creates a deployment with GitHub\'s defaults and the token as creator', async () => {
    const { status, data } = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: 'main',
      task: 'model-ci:promote',
      environment: 'staging',
      payload: { model: 'fraud', version: 'v1' },
      required_contexts: []
    })
    expect(status).toBe(201)
    expect(data).toMatchObject({
      sha: sha(1),
      ref: 'main',
      task: 'model-ci:promote',
      environment: 'staging',
      original_environment: 'staging',
      payload: { model: 'fraud', version: 'v1' },
      transient_environment: false,
      production_environment: false,
      creator: { login: 'github-actions[bot]', type: 'Bot' }
    })
    const production = await deploy('production')
    expect(production.production_environment).toBe(true)
    const plain = await octokit.rest.repos.createDeployment({ ...repo, ref: sha(3) })
    expect(plain.data).toMatchObject({ task: 'deploy', environment: 'production', payload: {}, description: '' })
  })

  it('refuses a ref it cannot resolve with 422', async () => {
    await expect(octokit.rest.repos.createDeployment({ ...repo, ref: 'no-such-branch' })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('No ref found for: no-such-branch')
    })
  })

  it('lists deployments newest first, filtered by sha, ref, task and environment, paginated', async () => {
    const first = await deploy('qa', { task: 'model-ci:promote' })
    const second = await deploy('qa', { task: 'model-ci:promote' })
    await deploy('qa', { task: 'other' })
    const { data } = await octokit.rest.repos.listDeployments({ ...repo, environment: 'qa', task: 'model-ci:promote' })
    expect(data.map(deployment => deployment.id)).toEqual([second.id, first.id])
    const bySha = await octokit.paginate(octokit.rest.repos.listDeployments, { ...repo, sha: sha(2), per_page: 2 })
    expect(bySha).toHaveLength(4)
    const byRef = await octokit.rest.repos.listDeployments({ ...repo, ref: 'main' })
    expect(byRef.data.map(deployment => deployment.environment)).toEqual(['staging'])
    const one = await octokit.rest.repos.getDeployment({ ...repo, deployment_id: first.id })
    expect(one.data.id).toBe(first.id)
  })

  it('creates statuses, newest first, with log_url filling target_url', async () => {
    const deployment = await deploy('review')
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: deployment.id, state: 'in_progress' })
    const { status, data } = await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: deployment.id,
      state: 'success',
      log_url: 'https://example.test/log',
      environment_url: 'https://example.test/app',
      description: 'promoted'
    })
    expect(status).toBe(201)
    expect(data).toMatchObject({ state: 'success', target_url: 'https://example.test/log', log_url: 'https://example.test/log', environment: 'review', creator: { login: 'github-actions[bot]' } })
    const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployment.id })
    expect(statuses.map(item => item.state)).toEqual(['success', 'in_progress'])
    await expect(octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: deployment.id, state: 'bogus' as 'success' })).rejects.toMatchObject({ status: 422 })
  })

  it('auto_inactive marks earlier successful deployments of the same environment inactive', async () => {
    const old = await deploy('staging-a')
    const failedOne = await deploy('staging-a')
    const transient = await deploy('staging-a', { transient_environment: true })
    const elsewhere = await deploy('staging-b')
    for (const id of [old.id, transient.id, elsewhere.id]) await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state: 'success' })
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: failedOne.id, state: 'failure' })

    const current = await deploy('staging-a')
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: current.id, state: 'success' })

    expect(await latestState(old.id)).toBe('inactive')
    expect(await latestState(failedOne.id)).toBe('failure')
    expect(await latestState(transient.id)).toBe('success')
    expect(await latestState(elsewhere.id)).toBe('success')
    expect(await latestState(current.id)).toBe('success')
  })

  it('leaves production deployments and auto_inactive: false alone', async () => {
    const prodOld = await deploy('production')
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: prodOld.id, state: 'success' })
    const prodNew = await deploy('production')
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: prodNew.id, state: 'success' })
    expect(await latestState(prodOld.id)).toBe('success')

    const keep = await deploy('staging-c')
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: keep.id, state: 'success' })
    const next = await deploy('staging-c')
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: next.id, state: 'success', auto_inactive: false })
    expect(await latestState(keep.id)).toBe('success')
    expect(gh.state.deployments.find(deployment => deployment.id === keep.id)?.statuses.map(status => status.state)).toEqual(['success'])
  })

  it('gives a read-only token 403 on deployment writes', async () => {
    gh.addToken('read-only', { permissions: 'read' })
    const reader = getOctokit('read-only', { baseUrl: gh.apiUrl })
    await expect(reader.rest.repos.createDeployment({ ...repo, ref: sha(2) })).rejects.toMatchObject({ status: 403 })
    const { data } = await reader.rest.repos.listDeployments({ ...repo })
    expect(data.length).toBeGreaterThan(0)
  })
})
