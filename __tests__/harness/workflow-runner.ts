/**
 * Runs a real GitHub workflow file, job by job, against the emulator: what a push, a pull request
 * or a `workflow_dispatch` would make GitHub do with it, so that a test asserts what the user would
 * see (job results, outputs, step summaries and logs, comments, artifacts, deployments).
 *
 * ```ts
 * const run = await runWorkflow({ gh, origin, workflowFile, event: { name: 'push', payload: pushEvent({...}) } })
 * run.conclusion                        // 'success' | 'failure'
 * run.job('train', { model: 'fraud' })  // one matrix leg: result, outputs, steps, summary, log
 * ```
 *
 * What it does, as GitHub does:
 * - records a workflow run in the emulator (`addWorkflowRun`, in progress, at the event's head sha
 *   and branch, with its pull request) so artifacts and ledgers belong to it, and completes it with
 *   the run's conclusion at the end, so later runs find it among completed runs; a push also moves
 *   the emulator's branch;
 * - runs jobs in `needs` order, one at a time; a job's `if:` (default `success()`: every job it
 *   needs, directly or not, succeeded), `strategy.matrix` (vectors, include, exclude; usually
 *   `${{ fromJSON(needs.detect.outputs.matrix) }}`) expanded to one run per combination, the legs
 *   after a failed one cancelled unless `fail-fast: false`; `outputs:` evaluated after its steps (a
 *   matrix job's from the last leg that set them);
 * - steps: `if:`, `continue-on-error`, `env:`, `with:`, step outputs, GITHUB_ENV and GITHUB_PATH
 *   carried to later steps, secrets and `::add-mask::` values shown as `***` in logs (see
 *   workflow-steps.ts for the actions it emulates);
 * - gives each job a token of its own registered with the emulator: `write` when its `permissions:`
 *   (the job's, else the workflow's) grant any write or `write-all`, else `read`; no `permissions:`
 *   at all is GitHub's permissive default (`write`), and a pull request from a fork always gets `read`
 *   and no secrets but GITHUB_TOKEN. The emulator knows one read/write level per token, not scopes:
 *   the job's declared `permissions` are returned for tests to assert on;
 * - every job starts in the same workspace and RUNNER_TEMP paths, emptied, as on a fresh runner
 *   (the cache hashes absolute paths, so this is what lets one job restore what another saved);
 * - evaluates `${{ }}` with GitHub's expression library against github, inputs (declared defaults
 *   filled in), needs, matrix, strategy, steps, env, secrets, vars, job and runner.
 * Recorded, not enforced: `environment:` (no approval gate, and no deployment of GitHub's own for the
 * job), `runs-on` (every job runs here), `concurrency` (runs and jobs run one at a time anyway).
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import yaml from 'js-yaml'
import type { Emulator, Permission } from '../emulator/index.js'
import type { Contexts, Status } from './expressions.js'
import { evaluateCondition, evaluateString, evaluateTemplate } from './expressions.js'
import type { GitOrigin } from './git-repo.js'
import type { Annotation, JobEvent } from './job-runner.js'
import { expandMatrix, type MatrixEntry } from './matrix.js'
import type { RunFacts } from './workflow-contexts.js'
import { eventPath, githubContext, inputsContext, runnerVariables, runTarget } from './workflow-contexts.js'
import type { StepSession } from './workflow-steps.js'
import { runStep } from './workflow-steps.js'
import { TEST_PYTHON } from './python.js'

export interface RunWorkflowOptions {
  gh: Emulator
  /** The repository the jobs check out. */
  origin: GitOrigin
  /** The workflow file on disk. */
  workflowFile: string
  /** Its path in the repository, the run's `path`; `.github/workflows/<file name>` when absent. */
  workflowPath?: string
  event: JobEvent
  /** GITHUB_SHA. Default: a push's `after`, a pull request's merge commit, else the tip of the event's branch. */
  sha?: string
  /** GITHUB_REF. Default: a push's `ref`, `refs/pull/<n>/merge`, else the event's `ref`. */
  ref?: string
  /** Variables of the runner machine, seen by every step (for example a deploy script's target folder). */
  env?: Record<string, string>
  /** Repository secrets besides GITHUB_TOKEN. */
  secrets?: Record<string, string>
  /** What actions/setup-python puts on PATH; the test venv's interpreter when absent. */
  python?: string
  /** Which `uses:` is the model-ci action; any `<owner>/model-ci@<ref>` when absent. */
  isModelCi?: (uses: string) => boolean
  /** The bundle that model-ci steps run; this repository's dist/index.js when absent. */
  actionEntry?: string
}

