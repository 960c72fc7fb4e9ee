// Merged means staging (issue 14, item 1), end to end: the shipped example workflow
// (examples/ml-project, whose model-ci.yml marks staging auto: true) run job by job through the
// workflow runner (the bundled action, real git, real scikit-learn, the emulator as GitHub).
// A first push trains both models and its promote-auto job puts both in staging; a merge then
// retrains both: churn passes its gates and is promoted to staging automatically, fraud's accuracy
// (gated in model-ci.yml) regresses, so report fails and fraud is listed as not promoted, with the
// reason; production is then promoted by hand from churn's automatic staging record, while fraud's
// regressed training is refused there.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { exampleRepository, pushEvent, scheduleEvent, workflowDispatchEvent, ZERO_SHA } from '../../__fixtures__/events.js'
import type { Emulator } from '../emulator/index.js'
import { startEmulator } from '../emulator/index.js'
import { GitOrigin, folderFiles, makeTempDir, removeDir } from '../harness/git-repo.js'
import { ACTION_ROOT, runJob } from '../harness/job-runner.js'
import { mermaidBlocks, parseMermaid } from '../harness/mermaid.js'
import { makeZip } from '../harness/zip.js'
import { formatValue } from '../../src/core/report/format.js'
import { requireTestPython } from '../harness/python.js'
import type { JobRun, WorkflowRunResult } from '../harness/workflow-runner.js'
import { runWorkflow } from '../harness/workflow-runner.js'
import { ensureBundle } from './detect-helpers.js'
import { artifactRecord } from './train-helpers.js'

const EXAMPLE = join(ACTION_ROOT, 'examples', 'ml-project')
const WORKFLOW = join(EXAMPLE, '.github', 'workflows', 'model-ci.yml')
const UNTRACKED = new Set(['outputs', '__pycache__', '.model-ci', 'endpoints', '.pytest_cache'])
const TRAINING_TIMEOUT_MS = 200_000

let tempDir: string
let gh: Emulator
let origin: GitOrigin
let endpointRoot: string

const story: { firstPush?: WorkflowRunResult; merge?: WorkflowRunResult } = {}

function earlier<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`an earlier test of this story failed: there is no ${what}`)
  return value
}

beforeAll(async () => {
  ensureBundle()
  tempDir = makeTempDir('model-ci-auto-staging-')
  endpointRoot = join(tempDir, 'endpoints')
  origin = await GitOrigin.create(tempDir)
  gh = await startEmulator({ ...exampleRepository(), defaultBranch: 'main', gitDir: origin.bareDir })
  await origin.commit('main', folderFiles(EXAMPLE, { skip: UNTRACKED }), { message: 'the example project' })
})
afterAll(async () => {
  await gh?.close()
  removeDir(tempDir)
})

function run(event: { name: string; payload: Record<string, unknown> }): Promise<WorkflowRunResult> {
  return runWorkflow({ gh, origin, workflowFile: WORKFLOW, event, python: requireTestPython(), env: { MODEL_ENDPOINT_ROOT: endpointRoot } })
}

async function pushToMain(before: string): Promise<WorkflowRunResult> {
  const after = await origin.revParse('main')
  return run({ name: 'push', payload: pushEvent({ ref: 'refs/heads/main', before, after }) })
}

