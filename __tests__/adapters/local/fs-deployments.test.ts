/** The local twin of GitHub's deployments: promotion records in `.model-ci/deployments/`. */
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FsDeployments } from '../../../src/adapters/local/fs-deployments.js'
import type { PromotionPayload } from '../../../src/ports/deployments.js'
import { literally } from '../../harness/patterns.js'

let repo: string
let clock: number
const now = () => new Date(Date.UTC(2026, 10, 27, 10, 0, clock++))

beforeEach(async () => {
  repo = await mkdtemp(join(tmpdir(), 'model-ci-fs-deployments-'))
  clock = 0
})
afterEach(() => rm(repo, { recursive: true, force: true }))

const silent = { warning: () => undefined }

function payload(version: string, model = 'fraud'): PromotionPayload {
  return { model, version, digest: `sha256:${'d'.repeat(64)}`, run_id: 3, sha: 'c'.repeat(40), metrics: { accuracy: 0.9 } }
}

test('a promotion is listed with its creator and newest status; success leaves earlier records as they were', async () => {
  const deployments = new FsDeployments(repo, 'Mona Lisa', silent, now)
  const first = await deployments.create('staging', payload('v1'), 'promote fraud v1')
  await deployments.setStatus(first, 'in_progress', {})
  await deployments.setStatus(first, 'success', { logUrl: 'file:///runs/4.json', description: 'live' })
  const second = await deployments.create('staging', payload('v2'), 'promote fraud v2')
  await deployments.setStatus(second, 'success', {})
  expect(second).toBe(first + 1)

  const listed = await deployments.list('staging', { limit: 10, creators: [] })
  expect(listed.map((record) => [record.deploymentId, record.payload.version, record.state])).toEqual([
    [second, 'v2', 'success'],
    [first, 'v1', 'success']
  ])
  expect(listed[1]).toEqual({
    deploymentId: first,
    environment: 'staging',
    payload: payload('v1'),
    creator: 'Mona Lisa',
    createdAt: '2026-11-27T10:00:00.000Z',
    state: 'success',
    stateAt: '2026-11-27T10:00:02.000Z',
    logUrl: 'file:///runs/4.json'
  })
  expect(await deployments.list('production', { limit: 10, creators: [] })).toEqual([])
  expect((await deployments.list('staging', { limit: 1, creators: [] })).map((record) => record.payload.version)).toEqual(['v2'])
})

test('a record without a status has state null; each record is one JSON file', async () => {
  const deployments = new FsDeployments(repo, 'me', silent, now)
  const id = await deployments.create('production', payload('v1'), 'promote')
  expect((await deployments.list('production', { limit: 5, creators: [] }))[0]).toMatchObject({ state: null, stateAt: null, logUrl: null })
  const file = JSON.parse(await readFile(join(repo, '.model-ci', 'deployments', `${id}.json`), 'utf8'))
  expect(file).toMatchObject({ id, environment: 'production', task: 'model-ci:promote', sha: 'c'.repeat(40), creator: 'me', statuses: [] })
  expect(await readdir(join(repo, '.model-ci', 'deployments'))).toEqual([`${id}.json`])
})

test('promotions created at once get different ids', async () => {
  const deployments = new FsDeployments(repo, 'me', silent, now)
  const ids = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((version) => deployments.create('staging', payload(version), version)))
  expect(new Set(ids).size).toBe(6)
  expect((await deployments.list('staging', { limit: 10, creators: [] })).length).toBe(6)
})

test('records of other tasks are skipped; records that cannot be read are left out, each warned about once, naming its file', async () => {
  const warnings: string[] = []
  const deployments = new FsDeployments(repo, 'me', { warning: (message) => void warnings.push(message) }, now)
  const good = await deployments.create('staging', payload('v1'), 'good')
  const directory = join(repo, '.model-ci', 'deployments')
  const record = JSON.parse(await readFile(join(directory, `${good}.json`), 'utf8'))
  await writeFile(join(directory, '6.json'), JSON.stringify({ ...record, id: 6, statuses: 'none' }))
  await writeFile(join(directory, '7.json'), JSON.stringify({ ...record, id: 7, task: 'deploy' }))
  await writeFile(join(directory, '8.json'), JSON.stringify({ ...record, id: 8, payload: { ...payload('v9'), digest: 'md5:x' } }))
  await writeFile(join(directory, '9.json'), 'not json')
  expect((await deployments.list('staging', { limit: 10, creators: [] })).map((listed) => listed.deploymentId)).toEqual([good])
  expect((await deployments.list('staging', { limit: 10, creators: [] })).map((listed) => listed.deploymentId)).toEqual([good])
  const leftOut = 'so it is left out of the promotion records (the history, and the live and previous versions are worked out without it); delete the file or restore it'
  expect(warnings).toEqual([
    expect.stringMatching(new RegExp(`^${literally(join(directory, '9.json'))}: it is not valid JSON \\(.+\\), ${literally(leftOut)}$`)),
    `${join(directory, '8.json')}: its payload is not one model-ci writes (a field is missing or not valid), ${leftOut}`,
    `${join(directory, '6.json')}: it is not a deployment record of this version of model-ci (a field is missing or not valid), ${leftOut}`
  ])
  // Ids continue after the largest file, whatever it holds.
  expect(await deployments.create('staging', payload('v2'), 'next')).toBe(10)
})

test('a status for an unknown deployment is refused; one for a record that cannot be read names its file', async () => {
  await expect(new FsDeployments(repo, 'me', silent, now).setStatus(42, 'success', {})).rejects.toThrow('deployment 42')
  const directory = join(repo, '.model-ci', 'deployments')
  await mkdir(directory, { recursive: true })
  await writeFile(join(directory, '43.json'), '{"id": 43')
  await expect(new FsDeployments(repo, 'me', silent, now).setStatus(43, 'success', {})).rejects.toMatchObject({
    name: 'UserError',
    message: expect.stringMatching(new RegExp(`^${literally(join(directory, '43.json'))}: it is not valid JSON \\(.+\\), so the success status of deployment 43 was not recorded; delete the file or restore it$`))
  })
})
