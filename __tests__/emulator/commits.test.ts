import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { emptyCommit, git, makeTempDir, removeDir } from '../harness/git-repo.js'
import { startEmulator, type Emulator } from './index.js'
import { sha } from './test-support.js'

let gh: Emulator
let octokit: ReturnType<typeof getOctokit>
let dir: string
const repo = { owner: 'acme', repo: 'models' }
const commits: Record<string, string> = {}

beforeAll(async () => {
  dir = makeTempDir('emulator-commits-')
  await git(dir, ['init', '--quiet', '--initial-branch=main'])
  commits.first = await emptyCommit(dir, 'first')
  commits.second = await emptyCommit(dir, 'second')
  await git(dir, ['checkout', '--quiet', '-b', 'side', commits.first])
  commits.side = await emptyCommit(dir, 'side')
  await git(dir, ['checkout', '--quiet', 'main'])
  commits.third = await emptyCommit(dir, 'third')
  // A tag named like the branch, on a commit the branch does not hold.
  await git(dir, ['tag', 'main', commits.side])
  gh = await startEmulator({ ...repo, gitDir: dir })
  octokit = getOctokit(gh.defaultToken, { baseUrl: gh.apiUrl })
})

afterAll(async () => {
  await gh.close()
  removeDir(dir)
})

describe('branches', () => {
  it("gives a branch's tip from the repository, never a tag of the same name", async () => {
    const { data } = await octokit.rest.repos.getBranch({ ...repo, branch: 'main' })
    expect(data).toMatchObject({ name: 'main', protected: false, commit: { sha: commits.third } })
  })

  it('lets setBranch move a branch, and answers 404 for a branch that does not exist', async () => {
    gh.setBranch('released', commits.second)
    expect((await octokit.rest.repos.getBranch({ ...repo, branch: 'released' })).data.commit.sha).toBe(commits.second)
    await expect(octokit.rest.repos.getBranch({ ...repo, branch: 'nope' })).rejects.toMatchObject({ status: 404 })
  })
})

describe('compare', () => {
  const compare = async (base: string, head: string) => (await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}` })).data

  it('says ahead, identical, behind or diverged, with the counts and the merge-base', async () => {
    expect(await compare(commits.first, commits.third)).toMatchObject({ status: 'ahead', ahead_by: 2, behind_by: 0, total_commits: 2, merge_base_commit: { sha: commits.first } })
    expect(await compare(commits.third, commits.third)).toMatchObject({ status: 'identical', ahead_by: 0, behind_by: 0 })
    expect(await compare(commits.third, commits.first)).toMatchObject({ status: 'behind', ahead_by: 0, behind_by: 2 })
    expect(await compare(commits.side, 'main')).toMatchObject({ status: 'diverged', ahead_by: 2, behind_by: 1, merge_base_commit: { sha: commits.first } })
  })

  it('lists the commits the base lacks, oldest first, a page at a time', async () => {
    const all = await compare(commits.first, commits.third)
    expect(all.commits.map((listed) => listed.sha)).toEqual([commits.second, commits.third])
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${commits.first}...${commits.third}`, per_page: 1, page: 2 })
    expect(data.commits.map((listed) => listed.sha)).toEqual([commits.third])
  })

  it('answers 404 for a commit the repository does not hold', async () => {
    await expect(compare(sha(1), commits.third)).rejects.toMatchObject({ status: 404 })
  })
})
