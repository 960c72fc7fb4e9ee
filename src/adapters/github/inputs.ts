import * as core from '@actions/core'
import { CONFIG_FILE, Inputs } from '../../constants.js'
import { splitShellWords } from '../../core/config/shell-words.js'
import { UserError } from '../../errors.js'

export const COMMANDS = ['detect', 'train', 'report', 'promote'] as const
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
  return { ...common, models: core.getInput(Inputs.Models) }
}

function configFileInput(): string {
  const file = (core.getInput(Inputs.Config) || CONFIG_FILE).replace(/\\/g, '/').replace(/^\.\//, '')
  if (file.startsWith('/') || file.split('/').includes('..')) {
    throw new UserError(`input "${Inputs.Config}" is "${file}"; give a path inside the working directory, such as ${CONFIG_FILE}`)
  }
  return file
}

export interface TrainInputs extends CommonInputs {
  model: string
  python: string
  pipArgs: string[]
  retentionDays?: number
}

export function getTrainInputs(common: CommonInputs): TrainInputs {
  const model = core.getInput(Inputs.Model).trim()
  if (!model) {
    throw new UserError(`input "${Inputs.Model}" is required by command train; set it to the matrix's model: \${{ matrix.model }}`)
  }
  const pipArgsText = core.getInput(Inputs.PipArgs)
  const split = splitShellWords(pipArgsText)
  if ('error' in split) throw new UserError(`input "${Inputs.PipArgs}": ${split.error}`)
  const retention = core.getInput(Inputs.RetentionDays).trim()
  if (retention && !/^([1-9]|[1-8][0-9]|90)$/.test(retention)) {
    throw new UserError(`input "${Inputs.RetentionDays}" is "${retention}"; give a whole number of days from 1 to 90, or leave it empty for the repository's setting`)
  }
  return {
    ...common,
    model,
    python: core.getInput(Inputs.Python).trim(),
    pipArgs: split.words,
    retentionDays: retention ? Number(retention) : undefined
  }
}
