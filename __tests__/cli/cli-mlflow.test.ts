/**
 * Local mode with MLflow (DESIGN.md section 9): `model-ci run` with MLFLOW_TRACKING_URI set makes
 * an MLflow run per training on a real `mlflow server`, a model with `metrics-from: mlflow` reads
 * its metrics back from its run, `model-ci promote` moves the environment's alias, and
 * `model-ci history` shows the MLflow version beside each promotion.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeTempDir, removeDir } from '../harness/git-repo.js'
import type { MlflowTestServer } from '../harness/mlflow-server.js'
import { freePort, startMlflowServer } from '../harness/mlflow-server.js'
import { requireTestPython } from '../harness/python.js'
import { bundledCli, commitTracked, modelCi, quickstartRepository, readJson } from './cli-process.js'
import { git } from '../harness/git-repo.js'

let temp: string
let server: MlflowTestServer
let python: string

beforeAll(async () => {
  bundledCli()
  python = requireTestPython()
  temp = makeTempDir('model-ci-cli-mlflow-')
  server = await startMlflowServer()
}, 180_000)
afterAll(async () => {
  await server?.dispose()
  removeDir(temp)
})

/** Logs its metrics to the run model-ci made and writes no metrics file at all. */
const TRACKED_TRAIN = [
  'import os',
  'import mlflow',
  'with mlflow.start_run():',
  '    mlflow.log_metric("accuracy", 0.7)',
  '    mlflow.log_metric("val_loss", 0.25)',
  'out = os.environ["MODEL_CI_OUTPUT_DIR"]',
  'os.makedirs(out, exist_ok=True)',
  'open(os.path.join(out, "weights.txt"), "w").write("0.5\\n")',
  ''
].join('\n')

async function mlflowRepository(name: string): Promise<string> {
  const repo = await quickstartRepository(temp, name)
  writeFileSync(join(repo, 'model-ci.yml'), `models: models/*\nenvironments: [staging, production]\nmlflow: { experiment: "local/{model}" }\n`)
  mkdirSync(join(repo, 'models', 'tracked', 'src'), { recursive: true })
  writeFileSync(join(repo, 'models', 'tracked', 'model.yml'), 'metrics-from: mlflow\n')
  writeFileSync(join(repo, 'models', 'tracked', 'src', 'train.py'), TRACKED_TRAIN)
  await git(repo, ['add', '-A'])
  await commitTracked(repo, 'a model that logs to MLflow')
  return repo
}

async function run(runId: string): Promise<{ status: string; tags: Record<string, string>; metrics: Record<string, number> }> {
  const reply = await fetch(`${server.uri}/api/2.0/mlflow/runs/get?run_id=${runId}`)
  const { run: found } = (await reply.json()) as {
    run: { info: { status: string }; data: { tags?: Array<{ key: string; value: string }>; metrics?: Array<{ key: string; value: number }> } }
  }
  return {
    status: found.info.status,
    tags: Object.fromEntries((found.data.tags ?? []).map((tag) => [tag.key, tag.value])),
    metrics: Object.fromEntries((found.data.metrics ?? []).map((metric) => [metric.key, metric.value]))
  }
}

