/**
 * What the `promote` end-to-end suites share: the quick-start example in a git repository, push
 * runs on main that train its models with the bundled action and leave a ledger, and one call
 * that runs `command: promote` as the job of a workflow_dispatch run.
 *
 * The ledger is seeded from the test (the real @actions/artifact client uploads what nextLedger
 * makes of the trainings), so these suites test promote and nothing of report.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from '@jest/globals'
import { pushEvent, workflowDispatchEvent } from '../../__fixtures__/events.js'
import { LEDGER_ARTIFACT, LEDGER_FILE, nextLedger, serializeLedger } from '../../src/core/ledger.js'
import type { Ledger } from '../../src/core/ledger.js'
import type { DeploymentRecord, Emulator } from '../emulator/index.js'
import { git } from '../harness/git-repo.js'
import type { JobResult } from '../harness/job-runner.js'
import { ACTION_ROOT, runJob } from '../harness/job-runner.js'
import type { TrainJob, TrainSuite } from './train-helpers.js'
import { SYSTEM_PYTHON, asTrainJob, cleanCheckout, commitFiles, downloadArtifact, expectTrained, logOf, startTrainSuite } from './train-helpers.js'

export const MODELS = ['churn', 'fraud'] as const

/** A stack frame as Node prints one: a failure that shows it is a crash, not a reported error. */
const STACK_FRAME = /^\s+at (.+ \()?\S+:\d+:\d+\)?$/m

export interface PromoteSuite extends TrainSuite {
  /** The newest ledger seeded, which the next push run builds on. */
  ledger?: Ledger
}

/** The quick-start example committed on main, and a running emulator. */
export async function startPromoteSuite(name: string): Promise<PromoteSuite> {
  const suite = await startTrainSuite(name)
  cpSync(join(ACTION_ROOT, 'examples', 'quickstart'), suite.workspace, { recursive: true })
  await commitFiles(suite.workspace, {})
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
    const job = await trainJob(suite, { model, sha, runId: run.id })
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
    await uploadLedger(suite, run.id, suite.ledger)
  }
  suite.gh.updateWorkflowRun(run.id, { status: 'completed', conclusion: 'success' })
  return result
}

/** `command: train` for one model as the `train` job of run `runId`, with Debian's Python. */
async function trainJob(suite: PromoteSuite, options: { model: string; sha: string; runId: number }): Promise<TrainJob> {
  const { env, token } = suite.gh.runnerEnv({ runId: options.runId, jobId: 'train' })
  const result = await runJob({
    workspace: suite.workspace,
    event: { name: 'push', payload: pushEvent({ ref: 'refs/heads/main', before: '0'.repeat(40), after: options.sha }) },
    inputs: { command: 'train', model: options.model, python: SYSTEM_PYTHON },
    env,
    token,
    runId: options.runId,
    jobId: 'train',
    sha: options.sha,
    runnerTemp: suite.runnerTemp
  })
  const errors = result.annotations.filter((annotation) => annotation.level === 'error')
  return { ...result, runId: options.runId, errors, warnings: result.annotations.filter((annotation) => annotation.level === 'warning') }
}

async function uploadLedger(suite: PromoteSuite, runId: number, ledger: Ledger): Promise<void> {
  const dir = mkdtempSync(join(suite.scratch, 'ledger-'))
  try {
    writeFileSync(join(dir, LEDGER_FILE), serializeLedger(ledger))
    await asTrainJob(suite, runId, async () => {
      const { DefaultArtifactClient } = await import('@actions/artifact')
      await new DefaultArtifactClient().uploadArtifact(LEDGER_ARTIFACT, [join(dir, LEDGER_FILE)], dir)
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export interface PromoteJob extends JobResult {
  runId: number
}

/** Runs `command: promote` as the `promote` job of a new workflow_dispatch run on main. */
export async function runPromote(suite: PromoteSuite, inputs: { model: string; environment: string; version?: string }): Promise<PromoteJob> {
  const { gh } = suite
  await cleanCheckout(suite.workspace)
  const sha = await git(suite.workspace, ['rev-parse', 'HEAD'])
  const run = gh.addWorkflowRun({ head_sha: sha, head_branch: 'main', event: 'workflow_dispatch', status: 'in_progress', actor: 'mona' })
  const { env, token } = gh.runnerEnv({ runId: run.id, jobId: 'promote' })
  const withInputs = { command: 'promote', ...inputs }
  const result = await runJob({
    workspace: suite.workspace,
    event: { name: 'workflow_dispatch', payload: workflowDispatchEvent({ inputs: withInputs }) },
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
  expect(Object.keys(job.outputs).sort()).toEqual(['deployment-id', 'digest', 'model-dir', 'previous-version', 'version'])
}

/** A refused promotion: exit 1, one error annotation on one line, no stack trace. Returns the message. */
export function expectRefused(job: PromoteJob): string {
  const errors = job.annotations.filter((annotation) => annotation.level === 'error')
  if (job.exitCode !== 1 || errors.length !== 1) throw new Error(`expected one error annotation\n${logOf(job)}`)
  expect(errors[0].message).not.toContain('\n')
  expect(`${job.stdout}\n${job.stderr}`).not.toMatch(STACK_FRAME)
  expect(job.outputs).toEqual({})
  return errors[0].message
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
