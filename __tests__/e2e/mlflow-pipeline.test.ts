// MLflow end to end (DESIGN.md section 9): examples/ml-project with an `mlflow:` block, run through
// its own workflow file (the bundled action, real git, real scikit-learn training logging with the
// real MLflow client, the emulator as GitHub) against a real `mlflow server` (SQLite store, proxied
// artifacts). Each test continues from the one before: a push to main makes an MLflow run per
// training; a pull request's comment links its run; promotions move the staging and production
// aliases, from the model the run logged or from the files model-ci uploads; `previous` moves
// production back; with the server stopped a training still uploads and a promotion that requires
// MLflow records nothing; a training that marks its own run FAILED fails.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { exampleRepository, pushEvent, workflowDispatchEvent, ZERO_SHA } from '../../__fixtures__/events.js'
import type { Emulator } from '../emulator/index.js'
import { startEmulator } from '../emulator/index.js'
import type { PullRequestRefs } from '../harness/git-repo.js'
import { GitOrigin, folderFiles, makeTempDir, removeDir } from '../harness/git-repo.js'
import type { MlflowTestServer } from '../harness/mlflow-server.js'
import { startMlflowServer } from '../harness/mlflow-server.js'
import { TEST_PYTHON, requireTestPython } from '../harness/python.js'
import type { JobRun, WorkflowRunResult } from '../harness/workflow-runner.js'
import { runWorkflow } from '../harness/workflow-runner.js'
import { ensureBundle } from './detect-helpers.js'
import { EXAMPLE, EXAMPLE_WORKFLOW, UNTRACKED, artifactFile, fraudWithAlpha, mergePullRequest, openPullRequest } from './example-helpers.js'
import { artifactRecord } from './train-helpers.js'

const TRAINING_TIMEOUT_MS = 240_000

/** A model that logs nothing to MLflow itself: promote registers the files model-ci uploads. */
const PLAIN_MODEL: Record<string, string> = {
  'models/plain/src/train.py': [
    'import json, os',
    'out = os.environ["MODEL_CI_OUTPUT_DIR"]',
    'os.makedirs(out, exist_ok=True)',
    'open(os.path.join(out, "weights.txt"), "w").write("weights 0.25 0.75\\n")',
    'open(os.environ["MODEL_CI_METRICS_FILE"], "w").write(json.dumps({"accuracy": 0.61, "nested": {"loss": 0.4}}))',
    ''
  ].join('\n')
}

/** A training that ends the run model-ci gave it as FAILED and still exits 0. */
const SELF_FAILING_MODEL: Record<string, string> = {
  'models/flaky/src/train.py': [
    'import json, os',
    'import mlflow',
    'with mlflow.start_run() as run:',
    '    mlflow.log_metric("accuracy", 0.2)',
    'mlflow.MlflowClient().set_terminated(run.info.run_id, status="FAILED")',
    'out = os.environ["MODEL_CI_OUTPUT_DIR"]',
    'os.makedirs(out, exist_ok=True)',
    'open(os.environ["MODEL_CI_METRICS_FILE"], "w").write(json.dumps({"accuracy": 0.2}))',
    ''
  ].join('\n')
}

let tempDir: string
let gh: Emulator
let origin: GitOrigin
let server: MlflowTestServer

const story: { versions: Record<string, string>; runIds: Record<string, string>; pullRequest?: PullRequestRefs } = { versions: {}, runIds: {} }

function earlier<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`an earlier test of this story failed: there is no ${what}`)
  return value
}

beforeAll(async () => {
  ensureBundle()
  requireTestPython()
  tempDir = makeTempDir('model-ci-mlflow-pipeline-')
  server = await startMlflowServer()
  origin = await GitOrigin.create(tempDir)
  gh = await startEmulator({ ...exampleRepository(), defaultBranch: 'main', gitDir: origin.bareDir })
  const files = folderFiles(EXAMPLE, { skip: UNTRACKED })
  // Staging by hand here, as this story promotes it (automatic staging has its own suite, pipeline-auto-staging).
  const manualStaging = files['model-ci.yml'].replace('{ name: staging, auto: true }', 'staging')
  if (manualStaging === files['model-ci.yml']) throw new Error("the example's model-ci.yml no longer marks staging auto: true; update this suite")
  files['model-ci.yml'] = `${manualStaging}mlflow: {}\n`
  await origin.commit('main', { ...files, ...PLAIN_MODEL }, { message: 'the example project, with MLflow' })
}, 180_000)
afterAll(async () => {
  await gh?.close()
  await server?.dispose()
  removeDir(tempDir)
})