export type JobResultName = 'success' | 'failure' | 'cancelled' | 'skipped'

export interface StepRun {
  id?: string
  name: string
  /** The step's own result; `conclusion` is `success` for a failure `continue-on-error` allowed. */
  outcome: JobResultName
  conclusion: JobResultName
  outputs: Record<string, string>
  summary: string
  annotations: Annotation[]
  /** The step's log, with secrets and masked values shown as `***`, as GitHub shows it. */
  stdout: string
  stderr: string
  /** Wall-clock time the step took (0 when skipped). */
  durationMs: number
}

export interface JobRun {
  /** The job's key under `jobs:`. */
  id: string
  /** Its display name: `name:`, else the id with the matrix values, as GitHub shows it. */
  name: string
  /** The leg's matrix values; undefined for a job without a matrix. */
  matrix?: MatrixEntry
  result: JobResultName
  outputs: Record<string, string>
  steps: StepRun[]
  /** Every step's job summary, in order. */
  summary: string
  /** The job's log: each step's name, stdout and stderr. */
  log: string
  /** The job's `runs-on`, evaluated (recorded; every job runs on this machine). */
  runsOn?: unknown
  /** The environment the job named (`environment:` or `environment.name`). */
  environment?: string
  /** The job's `permissions:` as written (the workflow's when the job has none). */
  permissions?: unknown
  /** The token's level at the emulator (for a skipped job: what it would have been). */
  tokenPermission: Permission
}

export interface WorkflowRunResult {
  runId: number
  conclusion: 'success' | 'failure'
  /** Every job run, matrix legs one by one, in the order they ran (skipped jobs once each). */
  jobs: JobRun[]
  /** The one run of job `id` (the one leg whose matrix has `matrix`'s values); throws when not exactly one. */
  job(id: string, matrix?: MatrixEntry): JobRun
}

interface WorkflowFile {
  name?: string
  on?: unknown
  env?: Record<string, unknown>
  permissions?: unknown
  defaults?: { run?: { shell?: string; 'working-directory'?: string } }
  jobs: Record<string, JobDefinition>
}

interface JobDefinition {
  name?: string
  needs?: string | string[]
  if?: unknown
  permissions?: unknown
  environment?: unknown
  strategy?: { matrix?: unknown; 'fail-fast'?: unknown; 'max-parallel'?: unknown }
  outputs?: Record<string, unknown>
  env?: Record<string, unknown>
  defaults?: { run?: { shell?: string; 'working-directory'?: string } }
  'timeout-minutes'?: unknown
  steps?: StepYaml[]
  [key: string]: unknown
}

interface StepYaml {
  id?: string
  name?: string
  if?: unknown
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
  shell?: string
  'working-directory'?: string
  'continue-on-error'?: unknown
}

/** The event names of a workflow's `on:`, written as a name, a list or a mapping. */
function triggersOf(on: unknown): string[] {
  if (typeof on === 'string') return [on]
  if (Array.isArray(on)) return on.map(String)
  return on !== null && typeof on === 'object' ? Object.keys(on) : []
}

/** Job keys the harness cannot honour; a workflow using them must not pass unnoticed. */
const UNSUPPORTED_JOB_KEYS = ['uses', 'container', 'services', 'continue-on-error']
const DEFAULT_TIMEOUT_MINUTES = 360

