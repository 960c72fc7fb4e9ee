// `detect` end to end, for what its outputs promise beyond the model list: fingerprints, GitHub's
// matrix limit (batches past it, and max-jobs), a broken event payload, and a token that never reaches the log.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { cpSync } from 'node:fs'
import { basename, join } from 'node:path'
import { ZERO_SHA, pullRequestEvent, pushEvent, workflowDispatchEvent } from '../../__fixtures__/events.js'
import type { FileChanges } from '../harness/git-repo.js'
import { GitOrigin, makeTempDir, removeDir } from '../harness/git-repo.js'
import type { JobEvent } from '../harness/job-runner.js'
import type { DetectRun } from './detect-helpers.js'
import { batchEntries, ensureBundle, expectSuccess, modelFiles, runDetect, seedRepository } from './detect-helpers.js'
import { expectOneLineError } from './job-checks.js'

const MODELS = ['churn', 'fraud', 'ranking']

let tempDir: string
beforeAll(() => {
  ensureBundle()
  tempDir = makeTempDir('model-ci-detect-outputs-')
})
afterAll(() => removeDir(tempDir))

const dispatchAll: JobEvent = { name: 'workflow_dispatch', payload: workflowDispatchEvent({ inputs: { models: 'all' } }) }

function fingerprints(run: DetectRun): Record<string, string> {
  expectSuccess(run)
  return Object.fromEntries((run.matrix?.include ?? []).map((entry) => [entry.model, entry.fingerprint]))
}

describe('fingerprints', () => {
  let origin: GitOrigin
  let seed: string
  beforeAll(async () => {
    origin = await GitOrigin.create(tempDir)
    seed = await seedRepository(origin, MODELS, { 'model-ci.yml': 'shared: [data/processed/**]\n' })
  })

  async function fingerprintsAt(sha: string, depth = 1): Promise<Record<string, string>> {
    const workspace = await origin.checkout({ ref: 'refs/heads/main', sha, depth })
    return fingerprints(await runDetect(workspace, dispatchAll, { models: 'all' }))
  }

  test('are the same on every run over the same commit, whatever the checkout depth', async () => {
    const first = await fingerprintsAt(seed)
    const again = await fingerprintsAt(seed)
    const fullClone = await fingerprintsAt(seed, 0)

    expect(Object.keys(first)).toEqual(MODELS)
    for (const value of Object.values(first)) expect(value).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(new Set(Object.values(first)).size).toBe(MODELS.length)
    expect(again).toEqual(first)
    expect(fullClone).toEqual(first)
  })

  test('are the same from a checkout without git (a tarball download), which hashes the files as git does', async () => {
    const workspace = await origin.checkout({ ref: 'refs/heads/main', sha: seed })
    const withoutGit = join(tempDir, 'tarball-checkout')
    cpSync(workspace, withoutGit, { recursive: true, filter: (source) => basename(source) !== '.git' })

    const fromFiles = fingerprints(await runDetect(withoutGit, dispatchAll, { models: 'all' }, { sha: seed }))

    expect(fromFiles).toEqual(await fingerprintsAt(seed))
  })

  test("change only for the model whose files, or whose model.yml settings, changed; every one for a shared file", async () => {
    const before = await fingerprintsAt(seed)
    const codeChanged = await fingerprintsAt(await origin.commit('main', { 'models/fraud/src/train.py': 'print("fraud v2")\n' }))
    const settingsChanged = await fingerprintsAt(await origin.commit('main', { 'models/churn/model.yml': 'python: "3.12"\n' }))
    const sharedChanged = await fingerprintsAt(await origin.commit('main', { 'data/processed/features.csv': 'a,b\n5,6\n' }))

    expect(codeChanged.fraud).not.toBe(before.fraud)
    expect({ churn: codeChanged.churn, ranking: codeChanged.ranking }).toEqual({ churn: before.churn, ranking: before.ranking })
    expect(settingsChanged.churn).not.toBe(codeChanged.churn)
    expect({ fraud: settingsChanged.fraud, ranking: settingsChanged.ranking }).toEqual({ fraud: codeChanged.fraud, ranking: codeChanged.ranking })
    for (const model of MODELS) expect(sharedChanged[model]).not.toBe(settingsChanged[model])
  })
})

