/**
 * What the `report` end-to-end suites share: models whose metrics the test chooses (a tiny Python
 * script per model that writes them), `command: report` run as the `report` job of a workflow
 * run, manifests seeded straight into a run's artifacts with the real @actions/artifact client
 * (for suites that need many models and no training), and readers of what the user sees.
 */
import { expect } from '@jest/globals'
import type { Failure, Manifest } from '../../src/core/manifest.js'
import { buildManifest, serializeManifest } from '../../src/core/manifest.js'
import { commentMarker } from '../../src/commands/report/sticky-comment.js'
import { ZERO_SHA, pullRequestEvent, pushEvent } from '../../__fixtures__/events.js'
import type { Emulator, IssueCommentRecord } from '../emulator/index.js'
import type { JobEvent } from '../harness/job-runner.js'
import { runJob } from '../harness/job-runner.js'
import { logOf, withoutDeprecationWarnings } from './job-checks.js'
import type { TrainJob, TrainSuite } from './train-helpers.js'
import { commitFiles as commitFilesOf, downloadArtifactFiles, pushJobEvent, seedArtifacts, withAnnotationsByLevel } from './train-helpers.js'

export type { TrainSuite as ReportSuite } from './train-helpers.js'
export { startTrainSuite as startReportSuite, commitFiles, pushJobEvent, runTrain, seedArtifacts } from './train-helpers.js'

const REPORT_JOB = 'report'

/**
 * A model whose training writes `metrics` (or fails with exit code 3 for 'fail'), with no
 * dependencies and no venv, so that it trains in a fraction of a second. `modelYml` adds keys.
 */
export function metricsModel(name: string, metrics: Record<string, number> | 'fail', modelYml = ''): Record<string, string> {
  const body =
    metrics === 'fail'
      ? 'import sys\nprint("the data is gone", file=sys.stderr)\nsys.exit(3)\n'
      : `import json, os\nwith open(os.environ["MODEL_CI_METRICS_FILE"], "w") as f:\n    json.dump(json.loads(${JSON.stringify(JSON.stringify(metrics))}), f)\n`
  return {
    [`models/${name}/src/train.py`]: body,
    [`models/${name}/model.yml`]: `venv: false\ncache: false\n${modelYml}`
  }
}

export function pullRequestJobEvent(number: number, base: string, head: string): JobEvent {
  return { name: 'pull_request', payload: pullRequestEvent({ number, base: { ref: 'main', sha: base }, head: { ref: `feature-${number}`, sha: head } }) }
}

/** The `workflow_run` event of the fork-safe workflow, for the completed run `run`. */
export function workflowRunJobEvent(run: { id: number; head_sha: string }): JobEvent {
  const repository = pushEvent({ ref: 'refs/heads/main', before: run.head_sha, after: run.head_sha }).repository
  return { name: 'workflow_run', payload: { action: 'completed', workflow_run: { id: run.id, head_sha: run.head_sha, event: 'pull_request' }, repository } }
}

export interface ReportJobOptions {
  runId: number
  event: JobEvent
  /** GITHUB_SHA: the checked-out commit. */
  sha: string
  /** More `with:` values beside command. */
  inputs?: Record<string, string>
  /** The job's token; the emulator's default (write) token when absent. */
  token?: string
  /** Variables set over the runner's. */
  env?: Record<string, string>
  /** The action's entry; dist/index.js when absent. */
  entry?: string
}

/** Runs `command: report` as the `report` job of run `runId`, in the suite's checkout. */
export async function runReport(suite: TrainSuite, options: ReportJobOptions): Promise<TrainJob> {
  const { env, token } = suite.gh.runnerEnv({ runId: options.runId, jobId: REPORT_JOB, token: options.token })
  const result = await runJob({
    workspace: suite.workspace,
    event: options.event,
    inputs: { command: 'report', ...options.inputs },
    env: { ...env, ...options.env },
    token,
    runId: options.runId,
    jobId: REPORT_JOB,
    sha: options.sha,
    runnerTemp: suite.runnerTemp,
    entry: options.entry
  })
  return withAnnotationsByLevel(result, options.runId)
}

/** A report job that ended as the test expects; the log is shown when it did not. */
export function expectExit(job: TrainJob, code: number): void {
  if (job.exitCode !== code) throw new Error(`expected the report job to exit ${code}\n${logOf(job)}`)
  expect(withoutDeprecationWarnings(job.stderr)).toBe('')
}


/** A manifest as `train` writes it, for seeding: a success with `metrics`, or a failure. */
export function manifestFor(options: { model: string; metrics?: Record<string, number>; sha: string; runId: number; failure?: Failure }): Manifest {
  return buildManifest({
    model: options.model,
    fingerprint: `sha256:${'ab'.repeat(32)}`,
    sha: options.sha,
    ref: 'refs/heads/main',
    event: 'push',
    runId: options.runId,
    runAttempt: 1,
    createdAt: new Date('2026-11-27T10:00:00Z'),
    metrics: options.failure ? {} : (options.metrics ?? {}),
    files: [],
    python: '3.11.7',
    runnerOs: 'Linux',
    timings: { install_s: 0, train_s: 1, evaluate_s: null },
    cache: { dependencies: 'none', run: 'miss' },
    failure: options.failure ?? null
  })
}

/** Seeds `model-ci-<model>` artifacts holding just the manifests. */
export function seedManifests(suite: TrainSuite, runId: number, manifests: Manifest[]): Promise<number[]> {
  return seedArtifacts(
    suite,
    runId,
    manifests.map((manifest) => ({ name: `model-ci-${manifest.model}`, files: { 'manifest.json': serializeManifest(manifest) } }))
  )
}

/** The comments on pull request `number` that carry the report marker of `workflowId`. */
export function reportComments(gh: Emulator, number: number, workflowId: number): IssueCommentRecord[] {
  const marker = commentMarker(workflowId)
  return gh.state.comments.filter((comment) => comment.issue_number === number && comment.body.includes(marker))
}

/** One file of an artifact of run `runId`, downloaded with the real client and checked against `digest`. */
export async function readArtifactFile(suite: TrainSuite, runId: number, artifactId: number, digest: string, path: string): Promise<string> {
  const file = (await downloadArtifactFiles(suite, runId, artifactId, digest)).get(path)
  if (file === undefined) throw new Error(`artifact ${artifactId} has no ${path}`)
  return file.toString('utf8')
}

export interface MainBranch {
  sha: string
  runId: number
  workflowId: number
}

/**
 * Commits `models` (name → metrics) to main and runs its push workflow with their manifests
 * seeded (no training) and the real `report` job, which writes the ledger; the run is then
 * completed. `extra` files go in the same commit.
 */
export async function mainWithLedger(suite: TrainSuite, models: Record<string, Record<string, number>>, extra: Record<string, string> = {}): Promise<MainBranch> {
  const files: Record<string, string> = { ...extra }
  for (const [name, metrics] of Object.entries(models)) Object.assign(files, metricsModel(name, metrics))
  const sha = await commitFilesOf(suite.workspace, files)
  const run = suite.gh.addWorkflowRun({ head_sha: sha, head_branch: 'main', event: 'push', status: 'in_progress' })
  await seedManifests(
    suite,
    run.id,
    Object.entries(models).map(([model, metrics]) => manifestFor({ model, metrics, sha, runId: run.id }))
  )
  const job = await runReport(suite, { runId: run.id, event: pushJobEvent(ZERO_SHA, sha), sha })
  expectExit(job, 0)
  suite.gh.updateWorkflowRun(run.id, { status: 'completed', conclusion: 'success' })
  return { sha, runId: run.id, workflowId: run.workflow_id }
}
