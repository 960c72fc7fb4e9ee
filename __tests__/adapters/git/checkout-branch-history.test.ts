import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { CheckoutBranchHistory } from '../../../src/adapters/git/checkout-branch-history.js'
import { GitCli } from '../../../src/adapters/git/git-cli.js'
import { emptyCommit, git, makeTempDir, removeDir } from '../../harness/git-repo.js'

let dir: string
let origin: string
const commits: Record<string, string> = {}

beforeAll(async () => {
  dir = makeTempDir('model-ci-branch-history-')
  origin = join(dir, 'origin')
  await git(dir, ['init', '--quiet', '--initial-branch', 'main', origin])
  commits.first = await emptyCommit(origin, 'first')
  commits.second = await emptyCommit(origin, 'second')
  await git(origin, ['checkout', '--quiet', '-b', 'feature'])
  commits.feature = await emptyCommit(origin, 'feature')
  await git(origin, ['checkout', '--quiet', 'main'])
})

afterAll(() => removeDir(dir))

/** A clone as a GitLab job has it: one branch, shallow, no local branch of the default one. */
async function jobClone(name: string): Promise<GitCli> {
  const clone = join(dir, name)
  await git(dir, ['clone', '--quiet', '--depth', '1', '--single-branch', '--branch', 'feature', `file://${origin}`, clone])
  const opened = await GitCli.open(clone)
  if (!opened) throw new Error('no clone')
  return opened
}

describe('CheckoutBranchHistory', () => {
  test('fetches the default branch the shallow one-branch clone lacks, and deepens it once to answer for old commits', async () => {
    const history = new CheckoutBranchHistory(await jobClone('job'))
    expect(await history.contains('main', commits.first)).toBe(true)
    expect(await history.contains('main', commits.second)).toBe(true)
    expect(await history.contains('main', commits.feature)).toBe(false)
  })

  test('a branch the remote does not have holds nothing', async () => {
    const history = new CheckoutBranchHistory(await jobClone('job-missing'))
    expect(await history.contains('release', commits.first)).toBe(false)
  })

  test('a local branch is used as it is', async () => {
    const opened = await GitCli.open(origin)
    if (!opened) throw new Error('no repository')
    const history = new CheckoutBranchHistory(opened)
    expect(await history.contains('main', commits.first)).toBe(true)
    expect(await history.contains('feature', commits.feature)).toBe(true)
    expect(await history.contains('main', commits.feature)).toBe(false)
  })
})