describe("GitHub's matrix limit", () => {
  test('more than 256 models to train share the 256 jobs, balanced by count with a warning when the ledger cannot be read', async () => {
    const origin = await GitOrigin.create(tempDir)
    const names = Array.from({ length: 257 }, (_, index) => `model-${String(index).padStart(3, '0')}`)
    const files: FileChanges = {}
    for (const name of names) Object.assign(files, modelFiles(name))
    const after = await origin.commit('main', files)
    const workspace = await origin.checkout({ ref: 'refs/heads/main', sha: after })

    // The runner's API address here is closed: the ledger's training times cannot be read.
    const run = await runDetect(workspace, { name: 'push', payload: pushEvent({ ref: 'refs/heads/main', before: ZERO_SHA, after }) })

    expectSuccess(run)
    const entries = batchEntries(run)
    expect(entries).toHaveLength(256)
    expect(entries[0]).toMatchObject({ batch: 'b001', models: ['model-000', 'model-256'], 'timeout-minutes': 120 })
    expect(entries.slice(1).every((entry) => entry.models.length === 1 && entry['timeout-minutes'] === 60)).toBe(true)
    expect(entries.flatMap((entry) => entry.models).sort()).toEqual(names)
    const warnings = run.annotations.filter((annotation) => annotation.level === 'warning').map((annotation) => annotation.message)
    expect(warnings).toEqual([expect.stringMatching(/the default branch's ledger could not be read \(.+\), so the jobs are balanced by their count of models.*"actions: read"/)])
    expect(run.summary).toContain('They train in **256 jobs**')
    expect(run.models).toEqual(names)
    expect(run.outputs['has-models']).toBe('true')
    expect(run.outputs['head-sha']).toBe(after)
  })

  test('exactly 256 models fit in one matrix: one model per job, each entry as it was before batches', async () => {
    const origin = await GitOrigin.create(tempDir)
    const names = Array.from({ length: 256 }, (_, index) => `model-${String(index).padStart(3, '0')}`)
    const files: FileChanges = {}
    for (const name of names) Object.assign(files, modelFiles(name))
    const after = await origin.commit('main', files)
    const workspace = await origin.checkout({ ref: 'refs/heads/main', sha: after })
    const push = { name: 'push', payload: pushEvent({ ref: 'refs/heads/main', before: ZERO_SHA, after }) }

    const run = await runDetect(workspace, push)

    expectSuccess(run)
    // Exactly these keys, in the order of the models: no `batch`, `models`, `paths` or `fingerprints`.
    expect(run.matrix?.include).toEqual(
      names.map((name) => ({
        model: name,
        path: `models/${name}`,
        'runs-on': 'ubuntu-latest',
        python: '3.11',
        'timeout-minutes': 60,
        fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{64}$/)
      }))
    )
    expect(run.summary).not.toContain('They train in')
    expect(run.annotations).toEqual([])
    // A max-jobs the models fit in changes nothing, to the byte.
    const withRoom = await runDetect(workspace, push, { 'max-jobs': '256' })
    expectSuccess(withRoom)
    expect(withRoom.outputs).toEqual(run.outputs)
  })

  test('max-jobs must be a whole number from 1 to 256, and leave room for every pair of runs-on and python', async () => {
    const origin = await GitOrigin.create(tempDir)
    const after = await seedRepository(origin, MODELS, {
      'models/churn/model.yml': 'runs-on: gpu-runner\n',
      'models/ranking/model.yml': 'python: "3.12"\n'
    })
    const workspace = await origin.checkout({ ref: 'refs/heads/main', sha: after })
    const detectWith = (maxJobs: string) => runDetect(workspace, dispatchAll, { models: 'all', 'max-jobs': maxJobs }, { sha: after })

    for (const bad of ['0', '257', 'many']) {
      expect(expectOneLineError(await detectWith(bad))).toBe(
        `input "max-jobs" is "${bad}"; give a whole number of jobs from 1 to 256 (GitHub's limit for one matrix), or leave it empty for 256`
      )
    }
    expect(expectOneLineError(await detectWith('2'))).toBe(
      'max-jobs is 2, but the 3 models to train need 3 different pairs of runs-on and python, and models of different pairs never share a job; raise max-jobs to 3 or more'
    )
    expectSuccess(await detectWith('3'))
  })
})

describe('a malformed event payload', () => {
  let workspace: string
  let head: string
  beforeAll(async () => {
    const origin = await GitOrigin.create(tempDir)
    head = await seedRepository(origin, MODELS)
    workspace = await origin.checkout({ ref: 'refs/heads/main', sha: head })
  })

  test('a pull_request event without the base commit is a one-line error naming the event file and the field', async () => {
    const payload = pullRequestEvent({ number: 4, base: { ref: 'main', sha: head }, head: { ref: 'feature', sha: head } })
    delete (payload.pull_request as { base: { sha?: string } }).base.sha

    const run = await runDetect(workspace, { name: 'pull_request', payload }, {}, { sha: head })

    const message = expectOneLineError(run)
    expect(message).toContain(run.env.GITHUB_EVENT_PATH)
    expect(message).toContain('pull_request.base.sha')
  })

  test('a push event whose "after" is not a commit id is a one-line error naming the event file and the field', async () => {
    const payload = pushEvent({ ref: 'refs/heads/main', before: head, after: 'HEAD~1' })

    const run = await runDetect(workspace, { name: 'push', payload }, {}, { sha: head })

    const message = expectOneLineError(run)
    expect(message).toContain(run.env.GITHUB_EVENT_PATH)
    expect(message).toContain('after')
  })
})

describe('the token', () => {
  const token = 'ghp_Sup3rS3cretTokenThatMustNeverBeLogged01'

  function expectTokenNeverShown(run: DetectRun): void {
    // The runner consumes `::add-mask::` lines; everything else is what the log shows.
    const shown = `${run.stdout}\n${run.stderr}`
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n')
    expect(shown).not.toContain(token)
    expect(run.masks).toContain(token)
  }

  test('is masked and never printed, on success or on failure', async () => {
    const origin = await GitOrigin.create(tempDir)
    await seedRepository(origin, MODELS)
    await origin.createBranch('feature', 'main')
    await origin.commit('feature', { 'models/fraud/src/train.py': 'print("fraud v2")\n' })
    const refs = await origin.pullRequest(8, 'main', 'feature')
    const workspace = await origin.checkout({ ref: 'refs/pull/8/merge', sha: refs.mergeSha })
    const event: JobEvent = {
      name: 'pull_request',
      payload: pullRequestEvent({ number: 8, base: { ref: 'main', sha: refs.baseSha }, head: { ref: 'feature', sha: refs.headSha } })
    }

    const success = await runDetect(workspace, event, { token }, { env: { RUNNER_DEBUG: '1' } })
    expectSuccess(success)
    expectTokenNeverShown(success)

    const failure = await runDetect(workspace, event, { token, 'working-directory': 'missing' }, { env: { RUNNER_DEBUG: '1' } })
    expect(failure.exitCode).not.toBe(0)
    expectTokenNeverShown(failure)
  })
})
