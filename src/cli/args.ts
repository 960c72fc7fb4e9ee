import { parseArgs } from 'node:util'
import { MAX_MATRIX_JOBS, MAX_PARALLEL_TRAININGS } from '../constants.js'

/** The command line is wrong: the CLI says so in one line and exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** Options every command takes. */
export interface CommonOptions {
  /** --repo: the folder holding model-ci.yml, as given (undefined: found from the current folder). */
  repo?: string
  defaultBranch?: string
}

/** How `run`, `detect` and `train` pick the trigger (see run-context.ts). */
export interface TriggerOptions {
  base?: string
  models?: string
}

export type CommandLine =
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'run'; common: CommonOptions; trigger: TriggerOptions; jobs: number; maxJobs?: number; python: string; verbose: boolean }
  | { command: 'detect'; common: CommonOptions; trigger: TriggerOptions; maxJobs?: number; jobs?: number; gitlabChildPipeline?: string }
  | { command: 'train'; common: CommonOptions; models: string[]; jobs: number; python: string }
  | { command: 'report'; common: CommonOptions; runId?: number }
  | { command: 'promote'; common: CommonOptions; model: string; environment: string; version: string }
  | { command: 'history'; common: CommonOptions; model: string; environment?: string }
  | { command: 'status'; common: CommonOptions; markdown?: string }
  | { command: 'monitor'; common: CommonOptions; environment?: string; python: string }

type OptionSpec = { type: 'string' | 'boolean'; short?: string }

const COMMON: Record<string, OptionSpec> = { repo: { type: 'string' }, 'default-branch': { type: 'string' }, help: { type: 'boolean', short: 'h' } }
const TRIGGER: Record<string, OptionSpec> = { base: { type: 'string' }, models: { type: 'string' } }
const PYTHON: Record<string, OptionSpec> = { python: { type: 'string' } }
const MAX_JOBS_OPTION: Record<string, OptionSpec> = { 'max-jobs': { type: 'string' } }
const JOBS_OPTION: Record<string, OptionSpec> = { jobs: { type: 'string', short: 'j' } }

/** Each command's options and the names of its positional arguments. */
const COMMANDS = {
  run: { options: { ...COMMON, ...TRIGGER, ...PYTHON, ...MAX_JOBS_OPTION, ...JOBS_OPTION, verbose: { type: 'boolean', short: 'v' } }, positionals: [] },
  detect: { options: { ...COMMON, ...TRIGGER, ...MAX_JOBS_OPTION, ...JOBS_OPTION, 'gitlab-child-pipeline': { type: 'string' } }, positionals: [] },
  // MODEL...: a GitLab batch job trains its models in one call, -j at a time.
  train: { options: { ...COMMON, ...PYTHON, ...JOBS_OPTION }, positionals: ['MODEL'], repeatsLast: true },
  report: { options: { ...COMMON, run: { type: 'string' } }, positionals: [] },
  promote: { options: { ...COMMON, environment: { type: 'string' }, version: { type: 'string' } }, positionals: ['MODEL'] },
  history: { options: { ...COMMON, environment: { type: 'string' } }, positionals: ['MODEL'] },
  status: { options: { ...COMMON, markdown: { type: 'string' } }, positionals: [] },
  monitor: { options: { ...COMMON, ...PYTHON, environment: { type: 'string' } }, positionals: [] }
} satisfies Record<string, { options: Record<string, OptionSpec>; positionals: string[]; repeatsLast?: boolean }>

type CommandName = keyof typeof COMMANDS

