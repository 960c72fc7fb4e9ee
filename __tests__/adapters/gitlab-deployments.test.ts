/** Promotion records in GitLab's generic package registry, against the GitLab emulator over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { GitLabPackageDeployments, packageName, RECORD_FILE } from '../../src/adapters/gitlab/package-deployments.js'
import type { PromotionPayload } from '../../src/ports/deployments.js'
import { UserError } from '../../src/errors.js'
import { startGitLabEmulator, type GitLabEmulator } from '../gitlab-emulator/index.js'

let gl: GitLabEmulator

beforeAll(async () => {
  gl = await startGitLabEmulator({ projectId: 7, projectPath: 'acme/models' })
})
afterAll(() => gl.close())

/** The adapter as a promotion job of a pipeline on `ref`, run by `user`, sees it (CI_JOB_TOKEN). */
function deploymentsIn(ref: string, user = 'carol') {
  const pipeline = gl.addPipeline({ sha: 'a'.repeat(40), ref, source: 'web', user })
  const token = gl.addJobToken(pipeline.id)
  const deployments = new GitLabPackageDeployments({
    apiUrl: gl.apiUrl,
    projectId: '7',
    token: { header: 'JOB-TOKEN', value: token, variable: 'CI_JOB_TOKEN' },
    logger: { info: () => undefined },
    retryDelayMs: 5,
    trustedRefs: ['main']
  })
  return { deployments, pipeline, token }
}

const payload = (model: string, version: string): PromotionPayload => ({
  model,
  version,
  digest: `sha256:${'d'.repeat(64)}`,
  run_id: 1001,
  sha: 'a'.repeat(40),
  metrics: { accuracy: 0.9 },
  promoted_by: 'carol'
})

describe('GitLabPackageDeployments', () => {
  it('records promotions with their statuses; the newest status decides, per record, newest record first', async () => {
    const { deployments, pipeline } = deploymentsIn('main')
    const first = await deployments.create('staging', payload('fraud', 'v1'), 'promote fraud v1')
    await deployments.setStatus(first, 'in_progress', {})
    await deployments.setStatus(first, 'success', { logUrl: 'ignored' })
    const second = await deployments.create('staging', payload('fraud', 'v2'), 'promote fraud v2')
    await deployments.setStatus(second, 'failure', {})
    const churn = await deployments.create('production', payload('churn', 'v9'), 'promote churn v9')
    await deployments.setStatus(churn, 'success', {})

    const staging = await deployments.list('staging', { limit: 10, creators: [] })
    expect(staging.map((record) => [record.deploymentId, record.payload.version, record.state])).toEqual([
      [second, 'v2', 'failure'],
      [first, 'v1', 'success']
    ])
    expect(staging[1]).toMatchObject({ environment: 'staging', creator: 'carol', logUrl: pipeline.web_url, payload: payload('fraud', 'v1') })
    expect(staging[1].stateAt).not.toBeNull()
    expect(await deployments.list('staging', { limit: 1, creators: [] })).toHaveLength(1)
    expect((await deployments.list('production', { limit: 10, creators: [] })).map((record) => record.payload.model)).toEqual(['churn'])

    // A later status of the same record wins: the promotion is rolled back.
    await deployments.setStatus(first, 'inactive', {})
    expect((await deployments.list('staging', { limit: 10, creators: [] })).find((record) => record.deploymentId === first)?.state).toBe('inactive')
  })

  it('counts only what a pipeline on a trusted ref, or a listed creator, uploaded', async () => {
    const trusted = deploymentsIn('main')
    const recordId = await trusted.deployments.create('qa', payload('fraud', 'v3'), 'x')
    await trusted.deployments.setStatus(recordId, 'success', {})

    // A feature branch's job can upload packages too: its records and statuses do not count.
    const feature = deploymentsIn('feature/evil', 'mallory')
    const forged = await feature.deployments.create('qa', payload('fraud', 'v666'), 'forged')
    await feature.deployments.setStatus(forged, 'success', {})
    await feature.deployments.setStatus(recordId, 'failure', {})
    const listed = await trusted.deployments.list('qa', { limit: 10, creators: [] })
    expect(listed.map((record) => [record.payload.version, record.state])).toEqual([['v3', 'success']])
    // model-ci.yml's record-creators lets a person's pipelines count.
    const withMallory = await trusted.deployments.list('qa', { limit: 10, creators: ['Mallory'] })
    expect(withMallory.map((record) => [record.payload.version, record.state])).toEqual([['v666', 'success'], ['v3', 'failure']])

    // A second record.json (downloads serve the newest) makes the record not count at all.
    const pkg = gl.state.package(recordId)!
    gl.state.putPackageFile(pkg.name, pkg.version, RECORD_FILE, Buffer.from(JSON.stringify({ environment: 'qa', task: 'model-ci:promote', payload: payload('fraud', 'v7') })), trusted.pipeline.id)
    expect(await trusted.deployments.list('qa', { limit: 10, creators: [] })).toEqual([])
  })

  it('keeps environments with any name apart, and skips a record whose payload does not parse', async () => {
    expect(packageName('review/feature x')).toBe('model-ci_promotion-review_2ffeature_20x')
    expect(packageName('a_b')).not.toBe(packageName('a/b'))
    const { deployments, pipeline } = deploymentsIn('main')
    await deployments.create('review/feature x', payload('fraud', 'v1'), 'x')
    await deployments.create('review/feature', payload('fraud', 'v2'), 'x')
    expect((await deployments.list('review/feature x', { limit: 10, creators: [] })).map((record) => record.payload.version)).toEqual(['v1'])
    gl.state.putPackageFile(packageName('review/feature'), '20261205T000000000Z-bad', RECORD_FILE, Buffer.from('{"environment":"review/feature","task":"model-ci:promote","payload":{"model":"../x"}}'), pipeline.id)
    expect((await deployments.list('review/feature', { limit: 10, creators: [] })).map((record) => record.payload.version)).toEqual(['v2'])
  })

  it('reads past one page of records, and no further than its limit needs', async () => {
    const { deployments, pipeline } = deploymentsIn('main')
    const name = packageName('canary')
    for (let index = 0; index < 130; index += 1) {
      const version = `20261205T0000${String(index).padStart(3, '0')}Z-0000`
      const record = { schema: 1, environment: 'canary', task: 'model-ci:promote', sha: 'a'.repeat(40), payload: payload('fraud', `v${index}`), description: 'x', created_at: '2026-12-05T00:00:00Z' }
      gl.state.putPackageFile(name, version, RECORD_FILE, Buffer.from(JSON.stringify(record)), pipeline.id)
      gl.state.putPackageFile(name, version, 'status-success.json', Buffer.from('{}'), pipeline.id)
    }
    const all = await deployments.list('canary', { limit: 500, creators: [] })
    expect(all).toHaveLength(130)
    expect(all[0]).toMatchObject({ payload: { version: 'v129' }, state: 'success' })
    expect(all[129].payload.version).toBe('v0')
    const before = gl.requests.length
    expect((await deployments.list('canary', { limit: 3, creators: [] })).map((record) => record.payload.version)).toEqual(['v129', 'v128', 'v127'])
    const listings = gl.requests.slice(before).filter((request) => request.path === '/api/v4/projects/7/packages')
    expect(listings.map((request) => request.query.page)).toEqual(['1'])
  })

  it('says clearly when the record is gone, and never shows the token', async () => {
    const { deployments, token } = deploymentsIn('main')
    const error = await deployments.setStatus(987654, 'success', {}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toContain('promotion record 987654')
    expect((error as Error).message).not.toContain(token)
  })
})
