import { availableParallelism } from 'node:os'
import { isUserError } from '../errors.js'
import type { CommandLine } from './args.js'
import { UsageError, parseCommandLine } from './args.js'
import type { Terminal } from './terminal.js'
import { processTerminal } from './terminal.js'
import { USAGE, VERSION } from './usage.js'

const EXIT_OK = 0
/** A gate failed, a model failed to train, or a command could not do what it was asked. */
const EXIT_FAILED = 1
/** The command line, or the repository's configuration, is wrong. */
const EXIT_USAGE = 2

/**
 * The CLI: reads the command line, runs the command, and turns what went wrong into one line on
 * stderr and an exit status (see USAGE). Each command's module is imported only when it runs.
 */
export async function main(argv: readonly string[], terminal: Terminal = processTerminal()): Promise<number> {
  try {
    const line = parseCommandLine(argv, availableParallelism())
    return await dispatch(line, terminal)
  } catch (error) {
    if (error instanceof UsageError) {
      terminal.err(oneLine(error.message))
      return EXIT_USAGE
    }
    if (isUserError(error)) {
      terminal.err(oneLine(error.message))
      // An error about a repository file (model-ci.yml, a model.yml, a model's folder) or about
      // what the command line asked for (a model that does not exist) is fixed there, not by
      // running again.
      return error.file === undefined && error.input === undefined ? EXIT_FAILED : EXIT_USAGE
    }
    terminal.err(`model-ci: unexpected error (a bug in model-ci ${VERSION}; please report it):`)
    terminal.err(error instanceof Error ? (error.stack ?? error.message) : String(error))
    return EXIT_FAILED
  }
}

/** An error's line, saying it is model-ci's unless it already does ("model-ci train fraud: ..."). */
function oneLine(message: string): string {
  return message.startsWith('model-ci') ? message : `model-ci: ${message}`
}

async function dispatch(line: CommandLine, terminal: Terminal): Promise<number> {
  switch (line.command) {
    case 'help':
      terminal.out(USAGE.replace(/\n$/, ''))
      return EXIT_OK
    case 'version':
      terminal.out(VERSION)
      return EXIT_OK
    case 'run':
      return (await import('./run-command.js')).runCommand(line, terminal)
    case 'detect':
      return (await import('./detect-command.js')).detectCommand(line, terminal)
    case 'train':
      return (await import('./train-command.js')).trainCommand(line, terminal)
    case 'report':
      return (await import('./report-command.js')).reportCommand(line, terminal)
    case 'promote':
      return (await import('./promote-command.js')).promoteCommand(line, terminal)
    case 'history':
      return (await import('./history-command.js')).historyCommand(line, terminal)
    case 'status':
      return (await import('./status-command.js')).statusCommand(line, terminal)
    case 'monitor':
      return (await import('./monitor-command.js')).monitorCommand(line, terminal)
  }
}
