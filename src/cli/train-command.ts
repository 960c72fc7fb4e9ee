import { FsWorkflowRuns } from '../adapters/local/fs-workflow-runs.js'
import { showUntrusted } from '../core/untrusted-text.js'
import { resolveTraining } from '../commands/train/train.js'
import { UserError, isUserError } from '../errors.js'
import type { CommandLine } from './args.js'
import { trainLocally } from './local-training.js'
import { openLocalWorkspace, prepareStateDir } from './local-workspace.js'
import { localRunContext, warnIfUncommitted } from './run-context.js'
import type { Terminal } from './terminal.js'
import { terminalLogger } from './terminal.js'

/**
 * `model-ci train MODEL`: one model in a local run of its own, recorded like a workflow_dispatch
 * (so it never stands for a push of the default branch), with its output on the terminal.
 * Returns 1 when the training failed; an error that stops it before it trains is thrown for main().
 */
export async function trainCommand(line: Extract<CommandLine, { command: 'train' }>, terminal: Terminal): Promise<number> {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }))
  const runs = new FsWorkflowRuns(workspace.root)
  const local = await localRunContext(workspace, runs, { models: line.model, defaultBranch: line.common.defaultBranch })
  // A model that does not exist or a config to fix is the one line main() prints: checked before
  // anything is said or a run recorded.
  await resolveTraining(workspace.ports, { model: line.model, configFile: workspace.configFile }).catch((error: unknown) => {
    throw isUserError(error) ? trainError(line.model, error) : error
  })
  await prepareStateDir(workspace)
  const uncommittedFiles = await warnIfUncommitted(workspace)
  const run = await runs.begin({ context: local.context, headBranch: local.headBranch, models: [line.model] })
  terminal.out(`Local run ${run.id}: training ${line.model}`)
  let trained = false
  try {
    // The progress line leaves the cause of a failure to train's error line, printed below.
    const settings = { jobs: 1, python: line.python, verbose: true, showCause: false }
    const [training] = await trainLocally(workspace, terminal, { run, local, settings, uncommittedFiles }, [line.model])
    const result = training.result
    if (result) {
      terminal.out(`  version   ${result.manifest.version}`)
      terminal.out(`  artifact  ${result.artifact.name} (id ${result.artifact.id}, ${result.artifact.digest})`)
      const metrics = Object.entries(result.manifest.metrics)
      // Metric names come from the training's output: shown quoted, with their control characters escaped.
      if (metrics.length > 0) terminal.out(`  metrics   ${metrics.map(([name, value]) => `${showUntrusted(name, 100)}: ${value}`).join(', ')}`)
      // train's error starts "model-ci train MODEL: ..." and ends with the cause from the output.
      if (result.error) terminal.err(result.error.message)
    }
    // train() itself stopped (the config was checked above, so a store that failed, or a file
    // changed since): main() tells it and picks the exit status, as it does for every command.
    if (training.error) throw trainError(line.model, training.error)
    trained = training.outcome.kind === 'trained'
    if (trained) terminal.out(`Compare it with its baseline: model-ci report --run ${run.id}`)
  } finally {
    await runs.finish(run.id, trained ? 'success' : 'failure')
  }
  return trained ? 0 : 1
}

/** train's error as the one line main() prints, naming the command; the exit status still follows what it is about. */
function trainError(model: string, error: UserError): UserError {
  return new UserError(`model-ci train ${model}: ${error.message}`, { file: error.file, input: error.input, cause: error })
}
