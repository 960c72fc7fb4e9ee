/**
 * GitHubPullRequestThreads against the emulator, through the real octokit client with its retry
 * and throttling plugins.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createGitHubClient } from '../../../src/adapters/github/octokit.js'
import { GitHubPullRequestThreads } from '../../../src/adapters/github/pull-request-threads.js'
import { PermissionDeniedError } from '../../../src/ports/comment-thread.js'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { applyEnv, sha } from '../../emulator/test-support.js'

const repository = { owner: 'acme', repo: 'models' }
const MARKER = '<!-- model-ci:report ci.yml -->'
const READ_ONLY_TOKEN = 'ghs_forkPullRequestReadOnlyToken00000000'
const PERSONAL_TOKEN = 'ghp_personalAccessTokenOfAlice0000000000'
const APP_TOKEN = 'ghs_installationTokenOfAGitHubApp0000000'

let gh: Emulator
let restoreEnv: () => void
let threads: GitHubPullRequestThreads
let readOnly: GitHubPullRequestThreads

beforeAll(async () => {
  gh = await startEmulator({ owner: 'acme', repo: 'models' })
  restoreEnv = applyEnv({ GITHUB_API_URL: gh.apiUrl })
  gh.addToken(READ_ONLY_TOKEN, { permissions: 'read' })
  gh.addToken(PERSONAL_TOKEN, { login: 'alice', type: 'User' })
  threads = new GitHubPullRequestThreads(createGitHubClient(gh.defaultToken), repository)
  readOnly = new GitHubPullRequestThreads(createGitHubClient(READ_ONLY_TOKEN), repository)
  for (let number = 1; number <= 130; number += 1) {
    gh.addPullRequest({ number, head: { sha: sha(number), ref: `topic-${number}` }, base: { sha: sha(0), ref: 'main' } })
  }
})

afterAll(async () => {
  restoreEnv()
  await gh.close()
})

const requestsTo = (method: string, pattern: RegExp) => gh.requests.filter((request) => request.method === method && pattern.test(request.path))

describe('finding pull requests', () => {
  it('finds open pull requests by head sha, forks included (with their head repository and branch), closed ones left out', async () => {
    const head = sha(500)
    gh.addPullRequest({ number: 131, head: { sha: head, ref: 'main', owner: 'forker' }, base: { sha: sha(0), ref: 'main' } })
    gh.addPullRequest({ number: 132, head: { sha: head, ref: 'old-attempt' }, base: { sha: sha(0), ref: 'main' }, state: 'closed' })
    gh.addPullRequest({ number: 133, head: { sha: head, ref: 'same-commit' }, base: { sha: sha(9), ref: 'release' } })
    const found = await threads.findByHeadSha(head)
    expect(found.sort((a, b) => a.number - b.number)).toEqual([
      { number: 131, baseSha: sha(0), baseRef: 'main', headSha: head, headRef: 'main', headRepository: 'forker/models', url: `${gh.serverUrl}/acme/models/pull/131` },
      { number: 133, baseSha: sha(9), baseRef: 'release', headSha: head, headRef: 'same-commit', headRepository: 'acme/models', url: `${gh.serverUrl}/acme/models/pull/133` }
    ])
    expect(await threads.findByHeadSha(sha(999))).toEqual([])
  })

  it('reads every page of open pull requests (the oldest are on the last)', async () => {
    gh.requests.length = 0
    expect((await threads.findByHeadSha(sha(2))).map((pull) => pull.number)).toEqual([2])
    expect(requestsTo('GET', /\/pulls$/).map((request) => [request.query.state, request.query.page ?? '1'])).toEqual([
      ['open', '1'],
      ['open', '2']
    ])
  })
})

describe('listing comments with a marker', () => {
  it('reads every page, oldest first, and lists other authors\' comments with their author', async () => {
    const ids: number[] = []
    for (let n = 0; n < 160; n += 1) {
      const body = n % 50 === 10 ? `${MARKER}\nreport ${n}` : `chatter ${n}`
      const author = n === 110 ? { login: 'mallory' } : { login: 'github-actions[bot]' }
      const comment = gh.addComment({ issue_number: 5, body, user: author })
      if (body.includes(MARKER)) ids.push(comment.id)
    }
    const listed = await threads.listCommentsWith(5, MARKER)
    expect(listed.map((comment) => comment.id)).toEqual(ids)
    expect(listed.map((comment) => [comment.body.split('\n')[1], comment.author])).toEqual([
      ['report 10', 'github-actions[bot]'],
      ['report 60', 'github-actions[bot]'],
      ['report 110', 'mallory']
    ])
    expect(listed[0]?.url).toBe(`${gh.serverUrl}/acme/models/pull/5#issuecomment-${ids[0]}`)
    expect(requestsTo('GET', /\/issues\/5\/comments$/).map((request) => request.query.page ?? '1')).toEqual(['1', '2'])
  })
})

describe('the token\'s own login', () => {
  it('is github-actions[bot] for a workflow token, which may not read /user, asked once through GraphQL', async () => {
    gh.requests.length = 0
    expect(await threads.ownLogin()).toBe('github-actions[bot]')
    expect(await threads.ownLogin()).toBe('github-actions[bot]')
    expect(gh.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual(['POST /graphql 200'])
  })

  it('is the app\'s bot for a GitHub App\'s installation token', async () => {
    gh.addToken(APP_TOKEN, { login: 'model-ci-app[bot]' })
    const app = new GitHubPullRequestThreads(createGitHubClient(APP_TOKEN), repository)
    expect(await app.ownLogin()).toBe('model-ci-app[bot]')
  })

  it('is the user of a personal token', async () => {
    const personal = new GitHubPullRequestThreads(createGitHubClient(PERSONAL_TOKEN), repository)
    expect(await personal.ownLogin()).toBe('alice')
  })

  it('is not remembered when it could not be read, and is asked again next time', async () => {
    const fresh = new GitHubPullRequestThreads(createGitHubClient(PERSONAL_TOKEN), repository)
    const limit = gh.inject({ method: 'POST', path: '/graphql', times: 4, fault: { status: 429, tooManyRequests: true, retryAfter: 0 } })
    await expect(fresh.ownLogin()).rejects.toThrow('again after 3 waits')
    expect(limit.hits).toBe(4)
    expect(await fresh.ownLogin()).toBe('alice')
  })
})

describe('writing comments', () => {
  it('creates, updates and deletes a comment, and deleting it twice is fine', async () => {
    const created = await threads.createComment(8, `${MARKER}\nfirst`)
    expect(created).toMatchObject({ body: `${MARKER}\nfirst`, author: 'github-actions[bot]', url: `${gh.serverUrl}/acme/models/pull/8#issuecomment-${created.id}` })
    const updated = await threads.updateComment(created.id, `${MARKER}\nsecond`)
    expect(updated).toMatchObject({ id: created.id, body: `${MARKER}\nsecond` })
    expect(gh.state.comments.find((comment) => comment.id === created.id)?.body).toBe(`${MARKER}\nsecond`)
    await threads.deleteComment(created.id)
    expect(gh.state.comments.some((comment) => comment.id === created.id)).toBe(false)
    await expect(threads.deleteComment(created.id)).resolves.toBeUndefined()
  })

  it('turns a read-only token\'s 403 into a PermissionDeniedError that names pull-requests: write', async () => {
    const existing = gh.addComment({ issue_number: 9, body: `${MARKER}\nold`, user: { login: 'github-actions[bot]' } })
    const attempts = [
      readOnly.createComment(9, 'new'),
      readOnly.updateComment(existing.id, 'changed'),
      readOnly.deleteComment(existing.id)
    ]
    for (const attempt of attempts) {
      const error = await attempt.catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(PermissionDeniedError)
      expect((error as Error).message).toMatch(/Resource not accessible by integration.*`pull-requests: write`/)
      expect((error as Error).message).not.toContain('\n')
    }
    expect(gh.state.comments.filter((comment) => comment.issue_number === 9).map((comment) => comment.body)).toEqual([`${MARKER}\nold`])
  })

  it('refuses, as GitHub does, to let the bot edit another user\'s comment', async () => {
    const theirs = gh.addComment({ issue_number: 10, body: `${MARKER}\nnot the bot's` })
    await expect(threads.updateComment(theirs.id, 'hijacked')).rejects.toBeInstanceOf(PermissionDeniedError)
    expect(gh.state.comments.find((comment) => comment.id === theirs.id)?.body).toBe(`${MARKER}\nnot the bot's`)
  })

  it('retries a 502 on create without posting twice, and waits out a rate limit on the list', async () => {
    gh.inject({ method: 'POST', path: '/repos/acme/models/issues/11/comments', times: 1, fault: { status: 502 } })
    gh.inject({ method: 'GET', path: '/repos/acme/models/issues/11/comments', times: 1, fault: { status: 429, retryAfter: 1 } })
    await threads.createComment(11, `${MARKER}\nonce`)
    const listed = await threads.listCommentsWith(11, MARKER)
    expect(listed.map((comment) => comment.body)).toEqual([`${MARKER}\nonce`])
    expect(requestsTo('POST', /\/issues\/11\/comments$/).map((request) => request.status)).toEqual([502, 201])
    expect(requestsTo('GET', /\/issues\/11\/comments$/).map((request) => request.status)).toEqual([429, 200])
  })
})
