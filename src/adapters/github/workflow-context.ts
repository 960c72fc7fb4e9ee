import { showUntrusted } from '../../core/untrusted-text.js'
import { UserError } from '../../errors.js'
import { requiredEnv, type RunnerEnv } from './event-context.js'

/** The workflow run this step belongs to, as the runner describes it. */
export interface CurrentRun {
  id: number
  attempt: number
  /** The run's page, for links in comments and deployment statuses. */
  url: string
  /** The workflow's `name:` (its file path when it has none). */
  workflowName: string
}

/**
 * The run's id and attempt (GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT). The attempt is 1 when the runner
 * does not say (runners older than the variable); a malformed number is an error naming the variable.
 */
export function runAttempt(env: RunnerEnv): { id: number; attempt: number } {
  const id = positiveInteger('GITHUB_RUN_ID', requiredEnv('GITHUB_RUN_ID', env))
  const attempt = env.GITHUB_RUN_ATTEMPT ? positiveInteger('GITHUB_RUN_ATTEMPT', env.GITHUB_RUN_ATTEMPT) : 1
  return { id, attempt }
}

/**
 * Reads the current run from the runner's environment: runAttempt's variables, GITHUB_SERVER_URL,
 * GITHUB_REPOSITORY and GITHUB_WORKFLOW.
 */
export function currentRun(env: RunnerEnv): CurrentRun {
  const { id, attempt } = runAttempt(env)
  const serverUrl = requiredEnv('GITHUB_SERVER_URL', env).replace(/\/+$/, '')
  const repository = requiredEnv('GITHUB_REPOSITORY', env)
  return { id, attempt, url: `${serverUrl}/${repository}/actions/runs/${id}`, workflowName: requiredEnv('GITHUB_WORKFLOW', env) }
}

function positiveInteger(name: string, value: string): number {
  const number = /^[1-9]\d{0,15}$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(number)) {
    throw new UserError(`environment variable ${name} is ${showUntrusted(value, 40)}, not a whole number above 0; model-ci reads the value the GitHub Actions runner sets`)
  }
  return number
}

/** The job's environment for the user's commands (train, monitor), without the action's own inputs and tokens. */
export function commandEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !name.startsWith('INPUT_') && name !== 'ACTIONS_RUNTIME_TOKEN' && name !== 'ACTIONS_ID_TOKEN_REQUEST_TOKEN') {
      result[name] = value
    }
  }
  return result
}