function run(event: { name: string; payload: Record<string, unknown> }): Promise<WorkflowRunResult> {
  return runWorkflow({
    gh,
    origin,
    workflowFile: EXAMPLE_WORKFLOW,
    event,
    python: requireTestPython(),
    env: { MODEL_ENDPOINT_ROOT: join(tempDir, 'endpoints') },
    secrets: { MLFLOW_TRACKING_URI: server.uri }
  })
}

async function pushToMain(before: string): Promise<WorkflowRunResult> {
  return run({ name: 'push', payload: pushEvent({ ref: 'refs/heads/main', before, after: await origin.revParse('main') }) })
}

function promote(inputs: { model: string; version: string; environment: string }): Promise<WorkflowRunResult> {
  return run({ name: 'workflow_dispatch', payload: workflowDispatchEvent({ inputs }) })
}

function jobsOf(result: WorkflowRunResult): Array<[string, JobRun['result']]> {
  return result.jobs.map((job) => [job.name, job.result])
}

function failingLogs(result: WorkflowRunResult): string {
  return result.jobs
    .filter((job) => job.result === 'failure')
    .map((job) => `--- ${job.name}\n${job.log}`)
    .join('\n')
}

/** The promote step's outputs (the example's deploy step after it knows only its own models' format). */
function expectPromoted(result: WorkflowRunResult): Record<string, string> {
  const job = result.job('promote')
  const step = job.steps.find((candidate) => candidate.id === 'p')
  if (step?.outcome !== 'success') throw new Error(`the promotion failed:\n${job.log}`)
  return step.outputs
}

function python(args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(TEST_PYTHON, args, { env: { ...server.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`python ${args.slice(0, 2).join(' ')}: ${stderr}`)) : resolve(stdout)
    )
  })
}

interface ManifestMlflow {
  run_id?: string
  experiment_id?: string
  url?: string
  skipped?: string
}

async function manifestOf(runId: number, model: string): Promise<{ version: string; mlflow: ManifestMlflow | null; status: string }> {
  return JSON.parse(await artifactFile(gh, tempDir, artifactRecord(gh, runId, `model-ci-${model}`), 'manifest.json')) as { version: string; mlflow: ManifestMlflow | null; status: string }
}

/** MLflow's REST API, read as a person checking by hand would. */
async function mlflowGet<T>(path: string, query: Record<string, string>): Promise<T> {
  const reply = await fetch(`${server.uri}/api/2.0/mlflow/${path}?${new URLSearchParams(query).toString()}`)
  if (!reply.ok) throw new Error(`GET ${path}: ${reply.status} ${await reply.text()}`)
  return (await reply.json()) as T
}

interface RunInfo {
  info: { run_id: string; experiment_id: string; status: string }
  data: { metrics?: Array<{ key: string; value: number }>; tags?: Array<{ key: string; value: string }> }
}

async function mlflowRun(runId: string): Promise<{ status: string; experimentId: string; metrics: Record<string, number>; tags: Record<string, string> }> {
  const { run } = await mlflowGet<{ run: RunInfo }>('runs/get', { run_id: runId })
  return {
    status: run.info.status,
    experimentId: run.info.experiment_id,
    metrics: Object.fromEntries((run.data.metrics ?? []).map((metric) => [metric.key, metric.value])),
    tags: Object.fromEntries((run.data.tags ?? []).map((tag) => [tag.key, tag.value]))
  }
}

async function aliasVersion(name: string, alias: string): Promise<{ version: string; source: string; tags: Record<string, string> } | undefined> {
  const reply = await fetch(`${server.uri}/api/2.0/mlflow/registered-models/alias?${new URLSearchParams({ name, alias }).toString()}`)
  if (reply.status === 404) return undefined
  if (!reply.ok) throw new Error(`GET alias ${name}@${alias}: ${reply.status} ${await reply.text()}`)
  const { model_version: version } = (await reply.json()) as { model_version: { version: string; source: string; tags?: Array<{ key: string; value: string }> } }
  return { version: version.version, source: version.source, tags: Object.fromEntries((version.tags ?? []).map((tag) => [tag.key, tag.value])) }
}

