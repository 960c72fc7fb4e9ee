import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { COMMENT_BODY_LIMIT, startEmulator, type Emulator } from './index.js'
import { sha } from './test-support.js'

let gh: Emulator
let bot: ReturnType<typeof getOctokit>
const repo = { owner: 'acme', repo: 'models' }

beforeAll(async () => {
  gh = await startEmulator({ owner: 'acme', repo: 'models' })
  bot = getOctokit(gh.defaultToken, { baseUrl: gh.apiUrl })
  gh.addPullRequest({ number: 12, head: { sha: sha(12), ref: 'feature' }, base: { sha: sha(1), ref: 'main' } })
})

afterAll(() => gh.close())

describe('issue comments', () => {
  it('creates a comment authored by the token identity, with the fields clients read', async () => {
    const { status, data } = await bot.rest.issues.createComment({ ...repo, issue_number: 12, body: '<!-- model-ci -->\nreport' })
    expect(status).toBe(201)
    expect(data).toMatchObject({ body: '<!-- model-ci -->\nreport', user: { login: 'github-actions[bot]', type: 'Bot' } })
    expect(data.html_url).toBe(`${gh.serverUrl}/acme/models/pull/12#issuecomment-${data.id}`)
    expect(typeof data.node_id).toBe('string')
    expect(data.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(gh.state.comments.find(comment => comment.id === data.id)).toMatchObject({ issue_number: 12, user: { login: 'github-actions[bot]' } })
  })

  it('lists comments oldest first across pages linked by Link headers', async () => {
    for (let index = 0; index < 44; index += 1) gh.addComment({ issue_number: 12, body: `comment ${index}` })
    const firstPage = await bot.rest.issues.listComments({ ...repo, issue_number: 12 })
    expect(firstPage.data).toHaveLength(30)
    expect(firstPage.headers.link).toContain('rel="next"')
    const all = await bot.paginate(bot.rest.issues.listComments, { ...repo, issue_number: 12, per_page: 20 })
    expect(all).toHaveLength(45)
    expect(all[0]?.body).toBe('<!-- model-ci -->\nreport')
    expect(all.at(-1)?.body).toBe('comment 43')
  })

  it('updates and deletes its own comment', async () => {
    const { data: created } = await bot.rest.issues.createComment({ ...repo, issue_number: 12, body: 'draft' })
    const { data: updated } = await bot.rest.issues.updateComment({ ...repo, comment_id: created.id, body: 'final' })
    expect(updated).toMatchObject({ id: created.id, body: 'final' })
    expect(gh.state.comments.find(comment => comment.id === created.id)?.body).toBe('final')
    const deleted = await bot.rest.issues.deleteComment({ ...repo, comment_id: created.id })
    expect(deleted.status).toBe(204)
    await expect(bot.rest.issues.getComment({ ...repo, comment_id: created.id })).rejects.toMatchObject({ status: 404 })
  })

  it('forbids the job token to edit or delete someone else\'s comment', async () => {
    const theirs = gh.addComment({ issue_number: 12, body: 'mine', user: { login: 'octocat' } })
    const update = bot.rest.issues.updateComment({ ...repo, comment_id: theirs.id, body: 'hijacked' })
    await expect(update).rejects.toMatchObject({ status: 403, message: expect.stringContaining('Resource not accessible by integration') })
    await expect(bot.rest.issues.deleteComment({ ...repo, comment_id: theirs.id })).rejects.toMatchObject({ status: 403 })
    expect(gh.state.comments.find(comment => comment.id === theirs.id)?.body).toBe('mine')
  })

  it('lets a maintainer with write permission edit any comment', async () => {
    gh.addToken('maintainer-token', { login: 'mona', type: 'User', permissions: 'write' })
    const maintainer = getOctokit('maintainer-token', { baseUrl: gh.apiUrl })
    const { data: botComment } = await bot.rest.issues.createComment({ ...repo, issue_number: 12, body: 'by bot' })
    const { data } = await maintainer.rest.issues.updateComment({ ...repo, comment_id: botComment.id, body: 'edited by mona' })
    expect(data.body).toBe('edited by mona')
  })

  it('gives a read-only token (a fork pull request) 403 on every write', async () => {
    gh.addToken('fork-token', { permissions: 'read' })
    const fork = getOctokit('fork-token', { baseUrl: gh.apiUrl })
    const { data: listed } = await fork.rest.issues.listComments({ ...repo, issue_number: 12 })
    expect(listed.length).toBeGreaterThan(0)
    const before = gh.state.comments.length
    await expect(fork.rest.issues.createComment({ ...repo, issue_number: 12, body: 'x' })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration')
    })
    expect(gh.state.comments).toHaveLength(before)
  })

  it('refuses bodies over GitHub\'s limit with 422, accepts one at the limit', async () => {
    await expect(bot.rest.issues.createComment({ ...repo, issue_number: 12, body: 'x'.repeat(COMMENT_BODY_LIMIT + 1) })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('body is too long')
    })
    const { status } = await bot.rest.issues.createComment({ ...repo, issue_number: 12, body: 'x'.repeat(COMMENT_BODY_LIMIT) })
    expect(status).toBe(201)
  })

  it('answers 404 for comments on an issue that does not exist', async () => {
    await expect(bot.rest.issues.createComment({ ...repo, issue_number: 999, body: 'x' })).rejects.toMatchObject({ status: 404 })
  })
})
