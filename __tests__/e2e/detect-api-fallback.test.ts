// `detect` when git cannot tell what a pull request changed (a fetch-depth 1 checkout whose origin
// cannot be reached, so it cannot be deepened): the pull request files API is the fallback, played
// by the emulator. When the pull request has more files than that API lists, every model trains
// and a warning says why, rather than a guess from a partial list.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals'
import { cpSync } from 'node:fs'
import { basename } from 'node:path'
import { exampleRepository, pullRequestEvent } from '../../__fixtures__/events.js'
import type { Emulator } from '../emulator/index.js'
import { startEmulator } from '../emulator/index.js'
import type { FileChanges, PullRequestRefs } from '../harness/git-repo.js'
import { GitOrigin, git, makeTempDir, removeDir } from '../harness/git-repo.js'
import type { JobEvent } from '../harness/job-runner.js'
import type { DetectRun } from './detect-helpers.js'
import { ensureBundle, expectSuccess, runDetect, seedRepository } from './detect-helpers.js'

const MODELS = ['churn', 'fraud', 'ranking']
const TOKEN = 'ghs_FallbackJobTokenThatMustNotBeLogged0001'

let tempDir: string
let gh: Emulator | undefined
beforeAll(() => {
  ensureBundle()
  tempDir = makeTempDir('model-ci-detect-api-')
})
afterEach(async () => {
  await gh?.close()
  gh = undefined
})
afterAll(() => removeDir(tempDir))

/**
 * Pull request `number` from `feature` (one commit writing `change`) on a repository seeded with
 * MODELS, known to the emulator with the files GitHub would list; detect runs on a fetch-depth 1
 * checkout of its merge commit whose origin URL no longer works.
 */
async function detectWithoutHistory(
  number: number,
  change: FileChanges,
  options: { moves?: Array<[string, string]>; withoutGit?: boolean } = {}
): Promise<{ run: DetectRun; refs: PullRequestRefs }> {
  const origin = await GitOrigin.create(tempDir)
  await seedRepository(origin, MODELS)
  await origin.createBranch('feature', 'main')
  await origin.commit('feature', change, { moves: options.moves })
  const refs = await origin.pullRequest(number, 'main', 'feature')
  const files = await origin.pullRequestFiles('main', 'feature')
  const checkout = await origin.checkout({ ref: `refs/pull/${number}/merge`, sha: refs.mergeSha })
  let workspace = checkout
  if (options.withoutGit) {
    // actions/checkout downloads a tarball when the runner has no git: the files, no .git.
    workspace = `${checkout}-tarball`
    cpSync(checkout, workspace, { recursive: true, filter: (source) => basename(source) !== '.git' })
  } else {
    await git(workspace, ['remote', 'set-url', 'origin', `${origin.url}-moved-away`])
  }

  const emulator = (gh = await startEmulator({ ...exampleRepository(), defaultBranch: 'main' }))
  emulator.addToken(TOKEN, { permissions: 'read' })
  emulator.addPullRequest({ number, head: { sha: refs.headSha, ref: 'feature' }, base: { sha: refs.baseSha, ref: 'main' }, files })
  const workflowRun = emulator.addWorkflowRun({ head_sha: refs.mergeSha, head_branch: 'feature', event: 'pull_request', pull_requests: [number] })
  const { env } = emulator.runnerEnv({ runId: workflowRun.id, jobId: 'detect', token: TOKEN })
  const event: JobEvent = {
    name: 'pull_request',
    payload: pullRequestEvent({
      number,
      base: { ref: 'main', sha: refs.baseSha },
      head: { ref: 'feature', sha: refs.headSha },
      mergeCommitSha: refs.mergeSha,
      changedFiles: files.length
    })
  }
  const run = await runDetect(workspace, event, {}, { env, token: TOKEN, runId: workflowRun.id, sha: refs.mergeSha })
  return { run, refs }
}

function filesRequests(number: number) {
  return (gh?.requests ?? []).filter((request) => request.method === 'GET' && request.path.endsWith(`/pulls/${number}/files`))
}

function expectTokenNeverShown(run: DetectRun): void {
  const shown = `${run.stdout}\n${run.stderr}`
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  expect(shown).not.toContain(TOKEN)
}

describe('without usable git history', () => {
  test("the pull request's files from GitHub's API pick the models, renames included", async () => {
    const { run, refs } = await detectWithoutHistory(
      17,
      { 'models/fraud/src/train.py': 'print("fraud v2")\n', 'docs/fraud.md': '# fraud\n' },
      { moves: [['models/ranking', 'models/ranking-v2']] }
    )

    expectSuccess(run)
    expect(filesRequests(17).length).toBeGreaterThan(0)
    expect(run.models).toEqual(['fraud', 'ranking-v2'])
    expect(run.deleted).toEqual(['ranking'])
    expect(run.outputs['has-models']).toBe('true')
    expect(run.outputs['head-sha']).toBe(refs.headSha)
    expect(run.summary).toMatch(/API/)
    expect(run.annotations.filter((annotation) => annotation.level === 'error')).toEqual([])
    expectTokenNeverShown(run)
  })

  test('a checkout without git (a tarball download) gets the changes from the API too', async () => {
    const { run } = await detectWithoutHistory(20, { 'models/churn/src/train.py': 'print("churn v2")\n' }, { withoutGit: true })

    expectSuccess(run)
    expect(filesRequests(20).length).toBeGreaterThan(0)
    expect(run.models).toEqual(['churn'])
  })

  test('a change to "defaults" in model-ci.yml, which git cannot compare with the base, retrains every model', async () => {
    const { run } = await detectWithoutHistory(19, { 'model-ci.yml': 'defaults: { python: "3.12" }\n' })

    expectSuccess(run)
    expect(run.models).toEqual(MODELS)
    expect(run.matrix?.include.map((entry) => entry.python)).toEqual(['3.12', '3.12', '3.12'])
  })

  test('a pull request with more files than the API lists (3,000) trains every model and says why in a warning', async () => {
    const manyFiles: FileChanges = { 'models/fraud/src/train.py': 'print("fraud v2")\n' }
    for (let index = 0; index < 3100; index++) manyFiles[`data/raw/part-${String(index).padStart(4, '0')}.csv`] = `${index}\n`

    const { run } = await detectWithoutHistory(18, manyFiles)

    expectSuccess(run)
    expect(run.models).toEqual(MODELS)
    const warnings = run.annotations.filter((annotation) => annotation.level === 'warning')
    expect(warnings).toHaveLength(1)
    expect(warnings[0].message).toMatch(/3,?000|more files than/)
    expect(run.summary).toMatch(/more files than/)
    expectTokenNeverShown(run)
  })
})
