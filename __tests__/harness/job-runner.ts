/**
 * Runs the bundled action (`node dist/index.js`) as one step of a GitHub Actions job: a subprocess
 * with the environment a hosted runner gives a JavaScript action, and returns what a user would see
 * on GitHub: the exit code, the step's outputs, its job summary and its annotations.
 *
 * What the runner gives, and this reproduces:
 * - the event payload in a file (GITHUB_EVENT_PATH) and empty per-step command files
 *   (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_ENV, GITHUB_STATE, GITHUB_PATH) under RUNNER_TEMP;
 * - the GITHUB_* / RUNNER_* variables, CI=true, the working directory = GITHUB_WORKSPACE;
 * - INPUT_<NAME> for every input action.yml declares: the step's `with:` value, else the declared
 *   default, whose `${{ github.token }}`-style expressions are evaluated against the job's context.
 *   The name is upper-cased with spaces as `_`; hyphens stay (`INPUT_WORKING-DIRECTORY`).
 * The test process's own GITHUB_*, INPUT_*, RUNNER_*, ACTIONS_* and GIT_* variables are never passed
 * on, nor NODE_OPTIONS (jest's flags are not the runner's). GITHUB_API_URL points at a closed local
 * port unless `env` says otherwise (the emulator's `runnerEnv()`), so no step reaches the network.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import yaml from 'js-yaml'

/** The repository root: action.yml and dist/ live here. */
export const ACTION_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Nothing listens on port 9 (discard): a step that calls the API without an emulator fails fast. */
export const UNREACHABLE_API_URL = 'http://127.0.0.1:9'

/** The default job token, shaped like GitHub's installation tokens so masking can be checked. */
export const DEFAULT_JOB_TOKEN = 'ghs_jobRunnerDefaultToken0000000000000000'

const STEP_TIMEOUT_MS = 60_000

export interface JobEvent {
  /** GITHUB_EVENT_NAME: `pull_request`, `push`, `workflow_dispatch`, `schedule`, ... */
  name: string
  /** The webhook payload GitHub writes to GITHUB_EVENT_PATH. */
  payload: Record<string, unknown>
}

export interface RunJobOptions {
  /** GITHUB_WORKSPACE and the step's working directory: the checkout. */
  workspace: string
  event: JobEvent
  /** The step's `with:` values, by input name as action.yml spells it. */
  inputs: Record<string, string>
  /** Extra variables, set last before the inputs: the emulator's `runnerEnv()`, or overrides. */
  env?: Record<string, string>
  /** RUNNER_TEMP; a fresh folder, removed after the step, when absent. Jobs that share a cache must share this path. */
  runnerTemp?: string
  /** GITHUB_RUN_ID (default 1). */
  runId?: number
  /** GITHUB_RUN_ATTEMPT (default 1). */
  runAttempt?: number
  /** GITHUB_JOB: the job's id, its key under `jobs:` (default `job`). */
  jobId?: string
  /** GITHUB_SHA. Default: `after` for a push, else the commit checked out in the workspace. */
  sha?: string
  /** GITHUB_REF. Default: `ref` for a push, `refs/pull/<n>/merge` for a pull request, else the default branch. */
  ref?: string
  /** `github.token`, the default of a `token` input. */
  token?: string
  /** The script to run (default: dist/index.js of this repository); the harness's own tests use a stand-in. */
  entry?: string
}

export type AnnotationLevel = 'error' | 'warning' | 'notice'

/** A workflow command `::error file=f,line=1,title=t::message`, unescaped. */
export interface Annotation {
  level: AnnotationLevel
  message: string
  file?: string
  line?: number
  title?: string
}

export interface JobResult {
  exitCode: number
  /** The step's outputs (GITHUB_OUTPUT), by name. */
  outputs: Record<string, string>
  /** What the step appended to GITHUB_STEP_SUMMARY (Markdown). */
  summary: string
  annotations: Annotation[]
  /** Values the step registered with `::add-mask::` (the runner would show them as ***). */
  masks: string[]
  /** Variables the step exported for later steps (GITHUB_ENV). */
  exportedEnv: Record<string, string>
  stdout: string
  stderr: string
  /** The environment the step ran with (files under a RUNNER_TEMP made by runJob are gone). */
  env: Record<string, string>
}