/** Reads the command line (without node and the script); `defaultJobs` is `-j`'s default. */
export function parseCommandLine(argv: readonly string[], defaultJobs: number): CommandLine {
  const [first, ...rest] = argv
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { command: 'help' }
  if (first === '--version' || first === '-V') {
    if (rest.length > 0) throw new UsageError(`${first} takes nothing after it`)
    return { command: 'version' }
  }
  if (!Object.hasOwn(COMMANDS, first)) {
    const meant = first.startsWith('-') ? undefined : nearestCommand(first)
    const what = first.startsWith('-') ? `option ${first} needs a command before it` : `"${first}" is not a command${meant ? ` (did you mean "${meant}"?)` : ''}`
    throw new UsageError(`${what}; the commands are: ${Object.keys(COMMANDS).join(', ')} (see model-ci --help)`)
  }
  const command = first as CommandName
  const { values, positionals } = parseOptions(command, rest)
  if (values.help === true) return { command: 'help' }
  const expected = COMMANDS[command].positionals as readonly string[]
  if (positionals.length < expected.length) throw new UsageError(`model-ci ${command} needs ${expected.join(' ')} (see model-ci --help)`)
  const repeatsLast = 'repeatsLast' in COMMANDS[command]
  if (positionals.length > expected.length && !repeatsLast) {
    throw new UsageError(`model-ci ${command} takes ${expected.length === 0 ? 'no arguments' : `only ${expected.join(' ')}`}, but got "${positionals[expected.length]}"`)
  }
  const text = (name: string): string | undefined => {
    const value = values[name]
    if (typeof value !== 'string') return undefined
    if (value.trim() === '') throw new UsageError(`option --${name} needs a value (see model-ci --help)`)
    return value
  }
  const common: CommonOptions = { repo: text('repo'), defaultBranch: text('default-branch') }
  const trigger = (): TriggerOptions => {
    const options = { base: text('base'), models: text('models') }
    if (options.base !== undefined && options.models !== undefined) {
      throw new UsageError('use --base or --models, not both: --models trains exactly the models named, with nothing to compare changes against')
    }
    return options
  }
  const [model] = positionals
  switch (command) {
    case 'run':
      return {
        command,
        common,
        trigger: trigger(),
        jobs: count('jobs', text('jobs')) ?? Math.max(1, defaultJobs),
        maxJobs: count('max-jobs', text('max-jobs')),
        python: text('python') ?? '',
        verbose: values.verbose === true
      }
    case 'detect':
      return { command, common, trigger: trigger(), maxJobs: count('max-jobs', text('max-jobs')), jobs: count('jobs', text('jobs')), gitlabChildPipeline: text('gitlab-child-pipeline') }
    case 'train':
      return { command, common, models: [...new Set(positionals)], jobs: count('jobs', text('jobs')) ?? 1, python: text('python') ?? '' }
    case 'report':
      return { command, common, runId: count('run', text('run')) }
    case 'promote': {
      const environment = text('environment')
      if (environment === undefined) throw new UsageError('model-ci promote needs --environment E: the environment to promote to')
      return { command, common, model, environment, version: text('version') ?? 'latest' }
    }
    case 'history':
      return { command, common, model, environment: text('environment') }
    case 'status':
      return { command, common, markdown: text('markdown') }
    case 'monitor':
      return { command, common, environment: text('environment'), python: text('python') ?? '' }
  }
}

/** The command a typo most likely meant: at most two letters added, dropped, changed or swapped. */
function nearestCommand(typed: string): string | undefined {
  const ranked = Object.keys(COMMANDS)
    .map((name) => ({ name, distance: editDistance(typed.toLowerCase(), name) }))
    .sort((a, b) => a.distance - b.distance)
  return ranked[0].distance <= 2 ? ranked[0].name : undefined
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }
  return d[a.length][b.length]
}

function parseOptions(command: CommandName, args: string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const options: Record<string, OptionSpec> = COMMANDS[command].options
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true })
    return { values: values as Record<string, string | boolean | undefined>, positionals }
  } catch (error) {
    throw new UsageError(`model-ci ${command}: ${describeParseError(error)} (see model-ci --help)`)
  }
}

/** node's parseArgs messages, shortened to the option they are about. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code
  const message = error instanceof Error ? error.message : String(error)
  // "Option '-v, --verbose' does not take an argument": the long name is the one to show.
  const option = /'(?:-[^-'], )?(-[^' ]+)/.exec(message)?.[1] ?? 'an option'
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('does not take an argument') ? `option ${option} takes no value` : `option ${option} needs a value`
    default:
      return message.split('\n')[0]
  }
}

/** The largest value of each whole number option that has one. */
const LIMITS: Record<string, number> = { jobs: MAX_PARALLEL_TRAININGS, 'max-jobs': MAX_MATRIX_JOBS }

/** A whole number option: --jobs, --max-jobs, --run. */
function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const number = /^[1-9][0-9]*$/.test(value) ? Number(value) : NaN
  const limit = LIMITS[name] ?? Number.MAX_SAFE_INTEGER
  if (!(number <= limit)) throw new UsageError(`option --${name} is "${value}"; give a whole number${name in LIMITS ? ` from 1 to ${limit}` : ' of 1 or more'}`)
  return number
}
