// The shipped example pipeline, end to end: examples/ml-project's own workflow file run job by job
// (the workflow runner: the bundled action, real git, real scikit-learn training, the emulator as
// GitHub) through the life of a model repository, each test continuing from the one before:
// a push to main that trains both models, records the ledger and promotes both to staging
// automatically (staging is auto: true); a pull request that changes one model, then a second push
// to it; the merge, whose fraud training goes to staging automatically; promotions by hand to
// staging and production; a rollback;
// and the deploy step switching the example's endpoint each time. Last, a pull request from a fork:
// its run has a read-only token and skips the report, and model-ci-fork-safe-report.yml, started by
// workflow_run, posts the comment. Then model-ci-monitor.yml watches what is live: healthy on the
// recent cases, and one issue for churn once its drifted set is committed.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { exampleRepository, pullRequestEvent, pushEvent, scheduleEvent, workflowDispatchEvent, ZERO_SHA } from '../../__fixtures__/events.js'
import { formatPair } from '../../src/core/report/format.js'
import type { ArtifactRecord, Emulator, IssueCommentRecord } from '../emulator/index.js'
import { startEmulator } from '../emulator/index.js'
import type { PullRequestRefs } from '../harness/git-repo.js'
import { GitOrigin, folderFiles, makeTempDir, removeDir } from '../harness/git-repo.js'
import { requireTestPython } from '../harness/python.js'
import type { JobRun, WorkflowRunResult } from '../harness/workflow-runner.js'
import { runWorkflow } from '../harness/workflow-runner.js'
import { ensureBundle } from './detect-helpers.js'
import { EXAMPLE, EXAMPLE_WORKFLOW, UNTRACKED, artifactFile as sharedArtifactFile, fraudWithAlpha, mergePullRequest, openPullRequest } from './example-helpers.js'
import { artifactRecord } from './train-helpers.js'

const WORKFLOW = EXAMPLE_WORKFLOW
const FORK_SAFE_WORKFLOW = join(EXAMPLE, '.github', 'workflows', 'model-ci-fork-safe-report.yml')
const MONITOR_WORKFLOW = join(EXAMPLE, '.github', 'workflows', 'model-ci-monitor.yml')
/** Training jobs run real scikit-learn: a run with trainings gets minutes, not jest's default. */
const TRAINING_TIMEOUT_MS = 150_000

let tempDir: string
let gh: Emulator
let origin: GitOrigin
/** MODEL_ENDPOINT_ROOT of the deploy step: the example's local endpoints, one folder per environment and model. */
let endpointRoot: string

/** What the story's earlier steps leave for the later ones. */
const story: {
  firstPush?: WorkflowRunResult
  pullRequest?: PullRequestRefs
  firstComment?: IssueCommentRecord
  merge?: WorkflowRunResult
  versions: Record<string, string>
} = { versions: {} }

/** A value an earlier test of the story had to leave; a clear failure when it did not. */
function earlier<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`an earlier test of this story failed: there is no ${what}`)
  return value
}

beforeAll(async () => {
  ensureBundle()
  tempDir = makeTempDir('model-ci-pipeline-example-')
  endpointRoot = join(tempDir, 'endpoints')
  origin = await GitOrigin.create(tempDir)
  // GitHub's copy of the repository: the branches and history the compare API answers from.
  gh = await startEmulator({ ...exampleRepository(), defaultBranch: 'main', gitDir: origin.bareDir })
  // examples/ml-project as a repository holds it: without what local runs leave behind.
  await origin.commit('main', folderFiles(EXAMPLE, { skip: UNTRACKED }), { message: 'the example project' })
})
afterAll(async () => {
  await gh?.close()
  removeDir(tempDir)
})

function run(event: { name: string; payload: Record<string, unknown> }, workflowFile = WORKFLOW): Promise<WorkflowRunResult> {
  return runWorkflow({ gh, origin, workflowFile, event, python: requireTestPython(), env: { MODEL_ENDPOINT_ROOT: endpointRoot } })
}