/**
 * Runs one step of the action and reports what the runner would show. A RUNNER_TEMP made here is
 * removed afterwards; one the caller gave is left for the job's next step.
 */
export async function runJob(options: RunJobOptions): Promise<JobResult> {
  const runnerTemp = options.runnerTemp ?? mkdtempSync(join(tmpdir(), 'model-ci-runner-'))
  try {
    return await runStep(options, runnerTemp)
  } finally {
    if (options.runnerTemp === undefined) rmSync(runnerTemp, { recursive: true, force: true })
  }
}

async function runStep(options: RunJobOptions, runnerTemp: string): Promise<JobResult> {
  const files = prepareRunnerFiles(runnerTemp, options.event)
  const sha = options.sha ?? defaultSha(options.event, await checkedOutCommit(options.workspace))
  const ref = options.ref ?? defaultRef(options.event)
  const token = options.token ?? DEFAULT_JOB_TOKEN
  const env: Record<string, string> = {
    ...machineEnv(),
    ...runnerEnv({ options, runnerTemp, sha, ref }),
    ...files,
    ...options.env,
    ...inputEnv(options.inputs, { github: { token, event: options.event.payload, sha, ref } })
  }
  const entry = options.entry ?? join(ACTION_ROOT, 'dist', 'index.js')
  const { exitCode, stdout, stderr } = await runNode(entry, options.workspace, env)
  return { exitCode, ...readStepFiles(files, stdout), stdout, stderr, env }
}

/** What a step left for the runner: its outputs, summary and exported variables, and the workflow commands in its stdout. */
export function readStepFiles(
  files: { GITHUB_OUTPUT: string; GITHUB_STEP_SUMMARY: string; GITHUB_ENV: string },
  stdout: string
): { outputs: Record<string, string>; summary: string; annotations: Annotation[]; masks: string[]; exportedEnv: Record<string, string> } {
  const commands = parseWorkflowCommands(stdout)
  return {
    outputs: Object.fromEntries(parseCommandFile(readFileSync(files.GITHUB_OUTPUT, 'utf8'), 'GITHUB_OUTPUT')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    annotations: commands.annotations,
    masks: commands.masks,
    exportedEnv: Object.fromEntries(parseCommandFile(readFileSync(files.GITHUB_ENV, 'utf8'), 'GITHUB_ENV'))
  }
}

/** The machine's basics (PATH, HOME, ...) without anything that belongs to the runner or to jest. */
function machineEnv(): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^(GITHUB_|INPUT_|RUNNER_|ACTIONS_|GIT_)/.test(name) || name === 'NODE_OPTIONS') continue
    kept[name] = value
  }
  return kept
}

function runnerEnv(args: { options: RunJobOptions; runnerTemp: string; sha: string; ref: string }): Record<string, string> {
  const { options, runnerTemp, sha, ref } = args
  const payload = options.event.payload
  const repository = repositoryOf(payload)
  const pullRequest = payload.pull_request as { head?: { ref?: string }; base?: { ref?: string } } | undefined
  const toolCache = join(runnerTemp, '_tool')
  mkdirSync(toolCache, { recursive: true })
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.event.name,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: repository.fullName,
    GITHUB_REPOSITORY_OWNER: repository.owner,
    GITHUB_SHA: sha,
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags|pull)\//, ''),
    GITHUB_REF_TYPE: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    GITHUB_HEAD_REF: pullRequest?.head?.ref ?? '',
    GITHUB_BASE_REF: pullRequest?.base?.ref ?? '',
    GITHUB_RUN_ID: String(options.runId ?? 1),
    GITHUB_RUN_NUMBER: String(options.runId ?? 1),
    GITHUB_RUN_ATTEMPT: String(options.runAttempt ?? 1),
    GITHUB_JOB: options.jobId ?? 'job',
    GITHUB_ACTION: '__run',
    GITHUB_ACTION_REPOSITORY: 'acme/model-ci',
    GITHUB_ACTOR: 'octocat',
    GITHUB_TRIGGERING_ACTOR: 'octocat',
    GITHUB_WORKFLOW: 'model-ci',
    GITHUB_WORKFLOW_REF: `${repository.fullName}/.github/workflows/model-ci.yml@${ref}`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: UNREACHABLE_API_URL,
    GITHUB_GRAPHQL_URL: `${UNREACHABLE_API_URL}/graphql`,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 1',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: toolCache
  }
}

