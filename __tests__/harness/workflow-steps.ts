/**
 * The steps a workflow job can run under the workflow runner, each as a hosted runner would:
 * - `actions/checkout@<ref>`: a fresh clone of the test's GitOrigin at the job's commit into the
 *   job's workspace (shallow, `fetch-depth` 1, unless the step asks for more), via GitOrigin.checkout;
 * - `actions/setup-python@<ref>`: `python` and `python3` on PATH for later steps, pointing at the
 *   interpreter the test chose (Debian's, which has scikit-learn);
 * - the model-ci action: `node dist/index.js` through the job runner, with INPUT_<NAME> from `with:`;
 * - `run:`: a bash script with the step's environment and command files, in the workspace.
 * Any other action is refused: a test must not believe a step ran that nothing emulated.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { GitOrigin } from './git-repo.js'
import type { Annotation, JobEvent } from './job-runner.js'
import { readStepFiles, runJob } from './job-runner.js'

/** What a job gives each of its steps. Mutable parts (`env`, `path`) carry GITHUB_ENV and GITHUB_PATH forward. */
export interface StepSession {
  origin: GitOrigin
  event: JobEvent
  jobId: string
  runId: number
  runAttempt: number
  sha: string
  ref: string
  token: string
  workspace: string
  runnerTemp: string
  /** The job's variables: workflow and job `env:`, then what steps exported through GITHUB_ENV. */
  env: Record<string, string>
  /** Folders steps put before PATH (setup-python, GITHUB_PATH), newest first. */
  path: string[]
  /** The runner's GITHUB_* / RUNNER_* variables, and the emulator's URLs, for every step. */
  runnerVars: Record<string, string>
  /** Variables only actions get (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL, ...), never `run:` scripts. */
  actionVars: Record<string, string>
  /** The interpreter setup-python puts on PATH. */
  python: string
  /** Is this `uses:` the model-ci action under test? */
  isModelCi: (uses: string) => boolean
  /** The job's `timeout-minutes`, in milliseconds, for `run:` scripts. */
  timeoutMs: number
  /** The model-ci bundle to run (the job runner's default, dist/index.js, when undefined). */
  actionEntry?: string
}

export interface StepOutcome {
  exitCode: number
  outputs: Record<string, string>
  summary: string
  annotations: Annotation[]
  /** Values the step registered with `::add-mask::`. */
  masks: string[]
  stdout: string
  stderr: string
}

export interface StepDefinition {
  uses?: string
  run?: string
  with: Record<string, string>
  /** The step's own `env:`, evaluated. */
  env: Record<string, string>
  shell?: string
  workingDirectory?: string
}

export async function runStep(session: StepSession, step: StepDefinition): Promise<StepOutcome> {
  if (step.run !== undefined) return runScript(session, step)
  const uses = step.uses ?? ''
  if (/^actions\/checkout@/.test(uses)) return checkout(session, step.with)
  if (/^actions\/setup-python@/.test(uses)) return setupPython(session, step.with)
  if (session.isModelCi(uses)) return runModelCi(session, step)
  throw new Error(`job "${session.jobId}": the harness does not emulate ${uses}`)
}

const CHECKOUT_INPUTS = ['fetch-depth', 'persist-credentials']
const SETUP_PYTHON_INPUTS = ['python-version', 'cache']

function refuseUnknownInputs(action: string, inputs: Record<string, string>, known: string[]): void {
  const unknown = Object.keys(inputs).filter((name) => !known.includes(name))
  if (unknown.length > 0) throw new Error(`the harness does not emulate ${action} input(s) ${unknown.join(', ')}`)
}

/** A fresh clone at the job's commit, in the job's workspace path (the same path in every job, as on GitHub). */
async function checkout(session: StepSession, inputs: Record<string, string>): Promise<StepOutcome> {
  refuseUnknownInputs('actions/checkout', inputs, CHECKOUT_INPUTS)
  const depth = inputs['fetch-depth'] === undefined || inputs['fetch-depth'] === '' ? 1 : Number(inputs['fetch-depth'])
  if (!Number.isInteger(depth) || depth < 0) throw new Error(`actions/checkout: fetch-depth "${inputs['fetch-depth']}" is not a whole number`)
  const clone = await session.origin.checkout({ ref: session.ref, sha: session.sha, depth })
  rmSync(session.workspace, { recursive: true, force: true })
  renameSync(clone, session.workspace)
  return quietOutcome(`checked out ${session.sha} (${session.ref}) with fetch-depth ${depth}\n`)
}

/**
 * `python` and `python3` in a folder put first on PATH, both the chosen interpreter. They are
 * scripts that exec it, not symbolic links: a venv's interpreter reached through a link from
 * another folder finds no pyvenv.cfg and runs as the base installation, without the venv's packages.
 */