async function pushToMain(before: string): Promise<WorkflowRunResult> {
  const after = await origin.revParse('main')
  return run({ name: 'push', payload: pushEvent({ ref: 'refs/heads/main', before, after }) })
}

function promote(inputs: { model: string; version: string; environment: string }): Promise<WorkflowRunResult> {
  return run({ name: 'workflow_dispatch', payload: workflowDispatchEvent({ inputs }) })
}

/**
 * The `workflow_run` event GitHub sends when a run of model-ci.yml completes: the run as the REST
 * API describes it (the emulator's payload; a fork's run has the fork as its head repository).
 */
async function workflowRunCompleted(runId: number): Promise<Record<string, unknown>> {
  const { owner, repo } = exampleRepository()
  const reply = await fetch(`${gh.apiUrl}/repos/${owner}/${repo}/actions/runs/${runId}`, { headers: { authorization: `token ${gh.defaultToken}` } })
  if (!reply.ok) throw new Error(`GET run ${runId}: ${reply.status}`)
  const workflowRun = (await reply.json()) as Record<string, unknown>
  const repository = pushEvent({ ref: 'refs/heads/main', before: ZERO_SHA, after: ZERO_SHA }).repository
  return {
    action: 'completed',
    workflow_run: workflowRun,
    workflow: { name: 'model-ci', path: '.github/workflows/model-ci.yml' },
    repository
  }
}

/** Jobs by display name with their results; on a surprise, the failing jobs' logs. */
function expectJobs(result: WorkflowRunResult, expected: Array<[string | RegExp, JobRun['result']]>): void {
  const actual = result.jobs.map((job) => [job.name, job.result])
  const matches =
    actual.length === expected.length &&
    expected.every(([name, outcome], index) => (typeof name === 'string' ? actual[index][0] === name : name.test(actual[index][0])) && actual[index][1] === outcome)
  if (!matches) {
    const logs = result.jobs.filter((job) => job.result === 'failure').map((job) => `--- ${job.name}\n${job.log}`)
    throw new Error(`jobs ran as ${JSON.stringify(actual)}, expected ${JSON.stringify(expected.map(([n, r]) => [String(n), r]))}\n${logs.join('\n')}`)
  }
}

function stepOutputs(job: JobRun, id: string): Record<string, string> {
  const step = job.steps.find((candidate) => candidate.id === id)
  if (!step) throw new Error(`job ${job.name} has no step with id ${id}`)
  return step.outputs
}

/** The one train leg of `model` and its train step's outputs (the step has no id in the shipped file: the action step). */
function trainOutputs(result: WorkflowRunResult, model: string): Record<string, string> {
  const leg = result.job('train', { model })
  const train = leg.steps.find((step) => step.outputs['artifact-name'] !== undefined)
  if (!train) throw new Error(`the train job of ${model} set no artifact-name\n${leg.log}`)
  return train.outputs
}

function artifactFile(artifact: ArtifactRecord, path: string): Promise<string> {
  return sharedArtifactFile(gh, tempDir, artifact, path)
}

interface LedgerFile {
  run_id: number
  sha: string
  models: Record<string, { run_id: number; version: string; metrics: Record<string, number> }>
}

function commentsOn(number: number): IssueCommentRecord[] {
  return gh.state.comments.filter((comment) => comment.issue_number === number)
}

/** The Markdown table row of `metric`: its base and head values as the report formats them. */
function metricRow(metric: string, base: number, head: number): RegExp {
  const [baseText, headText] = formatPair(base, head)
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`\\|[^|\\n]*\`${escape(metric)}\`[^|\\n]*\\| ${escape(baseText)} \\| ${escape(headText)} \\|`)
}

interface EndpointPointer {
  version: string
  previous: string | null
  run_id?: number
}

function livePointer(environment: string, model: string): EndpointPointer {
  return JSON.parse(readFileSync(join(endpointRoot, environment, model, 'current.json'), 'utf8')) as EndpointPointer
}

/** Every switch of an endpoint, oldest first: the versions it went live with. */
function switchHistory(environment: string, model: string): string[] {
  const text = readFileSync(join(endpointRoot, environment, model, 'history.jsonl'), 'utf8')
  return text.trim().split('\n').map((line) => (JSON.parse(line) as EndpointPointer).version)
}

