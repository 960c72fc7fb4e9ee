import { FsWorkflowRuns } from '../adapters/local/fs-workflow-runs.js'
import type { CommandLine } from './args.js'
import { reportLocally } from './local-report.js'
import { openLocalWorkspace, prepareStateDir } from './local-workspace.js'
import { noSuchRun } from './run-context.js'
import type { Terminal } from './terminal.js'
import { terminalLogger } from './terminal.js'

/** How many completed runs `report` looks through for the newest that trained something. */
const RUNS_LOOKED_AT = 100

/** `model-ci report [--run ID]`: reports a local run again, by default the newest completed one that trained models; it writes no ledger. */
export async function reportCommand(line: Extract<CommandLine, { command: 'report' }>, terminal: Terminal): Promise<number> {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }))
  await prepareStateDir(workspace)
  const runs = new FsWorkflowRuns(workspace.root)
  const run =
    line.runId === undefined
      ? (await runs.listCompleted({ limit: RUNS_LOOKED_AT })).find((candidate) => candidate.models.length > 0)
      : await runs.get(line.runId)
  if (!run) throw noSuchRun(line.runId)
  // The run recorded its ledger when it was reported first; a later report only reads. Written
  // again, it would replace that ledger, under a new artifact id, with one rebuilt from the baseline found now.
  const result = await reportLocally(workspace, runs, terminal, run, { writeLedger: false })
  if (result.error) terminal.err(`model-ci: ${result.error.message}`)
  return result.status === 'pass' ? 0 : 1
}
