// Runs `node dist/index.js` with the environment a GitHub runner gives a JavaScript action: the event file,
// the GITHUB_* variables, fresh GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files and an INPUT_* variable for
// every input (action.yml's defaults, then the step's `with:`), set through the child's env, not a shell.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import yaml from 'js-yaml'
import { parseGithubOutput } from './github-output.mjs'
import { benchNode, memoryOfProcess, timeProcess } from './measure.mjs'

const OWNER = 'acme'
const REPOSITORY = `${OWNER}/models`
// Nothing listens here: an action that calls the API fails fast instead of reaching the network.
const UNREACHABLE_API_URL = 'http://127.0.0.1:9'
const TIMEOUT_MS = 120_000

/** A `pull_request` (opened) event payload for pull request #1 from `head` into `base` of acme/models. */
export function pullRequestEvent({ base, head }) {
  const repo = {
    id: 1,
    name: 'models',
    full_name: REPOSITORY,
    owner: { login: OWNER, type: 'Organization' },
    private: false,
    default_branch: 'main',
    html_url: `https://github.com/${REPOSITORY}`,
    clone_url: `https://github.com/${REPOSITORY}.git`
  }
  return {
    action: 'opened',
    number: 1,
    pull_request: {
      number: 1,
      state: 'open',
      draft: false,
      html_url: `https://github.com/${REPOSITORY}/pull/1`,
      base: { ref: base.ref, sha: base.sha, label: `${OWNER}:${base.ref}`, repo },
      head: { ref: head.ref, sha: head.sha, label: `${OWNER}:${head.ref}`, repo }
    },
    repository: repo,
    sender: { login: 'octocat', type: 'User' }
  }
}

/**
 * Prepares runs of the action in `repoRoot` (its action.yml and dist/index.js: model-ci's, or a peer's)
 * in `workspace` for a pull_request `event` with the step's `inputs`, using `runnerTemp` for the event
 * file and the per-run files. Returns `run({ memory })`, which times one whole process and returns
 * `{ seconds, status, signal, error, stdout, stderr, outputs() }`, with `maxRssKiB` when `memory` is set
 * (see memoryOfProcess).
 */
export function pullRequestActionRunner({ repoRoot, workspace, event, inputs, runnerTemp }) {
  mkdirSync(runnerTemp, { recursive: true })
  const eventPath = join(runnerTemp, 'event.json')
  writeFileSync(eventPath, JSON.stringify(event, null, 2))
  const token = 'dummy'
  const baseEnv = {
    ...inheritedEnv(),
    ...inputEnv(join(repoRoot, 'action.yml'), inputs, { github: { token, event, api_url: UNREACHABLE_API_URL } }),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: runnerTemp,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_REPOSITORY_OWNER: OWNER,
    // GitHub's GITHUB_SHA for a pull request is its merge commit; these repositories have none, so the head.
    GITHUB_SHA: event.pull_request.head.sha,
    GITHUB_REF: 'refs/pull/1/merge',
    GITHUB_REF_NAME: '1/merge',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_HEAD_REF: event.pull_request.head.ref,
    GITHUB_BASE_REF: event.pull_request.base.ref,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: UNREACHABLE_API_URL,
    GITHUB_GRAPHQL_URL: `${UNREACHABLE_API_URL}/graphql`,
    GITHUB_WORKFLOW: 'models',
    GITHUB_JOB: 'detect',
    GITHUB_ACTION: 'detect',
    GITHUB_ACTOR: 'octocat',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1'
  }
  const entry = join(repoRoot, 'dist', 'index.js')
  let runNumber = 0
  return function run({ memory = false } = {}) {
    const files = freshCommandFiles(runnerTemp, ++runNumber)
    const env = { ...baseEnv, ...files }
    const options = { cwd: workspace, env, timeout: TIMEOUT_MS, killSignal: 'SIGKILL' }
    const result = memory ? memoryOfProcess(benchNode(), [entry], options) : timeProcess(benchNode(), [entry], options)
    return { ...result, outputs: () => parseGithubOutput(readFileSync(files.GITHUB_OUTPUT, 'utf8')) }
  }
}

/** The files a runner makes empty for every step, in `<runnerTemp>/step-<runNumber>/`. */
export function freshCommandFiles(runnerTemp, runNumber) {
  const dir = join(runnerTemp, `step-${runNumber}`)
  mkdirSync(dir, { recursive: true })
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'step-summary'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_PATH: join(dir, 'path')
  }
  for (const file of Object.values(files)) writeFileSync(file, '')
  return files
}

// The machine's basics, without any GitHub or input variables of the shell the benchmark runs in.
function inheritedEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(name))
  )
}

/**
 * INPUT_<NAME> for every input: the step's value, else action.yml's default. A default that is an expression
 * (`${{ github.token }}`) is looked up in `context`; one it cannot find is an error, not a silent blank.
 */
function inputEnv(actionYmlPath, inputs, context) {
  const declared = yaml.load(readFileSync(actionYmlPath, 'utf8')).inputs ?? {}
  const env = {}
  for (const [name, spec] of Object.entries(declared)) {
    const value = name in inputs ? inputs[name] : defaultValue(name, spec?.default, context)
    if (value !== undefined) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = String(value)
  }
  for (const name of Object.keys(inputs)) {
    if (!(name in declared)) throw new Error(`action.yml declares no input named ${name}`)
  }
  return env
}

function defaultValue(name, value, context) {
  if (typeof value !== 'string') return value
  const expression = /^\$\{\{\s*([\w.-]+)\s*\}\}$/.exec(value)
  if (!expression) return value
  const found = expression[1].split('.').reduce((object, key) => object?.[key], context)
  if (found === undefined) throw new Error(`cannot evaluate the default of input ${name}: ${value}`)
  return found
}