async function versionCount(name: string): Promise<number> {
  const { model_versions: versions } = await mlflowGet<{ model_versions?: unknown[] }>('model-versions/search', { filter: `name='${name}'` })
  return versions?.length ?? 0
}

function deploymentsIn(environment: string, model: string): Array<{ id: number; state: string | undefined }> {
  return gh.state.deployments
    .filter((deployment) => deployment.environment === environment && deployment.task === 'model-ci:promote')
    .filter((deployment) => ((typeof deployment.payload === 'string' ? JSON.parse(deployment.payload) : deployment.payload) as { model?: string }).model === model)
    .map((deployment) => ({ id: deployment.id, state: deployment.statuses.at(-1)?.state }))
}

describe('MLflow: examples/ml-project with an mlflow block, against a real MLflow server', () => {
  test(
    'a push to main makes one MLflow run per training, tagged for reviewers, with the metrics and the logged model, and records it in the manifest',
    async () => {
      const result = await pushToMain(ZERO_SHA)
      expect(jobsOf(result)).toEqual([
        ['detect', 'success'],
        [expect.stringMatching(/^train \(churn, /), 'success'],
        [expect.stringMatching(/^train \(fraud, /), 'success'],
        [expect.stringMatching(/^train \(plain, /), 'success'],
        ['report', 'success'],
        // No environment is automatic in this suite's model-ci.yml: the job runs and promotes nothing.
        ['promote-auto', 'success'],
        ['promote', 'skipped']
      ])
      for (const model of ['churn', 'fraud', 'plain']) {
        const manifest = await manifestOf(result.runId, model)
        const runId = earlier(manifest.mlflow?.run_id, `MLflow run in the manifest of ${model}`)
        story.versions[`first-${model}`] = manifest.version
        story.runIds[`first-${model}`] = runId
        const tracked = await mlflowRun(runId)
        expect(manifest.mlflow).toEqual({ run_id: runId, experiment_id: tracked.experimentId, url: `${server.uri}/#/experiments/${tracked.experimentId}/runs/${runId}` })
        expect(tracked.status).toBe('FINISHED')
        expect(tracked.tags).toMatchObject({
          'model_ci.model': model,
          'model_ci.version': manifest.version,
          'model_ci.sha': await origin.revParse('main'),
          'model_ci.ref': 'refs/heads/main',
          'model_ci.event': 'push',
          'model_ci.run_url': expect.stringMatching(new RegExp(`/actions/runs/${result.runId}$`))
        })
        expect(tracked.tags['model_ci.pull_request']).toBeUndefined()
        const experiment = await mlflowGet<{ experiment: { name: string } }>('experiments/get', { experiment_id: tracked.experimentId })
        expect(experiment.experiment.name).toBe(model)
      }
      // churn's script logs its metrics itself; fraud's come from its evaluate step and plain logs
      // nothing: model-ci logs what it read from the metrics file into the same run.
      expect((await mlflowRun(story.runIds['first-churn'])).metrics).toMatchObject({ accuracy: expect.any(Number), 'train.accuracy': expect.any(Number), training_accuracy_score: expect.any(Number) })
      expect((await mlflowRun(story.runIds['first-fraud'])).metrics).toMatchObject({ recall: expect.any(Number), accuracy: expect.any(Number) })
      expect((await mlflowRun(story.runIds['first-plain'])).metrics).toEqual({ accuracy: 0.61, 'nested.loss': 0.4 })
    },
    TRAINING_TIMEOUT_MS
  )

  test(
    "a pull request's training is tagged with the pull request, and its comment links the model to its MLflow run",
    async () => {
      const opened = await openPullRequest(gh, origin, { number: 1, branch: 'tune-fraud', changes: fraudWithAlpha('0.5'), message: 'fraud: weaker regularization' })
      story.pullRequest = opened.refs
      const result = await run(opened.event)
      expect(result.job('report').result).toBe('success')
      const manifest = await manifestOf(result.runId, 'fraud')
      const runId = earlier(manifest.mlflow?.run_id, 'MLflow run of the pull request')
      expect((await mlflowRun(runId)).tags).toMatchObject({ 'model_ci.event': 'pull_request', 'model_ci.pull_request': '1', 'model_ci.ref': 'refs/pull/1/merge' })
      const [comment] = gh.state.comments.filter((candidate) => candidate.issue_number === 1)
      expect(comment.body).toContain(`[MLflow run](${manifest.mlflow?.url})`)
    },
    TRAINING_TIMEOUT_MS
  )

  test(
    'promotions to staging then production move both aliases to one version registered from the logged model, and models:/churn@production loads',
    async () => {
      const toStaging = expectPromoted(await promote({ model: 'churn', version: 'latest', environment: 'staging' }))
      expect(toStaging['mlflow-model-uri']).toBe('models:/churn/1')
      const toProduction = expectPromoted(await promote({ model: 'churn', version: 'latest', environment: 'production' }))
      expect(toProduction['mlflow-model-uri']).toBe('models:/churn/1')

      const production = earlier(await aliasVersion('churn', 'production'), 'churn@production')
      expect(await aliasVersion('churn', 'staging')).toMatchObject({ version: production.version })
      expect(await versionCount('churn')).toBe(1)
      expect(production.source).toMatch(/^models:\/m-[0-9a-f]+$/)
      expect(production.tags).toMatchObject({
        'model_ci.version': story.versions['first-churn'],
        'model_ci.digest': toProduction.digest,
        'model_ci.deployment_id': toProduction['deployment-id']
      })
      // What the serving side does: load the model by its alias, and predict.
      const predicted = await python(
        [
          '-c',
          [
            'import mlflow.pyfunc, pandas',
            'model = mlflow.pyfunc.load_model("models:/churn@production")',
            'rows = pandas.read_csv("examples/ml-project/models/churn/data/testing_data/test.csv").drop(columns=["label"]).head(3)',
            'print(len(model.predict(rows)))'
          ].join('\n')
        ],
        { MLFLOW_TRACKING_URI: server.uri }
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}\n(cwd ${process.cwd()})`)
      })
      expect(predicted.trim()).toBe('3')
    },
    TRAINING_TIMEOUT_MS
  )

  test(
    'a training that logged no model is registered from its verified files, which model-ci uploads to the run under model-ci/',
    async () => {
      const outputs = expectPromoted(await promote({ model: 'plain', version: 'latest', environment: 'staging' }))
      expect(outputs['mlflow-model-uri']).toBe('models:/plain/1')
      const staging = earlier(await aliasVersion('plain', 'staging'), 'plain@staging')
      expect(staging.source).toBe(`runs:/${story.runIds['first-plain']}/model-ci`)
      const downloaded = await python(
        ['-c', 'import mlflow.artifacts, os, sys; d = mlflow.artifacts.download_artifacts(artifact_uri=sys.argv[1]); print(open(os.path.join(d, "weights.txt")).read(), end="")', 'models:/plain@staging'],
        { MLFLOW_TRACKING_URI: server.uri }
      )
      expect(downloaded).toBe('weights 0.25 0.75\n')
    },
    TRAINING_TIMEOUT_MS
  )

  test(
    'after the merge, production moves to the new version, and `previous` moves it back to the version before without registering a copy',
    async () => {
      // fraud's first training goes live in both environments, then the merged one.
      expectPromoted(await promote({ model: 'fraud', version: 'latest', environment: 'staging' }))
      expectPromoted(await promote({ model: 'fraud', version: 'latest', environment: 'production' }))
      const first = earlier(await aliasVersion('fraud', 'production'), 'fraud@production')
      expect(first.tags['model_ci.version']).toBe(story.versions['first-fraud'])

      const before = await origin.revParse('main')
      await mergePullRequest(gh, origin, 1, earlier(story.pullRequest, 'pull request'))
      const merged = await pushToMain(before)
      if (merged.conclusion !== 'success') throw new Error(`the merge's run failed:\n${failingLogs(merged)}`)
      const mergedVersion = (await manifestOf(merged.runId, 'fraud')).version

      expectPromoted(await promote({ model: 'fraud', version: 'latest', environment: 'staging' }))
      const toProduction = expectPromoted(await promote({ model: 'fraud', version: 'latest', environment: 'production' }))
      const second = earlier(await aliasVersion('fraud', 'production'), 'fraud@production after the merge')
      expect(second.version).not.toBe(first.version)
      expect(second.tags).toMatchObject({ 'model_ci.version': mergedVersion, 'model_ci.deployment_id': toProduction['deployment-id'] })

      const rollback = await promote({ model: 'fraud', version: 'previous', environment: 'production' })
      const rolledBack = expectPromoted(rollback)
      expect(rolledBack.version).toBe(story.versions['first-fraud'])
      expect(await aliasVersion('fraud', 'production')).toMatchObject({ version: first.version, tags: { 'model_ci.deployment_id': rolledBack['deployment-id'] } })
      expect(await aliasVersion('fraud', 'staging')).toMatchObject({ version: second.version })
      expect(await versionCount('fraud')).toBe(2)
      // The promotion's summary shows where the alias went.
      expect(rollback.job('promote').summary).toContain(`\`models:/fraud@production\` is version ${first.version} (was version ${second.version})`)
    },
    TRAINING_TIMEOUT_MS * 2
  )

  test(
    'with the server stopped, a training warns once and still uploads; a promotion with required: true fails and moves nothing',
    async () => {
      await server.stop()
      try {
        const before = await origin.revParse('main')
        await origin.commit('main', { 'models/plain/src/train.py': PLAIN_MODEL['models/plain/src/train.py'].replace('0.61', '0.62') }, { message: 'plain: retrain' })
        const result = await pushToMain(before)
        const train = result.job('train', { model: 'plain' })
        expect(train.result).toBe('success')
        const warnings = train.steps.flatMap((step) => step.annotations).filter((annotation) => annotation.level === 'warning')
        expect(warnings.map((warning) => warning.message)).toEqual([expect.stringMatching(/^model-ci train plain: MLflow skipped: MLflow at http:\/\/127\.0\.0\.1:\d+ is unreachable: .*ECONNREFUSED/)])
        const manifest = await manifestOf(result.runId, 'plain')
        expect(manifest.status).toBe('success')
        expect(manifest.mlflow).toEqual({ skipped: expect.stringContaining(server.uri) })
        expect(result.job('report').result).toBe('success')

        // MLflow made required on main (no run needed for promote to read it), the server still down.
        const config = readFileSync(join(EXAMPLE, 'model-ci.yml'), 'utf8').replace('{ name: staging, auto: true }', 'staging')
        await origin.commit('main', { 'model-ci.yml': `${config}mlflow: { required: true }\n` }, { message: 'MLflow is required' })
        const stagingBefore = deploymentsIn('staging', 'fraud')
        const refused = await promote({ model: 'fraud', version: story.versions['first-fraud'], environment: 'staging' })
        const job = refused.job('promote')
        expect(job.result).toBe('failure')
        expect(job.log).toMatch(/was not promoted to staging: the MLflow registry could not be used: .*required: true, so nothing was recorded/)
        expect(deploymentsIn('staging', 'fraud')).toEqual(stagingBefore)
      } finally {
        await server.start()
      }
      const staging = await aliasVersion('fraud', 'staging')
      expect(staging?.tags['model_ci.version']).not.toBe(story.versions['first-fraud'])
    },
    TRAINING_TIMEOUT_MS
  )

  test(
    'a training that marks its own MLflow run FAILED fails, and the run stays FAILED',
    async () => {
      const before = await origin.revParse('main')
      await origin.commit('main', SELF_FAILING_MODEL, { message: 'flaky: a model whose training gives up' })
      const result = await pushToMain(before)
      const train = result.job('train', { model: 'flaky' })
      expect(train.result).toBe('failure')
      expect(train.log).toMatch(/model-ci train flaky: the train phase failed: the training ended its MLflow run [0-9a-f]+ as FAILED/)
      const manifest = await manifestOf(result.runId, 'flaky')
      expect(manifest.status).toBe('failed')
      expect((await mlflowRun(earlier(manifest.mlflow?.run_id, 'the flaky run'))).status).toBe('FAILED')
    },
    TRAINING_TIMEOUT_MS
  )
})