function jobResults(result: WorkflowRunResult): Array<[string, string]> {
  return result.jobs.map((job) => [job.name.replace(/^train \((\w+),.*$/, 'train $1'), job.result])
}

function failureLogs(result: WorkflowRunResult): string {
  return result.jobs
    .filter((job) => job.result === 'failure')
    .map((job) => `--- ${job.name}\n${job.log}`)
    .join('\n')
}

function stepOutputs(job: JobRun, id: string): Record<string, string> {
  const step = job.steps.find((candidate) => candidate.id === id)
  if (!step) throw new Error(`job ${job.name} has no step with id ${id}`)
  return step.outputs
}

interface Payload {
  model: string
  version: string
  digest: string
  run_id: number
  metrics: Record<string, number>
  promoted_by?: string
  automatic?: boolean
}

/** model-ci's promotion records in `environment`, oldest first, with their newest status. */
function records(environment: string): Array<Payload & { state: string | undefined }> {
  return gh.state.deployments
    .filter((deployment) => deployment.environment === environment && deployment.task === 'model-ci:promote')
    .map((deployment) => {
      const payload = (typeof deployment.payload === 'string' ? JSON.parse(deployment.payload) : deployment.payload) as Payload
      return { ...payload, state: deployment.statuses.at(-1)?.state }
    })
}

function livePointer(environment: string, model: string): { version: string; previous: string | null } {
  return JSON.parse(readFileSync(join(endpointRoot, environment, model, 'current.json'), 'utf8')) as { version: string; previous: string | null }
}

function fileWith(path: string, from: RegExp, to: string): Record<string, string> {
  const source = readFileSync(join(EXAMPLE, path), 'utf8')
  const changed = source.replace(from, to)
  if (changed === source) throw new Error(`${path} no longer matches ${from}: choose another change`)
  return { [path]: changed }
}

describe('automatic staging in the example pipeline (promote-auto, version: auto)', () => {
  test(
    'a first push to main trains both models and its promote-auto job promotes both to staging, recorded as automatic by the pusher, and deploys them',
    async () => {
      const result = await pushToMain(ZERO_SHA)
      story.firstPush = result
      expect(jobResults(result)).toEqual([
        ['detect', 'success'],
        ['train churn', 'success'],
        ['train fraud', 'success'],
        ['report', 'success'],
        ['promote-auto', 'success'],
        ['promote', 'skipped']
      ])
      const auto = result.job('promote-auto')
      expect(auto).toMatchObject({ environment: 'staging', tokenPermission: 'write' })
      const outputs = stepOutputs(auto, 'p')
      const promoted = JSON.parse(outputs.promoted) as Array<{ model: string; environment: string; version: string; digest: string; 'deployment-id': number }>
      expect(promoted.map((entry) => [entry.model, entry.environment])).toEqual([
        ['churn', 'staging'],
        ['fraud', 'staging']
      ])
      expect(JSON.parse(outputs['not-promoted'])).toEqual([])
      for (const entry of promoted) expect(entry.digest).toBe(artifactRecord(gh, result.runId, `model-ci-${entry.model}`).digest)

      expect(records('staging')).toEqual([
        expect.objectContaining({ model: 'churn', run_id: result.runId, promoted_by: 'octocat', automatic: true, state: 'success' }),
        expect.objectContaining({ model: 'fraud', run_id: result.runId, promoted_by: 'octocat', automatic: true, state: 'success' })
      ])
      expect(records('production')).toEqual([])
      // The deploy step of the job switched the staging endpoint of each.
      for (const entry of promoted) expect(livePointer('staging', entry.model)).toMatchObject({ version: entry.version, previous: null })
      expect(auto.summary).toContain('## model-ci: automatic promotion to staging')
      expect(auto.summary).toMatch(/\| `churn` \| `[^`]+` \| ✅ promoted: deployment \d+ \(nothing was live\) \|/)
    },
    TRAINING_TIMEOUT_MS
  )

  test(
    'a merge that retrains both: churn passes its gates and goes to staging, fraud regresses its gated accuracy and is listed as not promoted with the reason',
    async () => {
      const first = earlier(story.firstPush, 'first push')
      const firstFraud = records('staging').find((record) => record.model === 'fraud')?.version
      const before = await origin.revParse('main')
      await origin.commit(
        'main',
        {
          // A change churn's training reads but that leaves its metrics as they were: it retrains and passes.
          ...fileWith('models/churn/src/train.py', /^(SEED = \d+)$/m, '$1  # the seed every training uses'),
          // Regularization so strong that the network learns next to nothing: accuracy, gated in model-ci.yml, falls.
          ...fileWith('models/fraud/src/train.py', /alpha=[0-9.]+/, 'alpha=1000.0')
        },
        { message: 'churn: note the seed; fraud: much stronger regularization' }
      )
      const result = await pushToMain(before)
      story.merge = result
      expect(jobResults(result)).toEqual([
        ['detect', 'success'],
        ['train churn', 'success'],
        ['train fraud', 'success'],
        ['report', 'failure'],
        ['promote-auto', 'success'],
        ['promote', 'skipped']
      ])
      expect(result.job('report').log).toMatch(/a gated metric regressed beyond its tolerance in fraud \("accuracy"\)/)

      const auto = result.job('promote-auto')
      const outputs = stepOutputs(auto, 'p')
      const promoted = JSON.parse(outputs.promoted) as Array<{ model: string; version: string; 'previous-version': string | null }>
      expect(promoted.map((entry) => entry.model)).toEqual(['churn'])
      const notPromoted = JSON.parse(outputs['not-promoted']) as Array<{ model: string; environment: string; reason: string }>
      expect(notPromoted).toEqual([{ model: 'fraud', environment: 'staging', reason: expect.stringMatching(/^a gated metric regressed beyond its tolerance: "accuracy" [\d.]+ → [\d.]+$/) }])
      // The summary says why, beside what was promoted.
      // (Markdown-escaped: the metric's name is the training's text.)
      expect(auto.summary).toMatch(/\| `fraud` \| `[^`]+` \| ❌ not promoted: a gated metric regressed beyond its tolerance&#58; &quot;accuracy&quot; [\d\\.]+ → [\d\\.]+ \|/)
      expect(auto.summary).toMatch(/\| `churn` \| `[^`]+` \| ✅ promoted: deployment \d+ \(was `[^`]+`\) \|/)

      const staging = records('staging')
      expect(staging.map((record) => [record.model, record.run_id, record.automatic])).toEqual([
        ['churn', first.runId, true],
        ['fraud', first.runId, true],
        ['churn', result.runId, true]
      ])
      expect(livePointer('staging', 'churn').version).toBe(promoted[0].version)
      // fraud's staging endpoint still serves the first training.
      expect(livePointer('staging', 'fraud').version).toBe(firstFraud)
    },
    TRAINING_TIMEOUT_MS
  )

  test(
    "production is promoted by hand from churn's automatic staging record; fraud's regressed training is refused there",
    async () => {
      const merge = earlier(story.merge, 'merge')
      const churnInStaging = records('staging').at(-1) as Payload
      const toProduction = await run({ name: 'workflow_dispatch', payload: workflowDispatchEvent({ inputs: { model: 'churn', version: 'latest', environment: 'production' } }) })
      if (toProduction.conclusion !== 'success') throw new Error(failureLogs(toProduction))
      expect(jobResults(toProduction)).toEqual([
        ['detect', 'skipped'],
        ['train', 'skipped'],
        ['report', 'skipped'],
        ['promote-auto', 'skipped'],
        ['promote', 'success']
      ])
      expect(stepOutputs(toProduction.job('promote'), 'p')).toMatchObject({ version: churnInStaging.version, digest: churnInStaging.digest })
      const [production] = records('production')
      expect(production).toMatchObject({ model: 'churn', version: churnInStaging.version, run_id: merge.runId, promoted_by: 'octocat', state: 'success' })
      // A promotion by hand says nothing of being automatic.
      expect(production.automatic).toBeUndefined()
      expect(livePointer('production', 'churn').version).toBe(churnInStaging.version)
      // The promote summary's history tells the automatic staging records from the manual one.
      expect(toProduction.job('promote').summary).toMatch(/\| production \| `[^`]+` \| `sha256:[0-9a-f]{12}…` \| [\d-]+ [\d:]+ \| octocat \| manual \|/)

      const fraud = await run({ name: 'workflow_dispatch', payload: workflowDispatchEvent({ inputs: { model: 'fraud', version: 'latest', environment: 'production' } }) })
      expect(fraud.job('promote').result).toBe('failure')
      // Its run failed (fraud's own gate), and that training was never live in staging to vouch for it.
      expect(fraud.job('promote').log).toMatch(/fraud \S+ was not promoted to production: rule "default-branch source": run \d+ concluded failure/)
      expect(records('production')).toHaveLength(1)
    },
    TRAINING_TIMEOUT_MS
  )

  test(
    'the status page lists every model x environment: live version, since, by whom, automatic or manual, metrics at promotion, the monitoring verdict, and valid trend charts',
    async () => {
      const merge = earlier(story.merge, 'merge')
      const mainSha = await origin.revParse('main')
      const liveIn = (environment: string, model: string) => records(environment).filter((record) => record.model === model && record.state === 'success').at(-1) as Payload
      const churnStaging = liveIn('staging', 'churn')
      const fraudStaging = liveIn('staging', 'fraud')
      const churnProduction = liveIn('production', 'churn')
      // Two scheduled monitoring runs of staging, each keeping monitor.json in model-ci-monitor as
      // `monitor` writes it: both healthy, then fraud degraded (its gated accuracy fell on the drifted data).
      const monitorRun = (createdAt: string, fraudAccuracy: number) => {
        const run = gh.addWorkflowRun({ head_sha: mainSha, head_branch: 'main', event: 'schedule', name: 'model-ci monitor', path: '.github/workflows/model-ci-monitor.yml' })
        const entry = (live: Payload, metrics: Record<string, number>, regressed: string[]) => ({
          version: live.version,
          digest: live.digest,
          verdict: regressed.length > 0 ? 'degraded' : 'healthy',
          metrics,
          promoted_metrics: live.metrics,
          regressed,
          gate_failed: regressed.length > 0,
          failure: null
        })
        const fraudMetrics = { ...fraudStaging.metrics, accuracy: fraudAccuracy }
        const result = {
          schema: 1,
          environment: 'staging',
          sha: mainSha,
          run_id: run.id,
          created_at: createdAt,
          models: {
            churn: entry(churnStaging, churnStaging.metrics, []),
            fraud: entry(fraudStaging, fraudMetrics, fraudAccuracy < fraudStaging.metrics.accuracy - 0.01 ? ['accuracy'] : [])
          }
        }
        gh.addArtifact({ runId: run.id, name: 'model-ci-monitor', content: makeZip([{ name: 'monitor.json', content: JSON.stringify(result) }]) })
        return run.id
      }
      const healthyRun = monitorRun('2026-12-04T03:00:00Z', fraudStaging.metrics.accuracy)
      const driftedRun = monitorRun('2026-12-05T03:00:00.123Z', fraudStaging.metrics.accuracy - 0.2)

      const workspace = await origin.checkout({ ref: 'refs/heads/main', sha: mainSha })
      const statusRun = gh.addWorkflowRun({ head_sha: mainSha, head_branch: 'main', event: 'schedule', status: 'in_progress' })
      const { env, token } = gh.runnerEnv({ runId: statusRun.id, jobId: 'status' })
      const job = await runJob({ workspace, event: { name: 'schedule', payload: scheduleEvent() }, inputs: { command: 'status' }, env, token, runId: statusRun.id, jobId: 'status', sha: mainSha })
      if (job.exitCode !== 0) throw new Error(`status failed:\n${job.stdout}\n${job.stderr}`)
      const file = join(workspace, 'model-ci-status.md')
      expect(job.outputs['status-file']).toBe(file)
      const page = readFileSync(file, 'utf8')
      expect(job.summary).toContain(page)

      const row = (model: string, environment: string, live: Payload, how: string, monitoring: string) =>
        new RegExp(`^\\| \`${model}\` \\| ${environment} \\| \`${live.version}\` \\| \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} \\| octocat \\| ${how} \\| ${monitoring} \\|$`, 'm')
      expect(page).toMatch(row('churn', 'staging', churnStaging, 'automatic', `🟢 healthy, 2026-12-05 03:00 \\(run ${driftedRun}\\)`))
      expect(page).toMatch(row('churn', 'production', churnProduction, 'manual', 'not monitored yet'))
      expect(page).toMatch(row('fraud', 'staging', fraudStaging, 'automatic', `🟡 degraded, 2026-12-05 03:00 \\(run ${driftedRun}\\)`))
      expect(page).toContain('| `fraud` | production | _nothing live_ | — | — | — | — |')
      // The metrics at promotion beside the latest monitored ones.
      expect(page).toContain('regressed: `accuracy` (a gated metric).')
      expect(page).toContain(`| \`accuracy\` ★ | ${formatValue(fraudStaging.metrics.accuracy)} | ${formatValue(fraudStaging.metrics.accuracy - 0.2)} ⚠️ regressed |`)
      expect(page).toContain(`**production**: \`${churnProduction.version}\` since`)
      expect(page).toContain(`promoted by hand by octocat ([promotion run](`)

      // The gated metrics (accuracy; fraud's model.yml gates recall too) over main's two trainings and over staging's two monitoring runs.
      const charts = mermaidBlocks(page)
      const shaOf = (result: WorkflowRunResult) => (gh.state.run(result.runId)?.head_sha ?? '').slice(0, 7)
      const trainingAxis = `x-axis ["${shaOf(earlier(story.firstPush, 'first push'))}", "${shaOf(merge)}"]`
      expect(charts.filter((chart) => chart.includes(`title "accuracy"\n${trainingAxis}`))).toHaveLength(2)
      expect(charts.filter((chart) => chart.includes('title "accuracy"\nx-axis ["12-04 03.00", "12-05 03.00"]'))).toHaveLength(2)
      expect(charts.filter((chart) => chart.includes(`title "recall"\n${trainingAxis}`))).toHaveLength(1)
      expect(charts).toHaveLength(6)
      expect(parseMermaid(charts)).toEqual(charts.map(() => ({ type: 'xychart' })))
      expect(healthyRun).toBeLessThan(driftedRun)
    },
    TRAINING_TIMEOUT_MS
  )
})