function repositoryOf(payload: Record<string, unknown>): { fullName: string; owner: string } {
  const repository = payload.repository as { full_name?: string; owner?: { login?: string } } | undefined
  const fullName = repository?.full_name ?? 'acme/models'
  return { fullName, owner: repository?.owner?.login ?? fullName.split('/')[0] }
}

type RunnerFiles = Record<'GITHUB_EVENT_PATH' | 'GITHUB_OUTPUT' | 'GITHUB_STEP_SUMMARY' | 'GITHUB_ENV' | 'GITHUB_STATE' | 'GITHUB_PATH', string>

/** The event file and the step's empty command files, where the runner keeps them under RUNNER_TEMP. */
function prepareRunnerFiles(runnerTemp: string, event: JobEvent): RunnerFiles {
  const workflowDir = join(runnerTemp, '_github_workflow')
  const commandRoot = join(runnerTemp, '_runner_file_commands')
  mkdirSync(workflowDir, { recursive: true })
  mkdirSync(commandRoot, { recursive: true })
  // Each step gets its own command files, so steps of one job that share RUNNER_TEMP stay apart.
  const commandDir = mkdtempSync(join(commandRoot, 'step-'))
  const files: RunnerFiles = {
    GITHUB_EVENT_PATH: join(workflowDir, 'event.json'),
    GITHUB_OUTPUT: join(commandDir, 'set_output'),
    GITHUB_STEP_SUMMARY: join(commandDir, 'step_summary'),
    GITHUB_ENV: join(commandDir, 'set_env'),
    GITHUB_STATE: join(commandDir, 'save_state'),
    GITHUB_PATH: join(commandDir, 'add_path')
  }
  writeFileSync(files.GITHUB_EVENT_PATH, JSON.stringify(event.payload, null, 2))
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'GITHUB_ENV', 'GITHUB_STATE', 'GITHUB_PATH'] as const) {
    writeFileSync(files[name], '')
  }
  return files
}

function defaultSha(event: JobEvent, checkedOut: string | undefined): string {
  const after = event.payload.after
  if (event.name === 'push' && typeof after === 'string') return after
  if (checkedOut === undefined) throw new Error(`runJob: give "sha" for a ${event.name} event when the workspace is not a git checkout`)
  return checkedOut
}

function defaultRef(event: JobEvent): string {
  const payload = event.payload
  if (event.name === 'push' && typeof payload.ref === 'string') return payload.ref
  const pullRequest = payload.pull_request as { number?: number } | undefined
  if (pullRequest?.number !== undefined) return `refs/pull/${pullRequest.number}/merge`
  if (typeof payload.ref === 'string') return payload.ref.startsWith('refs/') ? payload.ref : `refs/heads/${payload.ref}`
  const repository = payload.repository as { default_branch?: string } | undefined
  return `refs/heads/${repository?.default_branch ?? 'main'}`
}

function checkedOutCommit(workspace: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: workspace, env: machineEnv() }, (error, stdout) =>
      resolve(error ? undefined : stdout.trim())
    )
  })
}

/**
 * INPUT_* for every input action.yml declares: the step's value, else the declared default. A step
 * value for an input action.yml does not declare is a mistake in the test, as on GitHub (a warning
 * there, an error here).
 */