export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRunResult> {
  const workflow = yaml.load(readFileSync(options.workflowFile, 'utf8')) as WorkflowFile
  const workflowPath = options.workflowPath ?? `.github/workflows/${basename(options.workflowFile)}`
  const triggers = triggersOf(workflow.on)
  // GitHub starts a workflow only for the events its `on:` lists: a test of another event tests nothing real.
  if (!triggers.includes(options.event.name)) throw new Error(`GitHub would not run ${workflowPath} for ${options.event.name}: its on: lists ${triggers.join(', ') || 'nothing'}`)
  const target = await runTarget(options)
  // GitHub knows where a pushed branch now points (a deployment's `ref` resolves against it).
  if (options.event.name === 'push') options.gh.setBranch(target.headBranch, target.sha)
  const runRecord = options.gh.addWorkflowRun({
    head_sha: target.headSha,
    head_branch: target.headBranch,
    head_owner: target.headOwner,
    event: options.event.name,
    path: workflowPath,
    name: workflow.name ?? workflowPath,
    status: 'in_progress',
    // GitHub lists no pull request on a run from a fork (the pull request lives in another repository's view).
    pull_requests: target.pullRequest === undefined || target.fromFork ? [] : [target.pullRequest]
  })
  const runnerRoot = join(options.origin.root, 'runner')
  const repositoryName = options.gh.state.repository.name
  const facts: RunFacts = {
    gh: options.gh,
    event: options.event,
    target,
    runId: runRecord.id,
    workflowName: workflow.name ?? workflowPath,
    workflowPath,
    workspace: join(runnerRoot, 'work', repositoryName, repositoryName),
    runnerTemp: join(runnerRoot, 'temp')
  }
  const jobs = await new WorkflowExecution(options, workflow, facts).runAll()
  const conclusion = jobs.some((job) => job.result === 'failure') ? 'failure' : 'success'
  options.gh.updateWorkflowRun(runRecord.id, { status: 'completed', conclusion })
  return {
    runId: runRecord.id,
    conclusion,
    jobs,
    job(id, matrix) {
      const found = jobs.filter((job) => job.id === id && (matrix === undefined || Object.entries(matrix).every(([key, value]) => job.matrix?.[key] === value)))
      if (found.length !== 1) throw new Error(`expected one run of job "${id}"${matrix ? ` with ${JSON.stringify(matrix)}` : ''}, found ${found.length}`)
      return found[0]
    }
  }
}

class WorkflowExecution {
  private readonly results = new Map<string, { result: JobResultName; outputs: Record<string, string> }>()

  constructor(
    private readonly options: RunWorkflowOptions,
    private readonly workflow: WorkflowFile,
    private readonly run: RunFacts
  ) {}

  async runAll(): Promise<JobRun[]> {
    const runs: JobRun[] = []
    for (const jobId of this.jobOrder()) {
      const legs = await this.runJob(jobId)
      runs.push(...legs)
      this.results.set(jobId, { result: combinedResult(legs), outputs: Object.assign({}, ...legs.map((leg) => leg.outputs)) })
    }
    return runs
  }

  /** Jobs in an order where each comes after all it needs (file order among the ready ones). */
  private jobOrder(): string[] {
    const jobs = this.workflow.jobs
    const order: string[] = []
    const pending = Object.keys(jobs)
    while (pending.length > 0) {
      const ready = pending.find((id) => needsOf(jobs[id]).every((need) => order.includes(need)))
      if (ready === undefined) throw new Error(`runWorkflow: the needs of ${pending.join(', ')} form a cycle or name a missing job`)
      order.push(ready)
      pending.splice(pending.indexOf(ready), 1)
    }
    return order
  }