function setupPython(session: StepSession, inputs: Record<string, string>): StepOutcome {
  refuseUnknownInputs('actions/setup-python', inputs, SETUP_PYTHON_INPUTS)
  const shims = join(session.runnerTemp, '_python_shims')
  mkdirSync(shims, { recursive: true })
  for (const name of ['python', 'python3']) {
    if (!existsSync(join(shims, name))) writeFileSync(join(shims, name), `#!/bin/sh\nexec '${session.python.replaceAll("'", "'\\''")}' "$@"\n`, { mode: 0o755 })
  }
  session.path.unshift(shims)
  const outcome = quietOutcome(`python-version ${inputs['python-version'] ?? '(none)'}: using ${session.python}\n`)
  outcome.outputs = { 'python-path': join(shims, 'python') }
  return outcome
}

async function runModelCi(session: StepSession, step: StepDefinition): Promise<StepOutcome> {
  const result = await runJob({
    workspace: session.workspace,
    event: session.event,
    inputs: step.with,
    env: { ...session.runnerVars, ...session.actionVars, ...session.env, ...step.env, PATH: searchPath(session) },
    runnerTemp: session.runnerTemp,
    runId: session.runId,
    runAttempt: session.runAttempt,
    jobId: session.jobId,
    sha: session.sha,
    ref: session.ref,
    token: session.token,
    entry: session.actionEntry
  })
  Object.assign(session.env, result.exportedEnv)
  const { exitCode, outputs, summary, annotations, masks, stdout, stderr } = result
  return { exitCode, outputs, summary, annotations, masks, stdout, stderr }
}

/**
 * A `run:` script as the runner runs it: written to a file, `bash -e {0}` (no `shell:`) or
 * `bash --noprofile --norc -eo pipefail {0}` (`shell: bash`), in the working directory, with fresh
 * GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH and GITHUB_STEP_SUMMARY files.
 */
async function runScript(session: StepSession, step: StepDefinition): Promise<StepOutcome> {
  const args = shellArguments(step.shell)
  const commandDir = mkdtempSync(join(session.runnerTemp, '_runner_file_commands', 'run-'))
  const files = {
    GITHUB_OUTPUT: join(commandDir, 'set_output'),
    GITHUB_ENV: join(commandDir, 'set_env'),
    GITHUB_PATH: join(commandDir, 'add_path'),
    GITHUB_STEP_SUMMARY: join(commandDir, 'step_summary'),
    GITHUB_STATE: join(commandDir, 'save_state')
  }
  for (const file of Object.values(files)) writeFileSync(file, '')
  const script = join(commandDir, 'script.sh')
  writeFileSync(script, step.run ?? '')
  const cwd = resolve(session.workspace, step.workingDirectory ?? '.')
  const env = { ...machineEnv(), ...session.runnerVars, ...files, ...session.env, ...step.env, PATH: searchPath(session) }
  const { exitCode, stdout, stderr } = await execute('bash', [...args, script], cwd, env, session.timeoutMs)
  const { exportedEnv, ...left } = readStepFiles(files, stdout)
  Object.assign(session.env, exportedEnv)
  const added = readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter((line) => line.trim() !== '')
  session.path.unshift(...added.reverse())
  return { exitCode, ...left, stdout, stderr }
}

function shellArguments(shell: string | undefined): string[] {
  if (shell === undefined) return ['-e']
  if (shell === 'bash') return ['--noprofile', '--norc', '-eo', 'pipefail']
  throw new Error(`the harness does not emulate shell "${shell}" (only bash)`)
}

function searchPath(session: StepSession): string {
  return [...session.path, process.env.PATH ?? ''].join(':')
}

/** The machine's basics (PATH, HOME, ...) without anything that belongs to the runner, to git or to jest. */
function machineEnv(): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^(GITHUB_|INPUT_|RUNNER_|ACTIONS_|GIT_)/.test(name) || name === 'NODE_OPTIONS') continue
    kept[name] = value
  }
  return kept
}

function execute(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    execFile(command, args, { cwd, env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error?.killed) {
        resolvePromise({ exitCode: 1, stdout, stderr: `${stderr}\nThe step was cancelled: the job's timeout of ${timeoutMs / 60_000} minutes was reached.\n` })
        return
      }
      if (typeof error?.code === 'string') {
        // The process did not start (the runner's words when the working directory is missing).
        resolvePromise({ exitCode: 1, stdout, stderr: `${stderr}An error occurred trying to start process '${command}' with working directory '${cwd}': ${error.message}\n` })
        return
      }
      resolvePromise({ exitCode: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    })
  })
}

function quietOutcome(stdout: string): StepOutcome {
  return { exitCode: 0, outputs: {}, summary: '', annotations: [], masks: [], stdout, stderr: '' }
}
