/**
 * Merged means staging in local mode (issue 14, item 1): `model-ci run` on main, with staging
 * marked auto: true in model-ci.yml, promotes every model the run trained that passed its gates to
 * staging, as the push workflow's promote-auto job does; a model whose gated metric regressed is
 * listed as not promoted, with the reason; production is then promoted by hand from the automatic
 * staging record, and `history` tells automatic from manual. A branch's run promotes nothing.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { git, makeTempDir, removeDir } from '../harness/git-repo.js'
import { bundledCli, commitTracked, editFile, modelCi, quickstartRepository, readJson } from './cli-process.js'

let temp: string
let repo: string

beforeAll(async () => {
  bundledCli()
  temp = makeTempDir('model-ci-cli-auto-')
  repo = await quickstartRepository(temp, 'models')
  await git(repo, ['config', 'user.name', 'Grace Hopper'])
  editFile(repo, 'model-ci.yml', (text) => text.replace('environments: [staging, production]', 'environments: [{ name: staging, auto: true }, production]'))
  await commitTracked(repo, 'staging is automatic')
})
afterAll(() => removeDir(temp))

const state = (...path: string[]) => join(repo, '.model-ci', ...path)
const ledgerOf = (runId: number) => readJson(state('artifacts', String(runId), 'model-ci-ledger', 'files', 'ledger.json')) as { models: Record<string, { version: string }> }
const runIdOf = (stdout: string) => Number(/Local run (\d+)/.exec(stdout)?.[1])

/** The history's rows as [environment, version, by, how, live]. */
async function historyRows(model: string): Promise<string[][]> {
  const history = await modelCi(repo, ['history', model])
  expect(history.exitCode).toBe(0)
  expect(history.stdout).toMatch(/^ENVIRONMENT +VERSION +DIGEST +PROMOTED \(UTC\) +BY +HOW +LIVE$/m)
  return history.stdout
    .split('\n')
    .filter((line) => /^(staging|production) /.test(line))
    .map((line) => {
      const match = /^(\S+) +(\S+) +\S+ +\S+ \S+ +(.+?) +(automatic|manual)(?: +(yes))?$/.exec(line)
      if (!match) throw new Error(`history row not understood: ${line}`)
      return [match[1], match[2], match[3], match[4], match[5] ?? '']
    })
}

test('run on main promotes both new models to staging automatically', async () => {
  const result = await modelCi(repo, ['run', '-j', '2'])
  expect(result.stderr).toBe('')
  expect(result.exitCode).toBe(0)
  const ledger = ledgerOf(runIdOf(result.stdout)).models
  expect(result.stdout).toContain('Automatic promotion to staging:')
  expect(result.stdout).toContain(`  churn ${ledger.churn.version} promoted to staging (nothing was live)`)
  expect(result.stdout).toContain(`  fraud ${ledger.fraud.version} promoted to staging (nothing was live)`)
  expect(existsSync(state('promoted', 'staging', 'churn', 'outputs', 'model.json'))).toBe(true)
  expect(await historyRows('churn')).toEqual([['staging', ledger.churn.version, 'Grace Hopper', 'automatic', 'yes']])
})

test('a branch run promotes nothing', async () => {
  await git(repo, ['checkout', '-q', '-b', 'tweak'])
  editFile(repo, 'models/churn/src/train.py', (text) => `${text}# a comment the training reads past\n`)
  await commitTracked(repo, 'churn: a comment')
  const result = await modelCi(repo, ['run'])
  expect(result.exitCode).toBe(0)
  expect(result.stdout).toContain('as a pull request into main')
  expect(result.stdout).not.toContain('Automatic promotion')
  expect((await historyRows('churn')).map((row) => row[0])).toEqual(['staging'])
  await git(repo, ['checkout', '-q', 'main'])
})

test('on main, a model that passes its gates goes to staging and one whose gated accuracy regressed does not, with the reason', async () => {
  await git(repo, ['merge', '-q', '--ff-only', 'tweak'])
  // fraud's training reports a much lower accuracy: a gated regression (tolerance 0.01 in model-ci.yml).
  editFile(repo, 'models/fraud/src/train.py', (text) => text.replace('metrics = centroid.evaluate(model, testing)', 'metrics = centroid.evaluate(model, testing)\nmetrics["accuracy"] -= 0.2'))
  await commitTracked(repo, 'fraud: a regression')
  const first = (await historyRows('churn'))[0][1]
  const result = await modelCi(repo, ['run', '-j', '2'])
  // The gate fails the run, as report fails the workflow; churn went to staging all the same.
  expect(result.exitCode).toBe(1)
  expect(result.stderr).toContain('a gated metric regressed beyond its tolerance in fraud ("accuracy")')
  const ledger = ledgerOf(runIdOf(result.stdout)).models
  expect(result.stdout).toContain(`  churn ${ledger.churn.version} promoted to staging (was ${first})`)
  expect(result.stdout).toMatch(/^ {2}fraud not promoted to staging: a gated metric regressed beyond its tolerance: "accuracy" [\d.]+ → [\d.]+$/m)
  expect(result.stdout).not.toContain(`fraud ${ledger.fraud.version} promoted`)
  const fraud = await historyRows('fraud')
  expect(fraud).toHaveLength(1)
  expect(fraud[0][1]).not.toBe(ledger.fraud.version)
})

test('production is promoted by hand from the automatic staging record, and history tells automatic from manual', async () => {
  const staging = (await historyRows('churn'))[0]
  const promoted = await modelCi(repo, ['promote', 'churn', '--environment', 'production'])
  expect(promoted.stderr).toBe('')
  expect(promoted.exitCode).toBe(0)
  expect(promoted.stdout).toContain(`  version    ${staging[1]}`)
  const rows = await historyRows('churn')
  expect(rows).toEqual([
    ['production', staging[1], 'Grace Hopper', 'manual', 'yes'],
    ['staging', staging[1], 'Grace Hopper', 'automatic', 'yes'],
    ['staging', rows[2][1], 'Grace Hopper', 'automatic', '']
  ])
  // fraud's regressed training never reached staging, so production refuses it.
  const refused = await modelCi(repo, ['promote', 'fraud', '--environment', 'production'])
  expect(refused.exitCode).not.toBe(0)
  expect(refused.stderr).toContain('was not promoted to production')
})

test('promote --version auto is refused in one line: model-ci run on main does it', async () => {
  const refused = await modelCi(repo, ['promote', 'churn', '--environment', 'staging', '--version', 'auto'])
  expect(refused.exitCode).not.toBe(0)
  expect(refused.stderr.trim().split('\n')).toHaveLength(1)
  expect(refused.stderr).toContain('version "auto" is for the run of a push to main (the workflow\'s promote-auto job, or model-ci run on main locally)')
  expect((await historyRows('churn')).map((row) => row[0])).toEqual(['production', 'staging', 'staging'])
})