  private async runJob(jobId: string): Promise<JobRun[]> {
    const job = this.workflow.jobs[jobId]
    const unsupported = UNSUPPORTED_JOB_KEYS.filter((key) => key in job)
    if (unsupported.length > 0) throw new Error(`job "${jobId}": the harness does not emulate ${unsupported.join(', ')}`)
    const contexts = this.baseContexts(jobId)
    const ancestors = this.ancestorsOf(jobId)
    const status: Status = {
      success: ancestors.every((id) => this.results.get(id)?.result === 'success'),
      failure: ancestors.some((id) => this.results.get(id)?.result === 'failure' || this.results.get(id)?.result === 'cancelled')
    }
    if (!evaluateCondition(job.if, contexts, status)) {
      return [this.skippedJob(jobId, job)]
    }
    const matrix = job.strategy?.matrix === undefined ? [undefined] : expandMatrix(evaluateTemplate(job.strategy.matrix, contexts), jobId)
    // GitHub cancels a matrix's unfinished legs when one fails, unless fail-fast is false. Legs run
    // one after another here, so the legs after a failure are the unfinished ones.
    const failFast = evaluateTemplate(job.strategy?.['fail-fast'] ?? true, contexts) !== false
    const legs: JobRun[] = []
    for (const [index, entry] of matrix.entries()) {
      if (failFast && legs.some((leg) => leg.result === 'failure')) {
        legs.push({ ...this.skippedJob(jobId, job, entry), result: 'cancelled' })
        continue
      }
      legs.push(await this.runLeg(jobId, job, entry, { index, total: matrix.length }))
    }
    return legs
  }

  private async runLeg(jobId: string, job: JobDefinition, matrix: MatrixEntry | undefined, position: { index: number; total: number }): Promise<JobRun> {
    const { gh } = this.options
    const permissions = job.permissions ?? this.workflow.permissions
    const { workspace, runnerTemp, target } = this.run
    const tokenPermission = this.tokenPermissionOf(job)
    const token = `ghs_${randomBytes(18).toString('hex')}`
    gh.addToken(token, { permissions: tokenPermission })
    for (const dir of [workspace, runnerTemp]) {
      rmSync(dir, { recursive: true, force: true })
      mkdirSync(dir, { recursive: true })
    }
    mkdirSync(join(runnerTemp, '_runner_file_commands'), { recursive: true })

    const secrets = target.fromFork ? { GITHUB_TOKEN: token } : { ...this.options.secrets, GITHUB_TOKEN: token }
    const contexts: Contexts = {
      ...this.baseContexts(jobId, token),
      matrix: matrix ?? {},
      strategy: { 'fail-fast': job.strategy?.['fail-fast'] ?? true, 'job-index': position.index, 'job-total': position.total, 'max-parallel': position.total },
      secrets,
      runner: { os: 'Linux', arch: 'X64', name: 'GitHub Actions 1', temp: runnerTemp, tool_cache: join(runnerTemp, '_tool'), environment: 'github-hosted' },
      job: { status: 'success' },
      steps: {}
    }
    const name = job.name === undefined ? displayName(jobId, matrix) : evaluateString(job.name, contexts, `job "${jobId}" name`)
    const environment = environmentName(evaluateTemplate(job.environment, contexts))
    const runsOn = evaluateTemplate(job['runs-on'], contexts)
    const env = { ...(contexts.env as Record<string, string>) }
    Object.assign(env, this.evaluateEnv(job.env, contexts, `job "${jobId}" env`))
    const timeoutMinutes = Number(evaluateTemplate(job['timeout-minutes'] ?? DEFAULT_TIMEOUT_MINUTES, contexts))
    const { env: emulatorVars } = gh.runnerEnv({ runId: this.run.runId, jobId, token })
    const session: StepSession = {
      origin: this.options.origin,
      event: this.options.event,
      jobId,
      runId: this.run.runId,
      runAttempt: 1,
      sha: target.sha,
      ref: target.ref,
      token,
      workspace,
      runnerTemp,
      env,
      path: [],
      runnerVars: { ...runnerVariables(this.run, jobId), ...pick(emulatorVars, (key) => key.startsWith('GITHUB_')), ...this.options.env },
      actionVars: pick(emulatorVars, (key) => key.startsWith('ACTIONS_')),
      python: this.options.python ?? TEST_PYTHON,
      isModelCi: this.options.isModelCi ?? ((uses) => /^[^/]+\/model-ci@/.test(uses)),
      timeoutMs: timeoutMinutes * 60_000,
      actionEntry: this.options.actionEntry
    }
    writeFileSync(eventPath(this.run), JSON.stringify(this.options.event.payload, null, 2))

    const { steps, stepsContext } = await this.runSteps(session, job, contexts)
    const failed = steps.some((step) => step.conclusion === 'failure')
    const finalContexts = { ...contexts, env: session.env, steps: stepsContext, job: { status: failed ? 'failure' : 'success' } }
    const outputs: Record<string, string> = {}
    for (const [key, value] of Object.entries(job.outputs ?? {})) {
      outputs[key] = evaluateString(value, finalContexts, `job "${jobId}" output ${key}`)
    }
    return {
      id: jobId,
      name,
      matrix,
      result: failed ? 'failure' : 'success',
      // GitHub drops empty outputs of a job: `needs.x.outputs.y` is then ''.
      outputs: Object.fromEntries(Object.entries(outputs).filter(([, value]) => value !== '')),
      steps,
      summary: steps.map((step) => step.summary).join(''),
      log: steps.map((step) => `##[group]${step.name} (${step.conclusion}, ${step.durationMs} ms)\n${step.stdout}${step.stderr}##[endgroup]\n`).join(''),
      runsOn,
      environment,
      permissions,
      tokenPermission
    }
  }

