import * as core from '@actions/core'
import { CONFIG_FILE, Inputs, MAX_MATRIX_JOBS, MAX_PARALLEL_TRAININGS } from '../../constants.js'
import { splitShellWords } from '../../core/config/shell-words.js'
import { MODEL_NAME_PATTERN } from '../../core/config/types.js'
import { hasControlCharacter, showUntrusted } from '../../core/untrusted-text.js'
import { UserError } from '../../errors.js'

export const COMMANDS = ['detect', 'train', 'report', 'promote', 'status', 'monitor'] as const
export type Command = (typeof COMMANDS)[number]

/** The inputs every command reads. */
export interface CommonInputs {
  command: Command
  token: string
  workingDirectory: string
  /** The config file's path relative to the working directory. */
  configFile: string
  defaultBranch: string
}

export interface DetectInputs extends CommonInputs {
  models: string
  /** The most jobs detect's matrix may have; past it, models are batched. */
  maxJobs: number
  /** How many of a batched job's models train at once. */
  jobs: number
}

/** Reads and checks the inputs shared by all commands; a bad one is an error naming it. */
export function getCommonInputs(): CommonInputs {
  const command = core.getInput(Inputs.Command).trim()
  if (!command) {
    throw new UserError(`input "${Inputs.Command}" is required; set it to one of: ${COMMANDS.join(', ')}`)
  }
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UserError(`input "${Inputs.Command}" is "${command}", which is not a command; use one of: ${COMMANDS.join(', ')}`)
  }
  const token = core.getInput(Inputs.Token)
  if (token) core.setSecret(token)
  return {
    command: command as Command,
    token,
    workingDirectory: core.getInput(Inputs.WorkingDirectory) || '.',
    configFile: configFileInput(),
    defaultBranch: core.getInput(Inputs.DefaultBranch).trim()
  }
}

export function getDetectInputs(common: CommonInputs): DetectInputs {
  const maxJobs = core.getInput(Inputs.MaxJobs).trim()
  if (maxJobs && !(/^[1-9]\d{0,2}$/.test(maxJobs) && Number(maxJobs) <= MAX_MATRIX_JOBS)) {
    throw new UserError(
      `input "${Inputs.MaxJobs}" is ${showUntrusted(maxJobs, 40)}; give a whole number of jobs from 1 to ${MAX_MATRIX_JOBS} (GitHub's limit for one matrix), or leave it empty for ${MAX_MATRIX_JOBS}`,
      { input: Inputs.MaxJobs }
    )
  }
  return { ...common, models: core.getInput(Inputs.Models), maxJobs: maxJobs ? Number(maxJobs) : MAX_MATRIX_JOBS, jobs: jobsInput() }
}

/** `jobs` (detect and train): how many models of a batch train at once, a whole number from 1; 1 when empty. */
function jobsInput(): number {
  const jobs = core.getInput(Inputs.Jobs).trim()
  if (jobs === '') return 1
  if (!(/^[1-9]\d{0,3}$/.test(jobs) && Number(jobs) <= MAX_PARALLEL_TRAININGS)) {
    throw new UserError(
      `input "${Inputs.Jobs}" is ${showUntrusted(jobs, 40)}; give a whole number of models to train at once, from 1 to ${MAX_PARALLEL_TRAININGS}, or leave it empty for 1`,
      { input: Inputs.Jobs }
    )
  }
  return Number(jobs)
}

