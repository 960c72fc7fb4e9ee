// `detect` on push events, end to end: each case of DESIGN.md section 5 for `before` (a normal
// push, all zeros, unknown or missing, force-replaced), on a feature branch and on the default branch, from
// a fetch-depth 1 checkout of the pushed branch as actions/checkout makes it.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { ZERO_SHA, pushEvent } from '../../__fixtures__/events.js'
import { GitOrigin, git, makeTempDir, removeDir } from '../harness/git-repo.js'
import type { JobEvent } from '../harness/job-runner.js'
import { ensureBundle, expectSuccess, modelFiles, runDetect, seedRepository } from './detect-helpers.js'

const MODELS = ['churn', 'fraud', 'ranking']

let tempDir: string
beforeAll(() => {
  ensureBundle()
  tempDir = makeTempDir('model-ci-detect-push-')
})
afterAll(() => removeDir(tempDir))

function push(branch: string, before: string, after: string, forced = false): JobEvent {
  return { name: 'push', payload: pushEvent({ ref: `refs/heads/${branch}`, before, after, forced }) }
}

/** The push as other runners and replayed events deliver it: no `before`, nor what GitHub derives from it. */
function pushWithoutBefore(branch: string, after: string): JobEvent {
  const { before: _before, created: _created, compare: _compare, ...payload } = pushEvent({ ref: `refs/heads/${branch}`, before: ZERO_SHA, after })
  return { name: 'push', payload }
}

function checkoutBranch(origin: GitOrigin, branch: string, sha: string): Promise<string> {
  return origin.checkout({ ref: `refs/heads/${branch}`, sha })
}

/** The ids of every commit object a checkout holds, reachable or not, sorted. */
async function commitsIn(workspace: string): Promise<string[]> {
  const objects = await git(workspace, ['cat-file', '--batch-all-objects', '--batch-check=%(objecttype) %(objectname)'])
  return objects
    .split('\n')
    .filter((line) => line.startsWith('commit '))
    .map((line) => line.slice('commit '.length))
    .sort()
}

