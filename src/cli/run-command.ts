import { count } from '../core/report/format.js'
import { FsWorkflowRuns } from '../adapters/local/fs-workflow-runs.js'
import type { LocalConclusion } from '../adapters/local/fs-workflow-runs.js'
import { detect } from '../commands/detect/detect.js'
import { describeLookalikes } from '../core/detect-summary.js'
import { escapeControlCharacters } from '../core/untrusted-text.js'
import type { CommandLine } from './args.js'
import { promoteLocallyAutomatically } from './local-auto-promotion.js'
import { reportLocally } from './local-report.js'
import { trainLocally, trainingsAtOnceLocally } from './local-training.js'
import { openLocalWorkspace, prepareStateDir } from './local-workspace.js'
import { localRunContext, trainRunOf, warnIfUncommitted } from './run-context.js'
import type { Terminal } from './terminal.js'
import { paint, terminalLogger } from './terminal.js'

/** `model-ci run`: the whole pipeline of a push or pull request on this checkout: detect, train each changed model, report. */
export async function runCommand(line: Extract<CommandLine, { command: 'run' }>, terminal: Terminal): Promise<number> {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: line.verbose }))
  const runs = new FsWorkflowRuns(workspace.root)
  const local = await localRunContext(workspace, runs, { ...line.trigger, defaultBranch: line.common.defaultBranch })
  // detect reads model-ci.yml and the model.yml of every model to train: a config to fix is the
  // one line main() prints, so nothing is said before it.
  // A local run has no matrix to fit: every model trains on its own, whatever --max-jobs says.
  const detected = await detect(workspace.ports, { context: local.context, models: local.models, modelsShownAs: '--models', configFile: workspace.configFile, maxJobs: Number.MAX_SAFE_INTEGER })
  await prepareStateDir(workspace)
  const uncommittedFiles = warnIfUncommitted(workspace)
  terminal.out(paint(terminal, 'bold', `model-ci run: ${local.description}`))
  if (line.maxJobs !== undefined) {
    terminal.out(`Note: --max-jobs groups the jobs of GitHub's matrix (see model-ci detect --max-jobs); a local run trains each model on its own, ${line.jobs} at a time (-j)`)
  }
  if (detected.deleted.length > 0) terminal.out(`Deleted since the base: ${detected.deleted.join(', ')}`)
  const lookalikes = describeLookalikes(detected.lookalikes, escapeControlCharacters)
  if (lookalikes) terminal.out(lookalikes)
  if (detected.models.length === 0) {
    terminal.out('No model changed: nothing to train or report.')
    return 0
  }

  const run = await runs.begin({ context: local.context, headBranch: local.headBranch, models: detected.models })
  const jobs = await trainingsAtOnceLocally(workspace, terminal, detected.models, line.jobs)
  terminal.out(`Local run ${run.id}: training ${count(detected.models.length, 'model')}, ${jobs} at a time`)
  const releaseInterrupts = finishOnInterrupt(runs, run.id)
  let conclusion: LocalConclusion = 'failure'
  try {
    const trainings = await trainLocally(workspace, terminal, { run, trainRun: trainRunOf(run, local), settings: { jobs, python: line.python, verbose: line.verbose, showCause: true }, uncommittedFiles }, detected.models)
    const result = await reportLocally(workspace, runs, terminal, run, { writeLedger: true })
    const failed = trainings.filter((training) => training.outcome.kind !== 'trained').map((training) => training.model)
    // On the default branch, as the push workflow's promote-auto job: the models that passed go to the auto environments.
    const automatic = await promoteLocallyAutomatically(workspace, runs, terminal, run)
    if (result.error) terminal.err(`model-ci: ${result.error.message}`)
    if (failed.length > 0) terminal.err(`model-ci: ${count(failed.length, 'model')} failed to train: ${failed.join(', ')}`)
    if (automatic?.error) terminal.err(automatic.error.message)
    if (result.status === 'pass' && failed.length === 0 && !automatic?.error) conclusion = 'success'
  } finally {
    releaseInterrupts()
    await runs.finish(run.id, conclusion)
  }
  return conclusion === 'success' ? 0 : 1
}

/**
 * While the run is in progress, Ctrl-C (or SIGTERM) records it as cancelled before the process
 * ends; the trainings' process groups are stopped by the process runner on the way out.
 */
function finishOnInterrupt(runs: FsWorkflowRuns, runId: number): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    void runs.finish(runId, 'cancelled').finally(() => process.exit(signal === 'SIGINT' ? 130 : 143))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  return () => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
