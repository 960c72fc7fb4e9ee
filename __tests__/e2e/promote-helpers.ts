/**
 * What the `promote` end-to-end suites share: the quick-start example in a git repository, push
 * runs on main that train its models with the bundled action and leave a ledger, and one call
 * that runs `command: promote` as the job of a workflow_dispatch run.
 *
 * The ledger is seeded from the test (the real @actions/artifact client uploads what nextLedger
 * makes of the trainings), so these suites test promote and nothing of report.
 */
import { expect } from '@jest/globals'
import { workflowDispatchEvent } from '../../__fixtures__/events.js'
import { LEDGER_ARTIFACT, LEDGER_FILE, nextLedger, serializeLedger } from '../../src/core/ledger.js'
import type { Ledger } from '../../src/core/ledger.js'
import type { DeploymentRecord, Emulator } from '../emulator/index.js'
import { git } from '../harness/git-repo.js'
import type { JobResult } from '../harness/job-runner.js'
import { runJob } from '../harness/job-runner.js'
import { expectOneLineError, logOf } from './job-checks.js'
import type { TrainSuite } from './train-helpers.js'
import { cleanCheckout, commitExample, commitFiles, downloadArtifact, expectTrained, runTrain, seedArtifacts, startTrainSuite } from './train-helpers.js'

export const MODELS = ['churn', 'fraud'] as const

export interface PromoteSuite extends TrainSuite {
  /** The newest ledger seeded, which the next push run builds on. */
  ledger?: Ledger
}

/** The quick-start example committed on main, and a running emulator. */
export async function startPromoteSuite(name: string): Promise<PromoteSuite> {
  const suite = await startTrainSuite(name)
  await commitExample(suite, 'quickstart')
  return suite
}

export interface TrainedRun {
  runId: number
  sha: string
  /** The version label of each model trained, by model. */
  versions: Record<string, string>
  digests: Record<string, string>
}

/**
 * A push to main: commits `files` (a change, so the models train anew), trains `models` in one push
 * run and uploads that run's ledger, as the report job would.
 */
export async function pushAndTrain(
  suite: PromoteSuite,
  options: { files?: Record<string, string>; models?: readonly string[]; event?: 'push' | 'pull_request'; branch?: string } = {}
): Promise<TrainedRun> {
  await cleanCheckout(suite.workspace)
  const sha = await commitFiles(suite.workspace, options.files ?? { 'scripts/revision.txt': `${Date.now()}-${Math.random()}\n` })
  const event = options.event ?? 'push'
  const run = suite.gh.addWorkflowRun({ head_sha: sha, head_branch: options.branch ?? 'main', event, status: 'in_progress' })
  // The train job's own event is a push either way: what decides the source rule is the run as GitHub lists it.
  const trainings: Parameters<typeof nextLedger>[2] = []
  const result: TrainedRun = { runId: run.id, sha, versions: {}, digests: {} }
  for (const model of options.models ?? MODELS) {
    const job = await runTrain(suite, { model, sha, runId: run.id })
    expectTrained(job)
    const artifact = { id: Number(job.outputs['artifact-id']), name: job.outputs['artifact-name'], digest: job.outputs.digest }
    const { manifest } = await downloadArtifact(suite, run.id, artifact.id, artifact.digest)
    trainings.push({ manifest, artifact })
    result.versions[model] = manifest.version
    result.digests[model] = artifact.digest
    await cleanCheckout(suite.workspace)
  }
  if (event === 'push') {
    suite.ledger = nextLedger(suite.ledger, { branch: 'main', sha, runId: run.id }, trainings, new Set(MODELS))
    await seedArtifacts(suite, run.id, [{ name: LEDGER_ARTIFACT, files: { [LEDGER_FILE]: serializeLedger(suite.ledger) } }])
  }
  suite.gh.updateWorkflowRun(run.id, { status: 'completed', conclusion: 'success' })
  return result
}

export interface PromoteJob extends JobResult {
  runId: number
}

/**
 * Runs `command: promote` as the `promote` job of a new workflow_dispatch run, on main unless
 * `branch` names the branch it was dispatched on (the checkout's HEAD is what it checked out).
 */
export async function runPromote(suite: PromoteSuite, inputs: { model: string; environment: string; version?: string }, options: { branch?: string } = {}): Promise<PromoteJob> {
  const { gh } = suite
  const branch = options.branch ?? 'main'
  await cleanCheckout(suite.workspace)
  const sha = await git(suite.workspace, ['rev-parse', 'HEAD'])
  const run = gh.addWorkflowRun({ head_sha: sha, head_branch: branch, event: 'workflow_dispatch', status: 'in_progress', actor: 'mona' })
  const { env, token } = gh.runnerEnv({ runId: run.id, jobId: 'promote' })
  const withInputs = { command: 'promote', ...inputs }
  const result = await runJob({
    workspace: suite.workspace,
    event: { name: 'workflow_dispatch', payload: workflowDispatchEvent({ inputs: withInputs, ref: `refs/heads/${branch}` }) },
    inputs: withInputs,
    env,
    token,
    runId: run.id,
    jobId: 'promote',
    sha,
    runnerTemp: suite.runnerTemp
  })
  return { ...result, runId: run.id }
}

/** A promotion that succeeded: exit 0, no error, and the outputs of DESIGN.md section 5. */
export function expectPromoted(job: PromoteJob): void {
  const errors = job.annotations.filter((annotation) => annotation.level === 'error')
  if (job.exitCode !== 0 || errors.length > 0) throw new Error(`the promote job failed\n${logOf(job)}`)
  expect(Object.keys(job.outputs).sort()).toEqual(['deployment-id', 'digest', 'mlflow-model-uri', 'model-dir', 'previous-version', 'version'])
}

/** A refused promotion: exit 1, one error annotation on one line, no stack trace. Returns the message. */
export function expectRefused(job: PromoteJob): string {
  const message = expectOneLineError(job)
  expect(job.outputs).toEqual({})
  return message
}

/** model-ci's promotion records in `environment`, oldest first, with their states in order. */
export function promotionRecords(gh: Emulator, environment: string): Array<{ model: unknown; version: unknown; states: string[]; record: DeploymentRecord }> {
  return gh.state.deployments
    .filter((deployment) => deployment.task === 'model-ci:promote' && deployment.environment === environment)
    .map((record) => {
      const payload = record.payload as Record<string, unknown>
      return { model: payload.model, version: payload.version, states: record.statuses.map((status) => status.state), record }
    })
}