describe('a push', () => {
  test('to the default branch trains the models its commits changed, from before to after', async () => {
    const origin = await GitOrigin.create(tempDir)
    const before = await seedRepository(origin, MODELS)
    await origin.commit('main', { 'models/fraud/src/train.py': 'print("fraud v2")\n' })
    const after = await origin.commit('main', { 'models/ranking/src/requirements.txt': 'lightgbm\n' })

    const run = await runDetect(await checkoutBranch(origin, 'main', after), push('main', before, after))

    expectSuccess(run)
    expect(run.models).toEqual(['fraud', 'ranking'])
    expect(run.outputs['has-models']).toBe('true')
    expect(run.outputs['base-sha']).toBe(before)
    expect(run.outputs['head-sha']).toBe(after)
  })

  test('of one commit to a fetch-depth 1 checkout fetches the commit before it alone, not 32 commits of history', async () => {
    const origin = await GitOrigin.create(tempDir)
    await seedRepository(origin, MODELS)
    const before = await origin.commitSeries('main', 40, (index) => ({ 'docs/changelog.md': `entry ${index}\n` }))
    const after = await origin.commit('main', { 'models/fraud/src/train.py': 'print("fraud v2")\n' })
    const workspace = await checkoutBranch(origin, 'main', after)

    const run = await runDetect(workspace, push('main', before, after))

    expectSuccess(run)
    expect(run.models).toEqual(['fraud'])
    expect(run.outputs['base-sha']).toBe(before)
    expect(run.outputs['head-sha']).toBe(after)
    expect(await commitsIn(workspace)).toEqual([before, after].sort())
    expect(run.stdout).not.toContain('Deepening')
  })

  test('of several commits to a fetch-depth 1 checkout still deepens it to find where they start', async () => {
    const origin = await GitOrigin.create(tempDir)
    await seedRepository(origin, MODELS)
    const before = await origin.commitSeries('main', 40, (index) => ({ 'docs/changelog.md': `entry ${index}\n` }))
    await origin.commit('main', { 'models/churn/src/train.py': 'print("churn v2")\n' })
    const after = await origin.commit('main', { 'models/fraud/src/train.py': 'print("fraud v2")\n' })

    const run = await runDetect(await checkoutBranch(origin, 'main', after), push('main', before, after))

    expectSuccess(run)
    expect(run.models).toEqual(['churn', 'fraud'])
    expect(run.outputs['base-sha']).toBe(before)
    expect(run.stdout).toContain('Deepening the shallow clone by 32 commits')
  })

  test('that creates a branch (all-zero before) diffs from the merge-base with the default branch', async () => {
    const origin = await GitOrigin.create(tempDir)
    const branchPoint = await seedRepository(origin, MODELS)
    await origin.createBranch('feature', 'main')
    const after = await origin.commit('feature', { 'models/churn/src/train.py': 'print("churn v2")\n' })
    // The default branch moves on after the branch was made: its changes are not this push's.
    await origin.commit('main', { 'models/ranking/src/train.py': 'print("ranking v2")\n' })

    const run = await runDetect(await checkoutBranch(origin, 'feature', after), push('feature', ZERO_SHA, after))

    expectSuccess(run)
    expect(run.models).toEqual(['churn'])
    expect(run.outputs['base-sha']).toBe(branchPoint)
    expect(run.outputs['head-sha']).toBe(after)
  })

  test('that creates a branch at a commit of the default branch has nothing to train', async () => {
    const origin = await GitOrigin.create(tempDir)
    const tip = await seedRepository(origin, MODELS)
    await origin.createBranch('release', 'main')

    const run = await runDetect(await checkoutBranch(origin, 'release', tip), push('release', ZERO_SHA, tip))

    expectSuccess(run)
    expect(run.outputs['has-models']).toBe('false')
    expect(run.outputs['base-sha']).toBe(tip)
  })

  test('that creates the default branch (all-zero before) trains every model', async () => {
    const origin = await GitOrigin.create(tempDir)
    const after = await seedRepository(origin, MODELS)

    const run = await runDetect(await checkoutBranch(origin, 'main', after), push('main', ZERO_SHA, after))

    expectSuccess(run)
    expect(run.models).toEqual(MODELS)
    expect(run.matrix?.include.map((entry) => entry.model)).toEqual(MODELS)
    expect(run.outputs['head-sha']).toBe(after)
  })

  test('with a `before` commit that origin does not know diffs a branch from its merge-base with the default branch', async () => {
    const origin = await GitOrigin.create(tempDir)
    const branchPoint = await seedRepository(origin, MODELS)
    await origin.createBranch('feature', 'main')
    const after = await origin.commit('feature', { 'models/fraud/src/train.py': 'print("fraud v2")\n' })
    const unknown = 'deadbeef'.repeat(5)

    const run = await runDetect(await checkoutBranch(origin, 'feature', after), push('feature', unknown, after))

    expectSuccess(run)
    expect(run.models).toEqual(['fraud'])
    expect(run.outputs['base-sha']).toBe(branchPoint)
  })

  test('to the default branch with a `before` commit that origin does not know trains every model', async () => {
    const origin = await GitOrigin.create(tempDir)
    await seedRepository(origin, MODELS)
    const after = await origin.commit('main', { 'models/fraud/src/train.py': 'print("fraud v2")\n' })

    const run = await runDetect(await checkoutBranch(origin, 'main', after), push('main', 'deadbeef'.repeat(5), after))

    expectSuccess(run)
    expect(run.models).toEqual(MODELS)
  })

  test('whose event has no `before` (another runner, a replayed event) diffs a branch from its merge-base with the default branch', async () => {
    const origin = await GitOrigin.create(tempDir)
    const branchPoint = await seedRepository(origin, MODELS)
    await origin.createBranch('feature', 'main')
    await origin.commit('feature', { 'models/churn/src/train.py': 'print("churn v2")\n' })
    const after = await origin.commit('feature', { 'models/fraud/src/train.py': 'print("fraud v2")\n' })
    await origin.commit('main', { 'models/ranking/src/train.py': 'print("ranking v2")\n' })

    const run = await runDetect(await checkoutBranch(origin, 'feature', after), pushWithoutBefore('feature', after))

    expectSuccess(run)
    expect(run.models).toEqual(['churn', 'fraud'])
    expect(run.outputs['base-sha']).toBe(branchPoint)
    expect(run.outputs['head-sha']).toBe(after)
    expect(run.summary).toContain('the push event does not say which commit came before it, so the changes are counted from the merge\\-base with main')
  })

  test('to the default branch whose event has no `before` trains every model', async () => {
    const origin = await GitOrigin.create(tempDir)
    await seedRepository(origin, MODELS)
    const after = await origin.commit('main', { 'models/fraud/src/train.py': 'print("fraud v2")\n' })

    const run = await runDetect(await checkoutBranch(origin, 'main', after), pushWithoutBefore('main', after))

    expectSuccess(run)
    expect(run.models).toEqual(MODELS)
    expect(run.summary).toContain('the push event does not say which commit came before it on the default branch, so every model trains')
  })

  test('forced onto a branch diffs from the merge-base with the default branch, not from the replaced commit', async () => {
    const origin = await GitOrigin.create(tempDir)
    const branchPoint = await seedRepository(origin, MODELS)
    await origin.createBranch('feature', 'main')
    const kept = await origin.commit('feature', { 'models/churn/src/train.py': 'print("churn v2")\n' })
    const replaced = await origin.commit('feature', { 'models/fraud/src/train.py': 'print("fraud v2")\n' })
    await origin.checkout({ ref: 'refs/heads/feature', sha: replaced })
    // The author rewrites the branch: the fraud commit is dropped, a ranking commit replaces it.
    await origin.resetBranch('feature', kept)
    const after = await origin.commit('feature', { 'models/ranking/src/train.py': 'print("ranking v2")\n' })

    const run = await runDetect(await checkoutBranch(origin, 'feature', after), push('feature', replaced, after, true))

    expectSuccess(run)
    expect(run.models).toEqual(['churn', 'ranking'])
    expect(run.outputs['base-sha']).toBe(branchPoint)
    expect(run.outputs['head-sha']).toBe(after)
  })

  test('forced onto the default branch trains every model', async () => {
    const origin = await GitOrigin.create(tempDir)
    const seed = await seedRepository(origin, MODELS)
    const replaced = await origin.commit('main', { 'models/fraud/src/train.py': 'print("fraud v2")\n' })
    await origin.checkout({ ref: 'refs/heads/main', sha: replaced })
    await origin.resetBranch('main', seed)
    const after = await origin.commit('main', modelFiles('churn', 2))

    const run = await runDetect(await checkoutBranch(origin, 'main', after), push('main', replaced, after, true))

    expectSuccess(run)
    expect(run.models).toEqual(MODELS)
  })

  test('of a branch whose base is far behind still finds the merge-base from a fetch-depth 1 checkout', async () => {
    const origin = await GitOrigin.create(tempDir)
    const branchPoint = await seedRepository(origin, MODELS)
    await origin.createBranch('feature', 'main')
    await origin.commit('feature', { 'models/churn/src/train.py': 'print("churn v2")\n' })
    const after = await origin.commitSeries('feature', 35, (index) => ({ 'models/churn/notes.txt': `revision ${index}\n` }))
    await origin.commitSeries('main', 35, (index) => ({ 'models/ranking/notes.txt': `main revision ${index}\n` }))

    const run = await runDetect(await checkoutBranch(origin, 'feature', after), push('feature', ZERO_SHA, after))

    expectSuccess(run)
    expect(run.models).toEqual(['churn'])
    expect(run.outputs['base-sha']).toBe(branchPoint)
  })
})
