/**
 * What `model-ci` keeps and reuses in `.model-ci/`, on the quick-start example: a report of an
 * earlier run only reads (its ledger stays as the run recorded it), and edits that are not
 * committed yet train from the working tree without the run-cache, which is keyed by commits.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { git, makeTempDir, removeDir } from '../harness/git-repo.js'
import { bundledCli, editFile, modelCi, quickstartRepository, readJson } from './cli-process.js'

let temp: string

beforeAll(() => {
  bundledCli()
  temp = makeTempDir('model-ci-cli-local-state-')
})
afterAll(() => removeDir(temp))

const stateOf = (repo: string) => (...path: string[]) => join(repo, '.model-ci', ...path)
const runIdIn = (stdout: string) => Number(/Local run (\d+)/.exec(stdout)?.[1])

describe('model-ci report --run N', () => {
  test('reports an earlier run of the default branch again without writing its ledger again, from any branch', async () => {
    const repo = await quickstartRepository(temp, 'report-again')
    const state = stateOf(repo)
    const first = await modelCi(repo, ['run'])
    expect(first.exitCode).toBe(0)
    expect(first.stdout).toContain('Wrote model-ci-ledger')
    const ledgerDir = state('artifacts', '1', 'model-ci-ledger')
    const recorded = { artifact: readJson(join(ledgerDir, 'artifact.json')), ledger: readFileSync(join(ledgerDir, 'files', 'ledger.json'), 'utf8') }

    await git(repo, ['checkout', '-q', '-b', 'elsewhere'])
    for (const args of [['report', '--run', '1'], ['report']]) {
      const again = await modelCi(repo, args)
      expect(again.stderr).toBe('')
      expect(again.exitCode).toBe(0)
      expect(again.stdout).toContain('2 models trained: 2 new')
      expect(again.stdout).not.toContain('Wrote model-ci-ledger')
      expect(readJson(join(ledgerDir, 'artifact.json'))).toEqual(recorded.artifact)
      expect(readFileSync(join(ledgerDir, 'files', 'ledger.json'), 'utf8')).toBe(recorded.ledger)
    }
  })
})

describe('uncommitted edits', () => {
  test("train the model from the working tree without the run-cache, and leave the run-cache as the commits' training left it", async () => {
    const repo = await quickstartRepository(temp, 'uncommitted')
    const state = stateOf(repo)
    const manifestOf = (runId: number, model: string) =>
      readJson(state('artifacts', String(runId), `model-ci-${model}`, 'files', 'manifest.json')) as { run_id: number; metrics: Record<string, number>; cache: { run: string } }
    const committed = await modelCi(repo, ['run'])
    expect(committed.exitCode).toBe(0)
    const committedAccuracy = manifestOf(1, 'churn').metrics.accuracy

    editFile(repo, 'models/churn/src/train.py', (text) => text.replace('centroid.fit(training)', 'centroid.fit(training[:60])'))
    const edited = await modelCi(repo, ['train', 'churn'])
    expect(edited.exitCode).toBe(0)
    expect(edited.stdout).not.toContain('Run-cache hit')
    expect(edited.stdout).toMatch(/✓ churn {2}done in \d+\.\d s \(run-cache not used: uncommitted changes\)/)
    const editedRun = runIdIn(edited.stdout)
    expect(manifestOf(editedRun, 'churn').cache.run).toBe('off')
    expect(manifestOf(editedRun, 'churn').metrics.accuracy).not.toBe(committedAccuracy)
    // The warning says what was done with the edit.
    expect(edited.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^warning: 1 file\(s\) have uncommitted changes \(models\/churn\/src\/train\.py\): the models to train are picked from commits, and each model\.yml is read as committed; a model with uncommitted changes \(in its folder, its watch or shared files, or model-ci\.yml\) trains from the files as they are checked out, without the run-cache/
      )
    ])

    // A model whose own files are as committed still reuses its training.
    const other = await modelCi(repo, ['train', 'fraud'])
    expect(other.stdout).toMatch(/✓ fraud {2}done in \d+\.\d s \(run-cache hit: nothing trained, the outputs of run 1 reused\)/)

    // The edit's training was not saved under the commit's fingerprint: undone, the commit's training is reused.
    await git(repo, ['checkout', '-q', '--', 'models/churn/src/train.py'])
    const undone = await modelCi(repo, ['train', 'churn'])
    expect(undone.stdout).toMatch(/✓ churn {2}done in \d+\.\d s \(run-cache hit: nothing trained, the outputs of run 1 reused\)/)
    expect(manifestOf(runIdIn(undone.stdout), 'churn').metrics.accuracy).toBe(committedAccuracy)

    // A shared file (scripts/** in model-ci.yml) is an input of every model.
    editFile(repo, 'scripts/centroid.py', (text) => `${text}\n# tuned, not committed\n`)
    const shared = await modelCi(repo, ['train', 'fraud'])
    expect(shared.exitCode).toBe(0)
    expect(shared.stdout).toMatch(/✓ fraud {2}done in \d+\.\d s \(run-cache not used: uncommitted changes\)/)

    // So is model-ci.yml.
    await git(repo, ['checkout', '-q', '--', 'scripts/centroid.py'])
    editFile(repo, 'model-ci.yml', (text) => `${text}# edited, not committed\n`)
    const config = await modelCi(repo, ['train', 'churn'])
    expect(config.exitCode).toBe(0)
    expect(config.stdout).toMatch(/✓ churn {2}done in \d+\.\d s \(run-cache not used: uncommitted changes\)/)
  })
})
