/**
 * What `model-ci` keeps and reuses in `.model-ci/`, on the quick-start example: a report of an
 * earlier run only reads (its ledger stays as the run recorded it), edits that are not committed
 * yet train from the working tree without the run-cache, which is keyed by commits, and records
 * there that cannot be read are told, naming the file, never dropped in silence.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { git, makeTempDir, removeDir } from '../harness/git-repo.js'
import { bundledCli, commitTracked, editFile, modelCi, quickstartRepository, readJson } from './cli-process.js'

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
        /^warning: 1 file\(s\) have uncommitted changes \(models\/churn\/src\/train\.py\): the models to train are picked from commits, while model-ci\.yml and each model\.yml are read as checked out; a model with uncommitted changes \(in its folder, its watch or shared files, or model-ci\.yml\) trains from the files as they are checked out, without the run-cache/
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

describe('an uncommitted model.yml', () => {
  test('is read as checked out, like model-ci.yml, by train and detect, with the notice about uncommitted changes', async () => {
    const repo = await quickstartRepository(temp, 'uncommitted-model-yml')
    expect((await modelCi(repo, ['run'])).exitCode).toBe(0)
    const marker = 'trained as the checked-out model.yml says'
    editFile(repo, 'models/churn/model.yml', (text) => `${text}train: [python, -c, "print('${marker}'); import runpy; runpy.run_path('src/train.py')"]\n`)

    const trained = await modelCi(repo, ['train', 'churn'])
    expect(trained.exitCode).toBe(0)
    expect(trained.stdout).toContain(`[churn] ${marker}`)
    expect(trained.stdout).toMatch(/✓ churn {2}done in \d+\.\d s \(run-cache not used: uncommitted changes\)/)
    expect(trained.stderr).toMatch(/^warning: 1 file\(s\) have uncommitted changes \(models\/churn\/model\.yml\): the models to train are picked from commits, while model-ci\.yml and each model\.yml are read as checked out;/m)

    // A model.yml to fix that is not committed yet is the error, as a model-ci.yml to fix is.
    editFile(repo, 'models/churn/model.yml', (text) => text.replace('timeout-minutes: 5', 'timeout-minutes: ten'))
    for (const args of [['detect', '--models', 'all'], ['train', 'churn']]) {
      const broken = await modelCi(repo, args)
      expect(broken.exitCode).toBe(2)
      expect(broken.stderr).toContain('models/churn/model.yml: "timeout-minutes" must be a positive number of minutes')
    }
  })
})

describe('records in .model-ci that cannot be read', () => {
  test('history and promote --version previous warn about each, naming the file and what is wrong, and go on without it', async () => {
    const repo = await quickstartRepository(temp, 'corrupt-records')
    const state = stateOf(repo)
    expect((await modelCi(repo, ['run'])).exitCode).toBe(0)
    expect((await modelCi(repo, ['promote', 'churn', '--environment', 'staging'])).exitCode).toBe(0)
    editFile(repo, 'models/churn/src/train.py', (text) => `# churn v2\n${text}`)
    await commitTracked(repo, 'churn v2')
    const second = await modelCi(repo, ['run'])
    expect(second.exitCode).toBe(0)
    expect((await modelCi(repo, ['promote', 'churn', '--environment', 'staging'])).exitCode).toBe(0)

    // A record cut short (a full disk, an editor's crash): promotions 1 and 2 are still whole.
    const cutShort = state('deployments', '3.json')
    writeFileSync(cutShort, '{"schema": 1, "id": 3, "environment": "staging", "task": "model-ci:promote"')
    const deploymentWarning = `warning: ${cutShort}: it is not valid JSON (`
    const history = await modelCi(repo, ['history', 'churn'])
    expect(history.exitCode).toBe(0)
    expect(history.stderr.split('\n').filter((line) => line !== '')).toEqual([
      expect.stringContaining(deploymentWarning)
    ])
    expect(history.stderr).toContain('so it is left out of the promotion records (the history, and the live and previous versions are worked out without it); delete the file or restore it')
    expect(history.stdout.split('\n').filter((line) => line.startsWith('staging '))).toHaveLength(2)

    // The version live before the current one is run 1's, whose artifact record is broken.
    const record = state('artifacts', '1', 'model-ci-churn', 'artifact.json')
    const whole = readFileSync(record, 'utf8')
    writeFileSync(record, whole.replace(/"digest": "[^"]*"/, '"digest": 42'))
    const rollback = await modelCi(repo, ['promote', 'churn', '--environment', 'staging', '--version', 'previous'])
    expect(rollback.exitCode).toBe(1)
    const lines = rollback.stderr.split('\n').filter((line) => line !== '')
    expect(lines).toEqual([
      expect.stringContaining(deploymentWarning),
      `warning: ${record}: it is not an artifact record (a number "id" and "size", a string "name" and "digest"), so ${state('artifacts', '1', 'model-ci-churn')} is left out of the artifacts of run 1; delete that folder, or run the training again`,
      expect.stringMatching(/^model-ci: .*run 1 has no artifact model-ci-churn/)
    ])
    expect(rollback.stderr).not.toMatch(/\n\s+at /)

    // Restored, the rollback goes through; the record cut short is still told.
    writeFileSync(record, whole)
    const restored = await modelCi(repo, ['promote', 'churn', '--environment', 'staging', '--version', 'previous'])
    expect(restored.exitCode).toBe(0)
    expect(restored.stderr.split('\n').filter((line) => line !== '')).toEqual([expect.stringContaining(deploymentWarning)])
  })
})