function inputEnv(inputs: Record<string, string>, context: Record<string, unknown>): Record<string, string> {
  const declared = (yaml.load(readFileSync(join(ACTION_ROOT, 'action.yml'), 'utf8')) as { inputs?: Record<string, { default?: unknown }> }).inputs ?? {}
  for (const name of Object.keys(inputs)) {
    if (!(name in declared)) throw new Error(`runJob: action.yml declares no input named "${name}"`)
  }
  const env: Record<string, string> = {}
  for (const [name, spec] of Object.entries(declared)) {
    const value = name in inputs ? inputs[name] : evaluateDefault(spec?.default, context)
    if (value !== undefined) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  return env
}

/** A default as the runner evaluates it: `${{ a.b.c }}` looked up in the context (missing → ''). */
function evaluateDefault(value: unknown, context: Record<string, unknown>): string | undefined {
  if (value === undefined || value === null) return undefined
  const text = String(value)
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_match, path: string) => {
    const found = path.split('.').reduce<unknown>((object, key) => (object as Record<string, unknown> | undefined)?.[key], context)
    return found === undefined || found === null ? '' : String(found)
  })
}

function runNode(entry: string, cwd: string, env: Record<string, string>): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [entry],
      { cwd, env, timeout: STEP_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error && error.killed) {
          reject(new Error(`runJob: ${entry} did not finish within ${STEP_TIMEOUT_MS} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`))
          return
        }
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ exitCode: code, stdout, stderr })
      }
    )
  })
}

/**
 * Reads a GITHUB_OUTPUT or GITHUB_ENV file as the runner does: `name=value` lines and the
 * multiline form `name<<DELIMITER`, the value's lines, `DELIMITER`. A later value for a name wins.
 */
export function parseCommandFile(text: string, fileName: string): Map<string, string> {
  const values = new Map<string, string>()
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''))
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]
    if (line === '') continue
    const equals = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (equals > 0 && (heredoc === -1 || equals < heredoc)) {
      values.set(line.slice(0, equals), line.slice(equals + 1))
      continue
    }
    if (heredoc <= 0) throw new Error(`${fileName} line ${index + 1} is neither name=value nor name<<DELIMITER: ${line}`)
    const delimiter = line.slice(heredoc + 2)
    const end = lines.indexOf(delimiter, index + 1)
    if (end === -1) throw new Error(`${fileName}: "${line.slice(0, heredoc)}" has no closing delimiter ${delimiter}`)
    values.set(line.slice(0, heredoc), lines.slice(index + 1, end).join('\n'))
    index = end
  }
  return values
}

const ANNOTATION_LEVELS: readonly string[] = ['error', 'warning', 'notice']

/**
 * The annotations and masks among a step's stdout lines: `::command key=value,...::data`, with the
 * toolkit's escapes undone (data: %25 %0D %0A; property values also %3A %2C).
 */
export function parseWorkflowCommands(stdout: string): { annotations: Annotation[]; masks: string[] } {
  const annotations: Annotation[] = []
  const masks: string[] = []
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!match) continue
    const [, command, propertyText, data] = match
    const message = unescapeData(data)
    if (command === 'add-mask') {
      masks.push(message)
      continue
    }
    if (!ANNOTATION_LEVELS.includes(command)) continue
    const properties = parseProperties(propertyText ?? '')
    const annotation: Annotation = { level: command as AnnotationLevel, message }
    if (properties.file !== undefined) annotation.file = properties.file
    if (properties.line !== undefined) annotation.line = Number(properties.line)
    if (properties.title !== undefined) annotation.title = properties.title
    annotations.push(annotation)
  }
  return { annotations, masks }
}

function parseProperties(text: string): Record<string, string> {
  const properties: Record<string, string> = {}
  for (const pair of text.split(',')) {
    const equals = pair.indexOf('=')
    if (equals > 0) properties[pair.slice(0, equals)] = unescapeProperty(pair.slice(equals + 1))
  }
  return properties
}

const ESCAPED: Record<string, string> = { '%25': '%', '%0D': '\r', '%0A': '\n', '%3A': ':', '%2C': ',' }

// One pass, so that an escaped "%" followed by "0A" ("%250A") stays the text "%0A".
function unescapeData(text: string): string {
  return text.replace(/%(25|0D|0A)/g, (escaped) => ESCAPED[escaped])
}

function unescapeProperty(text: string): string {
  return text.replace(/%(25|0D|0A|3A|2C)/g, (escaped) => ESCAPED[escaped])
}