describe('model-ci with MLFLOW_TRACKING_URI set', () => {
  test('run logs every training as an MLflow run, promote moves the alias, history shows the MLflow version', async () => {
    const repo = await mlflowRepository('local')
    const env = { MLFLOW_TRACKING_URI: server.uri }
    const ran = await modelCi(repo, ['run', '--python', python], env)
    expect(ran.stderr).toBe('')
    expect(ran.exitCode).toBe(0)

    const manifestOf = (model: string) =>
      readJson(join(repo, '.model-ci', 'artifacts', '1', `model-ci-${model}`, 'files', 'manifest.json')) as {
        version: string
        metrics: Record<string, number>
        mlflow: { run_id: string; url: string } | null
      }
    for (const model of ['churn', 'fraud', 'tracked']) {
      const manifest = manifestOf(model)
      const tracked = await run(manifest.mlflow?.run_id ?? 'missing')
      expect(tracked.status).toBe('FINISHED')
      expect(tracked.tags).toMatchObject({ 'model_ci.model': model, 'model_ci.version': manifest.version })
      // model-ci logged what it read (the quick start's models know nothing of MLflow).
      expect(tracked.metrics).toMatchObject(manifest.metrics)
    }
    // metrics-from: mlflow: no metrics file, the run's metrics are the training's.
    expect(manifestOf('tracked').metrics).toEqual({ accuracy: 0.7, val_loss: 0.25 })

    const promoted = await modelCi(repo, ['promote', 'tracked', '--environment', 'staging'], env)
    expect(promoted.stderr).toBe('')
    expect(promoted.exitCode).toBe(0)
    expect(promoted.stdout).toContain('mlflow     models:/tracked@staging is version 1')
    const alias = (await (await fetch(`${server.uri}/api/2.0/mlflow/registered-models/alias?name=tracked&alias=staging`)).json()) as { model_version: { version: string; run_id: string } }
    expect(alias.model_version).toMatchObject({ version: '1', run_id: manifestOf('tracked').mlflow?.run_id })

    const history = await modelCi(repo, ['history', 'tracked'], env)
    expect(history.exitCode).toBe(0)
    expect(history.stdout).toMatch(/ENVIRONMENT +VERSION +DIGEST +MLFLOW/)
    expect(history.stdout).toMatch(new RegExp(`staging +${manifestOf('tracked').version.replace(/\./g, '\\.')} +sha256:[0-9a-f]{12}… +1 `))
  }, 300_000)

  test('metrics-from: mlflow without an mlflow block is one line naming model.yml, before anything trains', async () => {
    const repo = await mlflowRepository('no-block')
    writeFileSync(join(repo, 'model-ci.yml'), 'models: models/*\n')
    await commitTracked(repo, 'MLflow off')
    const ran = await modelCi(repo, ['train', 'tracked', '--python', python])
    expect(ran.exitCode).toBe(2)
    expect(ran.stdout).toBe('')
    expect(ran.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^model-ci train tracked: models\/tracked\/model\.yml: "metrics-from: mlflow" reads the metrics from the training's MLflow run, which needs an mlflow: block in model-ci\.yml/)
    ])
  }, 120_000)

  test('an unset MLFLOW_TRACKING_URI is a warning, and the training goes on without MLflow', async () => {
    const repo = await mlflowRepository('no-server')
    const ran = await modelCi(repo, ['train', 'churn', '--python', python], { MLFLOW_TRACKING_URI: '' })
    expect(ran.exitCode).toBe(0)
    expect(`${ran.stdout}${ran.stderr}`).toContain('MLflow skipped: no tracking server: set MLFLOW_TRACKING_URI')
  }, 120_000)

  test('with required: true, a server that cannot be reached fails the training before it runs, and says why', async () => {
    const repo = await mlflowRepository('required')
    writeFileSync(join(repo, 'model-ci.yml'), 'models: models/*\nmlflow: { required: true }\n')
    await commitTracked(repo, 'MLflow required')
    const closed = await freePort()
    const ran = await modelCi(repo, ['train', 'churn', '--python', python], { MLFLOW_TRACKING_URI: `http://127.0.0.1:${closed}` })
    expect(ran.exitCode).toBe(1)
    expect(ran.stderr).toMatch(
      new RegExp(`^model-ci train churn: the mlflow phase failed: the MLflow server could not be used and model-ci.yml's mlflow block says required: true: MLflow at http://127\\.0\\.0\\.1:${closed} is unreachable`, 'm')
    )
    const manifest = readJson(join(repo, '.model-ci', 'artifacts', '1', 'model-ci-churn', 'files', 'manifest.json')) as { status: string; failure: { phase: string }; timings: { train_s: number | null } }
    expect(manifest).toMatchObject({ status: 'failed', failure: { phase: 'mlflow' }, timings: { train_s: null } })
  }, 120_000)
})