function configFileInput(): string {
  const file = (core.getInput(Inputs.Config) || CONFIG_FILE).replace(/\\/g, '/').replace(/^\.\//, '')
  if (file.startsWith('/') || file.split('/').includes('..')) {
    throw new UserError(`input "${Inputs.Config}" is "${file}"; give a path inside the working directory, such as ${CONFIG_FILE}`)
  }
  return file
}

/** The status page's default file, relative to the job's workspace. */
export const DEFAULT_STATUS_FILE = 'model-ci-status.md'

export interface StatusInputs extends CommonInputs {
  /** Where the page's Markdown is written, relative to the job's workspace (or absolute). */
  statusFile: string
}

/** status's input `status-file`: a file path; default model-ci-status.md. */
export function getStatusInputs(common: CommonInputs): StatusInputs {
  const statusFile = core.getInput(Inputs.StatusFile).trim() || DEFAULT_STATUS_FILE
  if (statusFile.endsWith('/') || hasControlCharacter(statusFile)) {
    throw new UserError(`input "${Inputs.StatusFile}" is ${showUntrusted(statusFile, 100)}; give the path of a file to write the status page to, such as ${DEFAULT_STATUS_FILE}`)
  }
  return { ...common, statusFile }
}

export interface ReportInputs extends CommonInputs {
  /** The models the run was meant to train; undefined when the input is empty. */
  expectedModels?: string[]
  /** Fork mode: the run whose artifacts to report on. */
  runId?: number
  failOnRegression: boolean
}

/**
 * report's inputs: `models` (detect's JSON list, or names separated by commas, spaces or
 * newlines), `run-id` (a run id) and `fail-on-regression` (true or false).
 */
export function getReportInputs(common: CommonInputs): ReportInputs {
  const runId = core.getInput(Inputs.RunId).trim()
  if (runId && !/^[1-9]\d{0,15}$/.test(runId)) {
    throw new UserError(`input "${Inputs.RunId}" is ${showUntrusted(runId, 40)}, not a workflow run id; pass \${{ github.event.workflow_run.id }}, or leave it empty for this run`)
  }
  return {
    ...common,
    expectedModels: modelListInput(core.getInput(Inputs.Models)),
    runId: runId ? Number(runId) : undefined,
    failOnRegression: booleanInput(Inputs.FailOnRegression, true)
  }
}

/** Model names as a JSON list, or separated by commas, spaces or newlines; once each. Undefined when empty. */
function modelListInput(text: string): string[] | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  let names: unknown[]
  if (trimmed.startsWith('[')) {
    try {
      names = JSON.parse(trimmed) as unknown[]
    } catch {
      throw new UserError(`input "${Inputs.Models}" starts with "[" but is not a JSON list; pass detect's output: \${{ needs.detect.outputs.models }}`)
    }
    if (!Array.isArray(names)) throw new UserError(`input "${Inputs.Models}" is not a JSON list of model names`)
  } else {
    names = trimmed.split(/[\s,]+/).filter((name) => name !== '')
  }
  for (const name of names) {
    if (typeof name !== 'string' || !MODEL_NAME_PATTERN.test(name)) {
      throw new UserError(
        `input "${Inputs.Models}": ${showUntrusted(typeof name === 'string' ? name : JSON.stringify(name), 60)} is not a model name (1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit)`
      )
    }
  }
  return [...new Set(names as string[])]
}

/** A YAML 1.2 core-schema boolean, as core.getBooleanInput reads one, with `fallback` for an empty input. */
function booleanInput(name: Inputs, fallback: boolean): boolean {
  const value = core.getInput(name).trim()
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new UserError(`input "${name}" is ${showUntrusted(value, 40)}; set it to true or false`)
}

export interface TrainInputs extends CommonInputs {
  /** The models to train: `model`'s one, or the batch `models` names (see `batch`). */
  models: string[]
  /** Whether they came from `models` (a job of a batched matrix), whose outputs are objects by model. */
  batch: boolean
  /** How many of a batch's models train at once (detect's matrix entry says). */
  jobs: number
  python: string
  pipArgs: string[]
  retentionDays?: number
}

/**
 * train's `model` and `models`: exactly one of them set. The shipped workflow passes both,
 * `${{ matrix.model }}` and `${{ join(matrix.models, ' ') }}`, and detect's matrix has one or the
 * other key, so the other is empty.
 */
function trainModelsInput(): { models: string[]; batch: boolean } {
  const model = core.getInput(Inputs.Model).trim()
  const batch = core.getInput(Inputs.Models).trim()
  const both = `model: \${{ matrix.model }} and models: \${{ join(matrix.models, ' ') }}`
  if (model && batch) {
    throw new UserError(`inputs "${Inputs.Model}" and "${Inputs.Models}" are both set; command train takes one model or a batch of models, not both: pass detect's matrix as ${both}`)
  }
  if (!model && !batch) {
    throw new UserError(`input "${Inputs.Model}" (or "${Inputs.Models}", for a batch) is required by command train; pass detect's matrix as ${both}`)
  }
  if (model) return { models: [model], batch: false }
  const names = modelListInput(batch) ?? []
  if (names.length === 0) throw new UserError(`input "${Inputs.Models}" is an empty list; pass detect's matrix as ${both}`)
  return { models: names, batch: true }
}

