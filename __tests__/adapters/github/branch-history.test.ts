/**
 * GitHubBranchHistory against the emulator, whose branches and history are a real git repository:
 * a commit is in the branch when it is the tip or an ancestor, never because a tag has the
 * branch's name; each branch's tip and each commit cost one request, however often asked.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { GitHubBranchHistory } from '../../../src/adapters/github/branch-history.js'
import { createGitHubClient } from '../../../src/adapters/github/octokit.js'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { applyEnv, sha } from '../../emulator/test-support.js'
import { emptyCommit, git, makeTempDir, removeDir } from '../../harness/git-repo.js'

let gh: Emulator
let dir: string
let restoreEnv: () => void
const commits: Record<string, string> = {}

beforeAll(async () => {
  dir = makeTempDir('branch-history-')
  await git(dir, ['init', '--quiet', '--initial-branch=main'])
  commits.first = await emptyCommit(dir, 'first')
  commits.tip = await emptyCommit(dir, 'tip')
  await git(dir, ['checkout', '--quiet', '-b', 'unreviewed', commits.first])
  commits.unreviewed = await emptyCommit(dir, 'unreviewed')
  // The unreviewed commit pushed as the tag refs/tags/main.
  await git(dir, ['tag', 'main', commits.unreviewed])
  gh = await startEmulator({ owner: 'acme', repo: 'models', gitDir: dir })
  restoreEnv = applyEnv({ GITHUB_API_URL: gh.apiUrl })
})

afterAll(async () => {
  restoreEnv()
  await gh.close()
  removeDir(dir)
})

const requestsTo = (path: RegExp) => gh.requests.filter((request) => path.test(request.path)).length

describe('GitHubBranchHistory', () => {
  it('holds the tip and its ancestors, not a commit off the branch, not one the repository lacks', async () => {
    const history = new GitHubBranchHistory(createGitHubClient(gh.defaultToken), { owner: 'acme', repo: 'models' })
    expect(await history.contains('main', commits.tip)).toBe(true)
    expect(await history.contains('main', commits.first)).toBe(true)
    expect(await history.contains('main', commits.unreviewed)).toBe(false)
    expect(await history.contains('main', sha(7))).toBe(false)
    expect(await history.contains('gone', commits.first)).toBe(false)
  })

  it('asks for each branch tip once and compares each commit once (the tip itself not at all)', async () => {
    const history = new GitHubBranchHistory(createGitHubClient(gh.defaultToken), { owner: 'acme', repo: 'models' })
    gh.requests.length = 0
    for (let round = 0; round < 3; round += 1) {
      await Promise.all([history.contains('main', commits.tip), history.contains('main', commits.first), history.contains('main', commits.unreviewed)])
    }
    expect(requestsTo(/\/branches\/main$/)).toBe(1)
    expect(requestsTo(/\/compare\//)).toBe(2)
  })

  it('does not remember a failure: the next question asks again', async () => {
    const history = new GitHubBranchHistory(createGitHubClient(gh.defaultToken), { owner: 'acme', repo: 'models' })
    // The first try and the client's three retries (about 14 s of waiting).
    gh.inject({ method: 'GET', path: /\/compare\//, times: 4, fault: { status: 502 } })
    await expect(history.contains('main', commits.first)).rejects.toMatchObject({ status: 502 })
    expect(await history.contains('main', commits.first)).toBe(true)
  }, 30_000)
})
