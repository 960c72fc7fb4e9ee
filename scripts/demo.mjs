// `npm run demo`: model-ci's main job in local mode on the bundled example, with nothing to install.
// It copies examples/quickstart into a temporary git repository and drives the bundled CLI
// (dist/cli.js) as CI would: a run on main that records the ledger, then a branch that changes one
// model, whose run prints the report a pull request would get; a branch whose change fails a gate,
// which fails its run as it would fail the pull request's check; then a promotion and its history,
// and monitoring of the promoted model on healthy and on drifted data.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'dist', 'cli.js')
const repo = join(mkdtempSync(join(tmpdir(), 'model-ci-demo-')), 'quickstart')
cpSync(join(root, 'examples', 'quickstart'), repo, { recursive: true })

const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] })
// The demo's commits must not depend on the machine's git identity.
const identity = ['-c', 'user.name=model-ci demo', '-c', 'user.email=demo@model-ci.invalid']
const commit = (message) => {
  git('add', '-A')
  git(...identity, 'commit', '-q', '-m', message)
}

function step(title) {
  console.log(`\n\x1b[1m━━ ${title}\x1b[0m\n`)
}

/** Runs the CLI in the demo repository, its output straight to the terminal; returns the exit status. */
function modelCi(...args) {
  console.log(`$ model-ci ${args.join(' ')}`)
  const { status } = spawnSync(process.execPath, [cli, ...args], { cwd: repo, stdio: 'inherit' })
  return status
}

step(`A repository with two models, on main (${repo})`)
git('init', '-q', '-b', 'main')
commit('Two models: churn and fraud')
const onMain = modelCi('run')

step('A branch that trains churn on its first 60 rows only, as a pull request would be checked')
git('checkout', '-q', '-b', 'churn-fewer-rows')
const trainScript = join(repo, 'models', 'churn', 'src', 'train.py')
writeFileSync(trainScript, readFileSync(trainScript, 'utf8').replace('centroid.fit(training)', 'centroid.fit(training[:60])'))
commit('churn: train on the first 60 rows')
const onBranch = modelCi('run')

step('A branch that trains fraud on a handful of rows: its gated accuracy drops past its tolerance')
git('checkout', '-q', 'main')
git('checkout', '-q', '-b', 'fraud-few-rows')
const fraudScript = join(repo, 'models', 'fraud', 'src', 'train.py')
writeFileSync(fraudScript, readFileSync(fraudScript, 'utf8').replace('centroid.fit(training)', 'centroid.fit(training[:3])'))
commit('fraud: train on the first 3 rows')
const gateFailed = modelCi('run')
console.log(
  gateFailed === 1
    ? '\nmodel-ci run exited with 1: the gate failed, as the pull request\'s required check would, and the report above says which metric and by how much.'
    : `\nExpected model-ci run to fail the gate (exit 1), but it exited with ${gateFailed}.`
)

step('Promote what main trained to staging, and show the record')
git('checkout', '-q', 'main')
const promoted = modelCi('promote', 'churn', '--environment', 'staging')
modelCi('history', 'churn')

step('Monitor what is live in staging on its recent cases, then on data whose distribution drifted')
const healthy = modelCi('monitor', '--environment', 'staging')
cpSync(join(repo, 'drift', 'churn', 'recent.csv'), join(repo, 'models', 'churn', 'data', 'monitoring', 'recent.csv'))
commit('churn: this month\'s cases, after the customers changed')
const drifted = modelCi('monitor', '--environment', 'staging')
console.log(
  drifted === 1
    ? '\nmodel-ci monitor exited with 1: churn\'s gated accuracy is worse than at its promotion; on GitHub the scheduled workflow would open an issue for it.'
    : `\nExpected model-ci monitor to find churn degraded (exit 1), but it exited with ${drifted}.`
)

console.log(`\nThe report is in ${join(repo, '.model-ci', 'report.md')}; everything model-ci recorded is in ${join(repo, '.model-ci')}.`)
process.exitCode = [onMain, onBranch, promoted, healthy].some((status) => status !== 0) || gateFailed !== 1 || drifted !== 1 ? 1 : 0
