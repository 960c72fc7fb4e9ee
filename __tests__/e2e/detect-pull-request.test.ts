// `detect` on pull_request events, end to end: the bundled action runs on a real checkout made the
// way actions/checkout makes it (GitHub's merge commit, fetch-depth 1) from a real "GitHub" origin.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals'
import { exampleRepository, pullRequestEvent } from '../../__fixtures__/events.js'
import type { Emulator } from '../emulator/index.js'
import { startEmulator } from '../emulator/index.js'
import type { PullRequestRefs } from '../harness/git-repo.js'
import { GitOrigin, makeTempDir, removeDir } from '../harness/git-repo.js'
import type { JobEvent } from '../harness/job-runner.js'
import { DETECT_OUTPUTS, ensureBundle, expectSuccess, matrixModels, modelFiles, runDetect, seedRepository } from './detect-helpers.js'
import { expectOneLineError } from './job-checks.js'

let tempDir: string
beforeAll(() => {
  ensureBundle()
  tempDir = makeTempDir('model-ci-detect-pr-')
})
afterAll(() => removeDir(tempDir))

let gh: Emulator | undefined
afterEach(async () => {
  await gh?.close()
  gh = undefined
})

function pullRequest(refs: PullRequestRefs, headRef: string): JobEvent {
  return {
    name: 'pull_request',
    payload: pullRequestEvent({
      number: refs.number,
      base: { ref: 'main', sha: refs.baseSha },
      head: { ref: headRef, sha: refs.headSha },
      mergeCommitSha: refs.mergeSha
    })
  }
}

/** The workspace a pull_request run gets: GitHub's merge commit, fetched at `depth`. */
function checkoutMerge(origin: GitOrigin, refs: PullRequestRefs, depth = 1): Promise<string> {
  return origin.checkout({ ref: `refs/pull/${refs.number}/merge`, sha: refs.mergeSha, depth })
}