/** `pip-args`, split like shell words. */
function pipArgsInput(): string[] {
  const split = splitShellWords(core.getInput(Inputs.PipArgs))
  if ('error' in split) throw new UserError(`input "${Inputs.PipArgs}": ${split.error}`)
  return split.words
}

export function getTrainInputs(common: CommonInputs): TrainInputs {
  const { models, batch } = trainModelsInput()
  const retention = core.getInput(Inputs.RetentionDays).trim()
  if (retention && !/^([1-9]|[1-8][0-9]|90)$/.test(retention)) {
    throw new UserError(`input "${Inputs.RetentionDays}" is "${retention}"; give a whole number of days from 1 to 90, or leave it empty for the repository's setting`)
  }
  return {
    ...common,
    models,
    batch,
    jobs: jobsInput(),
    python: core.getInput(Inputs.Python).trim(),
    pipArgs: pipArgsInput(),
    retentionDays: retention ? Number(retention) : undefined
  }
}

export interface PromoteInputs extends CommonInputs {
  model: string
  /** A run id, a commit sha, a version label, `latest` or `previous`. */
  version: string
  environment: string
}

/** promote's inputs with `version: auto`: the environment (required), and detect's `models` list. */
export interface AutoPromoteInputs extends CommonInputs {
  version: 'auto'
  environment: string
  expectedModels?: string[]
}

/**
 * promote's inputs: `model` and `environment` (required), `version` (`latest` when empty); with
 * `version: auto`, `environment` (required, so that the job's environment and its protection
 * rules are the promotion's), `models` (optional) and no `model`.
 */
export function getPromoteInputs(common: CommonInputs): PromoteInputs | AutoPromoteInputs {
  const version = core.getInput(Inputs.Version).trim() || 'latest'
  const model = core.getInput(Inputs.Model).trim()
  const environment = core.getInput(Inputs.Environment).trim()
  if (version === 'auto') {
    if (model) {
      throw new UserError(`input "${Inputs.Model}" is set, but version "auto" promotes every model the push trained that passed its gates; leave "${Inputs.Model}" empty, or give a version to promote ${showUntrusted(model, 60)} by hand`)
    }
    if (!environment) {
      throw new UserError(`input "${Inputs.Environment}" is required by command promote with version "auto"; set it to the environment marked auto: true in ${CONFIG_FILE} that the job names in "environment:", such as staging`)
    }
    return { ...common, version: 'auto', environment, expectedModels: modelListInput(core.getInput(Inputs.Models)) }
  }
  if (!model) throw new UserError(`input "${Inputs.Model}" is required by command promote; set it to the model to promote, such as \${{ inputs.model }}`)
  if (!MODEL_NAME_PATTERN.test(model)) {
    throw new UserError(`input "${Inputs.Model}" is ${showUntrusted(model, 60)}, not a model name (1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit)`)
  }
  if (!environment) {
    throw new UserError(`input "${Inputs.Environment}" is required by command promote; set it to one of the environments in ${CONFIG_FILE}, such as \${{ inputs.environment }}`)
  }
  return { ...common, model, version, environment }
}

export interface MonitorInputs extends CommonInputs {
  /** The environment to monitor; undefined (the last of model-ci.yml's environments) when empty. */
  environment?: string
  python: string
  pipArgs: string[]
}

/** monitor's inputs: `environment` (optional), and `python` and `pip-args` as train reads them. */
export function getMonitorInputs(common: CommonInputs): MonitorInputs {
  const environment = core.getInput(Inputs.Environment).trim()
  return { ...common, environment: environment || undefined, python: core.getInput(Inputs.Python).trim(), pipArgs: pipArgsInput() }
}
