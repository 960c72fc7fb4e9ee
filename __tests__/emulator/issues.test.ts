import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { startEmulator, type Emulator } from './index.js'
import { sha } from './test-support.js'

let gh: Emulator
let bot: ReturnType<typeof getOctokit>
const repo = { owner: 'acme', repo: 'models' }

beforeAll(async () => {
  gh = await startEmulator({ owner: 'acme', repo: 'models' })
  bot = getOctokit(gh.defaultToken, { baseUrl: gh.apiUrl })
  gh.addPullRequest({ number: 3, head: { sha: sha(3), ref: 'feature' }, base: { sha: sha(1), ref: 'main' } })
})

afterAll(() => gh.close())

describe('issues', () => {
  it('creates an issue numbered after the pull requests, authored by the token identity, with the fields clients read', async () => {
    const { status, data } = await bot.rest.issues.create({ ...repo, title: 'model-ci: churn is degraded', body: '<!-- marker -->\nbody', labels: ['model-ci'] })
    expect(status).toBe(201)
    expect(data).toMatchObject({
      number: 4,
      state: 'open',
      state_reason: null,
      title: 'model-ci: churn is degraded',
      body: '<!-- marker -->\nbody',
      user: { login: 'github-actions[bot]', type: 'Bot' },
      labels: [{ name: 'model-ci' }],
      html_url: `${gh.serverUrl}/acme/models/issues/4`,
      comments: 0
    })
    expect(data.pull_request).toBeUndefined()
    expect((await bot.rest.issues.get({ ...repo, issue_number: 4 })).data.title).toBe('model-ci: churn is degraded')
  })

  it('refuses an issue without a title (422), and a read-only token (403)', async () => {
    await expect(bot.request('POST /repos/{owner}/{repo}/issues', { ...repo, body: 'no title' } as unknown as { owner: string; repo: string; title: string })).rejects.toMatchObject({ status: 422 })
    gh.addToken('read-only', { permissions: 'read' })
    const reader = getOctokit('read-only', { baseUrl: gh.apiUrl })
    await expect(reader.rest.issues.create({ ...repo, title: 't' })).rejects.toMatchObject({ status: 403 })
  })

  it('lists issues and pull requests by state, creator and labels, newest first or oldest first, across pages', async () => {
    for (let index = 0; index < 33; index += 1) gh.addIssue({ title: `someone's ${index}`, labels: index % 2 === 0 ? ['bug'] : [] })
    const firstPage = await bot.rest.issues.listForRepo({ ...repo })
    expect(firstPage.data).toHaveLength(30)
    expect(firstPage.headers.link).toContain('rel="next"')
    const all = await bot.paginate(bot.rest.issues.listForRepo, { ...repo, per_page: 10 })
    expect(all).toHaveLength(35)
    expect(all.filter(issue => issue.pull_request !== undefined).map(issue => issue.number)).toEqual([3])
    const mine = await bot.paginate(bot.rest.issues.listForRepo, { ...repo, creator: 'github-actions[bot]', direction: 'asc' })
    expect(mine.map(issue => issue.number)).toEqual([4])
    const bugs = await bot.paginate(bot.rest.issues.listForRepo, { ...repo, labels: 'bug', per_page: 100 })
    expect(bugs).toHaveLength(17)
    const oldestFirst = await bot.rest.issues.listForRepo({ ...repo, direction: 'asc', per_page: 2 })
    expect(oldestFirst.data.map(issue => issue.number)).toEqual([3, 4])
  })

  it('updates the body, closes with a reason (then lists it only as closed), takes comments, and reopens', async () => {
    const { data: updated } = await bot.rest.issues.update({ ...repo, issue_number: 4, body: '<!-- marker -->\nnew body' })
    expect(updated.body).toBe('<!-- marker -->\nnew body')
    const { data: comment } = await bot.rest.issues.createComment({ ...repo, issue_number: 4, body: 'recovered' })
    expect(comment.html_url).toBe(`${gh.serverUrl}/acme/models/issues/4#issuecomment-${comment.id}`)
    const { data: closed } = await bot.rest.issues.update({ ...repo, issue_number: 4, state: 'closed', state_reason: 'completed' })
    expect(closed).toMatchObject({ state: 'closed', state_reason: 'completed', comments: 1, closed_by: { login: 'github-actions[bot]' } })
    expect(closed.closed_at).toMatch(/Z$/)
    const open = await bot.paginate(bot.rest.issues.listForRepo, { ...repo, creator: 'github-actions[bot]' })
    expect(open).toEqual([])
    const closedOnes = await bot.paginate(bot.rest.issues.listForRepo, { ...repo, creator: 'github-actions[bot]', state: 'closed' })
    expect(closedOnes.map(issue => issue.number)).toEqual([4])
    const { data: reopened } = await bot.rest.issues.update({ ...repo, issue_number: 4, state: 'open' })
    expect(reopened).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null })
    await expect(bot.rest.issues.update({ ...repo, issue_number: 4, state: 'shut' as 'closed' })).rejects.toMatchObject({ status: 422 })
    await expect(bot.rest.issues.get({ ...repo, issue_number: 999 })).rejects.toMatchObject({ status: 404 })
  })

  it('injects faults on the issues routes like on any other', async () => {
    const fault = gh.inject({ method: 'GET', path: '/repos/acme/models/issues', times: 1, fault: { status: 502 } })
    await expect(bot.request('GET /repos/{owner}/{repo}/issues', { ...repo, request: { retries: 0 } })).rejects.toMatchObject({ status: 502 })
    expect(fault.hits).toBe(1)
    expect((await bot.rest.issues.listForRepo({ ...repo })).status).toBe(200)
  })
})
