/**
 * Monitoring in local mode (issue 14, item 2): the quick-start models trained by `model-ci run` on
 * main and promoted to staging and production by hand, then `model-ci monitor` measures the live
 * versions on the models' monitoring data: a healthy run exits 0 with a table, the example's
 * drifted data set for churn exits 1 naming churn's gated accuracy (fraud stays healthy), the
 * record is kept in `.model-ci/`, and an unknown environment is a usage error.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { git, makeTempDir, removeDir } from '../harness/git-repo.js'
import { ACTION_ROOT } from '../harness/job-runner.js'
import { bundledCli, commitTracked, editFile, modelCi, quickstartRepository, readJson } from './cli-process.js'

let temp: string
let repo: string

beforeAll(async () => {
  bundledCli()
  temp = makeTempDir('model-ci-cli-monitor-')
  repo = await quickstartRepository(temp, 'models')
  await git(repo, ['config', 'user.name', 'Grace Hopper'])
  const run = await modelCi(repo, ['run', '-j', '2'])
  expect(run.exitCode).toBe(0)
  for (const environment of ['staging', 'production']) {
    for (const model of ['churn', 'fraud']) expect((await modelCi(repo, ['promote', model, '--environment', environment])).exitCode).toBe(0)
  }
}, 120_000)
afterAll(() => removeDir(temp))

/** The monitor.json the newest monitor run kept in .model-ci/. */
function newestRecord(): { environment: string; models: Record<string, { verdict: string; regressed: string[]; gate_failed: boolean }> } {
  const runs = readdirSync(join(repo, '.model-ci', 'artifacts')).filter((name) => readdirSync(join(repo, '.model-ci', 'artifacts', name)).includes('model-ci-monitor'))
  const newest = runs.map(Number).sort((a, b) => b - a)[0]
  return readJson(join(repo, '.model-ci', 'artifacts', String(newest), 'model-ci-monitor', 'files', 'monitor.json')) as ReturnType<typeof newestRecord>
}

test('a healthy run prints the table of both live models in production and exits 0', async () => {
  const result = await modelCi(repo, ['monitor'])
  expect(result.stderr).toBe('')
  expect(result.exitCode).toBe(0)
  expect(result.stdout).toContain('model-ci monitor: production')
  expect(result.stdout).toMatch(/^MODEL +VERSION +VERDICT +METRIC +AT PROMOTION +NOW +CHANGE$/m)
  expect(result.stdout).toMatch(/^churn +\S+ +healthy +accuracy +0\.9625 +0\.975 +improved$/m)
  expect(result.stdout).toMatch(/^fraud +\S+ +healthy +accuracy /m)
  expect(newestRecord()).toMatchObject({ environment: 'production', models: { churn: { verdict: 'healthy' }, fraud: { verdict: 'healthy' } } })
  // The same record where `model-ci status` reads it.
  const kept = readdirSync(join(repo, '.model-ci', 'monitor'))
  expect(kept).toHaveLength(1)
  expect(readJson(join(repo, '.model-ci', 'monitor', kept[0]))).toEqual(newestRecord())
  expect(readFileSync(join(repo, '.model-ci', 'monitor.md'), 'utf8')).toContain('## model-ci monitor: production')
})

test('on the drifted data set churn is degraded on its gated accuracy: exit 1, one line naming it; fraud stays healthy', async () => {
  editFile(repo, 'models/churn/data/monitoring/recent.csv', () => readFileSync(join(ACTION_ROOT, 'examples', 'quickstart', 'drift', 'churn', 'recent.csv'), 'utf8'))
  await commitTracked(repo, 'churn: drifted monitoring data')
  const result = await modelCi(repo, ['monitor', '--environment', 'staging'])
  expect(result.exitCode).toBe(1)
  expect(result.stdout).toContain('model-ci monitor: staging')
  expect(result.stdout).toMatch(/^churn +\S+ +degraded \(gate failed\) +accuracy +0\.9625 +0\.7125 +gate failed$/m)
  expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^model-ci monitor: churn \S+ is degraded in staging: gated metric\(s\) worse than at promotion beyond tolerance \(accuracy\)$/)])
  expect(newestRecord()).toMatchObject({ environment: 'staging', models: { churn: { verdict: 'degraded', regressed: ['accuracy'], gate_failed: true }, fraud: { verdict: 'healthy' } } })
})

test('an environment model-ci.yml does not list is a usage error', async () => {
  const result = await modelCi(repo, ['monitor', '--environment', 'qa'])
  expect(result.exitCode).toBe(2)
  expect(result.stderr.trim()).toBe('model-ci monitor: environment "qa" is not one of the environments in model-ci.yml (staging, production); monitor one of them')
})
