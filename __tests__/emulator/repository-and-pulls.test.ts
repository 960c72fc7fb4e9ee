import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { PULL_FILES_CAP, startEmulator, type Emulator } from './index.js'
import { sha } from './test-support.js'

let gh: Emulator
let octokit: ReturnType<typeof getOctokit>

beforeAll(async () => {
  gh = await startEmulator({ owner: 'acme', repo: 'models', defaultBranch: 'main' })
  octokit = getOctokit(gh.defaultToken, { baseUrl: gh.apiUrl })
  gh.addPullRequest({
    number: 7,
    head: { sha: sha(7), ref: 'feature/fraud' },
    base: { sha: sha(1), ref: 'main' },
    files: Array.from({ length: 3500 }, (_, index) => `models/m${index}/train.py`)
  })
  gh.addPullRequest({
    number: 8,
    head: { sha: sha(8), ref: 'fix', owner: 'forker' },
    base: { sha: sha(1), ref: 'main' },
    files: [{ filename: 'models/new/train.py', status: 'renamed', previous_filename: 'models/old/train.py' }]
  })
  gh.addPullRequest({ number: 3, head: { sha: sha(3), ref: 'old' }, base: { sha: sha(1), ref: 'main' }, merged: true })
})

afterAll(() => gh.close())

describe('repository', () => {
  it('reports the default branch and what the token may do', async () => {
    const { data } = await octokit.rest.repos.get({ owner: 'acme', repo: 'models' })
    expect(data).toMatchObject({ full_name: 'acme/models', default_branch: 'main', private: true, permissions: { push: true, pull: true } })
    expect(data.html_url).toBe(`${gh.serverUrl}/acme/models`)
  })

  it('is case-insensitive about owner and name, like GitHub', async () => {
    const { data } = await octokit.rest.repos.get({ owner: 'ACME', repo: 'Models' })
    expect(data.name).toBe('models')
  })

  it('answers unknown routes and other repositories with GitHub JSON 404', async () => {
    for (const path of ['/repos/acme/models/no-such-thing', '/repos/other/models']) {
      const response = await fetch(`${gh.apiUrl}${path}`, { headers: { authorization: `token ${gh.defaultToken}` } })
      expect(response.status).toBe(404)
      expect(await response.json()).toEqual({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' })
    }
  })

  it('rejects missing and unknown tokens with 401', async () => {
    const anonymous = await fetch(`${gh.apiUrl}/repos/acme/models`)
    expect(anonymous.status).toBe(401)
    await expect(getOctokit('nope', { baseUrl: gh.apiUrl }).rest.repos.get({ owner: 'acme', repo: 'models' })).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining('Bad credentials')
    })
  })
})

describe('pull requests', () => {
  it('gets a pull request with its head, base and true file count', async () => {
    const { data } = await octokit.rest.pulls.get({ owner: 'acme', repo: 'models', pull_number: 7 })
    expect(data).toMatchObject({
      number: 7,
      state: 'open',
      changed_files: 3500,
      head: { sha: sha(7), ref: 'feature/fraud', label: 'acme:feature/fraud', repo: { full_name: 'acme/models', fork: false } },
      base: { sha: sha(1), ref: 'main' }
    })
    expect(data.html_url).toBe(`${gh.serverUrl}/acme/models/pull/7`)
  })

  it('pages files 100 at a time with Link headers and stops at GitHub\'s 3000-file cap', async () => {
    const first = await octokit.rest.pulls.listFiles({ owner: 'acme', repo: 'models', pull_number: 7, per_page: 100 })
    expect(first.data).toHaveLength(100)
    expect(first.headers.link).toContain('page=2>; rel="next"')
    expect(first.headers.link).toContain('page=30>; rel="last"')

    const all = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: 'acme', repo: 'models', pull_number: 7, per_page: 100 })
    expect(all).toHaveLength(PULL_FILES_CAP)
    expect(all[0]).toMatchObject({ filename: 'models/m0/train.py', status: 'modified', additions: 1, deletions: 1, changes: 2 })
    expect(all.at(-1)?.filename).toBe('models/m2999/train.py')
    expect(gh.requests.filter(request => request.path === '/repos/acme/models/pulls/7/files')).toHaveLength(31)
  })

  it('clamps per_page to 100 and defaults it to 30', async () => {
    const big = await octokit.rest.pulls.listFiles({ owner: 'acme', repo: 'models', pull_number: 7, per_page: 250 })
    expect(big.data).toHaveLength(100)
    const small = await octokit.rest.pulls.listFiles({ owner: 'acme', repo: 'models', pull_number: 7, page: 2 })
    expect(small.data[0]?.filename).toBe('models/m30/train.py')
    expect(small.headers.link).toContain('rel="prev"')
  })

  it('reports renames and fork heads', async () => {
    const { data: files } = await octokit.rest.pulls.listFiles({ owner: 'acme', repo: 'models', pull_number: 8 })
    expect(files).toEqual([expect.objectContaining({ filename: 'models/new/train.py', status: 'renamed', previous_filename: 'models/old/train.py' })])
    const { data } = await octokit.rest.pulls.get({ owner: 'acme', repo: 'models', pull_number: 8 })
    expect(data.head).toMatchObject({ label: 'forker:fix', repo: { full_name: 'forker/models', fork: true } })
  })

  it('finds the pull requests of a commit, by head or merge commit', async () => {
    const byHead = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: 'acme', repo: 'models', commit_sha: sha(7) })
    expect(byHead.data.map(pull => pull.number)).toEqual([7])
    const merged = gh.state.pull(3)
    const byMerge = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: 'acme', repo: 'models', commit_sha: merged?.merge_commit_sha ?? '' })
    expect(byMerge.data.map(pull => pull.number)).toEqual([3])
    const none = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: 'acme', repo: 'models', commit_sha: sha(99) })
    expect(none.data).toEqual([])
  })

  it('lists pull requests by state, base and owner:ref head, ignoring a bare head as GitHub does', async () => {
    const list = async (query: { state?: 'open' | 'closed' | 'all'; head?: string; base?: string }) =>
      (await octokit.rest.pulls.list({ owner: 'acme', repo: 'models', ...query })).data.map(pull => pull.number)
    expect(await list({})).toEqual([8, 7])
    expect(await list({ state: 'closed' })).toEqual([3])
    expect(await list({ state: 'all', base: 'main' })).toEqual([8, 7, 3])
    expect(await list({ head: 'acme:feature/fraud' })).toEqual([7])
    expect(await list({ head: 'forker:fix' })).toEqual([8])
    expect(await list({ head: 'feature/fraud' })).toEqual([8, 7])
  })

  it('answers 404 for a pull request that does not exist', async () => {
    await expect(octokit.rest.pulls.get({ owner: 'acme', repo: 'models', pull_number: 404 })).rejects.toMatchObject({ status: 404 })
  })
})
