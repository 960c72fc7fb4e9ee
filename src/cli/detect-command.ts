import { FsWorkflowRuns } from '../adapters/local/fs-workflow-runs.js'
import { detect } from '../commands/detect/detect.js'
import type { CommandLine } from './args.js'
import { openLocalWorkspace } from './local-workspace.js'
import { localRunContext, warnIfUncommitted } from './run-context.js'
import type { Terminal } from './terminal.js'
import { terminalLogger } from './terminal.js'

/** `model-ci detect`: the models `run` would train, one per line with its folder. */
export async function detectCommand(line: Extract<CommandLine, { command: 'detect' }>, terminal: Terminal): Promise<number> {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }))
  const local = await localRunContext(workspace, new FsWorkflowRuns(workspace.root), { ...line.trigger, defaultBranch: line.common.defaultBranch })
  // A config to fix is the one line main() prints: the warning about uncommitted files waits for detect.
  const detected = await detect(workspace.ports, { context: local.context, models: local.models, configFile: workspace.configFile })
  await warnIfUncommitted(workspace)
  terminal.out(`detect: ${local.description}`)
  terminal.out(detected.models.length === 0 ? 'No model changed.' : `${detected.models.length} model(s) to train:`)
  const paths = new Map(detected.matrix?.include.map((entry) => [entry.model, entry.path]))
  const width = Math.max(0, ...detected.models.map((model) => model.length))
  for (const model of detected.models) terminal.out(`  ${model.padEnd(width)}  ${paths.get(model) ?? ''}`.trimEnd())
  if (detected.deleted.length > 0) terminal.out(`Deleted: ${detected.deleted.join(', ')}`)
  return 0
}