  private async runSteps(session: StepSession, job: JobDefinition, contexts: Contexts): Promise<{ steps: StepRun[]; stepsContext: Record<string, unknown> }> {
    // GitHub masks every secret in logs, and whatever a step registers with ::add-mask::.
    const masks = new Set(Object.values(contexts.secrets as Record<string, string>).filter((value) => value !== ''))
    const steps: StepRun[] = []
    const stepsContext: Record<string, unknown> = {}
    for (const [index, step] of (job.steps ?? []).entries()) {
      const status: Status = { success: steps.every((done) => done.conclusion !== 'failure'), failure: steps.some((done) => done.conclusion === 'failure') }
      const stepContexts = { ...contexts, env: { ...session.env }, steps: stepsContext, job: { status: status.success ? 'success' : 'failure' } }
      const name = step.name === undefined ? defaultStepName(step) : evaluateString(step.name, stepContexts, `step ${index + 1} name`)
      const stepRun = await this.runOneStep(session, job, step, name, stepContexts, status, masks)
      steps.push(stepRun)
      if (step.id !== undefined) stepsContext[step.id] = { outputs: stepRun.outputs, outcome: stepRun.outcome, conclusion: stepRun.conclusion }
    }
    return { steps, stepsContext }
  }

  private async runOneStep(
    session: StepSession,
    job: JobDefinition,
    step: StepYaml,
    name: string,
    contexts: Contexts,
    status: Status,
    masks: Set<string>
  ): Promise<StepRun> {
    const skipped: StepRun = { id: step.id, name, outcome: 'skipped', conclusion: 'skipped', outputs: {}, summary: '', annotations: [], stdout: '', stderr: '', durationMs: 0 }
    if (!evaluateCondition(step.if, contexts, status)) return skipped
    const stepEnv = this.evaluateEnv(step.env, contexts, `step "${name}" env`)
    const withContexts = { ...contexts, env: { ...session.env, ...stepEnv } }
    const inputs: Record<string, string> = {}
    for (const [key, value] of Object.entries(step.with ?? {})) inputs[key] = evaluateString(value, withContexts, `step "${name}" with.${key}`)
    const defaults = { ...this.workflow.defaults?.run, ...job.defaults?.run }
    const started = Date.now()
    const outcome = await runStep(session, {
      uses: step.uses,
      run: step.run === undefined ? undefined : evaluateString(step.run, withContexts, `step "${name}" run`),
      with: inputs,
      env: stepEnv,
      shell: step.shell ?? defaults.shell,
      workingDirectory: step['working-directory'] ?? defaults['working-directory']
    })
    const result: JobResultName = outcome.exitCode === 0 ? 'success' : 'failure'
    const continueOnError = evaluateTemplate(step['continue-on-error'] ?? false, withContexts)
    const allowedToFail = result === 'failure' && (continueOnError === true || continueOnError === 'true')
    for (const value of outcome.masks) masks.add(value)
    return {
      id: step.id,
      name,
      outcome: result,
      conclusion: allowedToFail ? 'success' : result,
      outputs: outcome.outputs,
      summary: outcome.summary,
      annotations: outcome.annotations,
      stdout: masked(outcome.stdout, masks),
      stderr: masked(outcome.stderr, masks),
      durationMs: Date.now() - started
    }
  }