/** model-ci's promotion records of `model` in `environment`, oldest first: the version each put live, and its newest status. */
function promotions(environment: string, model = 'fraud'): Array<{ version: unknown; digest: unknown; state: string | undefined }> {
  return gh.state.deployments
    .filter((deployment) => deployment.environment === environment && deployment.task === 'model-ci:promote')
    .map((deployment) => {
      const payload = (typeof deployment.payload === 'string' ? JSON.parse(deployment.payload) : deployment.payload) as { model?: unknown; version?: unknown; digest?: unknown }
      return { model: payload.model, version: payload.version, digest: payload.digest, state: deployment.statuses.at(-1)?.state }
    })
    .filter((record) => record.model === model)
    .map(({ version, digest, state }) => ({ version, digest, state }))
}

describe('the example pipeline (examples/ml-project/.github/workflows/model-ci.yml)', () => {
  test(
    'a push to main trains both models in one matrix job each and records the ledger, with no comment',
    async () => {
      const result = await pushToMain(ZERO_SHA)
      story.firstPush = result

      expectJobs(result, [
        ['detect', 'success'],
        [/^train \(churn, /, 'success'],
        [/^train \(fraud, /, 'success'],
        ['report', 'success'],
        // staging is marked auto: true in the example's model-ci.yml: both new models go there.
        ['promote-auto', 'success'],
        ['promote', 'skipped']
      ])
      expect(result.conclusion).toBe('success')
      expect(JSON.parse(result.job('detect').outputs.models)).toEqual(['churn', 'fraud'])
      expect(result.job('detect').tokenPermission).toBe('read')
      expect(result.job('train', { model: 'fraud' }).tokenPermission).toBe('read')
      expect(result.job('report').tokenPermission).toBe('write')

      const ledger = JSON.parse(await artifactFile(artifactRecord(gh, result.runId, 'model-ci-ledger'), 'ledger.json')) as LedgerFile
      expect(ledger.run_id).toBe(result.runId)
      expect(Object.keys(ledger.models).sort()).toEqual(['churn', 'fraud'])
      for (const model of ['churn', 'fraud']) {
        const trained = trainOutputs(result, model)
        expect(ledger.models[model]).toMatchObject({ run_id: result.runId, metrics: JSON.parse(trained.metrics) })
        story.versions[`first-${model}`] = ledger.models[model].version
      }
      const summary = result.job('report').summary
      expect(summary).toContain('churn')
      expect(summary).toContain('fraud')
      expect(gh.state.comments).toEqual([])
    },
    TRAINING_TIMEOUT_MS
  )

  test(
    'a pull request that changes the fraud model trains only it and comments with its metrics against main',
    async () => {
      const opened = await openPullRequest(gh, origin, { number: 1, branch: 'tune-fraud', changes: fraudWithAlpha('0.5'), message: 'fraud: weaker regularization' })
      story.pullRequest = opened.refs
      const result = await run(opened.event)

      expectJobs(result, [
        ['detect', 'success'],
        [/^train \(fraud, /, 'success'],
        ['report', 'success'],
        ['promote-auto', 'skipped'],
        ['promote', 'skipped']
      ])
      expect(gh.state.run(result.runId)).toMatchObject({ event: 'pull_request', head_sha: opened.refs.headSha, pull_requests: [1], conclusion: 'success' })
      const comments = commentsOn(1)
      expect(comments).toHaveLength(1)
      const [comment] = comments
      expect(comment.user.login).toBe('github-actions[bot]')
      const baseMetrics = JSON.parse(trainOutputs(earlier(story.firstPush, 'push to main'), 'fraud').metrics) as Record<string, number>
      const headMetrics = JSON.parse(trainOutputs(result, 'fraud').metrics) as Record<string, number>
      expect(headMetrics.accuracy).not.toBe(baseMetrics.accuracy)
      expect(comment.body).toMatch(metricRow('accuracy', baseMetrics.accuracy, headMetrics.accuracy))
      expect(comment.body).toMatch(metricRow('recall', baseMetrics.recall, headMetrics.recall))
      expect(comment.body).toContain('fraud')
      // churn did not change, so it was not trained and has no table of its own.
      expect(comment.body).not.toMatch(/`churn`/)
      story.firstComment = { ...comment }
    },
    TRAINING_TIMEOUT_MS
  )

  test(
    'a second push to the pull request updates the same comment with the new training',
    async () => {
      const first = earlier(story.firstComment, 'first comment')
      await origin.commit('tune-fraud', fraudWithAlpha('0.8'), { message: 'fraud: a little more regularization' })
      const refs = await origin.pullRequest(1, 'main', 'tune-fraud')
      story.pullRequest = refs
      Object.assign((gh.state.pull(1) as { head: { sha: string } }).head, { sha: refs.headSha })
      const result = await run({
        name: 'pull_request',
        payload: pullRequestEvent({
          number: 1,
          action: 'synchronize',
          base: { ref: 'main', sha: refs.baseSha },
          head: { ref: 'tune-fraud', sha: refs.headSha },
          mergeCommitSha: refs.mergeSha
        })
      })

      expectJobs(result, [
        ['detect', 'success'],
        [/^train \(fraud, /, 'success'],
        ['report', 'success'],
        ['promote-auto', 'skipped'],
        ['promote', 'skipped']
      ])
      const comments = commentsOn(1)
      expect(comments).toHaveLength(1)
      expect(comments[0].id).toBe(first.id)
      expect(comments[0].body).not.toBe(first.body)
      const baseMetrics = JSON.parse(trainOutputs(earlier(story.firstPush, 'push to main'), 'fraud').metrics) as Record<string, number>
      const headMetrics = JSON.parse(trainOutputs(result, 'fraud').metrics) as Record<string, number>
      expect(comments[0].body).toMatch(metricRow('log_loss', baseMetrics.log_loss, headMetrics.log_loss))
    },
    TRAINING_TIMEOUT_MS
  )

  test(
    "the merge queue's run (merge_group) trains the change and reports in the job summary, without a comment or a ledger",
    async () => {
      const refs = earlier(story.pullRequest, 'pull request')
      const main = await origin.revParse('main')
      // GitHub's queue branch: the pull request merged onto main's tip.
      const queueBranch = `gh-readonly-queue/main/pr-1-${refs.mergeSha}`
      await origin.createBranch(queueBranch, 'main')
      await origin.resetBranch(queueBranch, refs.mergeSha)
      const repository = pushEvent({ ref: 'refs/heads/main', before: ZERO_SHA, after: ZERO_SHA }).repository
      const payload = {
        action: 'checks_requested',
        merge_group: { head_sha: refs.mergeSha, head_ref: `refs/heads/${queueBranch}`, base_sha: main, base_ref: 'refs/heads/main', head_commit: { id: refs.mergeSha } },
        repository
      }
      const comments = gh.state.comments.length
      const result = await runWorkflow({ gh, origin, workflowFile: WORKFLOW, event: { name: 'merge_group', payload }, sha: refs.mergeSha, ref: `refs/heads/${queueBranch}`, python: requireTestPython(), env: { MODEL_ENDPOINT_ROOT: endpointRoot } })

      expectJobs(result, [
        ['detect', 'success'],
        [/^train \(fraud, /, 'success'],
        ['report', 'success'],
        ['promote-auto', 'skipped'],
        ['promote', 'skipped']
      ])
      expect(result.job('report').summary).toContain('fraud')
      expect(gh.state.comments).toHaveLength(comments)
      expect(gh.state.artifacts.filter((artifact) => artifact.workflow_run_id === result.runId && artifact.name === 'model-ci-ledger')).toEqual([])
    },
    TRAINING_TIMEOUT_MS
  )

  test(
    'the merge to main trains the changed model and records a ledger that carries the unchanged one forward',
    async () => {
      const refs = earlier(story.pullRequest, 'pull request')
      const before = await origin.revParse('main')
      await mergePullRequest(gh, origin, 1, refs)
      const result = await pushToMain(before)
      story.merge = result

      expectJobs(result, [
        ['detect', 'success'],
        [/^train \(fraud, /, 'success'],
        ['report', 'success'],
        // The merged fraud training passed its gates: staging gets it automatically.
        ['promote-auto', 'success'],
        ['promote', 'skipped']
      ])
      const first = earlier(story.firstPush, 'push to main')
      const ledger = JSON.parse(await artifactFile(artifactRecord(gh, result.runId, 'model-ci-ledger'), 'ledger.json')) as LedgerFile
      expect(ledger).toMatchObject({ run_id: result.runId, sha: refs.mergeSha })
      expect(ledger.models.fraud).toMatchObject({ run_id: result.runId, metrics: JSON.parse(trainOutputs(result, 'fraud').metrics) })
      expect(ledger.models.churn).toMatchObject({ run_id: first.runId, version: earlier(story.versions['first-churn'], 'first churn version') })
      story.versions['merged-fraud'] = ledger.models.fraud.version
      expect(ledger.models.fraud.version).not.toBe(earlier(story.versions['first-fraud'], 'first fraud version'))
      expect(commentsOn(1)).toHaveLength(1)
      // Automatic staging: the first push put both models there, the merge the new fraud training.
      expect(promotions('staging', 'churn').map((record) => record.version)).toEqual([story.versions['first-churn']])
      expect(promotions('staging').map((record) => record.version)).toEqual([story.versions['first-fraud'], ledger.models.fraud.version])
      expect(livePointer('staging', 'fraud')).toMatchObject({ version: ledger.models.fraud.version, previous: story.versions['first-fraud'] })
    },
    TRAINING_TIMEOUT_MS
  )

  test(
    'promotions by hand to staging (the first training, then the latest) and to production deploy each version and switch the endpoint',
    async () => {
      const firstFraud = earlier(story.versions['first-fraud'], 'first fraud version')
      const mergedFraud = earlier(story.versions['merged-fraud'], 'merged fraud version')

      const olderToStaging = await promote({ model: 'fraud', version: String(earlier(story.firstPush, 'push to main').runId), environment: 'staging' })
      expectJobs(olderToStaging, [
        ['detect', 'skipped'],
        ['train', 'skipped'],
        ['report', 'skipped'],
        ['promote-auto', 'skipped'],
        ['promote', 'success']
      ])
      const promoted = olderToStaging.job('promote')
      expect(promoted).toMatchObject({ environment: 'staging', tokenPermission: 'write' })
      // The merge's automatic promotion had made the merged training live in staging.
      expect(stepOutputs(promoted, 'p')).toMatchObject({ version: firstFraud, 'previous-version': mergedFraud })
      expect(livePointer('staging', 'fraud')).toMatchObject({ version: firstFraud, previous: mergedFraud })

      const latestToStaging = await promote({ model: 'fraud', version: 'latest', environment: 'staging' })
      expectJobs(latestToStaging, [
        ['detect', 'skipped'],
        ['train', 'skipped'],
        ['report', 'skipped'],
        ['promote-auto', 'skipped'],
        ['promote', 'success']
      ])
      expect(stepOutputs(latestToStaging.job('promote'), 'p')).toMatchObject({ version: mergedFraud, 'previous-version': firstFraud })
      expect(livePointer('staging', 'fraud')).toMatchObject({ version: mergedFraud, previous: firstFraud })
      // The job summary shows the promotion record and the deploy step's switch.
      expect(latestToStaging.job('promote').summary).toContain(`\`${mergedFraud}\``)
      expect(latestToStaging.job('promote').summary).toContain(`- version: \`${mergedFraud}\` (replaces \`${firstFraud}\`)`)

      const toProduction = await promote({ model: 'fraud', version: 'latest', environment: 'production' })
      expectJobs(toProduction, [
        ['detect', 'skipped'],
        ['train', 'skipped'],
        ['report', 'skipped'],
        ['promote-auto', 'skipped'],
        ['promote', 'success']
      ])
      expect(toProduction.job('promote').environment).toBe('production')
      expect(livePointer('production', 'fraud')).toMatchObject({ version: mergedFraud, previous: null })
      // Staging is untouched by a promotion to production.
      expect(livePointer('staging', 'fraud').version).toBe(mergedFraud)

      const digestOf = (result: WorkflowRunResult) => stepOutputs(result.job('promote'), 'p').digest
      expect(promotions('staging')).toEqual([
        { version: firstFraud, digest: digestOf(olderToStaging), state: 'success' },
        { version: mergedFraud, digest: digestOf(latestToStaging), state: 'success' },
        { version: firstFraud, digest: digestOf(olderToStaging), state: 'success' },
        { version: mergedFraud, digest: digestOf(latestToStaging), state: 'success' }
      ])
      expect(promotions('production')).toEqual([{ version: mergedFraud, digest: digestOf(toProduction), state: 'success' }])
      expect(digestOf(toProduction)).toBe(artifactRecord(gh, earlier(story.merge, 'merge').runId, 'model-ci-fraud').digest)
    },
    TRAINING_TIMEOUT_MS
  )

  test(
    'a rollback (version: previous) puts the version live before the current one back in staging, and the endpoint follows',
    async () => {
      const firstFraud = earlier(story.versions['first-fraud'], 'first fraud version')
      const mergedFraud = earlier(story.versions['merged-fraud'], 'merged fraud version')
      const rollback = await promote({ model: 'fraud', version: 'previous', environment: 'staging' })

      expectJobs(rollback, [
        ['detect', 'skipped'],
        ['train', 'skipped'],
        ['report', 'skipped'],
        ['promote-auto', 'skipped'],
        ['promote', 'success']
      ])
      expect(stepOutputs(rollback.job('promote'), 'p')).toMatchObject({ version: firstFraud, 'previous-version': mergedFraud })
      expect(livePointer('staging', 'fraud')).toMatchObject({ version: firstFraud, previous: mergedFraud })
      expect(switchHistory('staging', 'fraud')).toEqual([firstFraud, mergedFraud, firstFraud, mergedFraud, firstFraud])
      // Both versions stay deployed side by side; the rollback only moved the pointer.
      expect(existsSync(join(endpointRoot, 'staging', 'fraud', 'versions', mergedFraud, 'model.joblib'))).toBe(true)
      expect(livePointer('production', 'fraud').version).toBe(mergedFraud)
      expect(promotions('staging').map((promotion) => promotion.version)).toEqual([firstFraud, mergedFraud, firstFraud, mergedFraud, firstFraud])
    },
    TRAINING_TIMEOUT_MS
  )
  test(
    "a pull request from a fork trains without write access and no comment; the fork-safe workflow comments from workflow_run",
    async () => {
      const mainSha = await origin.revParse('main')
      await origin.createBranch('fork-churn', 'main')
      const churn = readFileSync(join(EXAMPLE, 'models/churn/src/train.py'), 'utf8')
      await origin.commit('fork-churn', { 'models/churn/src/train.py': churn.replace('max_depth=6', 'max_depth=4') }, { message: 'churn: shallower trees' })
      const refs = await origin.pullRequest(2, 'main', 'fork-churn')
      gh.addPullRequest({ number: 2, head: { sha: refs.headSha, ref: 'fork-churn', owner: 'someone' }, base: { sha: refs.baseSha, ref: 'main' }, files: ['models/churn/src/train.py'] })
      const event = pullRequestEvent({ number: 2, base: { ref: 'main', sha: refs.baseSha }, head: { ref: 'fork-churn', sha: refs.headSha }, mergeCommitSha: refs.mergeSha })
      const head = (event.pull_request as { head: { repo: Record<string, unknown> } }).head
      head.repo = { ...head.repo, full_name: 'someone/Hello-World', owner: { login: 'someone' } }

      const forkRun = await run({ name: 'pull_request', payload: event })
      expectJobs(forkRun, [
        ['detect', 'success'],
        [/^train \(churn, /, 'success'],
        ['report', 'skipped'],
        ['promote-auto', 'skipped'],
        ['promote', 'skipped']
      ])
      expect(forkRun.job('train').tokenPermission).toBe('read')
      expect(commentsOn(2)).toEqual([])

      const reportRun = await run({ name: 'workflow_run', payload: await workflowRunCompleted(forkRun.runId) }, FORK_SAFE_WORKFLOW)
      expectJobs(reportRun, [['report', 'success']])
      const report = reportRun.job('report')
      expect(report.tokenPermission).toBe('write')
      // It checked out main, never the fork's code.
      expect(report.steps[0].stdout).toContain(`checked out ${mainSha} (refs/heads/main)`)
      const comments = commentsOn(2)
      expect(comments).toHaveLength(1)
      const baseMetrics = JSON.parse(trainOutputs(earlier(story.firstPush, 'push to main'), 'churn').metrics) as Record<string, number>
      const headMetrics = JSON.parse(trainOutputs(forkRun, 'churn').metrics) as Record<string, number>
      expect(comments[0].body).toMatch(metricRow('accuracy', baseMetrics.accuracy, headMetrics.accuracy))
      expect(comments[0].user.login).toBe('github-actions[bot]')
    },
    TRAINING_TIMEOUT_MS
  )
  test(
    'the shipped monitoring workflow finds production and staging healthy, then opens one issue for churn on its drifted data',
    async () => {
      const monitorOutputs = (result: WorkflowRunResult) => {
        const step = result.job('monitor').steps.find((candidate) => candidate.outputs.degraded !== undefined)
        if (!step) throw new Error(`the monitor job set no outputs\n${result.job('monitor').log}`)
        return step.outputs
      }
      const issuesOf = (model: string, environment: string) =>
        gh.state.issues.filter((issue) => issue.body?.startsWith(`<!-- model-ci:monitor model=${model} environment=${environment} -->`))

      const scheduled = await run({ name: 'schedule', payload: scheduleEvent({ cron: '17 6 * * *' }) }, MONITOR_WORKFLOW)
      expectJobs(scheduled, [['monitor', 'success'], ['status', 'success']])
      expect(monitorOutputs(scheduled)).toMatchObject({ status: 'pass', degraded: '[]' })
      expect(scheduled.job('monitor').summary).toContain('## model-ci monitor: production')
      // The run's status page has the run's own monitoring, though the run is still going.
      expect(scheduled.job('status').summary).toMatch(/\| `fraud` \| production \|[^\n]*healthy/)

      const staging = await run({ name: 'workflow_dispatch', payload: workflowDispatchEvent({ inputs: { environment: 'staging' } }) }, MONITOR_WORKFLOW)
      expectJobs(staging, [['monitor', 'success'], ['status', 'success']])
      expect(staging.job('monitor').summary).toContain('2 live models monitored')
      expect(gh.state.issues).toEqual([])

      await origin.commit('main', { 'models/churn/data/monitoring/recent.csv': readFileSync(join(EXAMPLE, 'drift', 'churn', 'recent.csv'), 'utf8') }, { message: 'churn: this month\'s cases' })
      const drifted = await run({ name: 'workflow_dispatch', payload: workflowDispatchEvent({ inputs: { environment: 'staging' } }) }, MONITOR_WORKFLOW)
      expectJobs(drifted, [['monitor', 'failure'], ['status', 'success']])
      expect(drifted.job('status').summary).toMatch(/\| `churn` \| staging \|[^\n]*degraded/)
      expect(drifted.job('status').summary).toMatch(/\| `fraud` \| staging \|[^\n]*healthy/)
      expect(monitorOutputs(drifted)).toMatchObject({ status: 'fail', degraded: '["churn"]' })
      expect(issuesOf('churn', 'staging')).toHaveLength(1)
      expect(issuesOf('churn', 'staging')[0]).toMatchObject({ state: 'open', title: 'model-ci: churn is degraded in staging' })
      expect(issuesOf('churn', 'staging')[0].body).toMatch(/\| ❌ `accuracy` 🔒 \| 0\.78 \| 0\.7041 \|/)
      expect(issuesOf('fraud', 'staging')).toEqual([])
    },
    TRAINING_TIMEOUT_MS
  )
})
