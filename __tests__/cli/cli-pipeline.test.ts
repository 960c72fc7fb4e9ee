/**
 * `model-ci` in local mode on the quick-start example, as a user drives it: a run on main that
 * trains both models and records the ledger; a branch that changes one model, trains only it and
 * is compared with main's ledger; a merge; promotions, the history and a rollback.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { formatValue } from '../../src/core/report/format.js'
import { git, makeTempDir, removeDir } from '../harness/git-repo.js'
import { mermaidBlocks, parseMermaid } from '../harness/mermaid.js'
import { bundledCli, commitTracked, editFile, modelCi, quickstartRepository, readJson } from './cli-process.js'

let temp: string
let repo: string

beforeAll(async () => {
  bundledCli()
  temp = makeTempDir('model-ci-cli-pipeline-')
  repo = await quickstartRepository(temp, 'models')
})
afterAll(() => removeDir(temp))

const state = (...path: string[]) => join(repo, '.model-ci', ...path)
const ledgerOf = (runId: number) => readJson(state('artifacts', String(runId), 'model-ci-ledger', 'files', 'ledger.json')) as { sha: string; models: Record<string, { version: string; metrics: Record<string, number> }> }
const manifestOf = (runId: number, model: string) => readJson(state('artifacts', String(runId), `model-ci-${model}`, 'files', 'manifest.json')) as { version: string; metrics: Record<string, number> }
const conclusionOf = (runId: number) => readJson(state('runs', `${runId}.json`)).conclusion

test('run on main trains every model the first time, prints the report and records the ledger', async () => {
  const head = await git(repo, ['rev-parse', 'HEAD'])
  const result = await modelCi(repo, ['run', '-j', '2'])
  expect(result.stderr).toBe('')
  expect(result.exitCode).toBe(0)
  expect(result.stdout).toContain(`main at ${head.slice(0, 7)}, as a push: no successful local run here yet, so every model trains`)
  expect(result.stdout).toMatch(/^ {2}✓ churn {2}done in \d+\.\d s \(run-cache miss\)$/m)
  expect(result.stdout).toMatch(/^ {2}✓ fraud {2}done in \d+\.\d s \(run-cache miss\)$/m)
  expect(result.stdout).toContain('2 models trained: 2 new')
  expect(result.stdout).toContain(manifestOf(1, 'churn').version)

  const ledger = ledgerOf(1)
  expect(ledger.sha).toBe(head)
  expect(Object.keys(ledger.models).sort()).toEqual(['churn', 'fraud'])
  expect(ledger.models.fraud.metrics).toEqual(manifestOf(1, 'fraud').metrics)
  expect(readFileSync(state('report.md'), 'utf8')).toContain(manifestOf(1, 'fraud').version)
  expect(conclusionOf(1)).toBe('success')
  // .model-ci/ keeps out of git by itself; the training's outputs are the example's own business.
  expect(readFileSync(state('.gitignore'), 'utf8')).toMatch(/^\*$/m)
  expect(await git(repo, ['status', '--porcelain', '--', '.model-ci'])).toBe('')
})

test('a second run with nothing committed since trains nothing', async () => {
  const result = await modelCi(repo, ['run'])
  expect(result.exitCode).toBe(0)
  expect(result.stdout).toContain('the changes since the last successful run here')
  expect(result.stdout).toContain('No model changed: nothing to train or report.')
  expect(existsSync(state('runs', '2.json'))).toBe(false)
})

test('a branch that changes one model trains only it and compares it with the ledger of main', async () => {
  await git(repo, ['checkout', '-q', '-b', 'churn-fewer-rows'])
  editFile(repo, 'models/churn/src/train.py', (text) => text.replace('centroid.fit(training)', 'centroid.fit(training[:60])'))
  const head = await commitTracked(repo, 'churn: train on 60 rows')

  const result = await modelCi(repo, ['run'])
  expect(result.stderr).toBe('')
  expect(result.exitCode).toBe(0)
  expect(result.stdout).toContain(`churn-fewer-rows at ${head.slice(0, 7)}, as a pull request into main`)
  expect(result.stdout).toContain('Local run 2: training 1 model, 1 at a time')
  expect(result.stdout).toMatch(/✓ churn {2}done in/)
  expect(result.stdout).not.toMatch(/fraud {2}(training|done)/)

  // The report shows main's value and the branch's for every metric of churn.
  const base = ledgerOf(1).models.churn
  const trained = manifestOf(2, 'churn')
  expect(trained.metrics.accuracy).not.toBe(base.metrics.accuracy)
  expect(result.stdout).toContain('baseline: the ledger of the merge-base')
  expect(result.stdout).toContain(`Baseline version ${base.version}`)
  const accuracyRow = result.stdout.split('\n').find((line) => line.includes('accuracy'))
  expect(accuracyRow).toContain(String(base.metrics.accuracy))
  expect(accuracyRow).toContain(String(trained.metrics.accuracy))
  expect(readFileSync(state('report.md'), 'utf8')).toContain(base.version)
  // A pull request records no ledger.
  expect(existsSync(state('artifacts', '2', 'model-ci-ledger'))).toBe(false)

  const again = await modelCi(repo, ['report'])
  expect(again.exitCode).toBe(0)
  expect(again.stdout).toContain(`Baseline version ${base.version}`)
})

test('a branch whose change fails a gate fails its run with one line that names the metric and says what to do here', async () => {
  await git(repo, ['checkout', '-q', '-b', 'fraud-few-rows', 'main'])
  editFile(repo, 'models/fraud/src/train.py', (text) => text.replace('centroid.fit(training)', 'centroid.fit(training[:3])'))
  await commitTracked(repo, 'fraud: train on 3 rows')
  const result = await modelCi(repo, ['run'])
  expect(result.exitCode).toBe(1)
  expect(result.stdout).toMatch(/✖ fraud › accuracy: [\d.]+ → [\d.]+ \(-[\d.]+%\), tolerance 0\.02/)
  expect(result.stderr.trim().split('\n')).toEqual([
    "model-ci: model-ci report: a gated metric regressed beyond its tolerance in fraud (\"accuracy\"); the report above says by how much (and .model-ci/report.md); change the training or the metric's tolerance in model.yml or model-ci.yml"
  ])
  await git(repo, ['checkout', '-q', 'main'])
})

test('promotions to staging and production, the history, and a rollback with --version previous', async () => {
  await git(repo, ['checkout', '-q', 'main'])
  // Promotion records name who promoted: git's user.name.
  await git(repo, ['config', 'user.name', 'Grace Hopper'])
  const first = ledgerOf(1).models.churn.version
  for (const environment of ['staging', 'production']) {
    const promoted = await modelCi(repo, ['promote', 'churn', '--environment', environment])
    expect(promoted.stderr).toBe('')
    expect(promoted.exitCode).toBe(0)
    expect(promoted.stdout).toContain(`  version    ${first}`)
    expect(promoted.stdout).toContain(`  model-dir  ${join('.model-ci', 'promoted', environment, 'churn')}`)
    expect(promoted.stdout).toMatch(/ {2}digest {5}sha256:[0-9a-f]{64}/)
  }
  expect(readFileSync(state('promoted', 'production', 'churn', 'outputs', 'model.json'), 'utf8')).toContain('centroids')

  // The branch is merged: main's run trains churn again and the ledger's latest is the new version.
  await git(repo, ['merge', '-q', '--ff-only', 'churn-fewer-rows'])
  const merged = await modelCi(repo, ['run'])
  expect(merged.exitCode).toBe(0)
  expect(merged.stdout).toMatch(/✓ churn {2}done in/)
  expect(merged.stdout).not.toMatch(/fraud {2}(training|done)/)
  const runId = Number(/Local run (\d+)/.exec(merged.stdout)?.[1])
  const second = ledgerOf(runId).models.churn.version
  expect(second).not.toBe(first)
  expect(ledgerOf(runId).models.fraud.version).toBe(ledgerOf(1).models.fraud.version)
  for (const environment of ['staging', 'production']) {
    const promoted = await modelCi(repo, ['promote', 'churn', '--environment', environment])
    expect(promoted.exitCode).toBe(0)
    expect(promoted.stdout).toContain(`  replaced   ${first}`)
  }

  const history = await modelCi(repo, ['history', 'churn'])
  expect(history.exitCode).toBe(0)
  const rows = history.stdout.split('\n').filter((line) => /^(staging|production) /.test(line))
  expect(rows.map((line) => line.split(/\s+/).slice(0, 2))).toEqual([
    ['production', second],
    ['staging', second],
    ['production', first],
    ['staging', first]
  ])
  expect(rows.every((line) => line.includes('Grace Hopper'))).toBe(true)
  expect(rows.map((line) => /\byes\s*$/.test(line))).toEqual([true, true, false, false])

  const rollback = await modelCi(repo, ['promote', 'churn', '--environment', 'production', '--version', 'previous'])
  expect(rollback.stderr).toBe('')
  expect(rollback.exitCode).toBe(0)
  expect(rollback.stdout).toContain(`  version    ${first}`)
  expect(rollback.stdout).toContain(`  replaced   ${second}`)
  const production = await modelCi(repo, ['history', 'churn', '--environment', 'production'])
  const live = production.stdout.split('\n').filter((line) => /\byes\s*$/.test(line))
  expect(live).toHaveLength(1)
  expect(live[0]).toContain(first)

  // A typo is one line and exit 2, not an empty history.
  const noEnvironment = await modelCi(repo, ['history', 'churn', '--environment', 'prod'])
  expect([noEnvironment.exitCode, noEnvironment.stdout, noEnvironment.stderr.trim()]).toEqual([
    2,
    '',
    'model-ci history: environment "prod" is not one of the environments in model-ci.yml (staging, production)'
  ])
  const noModel = await modelCi(repo, ['history', 'chrun'])
  expect([noModel.exitCode, noModel.stdout, noModel.stderr.trim()]).toEqual([2, '', 'model-ci history: there is no model named "chrun" and no promotion of one; the models are: churn, fraud'])
})

test('status shows every model x environment with what is live, by whom, the monitoring verdict, and trend charts', async () => {
  // Where the promotions above left things: churn's second training in staging, its first back in production by rollback.
  // The merge's run: the newest that recorded a ledger (promotions are runs too).
  const runIds = readdirSync(state('runs')).filter((name) => /^\d+\.json$/.test(name)).map((name) => Number(name.slice(0, -5)))
  const mergedRun = Math.max(...runIds.filter((id) => existsSync(state('artifacts', String(id), 'model-ci-ledger'))))
  const first = ledgerOf(1).models.churn
  const second = ledgerOf(mergedRun).models.churn
  const head = await git(repo, ['rev-parse', 'HEAD'])
  // A local monitoring result, as `monitor` keeps it: churn in staging, degraded.
  mkdirSync(state('monitor'), { recursive: true })
  const monitored = { ...second.metrics, accuracy: second.metrics.accuracy - 0.1 }
  writeFileSync(
    state('monitor', '1.json'),
    JSON.stringify({
      schema: 1,
      environment: 'staging',
      sha: head,
      run_id: 1,
      created_at: '2026-12-05T03:00:00Z',
      models: {
        churn: { version: second.version, digest: `sha256:${'0'.repeat(64)}`, verdict: 'degraded', metrics: monitored, promoted_metrics: second.metrics, regressed: ['accuracy'], gate_failed: true, failure: null }
      }
    })
  )

  const result = await modelCi(repo, ['status', '--markdown', 'status.md'])
  expect(result.stderr).toBe('')
  expect(result.exitCode).toBe(0)
  const lines = result.stdout.split('\n')
  expect(lines[0].split(/\s{2,}/)).toEqual(['MODEL', 'ENVIRONMENT', 'VERSION', 'SINCE (UTC)', 'BY', 'HOW', 'MONITORING'])
  const rows = lines.slice(1, 5).map((line) => line.split(/\s{2,}/))
  expect(rows).toEqual([
    ['churn', 'staging', second.version, expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/), 'Grace Hopper', 'manual', 'degraded 2026-12-05 03:00'],
    ['churn', 'production', first.version, expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/), 'Grace Hopper', 'manual', 'not monitored yet'],
    ['fraud', 'staging', 'nothing live', '-', '-', '-', '-'],
    ['fraud', 'production', 'nothing live', '-', '-', '-', '-']
  ])
  expect(result.stdout).toContain(`churn in staging: accuracy ${formatValue(second.metrics.accuracy)} -> ${formatValue(monitored.accuracy)} (regressed)`)
  expect(result.stdout).toContain(`The page, with its charts: ${join(repo, 'status.md')}`)

  const page = readFileSync(join(repo, 'status.md'), 'utf8')
  expect(page).toContain(`| \`churn\` | staging | \`${second.version}\` |`)
  expect(page).toContain('| Grace Hopper | manual | 🟡 degraded, 2026-12-05 03:00 (run 1) |')
  // churn's accuracy (gated) over main's two trainings; fraud trained once on main: no trend.
  const charts = mermaidBlocks(page)
  expect(charts).toEqual([expect.stringContaining(`title "accuracy"\nx-axis ["${ledgerOf(1).sha.slice(0, 7)}", "${ledgerOf(mergedRun).sha.slice(0, 7)}"]`)])
  expect(parseMermaid(charts)).toEqual([{ type: 'xychart' }])
  rmSync(join(repo, 'status.md'))
})

test('a model whose training fails fails the run, and the other model is still trained and reported', async () => {
  await git(repo, ['checkout', '-q', '-b', 'broken-fraud'])
  editFile(repo, 'models/fraud/src/train.py', (text) => `import sys\nprint("fraud is broken")\nsys.exit(3)\n${text}`)
  editFile(repo, 'models/churn/src/train.py', (text) => `# churn, touched\n${text}`)
  await commitTracked(repo, 'break fraud, touch churn')

  const result = await modelCi(repo, ['run'])
  expect(result.exitCode).toBe(1)
  const runId = Number(/Local run (\d+)/.exec(result.stdout)?.[1])
  const logFile = join('.model-ci', 'logs', String(runId), 'fraud.log')
  // The failure line, and under it the end of the output that says why.
  expect(result.stdout).toMatch(new RegExp(`✗ fraud {2}failed in the train phase after \\d+\\.\\d s: python src/train\\.py did not succeed \\(exit code 3\\); log: ${logFile.replace(/\./g, '\\.')}\n {6}fraud is broken\n`))
  expect(readFileSync(join(repo, logFile), 'utf8')).toContain('fraud is broken')
  expect(result.stdout).toMatch(/✓ churn {2}done in/)
  expect(readJson(state('artifacts', String(runId), 'model-ci-churn', 'files', 'manifest.json')).status).toBe('success')
  expect(result.stdout).toMatch(/^\S+ churn — /m)
  expect(result.stdout).toMatch(/^\S+ fraud — training failed/m)
  expect(result.stderr.trim().split('\n')).toContain('model-ci: 1 model failed to train: fraud')
  expect(conclusionOf(runId)).toBe('failure')

  // `train` streams the output, and its error line ends with the cause, once.
  const trained = await modelCi(repo, ['train', 'fraud'])
  expect(trained.exitCode).toBe(1)
  expect(trained.stderr).toMatch(/^model-ci train fraud: the train phase failed: python src\/train\.py did not succeed \(exited with code 3\);.*; the output ended with:\n {2}fraud is broken\n$/m)
  expect(trained.stdout).not.toMatch(/^ +fraud is broken$/m)
})

test('--models trains the models named, reusing earlier outputs of the same fingerprint, and records no ledger', async () => {
  await git(repo, ['checkout', '-q', 'main'])
  const result = await modelCi(repo, ['run', '--models', 'all'])
  expect(result.stderr).toBe('')
  expect(result.exitCode).toBe(0)
  const runId = Number(/Local run (\d+)/.exec(result.stdout)?.[1])
  // fraud last trained on main in run 1, churn on the branch that was merged (run 2).
  expect(result.stdout).toMatch(/✓ fraud {2}done in \d+\.\d s \(run-cache hit: nothing trained, the outputs of run 1 reused\)/)
  expect(result.stdout).toMatch(/✓ churn {2}done in \d+\.\d s \(run-cache hit: nothing trained, the outputs of run 2 reused\)/)
  expect(existsSync(state('artifacts', String(runId), 'model-ci-ledger'))).toBe(false)
  expect(readJson(state('runs', `${runId}.json`))).toMatchObject({ event: 'workflow_dispatch', conclusion: 'success' })
})