  private skippedJob(jobId: string, job: JobDefinition, matrix?: MatrixEntry): JobRun {
    const permissions = job.permissions ?? this.workflow.permissions
    const name = job.name ?? displayName(jobId, matrix)
    return { id: jobId, name, matrix, result: 'skipped', outputs: {}, steps: [], summary: '', log: '', permissions, tokenPermission: this.tokenPermissionOf(job) }
  }

  /** The level of the job's token: what its `permissions:` ask for, and never write for a fork. */
  private tokenPermissionOf(job: JobDefinition): Permission {
    return this.run.target.fromFork ? 'read' : permissionOf(job.permissions ?? this.workflow.permissions)
  }

  /** Contexts known before a job's matrix: github, inputs, needs, vars, env (the workflow's). */
  private baseContexts(jobId: string, token = ''): Contexts {
    const needs: Record<string, unknown> = {}
    for (const need of needsOf(this.workflow.jobs[jobId])) {
      const done = this.results.get(need)
      needs[need] = { result: done?.result ?? 'skipped', outputs: done?.outputs ?? {} }
    }
    const github = githubContext(this.run, jobId, token)
    const contexts: Contexts = { github, inputs: inputsContext(this.options.event, this.workflow.on), needs, vars: {}, secrets: {}, env: {} }
    contexts.env = this.evaluateEnv(this.workflow.env, contexts, 'workflow env')
    return contexts
  }

  private evaluateEnv(env: Record<string, unknown> | undefined, contexts: Contexts, where: string): Record<string, string> {
    const evaluated: Record<string, string> = {}
    for (const [key, value] of Object.entries(env ?? {})) evaluated[key] = evaluateString(value, contexts, `${where} ${key}`)
    return evaluated
  }

  /** Every job `jobId` needs, directly or through the jobs it needs. */
  private ancestorsOf(jobId: string): string[] {
    const found = new Set<string>()
    const visit = (id: string): void => {
      for (const need of needsOf(this.workflow.jobs[id])) {
        if (!found.has(need)) {
          found.add(need)
          visit(need)
        }
      }
    }
    visit(jobId)
    return [...found]
  }
}

/** A job's result from its legs' results, as `needs.<job>.result` gives it. */
function combinedResult(legs: JobRun[]): JobResultName {
  for (const result of ['failure', 'cancelled', 'success'] as const) {
    if (legs.some((leg) => leg.result === result)) return result
  }
  return 'skipped'
}

function needsOf(job: JobDefinition | undefined): string[] {
  if (job?.needs === undefined) return []
  return Array.isArray(job.needs) ? job.needs : [job.needs]
}

/** The token level a job's `permissions:` asks for: any write (or `write-all`) needs a write token. */
function permissionOf(permissions: unknown): Permission {
  if (permissions === undefined) return 'write'
  if (permissions === 'write-all') return 'write'
  if (typeof permissions === 'object' && permissions !== null) {
    return Object.values(permissions).some((level) => level === 'write') ? 'write' : 'read'
  }
  return 'read'
}

function environmentName(environment: unknown): string | undefined {
  if (environment === undefined || environment === null || environment === '') return undefined
  if (typeof environment === 'object') return String((environment as { name?: unknown }).name ?? '')
  return String(environment)
}

function displayName(jobId: string, matrix: MatrixEntry | undefined): string {
  if (matrix === undefined) return jobId
  const values = Object.values(matrix).filter((value) => value === null || typeof value !== 'object')
  return `${jobId} (${values.map(String).join(', ')})`
}

function defaultStepName(step: StepYaml): string {
  if (step.uses !== undefined) return `Run ${step.uses}`
  return `Run ${(step.run ?? '').split('\n')[0]}`
}

function masked(text: string, masks: Set<string>): string {
  let shown = text
  for (const value of masks) shown = shown.split(value).join('***')
  return shown
}

function pick(vars: Record<string, string>, keep: (key: string) => boolean): Record<string, string> {
  return Object.fromEntries(Object.entries(vars).filter(([key]) => keep(key)))
}