describe('a pull request', () => {
  test("trains only the pull request's own changes, though the base branch moved on, from GitHub's merge commit at fetch-depth 1", async () => {
    const origin = await GitOrigin.create(tempDir)
    const branchPoint = await seedRepository(origin, ['churn', 'fraud', 'ranking'])
    await origin.createBranch('feature', 'main')
    const head = await origin.commit('feature', { 'models/fraud/src/train.py': 'print("fraud v2")\n' })
    // The base branch gains commits after the branch was made: they are not the pull request's.
    await origin.commit('main', { 'models/churn/src/train.py': 'print("churn v2")\n' })
    await origin.commit('main', modelFiles('search'))
    const refs = await origin.pullRequest(12, 'main', 'feature')
    const workspace = await checkoutMerge(origin, refs)

    const run = await runDetect(workspace, pullRequest(refs, 'feature'))

    expectSuccess(run)
    expect(run.env.GITHUB_SHA).toBe(refs.mergeSha)
    expect(Object.keys(run.outputs).sort()).toEqual([...DETECT_OUTPUTS].sort())
    expect(run.matrix).toEqual({
      include: [
        {
          model: 'fraud',
          path: 'models/fraud',
          'runs-on': 'ubuntu-latest',
          python: '3.11',
          'timeout-minutes': 60,
          fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{64}$/)
        }
      ]
    })
    expect(run.outputs.models).toBe('["fraud"]')
    expect(run.outputs['has-models']).toBe('true')
    expect(run.outputs.deleted).toBe('[]')
    expect(run.outputs['base-sha']).toBe(branchPoint)
    expect(run.outputs['head-sha']).toBe(head)
    expect(run.outputs['head-sha']).not.toBe(refs.mergeSha)
  })

  test('the job summary lists each model to train and the files that picked it', async () => {
    const origin = await GitOrigin.create(tempDir)
    await seedRepository(origin, ['churn', 'fraud', 'ranking'])
    await origin.createBranch('feature', 'main')
    await origin.commit('feature', { 'models/fraud/src/train.py': 'print("fraud v2")\n', 'models/fraud/src/features.py': 'X = 1\n' })
    await origin.commit('feature', { 'models/ranking/src/requirements.txt': 'lightgbm\n' })
    const refs = await origin.pullRequest(3, 'main', 'feature')

    const run = await runDetect(await checkoutMerge(origin, refs), pullRequest(refs, 'feature'))

    expectSuccess(run)
    expect(run.models).toEqual(['fraud', 'ranking'])
    const rowOf = (model: string) => run.summary.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${model}\``))
    expect(rowOf('fraud')).toContain('models/fraud/src/train.py')
    expect(rowOf('fraud')).toContain('models/fraud/src/features.py')
    expect(rowOf('ranking')).toContain('models/ranking/src/requirements.txt')
    expect(rowOf('churn')).toBeUndefined()
    expect(run.summary).toContain('2 models')
  })

  test('deepens a fetch-depth 1 clone until it finds a branch point more than 32 commits back', async () => {
    const origin = await GitOrigin.create(tempDir)
    const branchPoint = await seedRepository(origin, ['churn', 'fraud', 'ranking'])
    await origin.createBranch('long-feature', 'main')
    // The branch's first commit changes churn; 39 more change only fraud, so only a merge-base
    // found more than 32 (and 64 after the first deepening doubles) commits back sees churn.
    await origin.commit('long-feature', { 'models/churn/src/train.py': 'print("churn v2")\n' })
    const head = await origin.commitSeries('long-feature', 39, (index) => ({ 'models/fraud/notes.txt': `revision ${index}\n` }))
    await origin.commitSeries('main', 3, (index) => ({ 'models/ranking/notes.txt': `main revision ${index}\n` }))
    const refs = await origin.pullRequest(40, 'main', 'long-feature')

    const run = await runDetect(await checkoutMerge(origin, refs), pullRequest(refs, 'long-feature'))

    expectSuccess(run)
    expect(run.models).toEqual(['churn', 'fraud'])
    expect(run.outputs['base-sha']).toBe(branchPoint)
    expect(run.outputs['head-sha']).toBe(head)
  })

  test('gives the same answer from a full clone (fetch-depth 0)', async () => {
    const origin = await GitOrigin.create(tempDir)
    const branchPoint = await seedRepository(origin, ['churn', 'fraud'])
    await origin.createBranch('feature', 'main')
    const head = await origin.commit('feature', { 'models/churn/src/train.py': 'print("churn v2")\n' })
    await origin.commit('main', { 'models/fraud/src/train.py': 'print("fraud v2")\n' })
    const refs = await origin.pullRequest(5, 'main', 'feature')

    const run = await runDetect(await checkoutMerge(origin, refs, 0), pullRequest(refs, 'feature'))

    expectSuccess(run)
    expect(run.models).toEqual(['churn'])
    expect(run.outputs['base-sha']).toBe(branchPoint)
    expect(run.outputs['head-sha']).toBe(head)
  })

  test('fails with a one-line error when the head has no history in common with the base, even though the API could list files', async () => {
    const origin = await GitOrigin.create(tempDir)
    const baseSha = await seedRepository(origin, ['churn', 'fraud'])
    const headSha = await origin.createOrphanBranch('unrelated', modelFiles('churn', 2))
    // GitHub makes no merge commit for unrelated histories; the run checks out the head.
    const workspace = await origin.checkout({ ref: 'refs/pull/9/head', sha: headSha })
    // Git's answer is complete and final here (there is no merge-base), so the API must not be
    // asked; the emulator knows the pull request so that asking it would not fail by itself.
    gh = await startEmulator({ ...exampleRepository(), defaultBranch: 'main' })
    gh.addPullRequest({ number: 9, head: { sha: headSha, ref: 'unrelated' }, base: { sha: baseSha, ref: 'main' }, files: Object.keys(modelFiles('churn')) })
    const workflowRun = gh.addWorkflowRun({ head_sha: headSha, head_branch: 'unrelated', event: 'pull_request', pull_requests: [9] })
    const { env, token } = gh.runnerEnv({ runId: workflowRun.id, jobId: 'detect' })
    const event: JobEvent = {
      name: 'pull_request',
      payload: pullRequestEvent({ number: 9, base: { ref: 'main', sha: baseSha }, head: { ref: 'unrelated', sha: headSha } })
    }

    const run = await runDetect(workspace, event, {}, { env, token, runId: workflowRun.id })

    const message = expectOneLineError(run)
    expect(message).toMatch(/no common (ancestor|history)|unrelated/i)
    expect(message).toContain(headSha.slice(0, 7))
    expect(run.outputs['has-models']).toBeUndefined()
  })

  test('a renamed model trains under its new name and its old name goes to "deleted"', async () => {
    const origin = await GitOrigin.create(tempDir)
    await seedRepository(origin, ['churn', 'fraud', 'ranking'])
    await origin.createBranch('rename', 'main')
    await origin.commit('rename', {}, { moves: [['models/fraud', 'models/fraud-detector']] })
    const refs = await origin.pullRequest(21, 'main', 'rename')

    const run = await runDetect(await checkoutMerge(origin, refs), pullRequest(refs, 'rename'))

    expectSuccess(run)
    expect(matrixModels(run)).toEqual(['fraud-detector'])
    expect(run.matrix?.include[0].path).toBe('models/fraud-detector')
    expect(run.deleted).toEqual(['fraud'])
    expect(run.summary).toContain('fraud-detector')
    expect(run.summary).toMatch(/Deleted or renamed away[^\n]*`fraud`/)
  })

  test('a deleted model goes to "deleted" and never into the matrix', async () => {
    const origin = await GitOrigin.create(tempDir)
    await seedRepository(origin, ['churn', 'fraud', 'ranking'])
    await origin.createBranch('cleanup', 'main')
    await origin.commit('cleanup', { 'models/ranking/src/train.py': null, 'models/ranking/src/requirements.txt': null })
    await origin.commit('cleanup', { 'models/churn/src/train.py': 'print("churn v2")\n' })
    const refs = await origin.pullRequest(22, 'main', 'cleanup')

    const run = await runDetect(await checkoutMerge(origin, refs), pullRequest(refs, 'cleanup'))

    expectSuccess(run)
    expect(run.models).toEqual(['churn'])
    expect(matrixModels(run)).toEqual(['churn'])
    expect(run.deleted).toEqual(['ranking'])
  })

  test('a pull request that deletes its only changed model has nothing to train', async () => {
    const origin = await GitOrigin.create(tempDir)
    await seedRepository(origin, ['churn', 'fraud'])
    await origin.createBranch('drop-fraud', 'main')
    await origin.commit('drop-fraud', { 'models/fraud/src/train.py': null, 'models/fraud/src/requirements.txt': null })
    const refs = await origin.pullRequest(23, 'main', 'drop-fraud')

    const run = await runDetect(await checkoutMerge(origin, refs), pullRequest(refs, 'drop-fraud'))

    expectSuccess(run)
    expect(run.outputs['has-models']).toBe('false')
    expect(run.models).toEqual([])
    expect(run.deleted).toEqual(['fraud'])
  })

  test('a change outside every model sets has-models=false and an empty matrix', async () => {
    const origin = await GitOrigin.create(tempDir)
    await seedRepository(origin, ['churn', 'fraud'])
    await origin.createBranch('docs', 'main')
    const head = await origin.commit('docs', { 'README.md': '# models\n\nHow to add a model.\n' })
    const refs = await origin.pullRequest(30, 'main', 'docs')

    const run = await runDetect(await checkoutMerge(origin, refs), pullRequest(refs, 'docs'))

    expectSuccess(run)
    expect(run.outputs['has-models']).toBe('false')
    expect(run.outputs.models).toBe('[]')
    expect(run.outputs.deleted).toBe('[]')
    expect(run.matrix).toEqual({ include: [] })
    expect(run.outputs['head-sha']).toBe(head)
    expect(run.summary).toContain('0 models')
  })
})
