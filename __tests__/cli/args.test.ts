/** The CLI's command line: what each command accepts, and the one-line errors for what it does not. */
import { describe, expect, test } from '@jest/globals'
import { UsageError, parseCommandLine } from '../../src/cli/args.js'

const parse = (...argv: string[]) => parseCommandLine(argv, 8)
const usageError = (...argv: string[]) => {
  try {
    parse(...argv)
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    const message = (error as Error).message
    expect(message).not.toContain('\n')
    return message
  }
  throw new Error(`${argv.join(' ')} was accepted`)
}

describe('accepted', () => {
  test('help and version', () => {
    expect(parse()).toEqual({ command: 'help' })
    expect(parse('--help')).toEqual({ command: 'help' })
    expect(parse('help')).toEqual({ command: 'help' })
    expect(parse('run', '-h')).toEqual({ command: 'help' })
    expect(parse('--version')).toEqual({ command: 'version' })
    expect(parse('-V')).toEqual({ command: 'version' })
  })

  test('run with its defaults and with every option', () => {
    expect(parse('run')).toEqual({ command: 'run', common: {}, trigger: {}, jobs: 8, python: '', verbose: false })
    expect(parseCommandLine(['run'], 0)).toMatchObject({ jobs: 1 })
    expect(parse('run', '--base', 'origin/main', '-j', '3', '--repo', 'x', '--default-branch', 'trunk', '--python', '/usr/bin/python3', '-v')).toEqual({
      command: 'run',
      common: { repo: 'x', defaultBranch: 'trunk' },
      trigger: { base: 'origin/main' },
      jobs: 3,
      python: '/usr/bin/python3',
      verbose: true
    })
    expect(parse('run', '--models=a,b', '--jobs=2')).toMatchObject({ trigger: { models: 'a,b' }, jobs: 2 })
    expect(parse('run', '--max-jobs', '3')).toMatchObject({ maxJobs: 3 })
  })

  test('the other commands', () => {
    expect(parse('detect', '--models', 'all')).toEqual({ command: 'detect', common: {}, trigger: { models: 'all' } })
    expect(parse('detect', '--max-jobs', '256')).toEqual({ command: 'detect', common: {}, trigger: {}, maxJobs: 256 })
    expect(parse('detect', '--max-jobs', '2', '-j', '3')).toEqual({ command: 'detect', common: {}, trigger: {}, maxJobs: 2, jobs: 3 })
    expect(usageError('detect', '--jobs', '1025')).toBe('option --jobs is "1025"; give a whole number from 1 to 1024')
    expect(parse('detect', '--gitlab-child-pipeline', 'child.yml')).toEqual({ command: 'detect', common: {}, trigger: {}, gitlabChildPipeline: 'child.yml' })
    expect(usageError('detect', '--gitlab-child-pipeline')).toBe('model-ci detect: option --gitlab-child-pipeline needs a value (see model-ci --help)')
    expect(parse('train', 'fraud')).toEqual({ command: 'train', common: {}, models: ['fraud'], jobs: 1, python: '' })
    expect(parse('train', '-j', '2', 'fraud', 'churn', 'fraud')).toEqual({ command: 'train', common: {}, models: ['fraud', 'churn'], jobs: 2, python: '' })
    expect(parse('report')).toEqual({ command: 'report', common: {} })
    expect(parse('report', '--run', '12')).toEqual({ command: 'report', common: {}, runId: 12 })
    expect(parse('promote', 'fraud', '--environment', 'staging')).toEqual({ command: 'promote', common: {}, model: 'fraud', environment: 'staging', version: 'latest' })
    expect(parse('promote', 'fraud', '--environment', 'production', '--version', 'previous')).toMatchObject({ version: 'previous' })
    expect(parse('history', 'fraud')).toEqual({ command: 'history', common: {}, model: 'fraud' })
    expect(parse('history', 'fraud', '--environment', 'staging')).toMatchObject({ environment: 'staging' })
    expect(parse('status')).toEqual({ command: 'status', common: {} })
    expect(parse('status', '--markdown', 'status.md')).toEqual({ command: 'status', common: {}, markdown: 'status.md' })
    expect(parse('monitor')).toEqual({ command: 'monitor', common: {}, python: '' })
    expect(parse('monitor', '--environment', 'staging', '--python', 'python3.11')).toMatchObject({ environment: 'staging', python: 'python3.11' })
  })
})

describe('refused with one line', () => {
  test('unknown commands and options', () => {
    expect(usageError('deploy')).toBe('"deploy" is not a command; the commands are: run, detect, train, report, promote, history, status, monitor (see model-ci --help)')
    expect(usageError('--base', 'x')).toContain('option --base needs a command before it')
    expect(usageError('run', '--frobnicate')).toBe('model-ci run: unknown option --frobnicate (see model-ci --help)')
    expect(usageError('report', '-j', '2')).toBe('model-ci report: unknown option -j (see model-ci --help)')
    expect(usageError('train', 'fraud', '--verbose')).toBe('model-ci train: unknown option --verbose (see model-ci --help)')
    expect(usageError('--version', 'run')).toBe('--version takes nothing after it')
  })

  test('a mistyped command names the one it most likely meant', () => {
    expect(usageError('rnu')).toBe('"rnu" is not a command (did you mean "run"?); the commands are: run, detect, train, report, promote, history, status, monitor (see model-ci --help)')
    expect(usageError('promot')).toContain('did you mean "promote"?')
    expect(usageError('Histroy')).toContain('did you mean "history"?')
    expect(usageError('deploy')).not.toContain('did you mean')
  })

  test('missing or bad values and arguments', () => {
    expect(usageError('run', '--base')).toBe('model-ci run: option --base needs a value (see model-ci --help)')
    expect(usageError('run', '--base=')).toBe('option --base needs a value (see model-ci --help)')
    expect(usageError('run', '--verbose=yes')).toBe('model-ci run: option --verbose takes no value (see model-ci --help)')
    expect(usageError('run', '-j', '0')).toBe('option --jobs is "0"; give a whole number from 1 to 1024')
    expect(usageError('run', '-j', 'many')).toContain('option --jobs is "many"')
    expect(usageError('detect', '--max-jobs', '300')).toBe('option --max-jobs is "300"; give a whole number from 1 to 256')
    expect(usageError('report', '--run', '1.5')).toBe('option --run is "1.5"; give a whole number of 1 or more')
    expect(usageError('run', '--base', 'main', '--models', 'all')).toContain('use --base or --models, not both')
    expect(usageError('train')).toBe('model-ci train needs MODEL (see model-ci --help)')
    expect(usageError('report', 'a')).toBe('model-ci report takes no arguments, but got "a"')
    expect(usageError('run', 'now')).toBe('model-ci run takes no arguments, but got "now"')
    expect(usageError('promote', 'fraud')).toBe('model-ci promote needs --environment E: the environment to promote to')
  })
})
